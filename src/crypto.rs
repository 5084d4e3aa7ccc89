//! The cryptographic compositions of the formats, in one place, each a thin layer over
//! the RustCrypto crates and [`mac`](crate::mac): HMAC (verification in constant time,
//! full-length tags only), HKDF-SHA256, AES-256-CBC with PKCS #7 padding, and
//! A256CBC-HS512 (RFC 7518 §5.2), the `jwe` strategy's content encryption, whose tag is
//! checked before any decryption.
//!
//! The keyring prepares each key once ([`HmacSha256`], [`A256CbcHs512Key`]); the
//! strategies and the signed cookie use those, and the key-taking functions here (what the
//! Wycheproof tests below call) prepare a key and go through exactly the same code.

use aes::cipher::{block_padding::Pkcs7, BlockDecryptMut, BlockEncryptMut, InnerIvInit, KeyInit};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::{Sha256, Sha384};
use subtle::ConstantTimeEq;
use zeroize::ZeroizeOnDrop;

pub(crate) use crate::mac::{HmacSha256, HmacSha512};

type Aes256CbcEnc = cbc::Encryptor<aes::Aes256Enc>;
type Aes256CbcDec = cbc::Decryptor<aes::Aes256Dec>;

/// The hash of an HMAC (`Sha256` here for the tests: the formats use the keyring's
/// prepared [`HmacSha256`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hash {
    #[cfg_attr(not(test), allow(dead_code))]
    Sha256,
    Sha384,
    Sha512,
}

#[cfg(test)]
/// HMAC-SHA256 of the concatenation of `parts` under `key`.
pub(crate) fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    HmacSha256::new(key).tag(parts)
}

/// Whether `tag` is the HMAC of `msg` under `key`: compared in constant time, and only
/// a tag of the hash's full length can match (a truncated tag never verifies).
pub(crate) fn hmac_verify(hash: Hash, key: &[u8], msg: &[u8], tag: &[u8]) -> bool {
    match hash {
        Hash::Sha256 => HmacSha256::new(key).verify(&[msg], tag),
        Hash::Sha384 => match <Hmac<Sha384> as Mac>::new_from_slice(key) {
            Ok(mut mac) => {
                mac.update(msg);
                // `verify_slice` refuses any tag whose length is not the output size.
                mac.verify_slice(tag).is_ok()
            }
            Err(_) => false,
        },
        Hash::Sha512 => tag.len() == 64 && bool::from(HmacSha512::new(key).tag(&[msg]).ct_eq(tag)),
    }
}

/// HKDF-SHA256 (RFC 5869) of `ikm` with `salt` and `info` into `out`; `false` when
/// `out` is longer than HKDF-SHA256 can give (255 × 32 bytes).
pub(crate) fn hkdf_sha256(ikm: &[u8], salt: &[u8], info: &[u8], out: &mut [u8]) -> bool {
    Hkdf::<Sha256>::new(Some(salt), ikm)
        .expand(info, out)
        .is_ok()
}

#[cfg(test)]
/// AES-256-CBC encryption of `plaintext` with PKCS #7 padding; `None` for a key that is
/// not 32 bytes or an IV that is not 16.
pub(crate) fn aes256_cbc_encrypt(key: &[u8], iv: &[u8], plaintext: &[u8]) -> Option<Vec<u8>> {
    let cipher = aes::Aes256Enc::new_from_slice(key).ok()?;
    cbc_encrypt(&cipher, iv, plaintext)
}

#[cfg(test)]
/// AES-256-CBC decryption with PKCS #7 padding; `None` for bad lengths or bad padding.
pub(crate) fn aes256_cbc_decrypt(key: &[u8], iv: &[u8], ciphertext: &[u8]) -> Option<Vec<u8>> {
    let cipher = aes::Aes256Dec::new_from_slice(key).ok()?;
    let mut buf = ciphertext.to_vec();
    let n = cbc_decrypt_in_place(&cipher, iv, &mut buf)?;
    buf.truncate(n);
    Some(buf)
}

fn cbc_encrypt(cipher: &aes::Aes256Enc, iv: &[u8], plaintext: &[u8]) -> Option<Vec<u8>> {
    if iv.len() != 16 {
        return None;
    }
    let iv = aes::cipher::generic_array::GenericArray::from_slice(iv);
    Some(Aes256CbcEnc::inner_iv_init(cipher.clone(), iv).encrypt_padded_vec_mut::<Pkcs7>(plaintext))
}

/// Decrypts `buf` in place; the plaintext's length, or `None` for a bad IV length or bad
/// padding.
fn cbc_decrypt_in_place(cipher: &aes::Aes256Dec, iv: &[u8], buf: &mut [u8]) -> Option<usize> {
    if iv.len() != 16 {
        return None;
    }
    let iv = aes::cipher::generic_array::GenericArray::from_slice(iv);
    Aes256CbcDec::inner_iv_init(cipher.clone(), iv)
        .decrypt_padded_mut::<Pkcs7>(buf)
        .ok()
        .map(|plaintext| plaintext.len())
}

/// An A256CBC-HS512 key (RFC 7518 §5.2.2): the HMAC-SHA-512 state of its first half,
/// prepared once, and its second half, the AES-256 key, expanded on each use (a few
/// dozen nanoseconds with AES-NI). Zeroized on drop.
///
/// The AES key schedules are not kept: `aes`'s types hold a union of two schedule
/// layouts and zeroize only the one in use, so a copy of one would carry stray bytes —
/// key material among them — that nothing wipes.
#[derive(Clone)]
pub(crate) struct A256CbcHs512Key {
    mac: HmacSha512,
    enc_key: zeroize::Zeroizing<[u8; 32]>,
}

impl ZeroizeOnDrop for A256CbcHs512Key {}

impl A256CbcHs512Key {
    /// The key from its 64 bytes (MAC key, then encryption key); `None` for another
    /// length.
    pub(crate) fn new(key: &[u8]) -> Option<Self> {
        if key.len() != 64 {
            return None;
        }
        let (mac_key, enc) = key.split_at(32);
        let mut enc_key = zeroize::Zeroizing::new([0u8; 32]);
        enc_key.copy_from_slice(enc);
        Some(A256CbcHs512Key {
            mac: HmacSha512::new(mac_key),
            enc_key,
        })
    }

    /// The tag: the first 32 bytes of HMAC-SHA512(mac_key, AAD ‖ IV ‖ ciphertext ‖ bit
    /// length of AAD as 64-bit big endian).
    pub(crate) fn tag(&self, aad: &[u8], iv: &[u8], ciphertext: &[u8]) -> [u8; 32] {
        tag_with(&self.mac, aad, iv, ciphertext)
    }

    /// Whether `tag` authenticates `aad`, `iv` and `ciphertext` (constant time; only a
    /// 32-byte tag can).
    pub(crate) fn authentic(&self, aad: &[u8], iv: &[u8], ciphertext: &[u8], tag: &[u8]) -> bool {
        tag.len() == 32 && bool::from(self.tag(aad, iv, ciphertext).ct_eq(tag))
    }

    /// Encryption (RFC 7518 §5.2.2.1): the ciphertext and the tag; `None` for an IV that
    /// is not 16 bytes.
    pub(crate) fn encrypt(
        &self,
        iv: &[u8],
        aad: &[u8],
        plaintext: &[u8],
    ) -> Option<(Vec<u8>, [u8; 32])> {
        let cipher = aes::Aes256Enc::new_from_slice(&self.enc_key[..]).ok()?;
        let ciphertext = cbc_encrypt(&cipher, iv, plaintext)?;
        let tag = self.tag(aad, iv, &ciphertext);
        Some((ciphertext, tag))
    }

    /// Decryption in place (RFC 7518 §5.2.2.2): the tag is checked first, in constant
    /// time, and only an authentic ciphertext is decrypted, so nothing about the padding
    /// of a forged one can be learnt. Returns the plaintext's length in `buf`.
    pub(crate) fn decrypt_in_place(
        &self,
        iv: &[u8],
        aad: &[u8],
        buf: &mut [u8],
        tag: &[u8],
    ) -> Result<usize, AeadFailure> {
        if iv.len() != 16 || !self.authentic(aad, iv, buf, tag) {
            return Err(AeadFailure::Tag);
        }
        let cipher =
            aes::Aes256Dec::new_from_slice(&self.enc_key[..]).map_err(|_| AeadFailure::Tag)?;
        cbc_decrypt_in_place(&cipher, iv, buf).ok_or(AeadFailure::Padding)
    }
}

#[cfg(test)]
/// The A256CBC-HS512 tag under `mac_key` (see [`A256CbcHs512Key::tag`]).
pub(crate) fn cbc_hs512_tag(mac_key: &[u8], aad: &[u8], iv: &[u8], ciphertext: &[u8]) -> [u8; 32] {
    tag_with(&HmacSha512::new(mac_key), aad, iv, ciphertext)
}

/// The first 32 bytes of HMAC-SHA512(AAD ‖ IV ‖ ciphertext ‖ AAD bit length, 64-bit big
/// endian) with `mac`.
fn tag_with(mac: &HmacSha512, aad: &[u8], iv: &[u8], ciphertext: &[u8]) -> [u8; 32] {
    let al = ((aad.len() as u64) * 8).to_be_bytes();
    let full = mac.tag(&[aad, iv, ciphertext, &al]);
    let mut tag = [0u8; 32];
    tag.copy_from_slice(&full[..32]);
    tag
}

#[cfg(test)]
/// A256CBC-HS512 encryption under the 64-byte `key` (MAC key, then encryption key): the
/// ciphertext and the tag. `None` for bad key or IV lengths.
pub(crate) fn a256cbc_hs512_encrypt(
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Option<(Vec<u8>, [u8; 32])> {
    A256CbcHs512Key::new(key)?.encrypt(iv, aad, plaintext)
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

#[cfg(test)]
/// A256CBC-HS512 decryption under the 64-byte `key` (see
/// [`A256CbcHs512Key::decrypt_in_place`]).
pub(crate) fn a256cbc_hs512_decrypt(
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> Result<Vec<u8>, AeadFailure> {
    let key = A256CbcHs512Key::new(key).ok_or(AeadFailure::Tag)?;
    let mut buf = ciphertext.to_vec();
    let n = key.decrypt_in_place(iv, aad, &mut buf, tag)?;
    buf.truncate(n);
    Ok(buf)
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
    use sha2::Sha512;
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
