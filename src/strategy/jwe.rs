//! Strategy `jwe`: a compact JWE, `dir` + `A256CBC-HS512`, as `jose`'s `EncryptJWT`
//! writes it for Better Auth.
//!
//! - Key: HKDF-SHA256(secret, salt `"better-auth-session"`,
//!   info `"BetterAuth.js Generated Encryption Key"`, 64 bytes), derived once per secret
//!   when the [`Keyring`] is built.
//! - Header `{"alg":"dir","enc":"A256CBC-HS512","kid":<RFC 7638 SHA-256 thumbprint>}`.
//! - Claims: the payload's keys, then `iat`, `exp` (seconds) and `jti` (a random UUID).
//!
//! Decoding picks the key as Better Auth does: with a `kid`, the secret (current, older
//! versions, legacy) whose key has that thumbprint, else [`ErrorKind::UnknownKey`];
//! without one, the current secret, then the others in order. The authentication tag is
//! checked, in constant time, before anything is decrypted. Times have 15 s of clock
//! tolerance.
//!
//! Better Auth lists `A256GCM` among the accepted encryptions, but its 64-byte key can
//! never be an `A256GCM` key (which is 32 bytes), so `jose` refuses every such token:
//! this module refuses them too, with [`ErrorKind::DecryptFailed`].
//!
//! ```
//! use session_cache::{jwe, EncodeOptions, KeyVersion, Keyring, Payload, VerifyOptions};
//! let old = Keyring::from_secrets([(1, "the-old-secret-value-0123456789ab")], None)?;
//! let rotated = Keyring::from_secrets_env(
//!     "2:the-new-secret-value-0123456789ab,1:the-old-secret-value-0123456789ab", None)?;
//! let payload = Payload::from_json(r#"{"session":{"id":"s1","token":"tok","userId":"u1",
//!   "expiresAt":"2026-11-29T06:29:25.877Z"},"user":{"id":"u1","email":"a@example.com",
//!   "name":"Ada"},"updatedAt":1795328965877,"version":"1"}"#)?;
//! let now = 1_795_328_965_877;
//! // Minted before the rotation, still readable after it: the kid names the old key.
//! let value = jwe::encode(&payload, &old, &EncodeOptions::default().with_max_age(300), now)?;
//! let verified = jwe::verify(&value, &rotated, &VerifyOptions::default(), now)?;
//! assert_eq!(verified.payload().user().email, "a@example.com");
//! assert_eq!(verified.verified_by().secret_version(), Some(KeyVersion::Version(1)));
//! # Ok::<(), session_cache::Error>(())
//! ```

use crate::b64;
use crate::crypto::AeadFailure;
use crate::defaults;
use crate::error::{Error, ErrorKind, Result};
use crate::json::{JsString, Value};
use crate::keys::{fill_random, KeyEntry, Keyring};
use crate::options::EncodeOptions;
use crate::payload::{Payload, JWE_CLAIMS};
use crate::strategy::{decode_json_part, finish_jose_bytes, max_age_ms, split_parts, Strategy};
use crate::verified::{VerifiedCache, VerifyOptions};

/// Encodes `payload` as a JWE issued at `now` (Unix ms), expiring `max_age` seconds
/// later, encrypted with the keyring's current secret. The IV and `jti` come from the
/// operating system's random generator.
pub fn encode(
    payload: &Payload,
    keys: &Keyring,
    options: &EncodeOptions,
    now: i64,
) -> Result<String> {
    encode_with_rng(payload, keys, options, now, &mut |buf| fill_random(buf))
}

/// [`encode`] with a caller-supplied source of random bytes (for reproducible tests).
pub fn encode_with_rng(
    payload: &Payload,
    keys: &Keyring,
    options: &EncodeOptions,
    now: i64,
    rng: &mut dyn FnMut(&mut [u8]) -> Result<()>,
) -> Result<String> {
    let entry = keys.current();
    let iat = now.div_euclid(1000);
    let exp = iat + max_age_ms(options, Strategy::Jwe)? / 1000;
    let mut random = [0u8; 32];
    rng(&mut random)?;
    let (iv, uuid_bytes) = random.split_at(16);
    let jti = uuid_v4(uuid_bytes);

    let mut plaintext = Vec::with_capacity(1024);
    payload.as_object().write_js_with(
        &[
            ("iat", Value::Number(iat as f64)),
            ("exp", Value::Number(exp as f64)),
            ("jti", Value::String(JsString::from(jti.as_str()))),
        ],
        &mut plaintext,
    );

    let mut out = String::with_capacity(plaintext.len() * 4 / 3 + 256);
    out.push_str(&entry.jwe_header_b64);
    let aad_len = out.len();

    let (ciphertext, tag) = entry
        .jwe
        .encrypt(iv, out.as_bytes(), &plaintext)
        .ok_or_else(|| Error::new(ErrorKind::InvalidKey, "bad IV length"))?;

    out.push_str("..");
    b64::url_encode_into(iv, &mut out);
    out.push('.');
    b64::url_encode_into(&ciphertext, &mut out);
    out.push('.');
    b64::url_encode_into(&tag, &mut out);
    debug_assert!(out.len() > aad_len);
    Ok(out)
}

/// Verifies a JWE cache value at `now` (Unix ms): the length, the header, the key (by
/// `kid`, else every secret in order), the tag (in constant time, before any
/// decryption), the decryption, the time claims (15 s of tolerance) and the payload
/// schema. [`VerifyOptions::secrets`] does not apply: every secret is tried, as Better
/// Auth does.
pub fn verify(
    value: &str,
    keys: &Keyring,
    options: &VerifyOptions,
    now: i64,
) -> Result<VerifiedCache> {
    options.check_len(value)?;
    let [header_b64, encrypted_key, iv_b64, ciphertext_b64, tag_b64] = split_parts::<5>(value)?;
    // The header Better Auth writes names one of our keys: no need to parse it.
    let known = keys
        .entries()
        .iter()
        .find(|e| e.jwe_header_b64 == header_b64);
    let named = match known {
        Some(entry) => Some(entry),
        None => check_header(header_b64, keys)?,
    };
    if !encrypted_key.is_empty() {
        return Err(Error::malformed(
            "a \"dir\" JWE must have an empty encrypted key",
        ));
    }
    let mut iv = [0u8; 16];
    let iv = b64::url_decode_into(iv_b64, &mut iv, "the JWE IV")?;
    let mut tag = [0u8; 32];
    let tag = b64::url_decode_into(tag_b64, &mut tag, "the JWE tag")?;
    let mut ciphertext = b64::url_decode(ciphertext_b64, "the JWE ciphertext")?;
    if iv.len() != 16 {
        return Err(Error::new(
            ErrorKind::DecryptFailed,
            "the JWE IV must be 16 bytes",
        ));
    }
    let aad = header_b64.as_bytes();
    // The tag is checked first, in constant time; only an authentic ciphertext is
    // decrypted (so a padding failure means the key's holder wrote bad padding). Each
    // candidate key computes the tag once: `decrypt_in_place` leaves the buffer as it was
    // when the tag does not verify, so the next key sees the same ciphertext.
    let failed = |failure: AeadFailure| {
        Error::new(
            ErrorKind::DecryptFailed,
            match failure {
                AeadFailure::Tag => "the JWE authentication tag does not verify with the keyring",
                AeadFailure::Padding => "the JWE is authentic but its plaintext padding is invalid",
            },
        )
    };
    let open = |entry: &KeyEntry, buf: &mut [u8]| entry.jwe.decrypt_in_place(iv, aad, buf, tag);
    let (entry, len) = match named {
        Some(entry) => (entry, open(entry, &mut ciphertext).map_err(failed)?),
        None => {
            let mut opened = Err(AeadFailure::Tag);
            for entry in keys.entries() {
                match open(entry, &mut ciphertext) {
                    Err(AeadFailure::Tag) => continue,
                    other => {
                        opened = other.map(|len| (entry, len));
                        break;
                    }
                }
            }
            opened.map_err(failed)?
        }
    };
    finish_jose_bytes(
        &ciphertext[..len],
        defaults::JWE_CLOCK_TOLERANCE as f64,
        JWE_CLAIMS,
        Strategy::Jwe,
        entry.version,
        now,
    )
}

/// Checks a header that is not one of the keyring's own: `alg` `dir`, `enc`
/// `A256CBC-HS512`, no `crit` or `zip`. The key its `kid` names, `None` when it has no
/// `kid` (every key is then tried in order); [`ErrorKind::UnknownKey`] for a `kid` the
/// keyring does not hold.
fn check_header<'k>(header_b64: &str, keys: &'k Keyring) -> Result<Option<&'k KeyEntry>> {
    let header = decode_json_part(header_b64, "the JWE header")?;
    if header.get("alg").and_then(Value::as_str) != Some("dir") {
        return Err(Error::new(
            ErrorKind::UnsupportedAlgorithm,
            "the JWE \"alg\" must be \"dir\"",
        ));
    }
    let enc = header.get("enc").and_then(Value::as_str);
    if header.get("crit").is_some() || header.get("zip").is_some() {
        return Err(Error::new(
            ErrorKind::UnsupportedAlgorithm,
            "JWE \"crit\" and \"zip\" headers are not supported",
        ));
    }
    match enc {
        Some("A256CBC-HS512") => {}
        Some("A256GCM") => {
            return Err(Error::new(
                ErrorKind::DecryptFailed,
                "A256GCM needs a 32-byte key and Better Auth's derived key is 64 bytes: no such token can be decrypted",
            ))
        }
        _ => return Err(Error::new(ErrorKind::UnsupportedAlgorithm, "the JWE \"enc\" must be \"A256CBC-HS512\"")),
    }
    match header.get("kid") {
        None => Ok(None),
        Some(kid) => {
            let kid = kid.as_str();
            keys.entries()
                .iter()
                .find(|e| Some(e.jwe_kid.as_str()) == kid)
                .map(Some)
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::UnknownKey,
                        "the JWE kid matches no secret of the keyring",
                    )
                })
        }
    }
}

/// A random (version 4) UUID in lowercase hyphenated form, as `crypto.randomUUID()`.
fn uuid_v4(bytes: &[u8]) -> String {
    let mut b = [0u8; 16];
    b.copy_from_slice(&bytes[..16]);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (i, byte) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(char::from(b"0123456789abcdef"[usize::from(byte >> 4)]));
        out.push(char::from(b"0123456789abcdef"[usize::from(byte & 15)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_shape() {
        let u = uuid_v4(&[0xffu8; 16]);
        assert_eq!(u, "ffffffff-ffff-4fff-bfff-ffffffffffff");
    }
}
