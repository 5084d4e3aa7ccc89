//! The signed cookie values of better-call (`dist/crypto.mjs`, `dist/context.mjs`):
//! the session token and `dont_remember`.
//!
//! On the wire: `encodeURIComponent(value + "." + base64(HMAC-SHA256(secret, value)))`,
//! standard base64 with padding (44 characters). A reader percent-decodes the cookie
//! (the request parser does), takes the last `.`, requires a 44-character signature
//! ending in `=`, and checks the HMAC with the UTF-8 bytes of the current secret.

use crate::b64;
use crate::crypto::{hmac_sha256, hmac_verify, Hash};
use crate::error::{Error, ErrorKind, Result};
use crate::keys::{Keyring, VerifyWith};

use super::chunks::utf16_len;
use super::set_cookie::encode_uri_component;

/// The length of a signature: standard base64 of 32 bytes, with its `=`.
const SIGNATURE_LEN: usize = 44;

/// `value` + `.` + the signature with the current secret: the cookie value *before*
/// encoding, what a [`SetCookie`](super::SetCookie) holds.
pub fn signed_value(value: &str, keys: &Keyring) -> String {
    let tag = hmac_sha256(keys.current().secret.expose(), &[value.as_bytes()]);
    let mut out = String::with_capacity(value.len() + 1 + SIGNATURE_LEN);
    out.push_str(value);
    out.push('.');
    out.push_str(&b64::std_encode(&tag));
    out
}

/// The signed cookie value as it appears in the `Set-Cookie` header: better-call's
/// `signCookieValue`, `encodeURIComponent(value + "." + signature)` (so `/`, `+` and
/// `=` of the signature appear as `%2F`, `%2B`, `%3D`).
pub fn sign_cookie_value(value: &str, keys: &Keyring) -> String {
    encode_uri_component(&signed_value(value, keys))
}

/// Verifies a signed cookie value as the request parser returns it (percent-decoded)
/// and returns the value that was signed. Better Auth (`ctx.getSignedCookie`) verifies
/// with the current secret only ([`VerifyWith::CurrentSecret`]);
/// [`VerifyWith::AnySecret`] also accepts a signature by an older or the legacy secret,
/// for a rotation that should not log every user out.
///
/// - [`ErrorKind::Malformed`]: empty, no `.` after the first character, or a signature
///   that is not 44 UTF-16 code units ending in `=` (better-call returns `null`);
/// - [`ErrorKind::BadTokenSignature`]: the HMAC does not verify, or the signature is not
///   canonical standard base64 (better-call returns `false`).
///
/// One difference: better-call decodes the signature with `atob`, which ignores the
/// unused low bits of the last base64 character, so it also accepts the three
/// non-canonical spellings of each valid signature. Better Auth never writes them; this
/// function refuses them.
///
/// The comparison is constant-time. Error messages never contain the value.
pub fn verify_signed_value(value: &str, keys: &Keyring, with: VerifyWith) -> Result<String> {
    if value.is_empty() {
        return Err(Error::malformed("the signed cookie value is empty"));
    }
    let dot = match value.rfind('.') {
        Some(dot) if dot >= 1 => dot,
        _ => {
            return Err(Error::malformed(
                "the signed cookie value has no value before its signature",
            ))
        }
    };
    let signed = &value[..dot];
    let signature = &value[dot + 1..];
    if utf16_len(signature) != SIGNATURE_LEN || !signature.ends_with('=') {
        return Err(Error::malformed(
            "the cookie signature is not 44 characters of base64 ending in '='",
        ));
    }
    let bad = || {
        Error::new(
            ErrorKind::BadTokenSignature,
            "the signed cookie value does not verify",
        )
    };
    let mut buf = [0u8; 33];
    let tag = b64::std_decode_into(signature, &mut buf).ok_or_else(bad)?;
    for entry in keys.entries_for(with) {
        if hmac_verify(Hash::Sha256, entry.secret.expose(), signed.as_bytes(), tag) {
            return Ok(signed.to_owned());
        }
    }
    Err(bad())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cookie::parse::CookieJar;

    #[test]
    fn round_trip_through_the_header() {
        let keys =
            Keyring::from_secret("a-very-long-secret-for-testing-cookies-1234567890").unwrap();
        let wire = sign_cookie_value("tok/en+", &keys);
        assert!(wire.starts_with("tok%2Fen%2B."));
        assert!(wire.ends_with("%3D"));
        let jar = CookieJar::parse(&format!("better-auth.session_token={wire}"));
        let value = jar.get("better-auth.session_token").unwrap();
        assert_eq!(
            verify_signed_value(value, &keys, VerifyWith::CurrentSecret).unwrap(),
            "tok/en+"
        );
    }

    #[test]
    fn shapes_and_tampering() {
        let keys = Keyring::from_secret("secret-one").unwrap();
        let good = signed_value("token", &keys);
        for bad in ["", "token", ".abc", "token.short="] {
            assert_eq!(
                verify_signed_value(bad, &keys, VerifyWith::CurrentSecret)
                    .unwrap_err()
                    .kind(),
                ErrorKind::Malformed
            );
        }
        let tampered = good.replacen("token", "tokem", 1);
        assert_eq!(
            verify_signed_value(&tampered, &keys, VerifyWith::CurrentSecret)
                .unwrap_err()
                .kind(),
            ErrorKind::BadTokenSignature
        );
        let err = verify_signed_value(&tampered, &keys, VerifyWith::CurrentSecret).unwrap_err();
        assert!(!err.to_string().contains("tokem"));
    }

    #[test]
    fn rotation() {
        let old = Keyring::from_secret("old-secret").unwrap();
        let both = Keyring::from_secrets([(2, "new-secret"), (1, "old-secret")], None).unwrap();
        let value = signed_value("token", &old);
        assert_eq!(
            verify_signed_value(&value, &both, VerifyWith::CurrentSecret)
                .unwrap_err()
                .kind(),
            ErrorKind::BadTokenSignature
        );
        assert_eq!(
            verify_signed_value(&value, &both, VerifyWith::AnySecret).unwrap(),
            "token"
        );
    }
}
