//! The cryptographic compositions of the formats, in one place, each a thin layer over
//! the RustCrypto crates: HMAC (verification in constant time, full-length tags only),
//! HKDF-SHA256, AES-256-CBC with PKCS #7 padding, and A256CBC-HS512 (RFC 7518 §5.2), the
//! `jwe` strategy's content encryption, whose tag is checked before any decryption.
//!
//! The strategies, the signed cookie and the keyring call these and nothing else, so the
//! Wycheproof tests below exercise exactly the code paths that handle values.

use aes::cipher::{block_padding::Pkcs7, BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::{Sha256, Sha384, Sha512};
use subtle::ConstantTimeEq;

type Aes256CbcEnc = cbc::Encryptor<aes::Aes256>;
type Aes256CbcDec = cbc::Decryptor<aes::Aes256>;

/// The hash of an HMAC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

/// HMAC-SHA256 of the concatenation of `parts` under `key`.
pub(crate) fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

/// Whether `tag` is the HMAC of `msg` under `key`: compared in constant time, and only
/// a tag of the hash's full length can match (a truncated tag never verifies).
pub(crate) fn hmac_verify(hash: Hash, key: &[u8], msg: &[u8], tag: &[u8]) -> bool {
    fn verify<M: Mac + hmac::digest::KeyInit>(key: &[u8], msg: &[u8], tag: &[u8]) -> bool {
        match <M as Mac>::new_from_slice(key) {
            Ok(mut mac) => {
                mac.update(msg);
                // `verify_slice` refuses any tag whose length is not the output size.
                mac.verify_slice(tag).is_ok()
            }
            Err(_) => false,
        }
    }
    match hash {
        Hash::Sha256 => verify::<Hmac<Sha256>>(key, msg, tag),
        Hash::Sha384 => verify::<Hmac<Sha384>>(key, msg, tag),
        Hash::Sha512 => verify::<Hmac<Sha512>>(key, msg, tag),
    }
}

/// HKDF-SHA256 (RFC 5869) of `ikm` with `salt` and `info` into `out`; `false` when
/// `out` is longer than HKDF-SHA256 can give (255 × 32 bytes).
pub(crate) fn hkdf_sha256(ikm: &[u8], salt: &[u8], info: &[u8], out: &mut [u8]) -> bool {
    Hkdf::<Sha256>::new(Some(salt), ikm)
        .expand(info, out)
        .is_ok()
}

/// AES-256-CBC encryption of `plaintext` with PKCS #7 padding; `None` for a key that is
/// not 32 bytes or an IV that is not 16.
pub(crate) fn aes256_cbc_encrypt(key: &[u8], iv: &[u8], plaintext: &[u8]) -> Option<Vec<u8>> {
    Some(
        Aes256CbcEnc::new_from_slices(key, iv)
            .ok()?
            .encrypt_padded_vec_mut::<Pkcs7>(plaintext),
    )
}

/// AES-256-CBC decryption with PKCS #7 padding; `None` for bad lengths or bad padding.
pub(crate) fn aes256_cbc_decrypt(key: &[u8], iv: &[u8], ciphertext: &[u8]) -> Option<Vec<u8>> {
    Aes256CbcDec::new_from_slices(key, iv)
        .ok()?
        .decrypt_padded_vec_mut::<Pkcs7>(ciphertext)
        .ok()
}

/// The A256CBC-HS512 tag (RFC 7518 §5.2.2): the first 32 bytes of
/// HMAC-SHA512(mac_key, AAD ‖ IV ‖ ciphertext ‖ bit length of AAD as 64-bit big endian).
pub(crate) fn cbc_hs512_tag(mac_key: &[u8], aad: &[u8], iv: &[u8], ciphertext: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<Sha512> as Mac>::new_from_slice(mac_key)
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(aad);
    mac.update(iv);
    mac.update(ciphertext);
    mac.update(&((aad.len() as u64) * 8).to_be_bytes());
    let full = mac.finalize().into_bytes();
    let mut tag = [0u8; 32];
    tag.copy_from_slice(&full[..32]);
    tag
}

/// A256CBC-HS512 encryption (RFC 7518 §5.2.2.1) under the 64-byte `key` (MAC key, then
/// encryption key): the ciphertext and the tag. `None` for bad key or IV lengths.
pub(crate) fn a256cbc_hs512_encrypt(
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Option<(Vec<u8>, [u8; 32])> {
    if key.len() != 64 {
        return None;
    }
    let (mac_key, enc_key) = key.split_at(32);
    let ciphertext = aes256_cbc_encrypt(enc_key, iv, plaintext)?;
    let tag = cbc_hs512_tag(mac_key, aad, iv, &ciphertext);
    Some((ciphertext, tag))
}

/// Why an A256CBC-HS512 decryption failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AeadFailure {
    /// The tag does not verify (or a length is wrong): nothing was decrypted.
    Tag,
    /// The tag verified but the plaintext's padding is bad: only a holder of the key can
    /// make such a value.
    Padding,
}

/// A256CBC-HS512 decryption (RFC 7518 §5.2.2.2): the tag is checked first, in constant
/// time, and only an authentic ciphertext is decrypted, so nothing about the padding of
/// a forged one can be learnt.
pub(crate) fn a256cbc_hs512_decrypt(
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> Result<Vec<u8>, AeadFailure> {
    if key.len() != 64 || iv.len() != 16 || tag.len() != 32 {
        return Err(AeadFailure::Tag);
    }
    let (mac_key, enc_key) = key.split_at(32);
    let expected = cbc_hs512_tag(mac_key, aad, iv, ciphertext);
    if !bool::from(expected.ct_eq(tag)) {
        return Err(AeadFailure::Tag);
    }
    aes256_cbc_decrypt(enc_key, iv, ciphertext).ok_or(AeadFailure::Padding)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7518 Appendix B.3, the A256CBC-HS512 test case.
    #[test]
    fn rfc7518_b3() {
        let hex = |s: &str| -> Vec<u8> {
            let s: String = s.split_whitespace().collect();
            (0..s.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
                .collect()
        };
        let key = hex("00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f
                       20 21 22 23 24 25 26 27 28 29 2a 2b 2c 2d 2e 2f 30 31 32 33 34 35 36 37 38 39 3a 3b 3c 3d 3e 3f");
        let plaintext = b"A cipher system must not be required to be secret, and it must be able to fall into the hands of the enemy without inconvenience";
        let iv = hex("1a f3 8c 2d c2 b9 6f fd d8 66 94 09 23 41 bc 04");
        let aad = b"The second principle of Auguste Kerckhoffs";
        let ciphertext = hex("4a ff aa ad b7 8c 31 c5 da 4b 1b 59 0d 10 ff bd 3d d8 d5 d3 02 42 35 26 91 2d a0 37 ec bc c7 bd
             82 2c 30 1d d6 7c 37 3b cc b5 84 ad 3e 92 79 c2 e6 d1 2a 13 74 b7 7f 07 75 53 df 82 94 10 44 6b
             36 eb d9 70 66 29 6a e6 42 7e a7 5c 2e 08 46 a1 1a 09 cc f5 37 0d c8 0b fe cb ad 28 c7 3f 09 b3
             a3 b7 5e 66 2a 25 94 41 0a e4 96 b2 e2 e6 60 9e 31 e6 e0 2c c8 37 f0 53 d2 1f 37 ff 4f 51 95 0b
             be 26 38 d0 9d d7 a4 93 09 30 80 6d 07 03 b1 f6");
        let tag = hex("4d d3 b4 c0 88 a7 f4 5c 21 68 39 64 5b 20 12 bf 2e 62 69 a8 c5 6a 81 6d bc 1b 26 77 61 95 5b c5");
        let (ct, t) = a256cbc_hs512_encrypt(&key, &iv, aad, plaintext).unwrap();
        assert_eq!(ct, ciphertext);
        assert_eq!(t.to_vec(), tag);
        assert_eq!(
            a256cbc_hs512_decrypt(&key, &iv, aad, &ciphertext, &tag).unwrap(),
            plaintext
        );
        let mut bad = tag.clone();
        bad[31] ^= 1;
        assert_eq!(
            a256cbc_hs512_decrypt(&key, &iv, aad, &ciphertext, &bad),
            Err(AeadFailure::Tag)
        );
    }

    #[test]
    fn the_tag_is_checked_before_the_padding() {
        let key = [7u8; 64];
        let iv = [1u8; 16];
        // A block whose decryption has (almost surely) bad padding, under a tag that
        // is authentic: the failure is the padding's.
        let ciphertext = [0x5au8; 32];
        let tag = cbc_hs512_tag(&key[..32], b"aad", &iv, &ciphertext);
        assert_eq!(
            a256cbc_hs512_decrypt(&key, &iv, b"aad", &ciphertext, &tag),
            Err(AeadFailure::Padding)
        );
        // The same ciphertext under a wrong tag: the tag's failure, padding never looked at.
        let mut wrong = tag;
        wrong[0] ^= 0x80;
        assert_eq!(
            a256cbc_hs512_decrypt(&key, &iv, b"aad", &ciphertext, &wrong),
            Err(AeadFailure::Tag)
        );
    }

    #[test]
    fn truncated_and_empty_tags_never_verify() {
        let key = b"key";
        let full = hmac_sha256(key, &[b"msg"]);
        assert!(hmac_verify(Hash::Sha256, key, b"msg", &full));
        for len in [0, 1, 16, 31] {
            assert!(
                !hmac_verify(Hash::Sha256, key, b"msg", &full[..len]),
                "{len}"
            );
        }
        let mut longer = full.to_vec();
        longer.push(0);
        assert!(!hmac_verify(Hash::Sha256, key, b"msg", &longer));
    }
}

/// Wycheproof (C2SP) vectors through the functions above.
#[cfg(test)]
mod wycheproof_tests {
    use super::*;
    use wycheproof::TestResult;

    /// Runs `check` on every test and returns (tests, of them valid); a test whose
    /// verdict is not Wycheproof's fails the caller.
    fn tally(
        results: impl Iterator<Item = (usize, TestResult, bool)>,
        what: &str,
    ) -> (usize, usize) {
        let (mut n, mut valid) = (0, 0);
        for (id, expected, accepted) in results {
            n += 1;
            match expected {
                TestResult::Valid => {
                    assert!(accepted, "{what} test {id}: valid, refused");
                    valid += 1;
                }
                TestResult::Invalid => assert!(!accepted, "{what} test {id}: invalid, accepted"),
                TestResult::Acceptable => {}
            }
        }
        assert!(n > 0, "{what}: no tests");
        eprintln!("wycheproof {what}: {n} tests, {valid} valid");
        (n, valid)
    }

    /// HMAC-SHA256/384/512 as the signed cookie, `compact` and `jwt` verify: full-length
    /// tags must verify exactly as Wycheproof says; a truncated tag (valid for a MAC
    /// truncated on purpose) must never verify here, since no format truncates.
    #[test]
    fn hmac() {
        use wycheproof::mac::{TestName, TestSet};
        for (name, hash, full) in [
            (TestName::HmacSha256, Hash::Sha256, 256),
            (TestName::HmacSha384, Hash::Sha384, 384),
            (TestName::HmacSha512, Hash::Sha512, 512),
        ] {
            let set = TestSet::load(name).unwrap();
            let results = set.test_groups.iter().flat_map(|g| {
                g.tests.iter().map(move |t| {
                    let accepted = hmac_verify(hash, &t.key, &t.msg, &t.tag);
                    let expected = if g.tag_size == full {
                        t.result
                    } else {
                        TestResult::Invalid
                    };
                    if g.tag_size == full && hash == Hash::Sha256 {
                        // The signing side computes the same tag.
                        assert_eq!(
                            hmac_sha256(&t.key, &[&t.msg]) == t.tag.as_slice(),
                            t.result == TestResult::Valid,
                            "HMAC-SHA256 test {}",
                            t.tc_id
                        );
                    }
                    (t.tc_id, expected, accepted)
                })
            });
            tally(results, &format!("{name:?}"));
        }
    }

    /// The first 256 bits of HMAC-SHA512, as A256CBC-HS512's tag: Wycheproof's
    /// truncated HMAC-SHA512 tests of that size.
    #[test]
    fn hmac_sha512_truncated_to_256_bits() {
        use wycheproof::mac::{TestName, TestSet};
        let set = TestSet::load(TestName::HmacSha512).unwrap();
        let results = set
            .test_groups
            .iter()
            .filter(|g| g.tag_size == 256)
            .flat_map(|g| {
                g.tests.iter().map(|t| {
                    let mut mac = <Hmac<Sha512> as Mac>::new_from_slice(&t.key).unwrap();
                    mac.update(&t.msg);
                    let full = mac.finalize().into_bytes();
                    (t.tc_id, t.result, bool::from(full[..32].ct_eq(&t.tag)))
                })
            });
        tally(results, "HMAC-SHA512/256 (the A256CBC-HS512 tag)");
    }

    /// HKDF-SHA256 as the keyring derives the `jwe` key.
    #[test]
    fn hkdf() {
        use wycheproof::hkdf::{TestName, TestSet};
        let set = TestSet::load(TestName::HkdfSha256).unwrap();
        let results = set.test_groups.iter().flat_map(|g| {
            g.tests.iter().map(|t| {
                let mut out = vec![0u8; t.size];
                let ok = hkdf_sha256(&t.ikm, &t.salt, &t.info, &mut out) && out == *t.okm;
                (t.tc_id, t.result, ok)
            })
        });
        tally(results, "HKDF-SHA256");
    }

    /// AES-CBC with PKCS #5 padding, 256-bit keys (the only size the `jwe` strategy
    /// uses): encryption gives Wycheproof's ciphertext, decryption refuses bad padding.
    #[test]
    fn aes_cbc_pkcs5() {
        use wycheproof::cipher::{TestName, TestSet};
        let set = TestSet::load(TestName::AesCbcPkcs5).unwrap();
        let results = set
            .test_groups
            .iter()
            .filter(|g| g.key_size == 256)
            .flat_map(|g| {
                g.tests.iter().map(|t| {
                    let decrypted = aes256_cbc_decrypt(&t.key, &t.nonce, &t.ct);
                    let ok = decrypted.as_deref() == Some(&t.pt[..]);
                    if t.result == TestResult::Valid {
                        assert_eq!(
                            aes256_cbc_encrypt(&t.key, &t.nonce, &t.pt).as_deref(),
                            Some(&t.ct[..]),
                            "AES-CBC test {}",
                            t.tc_id
                        );
                    }
                    (t.tc_id, t.result, ok)
                })
            });
        tally(results, "AES-256-CBC-PKCS5");
    }

    /// A256CBC-HS512 (the `jwe` strategy's `enc`), encryption and decryption.
    #[test]
    fn a256cbc_hs512() {
        use wycheproof::aead::{TestName, TestSet};
        let set = TestSet::load(TestName::Aes256CbcHmacSha512).unwrap();
        let results = set.test_groups.iter().flat_map(|g| {
            g.tests.iter().map(|t| {
                let ok = a256cbc_hs512_decrypt(&t.key, &t.nonce, &t.aad, &t.ct, &t.tag).as_deref()
                    == Ok(&t.pt[..]);
                if t.result == TestResult::Valid {
                    let (ct, tag) = a256cbc_hs512_encrypt(&t.key, &t.nonce, &t.aad, &t.pt).unwrap();
                    assert_eq!(
                        (ct, tag.to_vec()),
                        (t.ct.to_vec(), t.tag.to_vec()),
                        "A256CBC-HS512 test {}",
                        t.tc_id
                    );
                }
                (t.tc_id, t.result, ok)
            })
        });
        tally(results, "A256CBC-HS512");
    }
}
