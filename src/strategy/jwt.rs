//! Strategy `jwt`: a JWS signed with HMAC under the current secret, as `jose`'s
//! `SignJWT` writes it for Better Auth: header `{"alg":"HS256"}`, claims = the payload's
//! keys then `iat` and `exp` (seconds, `exp = floor(now / 1000) + maxAge`).
//!
//! Verification follows `jose.jwtVerify` with a raw secret and no clock tolerance:
//! `HS256`, `HS384` and `HS512` verify (jose derives the hash from the header), a `crit`
//! header is refused unless it is the harmless `"b64": true`, the cache is expired when `exp <= floor(now / 1000)`, and `nbf`
//! (when present) must not be in the future. `exp` is required here (Better Auth always
//! writes it; `jose` would accept a token without one forever).
//!
//! ```
//! use session_cache::{jwt, EncodeOptions, Keyring, Payload, VerifyOptions};
//! let keys = Keyring::from_secret("a-long-random-secret-of-32-chars!!")?;
//! let payload = Payload::from_json(r#"{"session":{"id":"s1","token":"tok","userId":"u1",
//!   "expiresAt":"2026-11-29T06:29:25.877Z"},"user":{"id":"u1","email":"a@example.com",
//!   "name":"Ada"},"updatedAt":1795328965877,"version":"1"}"#)?;
//! let now = 1_795_328_965_877;
//! let value = jwt::encode(&payload, &keys, &EncodeOptions::default().with_max_age(300), now)?;
//! assert!(value.starts_with("eyJhbGciOiJIUzI1NiJ9."));
//! let verified = jwt::verify(&value, &keys, &VerifyOptions::default(), now)?;
//! assert_eq!(verified.payload().session().token, "tok");
//! // iat and exp are claims of the wire format, not part of the payload.
//! assert_eq!(verified.payload().to_json(), payload.to_json());
//! # Ok::<(), session_cache::Error>(())
//! ```

use hmac::{Hmac, Mac};
use sha2::{Sha384, Sha512};

use crate::b64;
use crate::error::{Error, ErrorKind, Result};
use crate::json::Value;
use crate::keys::{KeyEntry, Keyring};
use crate::options::EncodeOptions;
use crate::payload::{Payload, JWT_CLAIMS};
use crate::strategy::{decode_json_part, finish_jose_bytes, max_age_ms, split_parts, Strategy};
use crate::verified::{VerifiedCache, VerifyOptions};

/// `base64url({"alg":"HS256"})`.
const HS256_HEADER: &str = "eyJhbGciOiJIUzI1NiJ9";

/// Encodes `payload` as an HS256 JWT issued at `now` (Unix ms), expiring `max_age`
/// seconds later, signed with the keyring's current secret.
pub fn encode(
    payload: &Payload,
    keys: &Keyring,
    options: &EncodeOptions,
    now: i64,
) -> Result<String> {
    let iat = now.div_euclid(1000);
    let exp = iat + max_age_ms(options, Strategy::Jwt)? / 1000;
    let mut claims = Vec::with_capacity(1024);
    payload.as_object().write_js_with(
        &[
            ("iat", Value::Number(iat as f64)),
            ("exp", Value::Number(exp as f64)),
        ],
        &mut claims,
    );
    let mut out = String::with_capacity(HS256_HEADER.len() + claims.len() * 4 / 3 + 48);
    out.push_str(HS256_HEADER);
    out.push('.');
    b64::url_encode_into(&claims, &mut out);
    let tag = keys.current().mac.tag(&[out.as_bytes()]);
    out.push('.');
    b64::url_encode_into(&tag, &mut out);
    Ok(out)
}

#[derive(Clone, Copy)]
enum Alg {
    Hs256,
    Hs384,
    Hs512,
}

impl Alg {
    fn verify(self, entry: &KeyEntry, input: &[u8], signature: &[u8]) -> bool {
        let key = entry.secret.expose();
        match self {
            Alg::Hs256 => entry.mac.verify(&[input], signature),
            Alg::Hs384 => <Hmac<Sha384> as Mac>::new_from_slice(key)
                .map(|mut m| {
                    m.update(input);
                    m.verify_slice(signature).is_ok()
                })
                .unwrap_or(false),
            Alg::Hs512 => <Hmac<Sha512> as Mac>::new_from_slice(key)
                .map(|mut m| {
                    m.update(input);
                    m.verify_slice(signature).is_ok()
                })
                .unwrap_or(false),
        }
    }
}

/// `jose` understands one critical header of a JWS, `b64`; with `"b64": true` it
/// changes nothing (false, an unencoded payload, is refused for JWTs). Anything else in
/// `crit` is refused, as `jose` refuses it.
pub(crate) fn crit_is_harmless(header: &crate::json::Object) -> bool {
    match header.get("crit") {
        None => true,
        Some(Value::Array(names)) => {
            !names.is_empty()
                && names.iter().all(|n| n.as_str() == Some("b64"))
                && header.get("b64").and_then(Value::as_bool) == Some(true)
        }
        Some(_) => false,
    }
}

/// Verifies a JWT cache value at `now` (Unix ms): the length, the header, the signature
/// (with the current secret only unless [`VerifyOptions::secrets`] says otherwise), the
/// time claims (no clock tolerance) and the payload schema.
pub fn verify(
    value: &str,
    keys: &Keyring,
    options: &VerifyOptions,
    now: i64,
) -> Result<VerifiedCache> {
    options.check_len(value)?;
    let [header_b64, claims_b64, signature_b64] = split_parts::<3>(value)?;
    let alg = if header_b64 == HS256_HEADER {
        Alg::Hs256
    } else {
        let header = decode_json_part(header_b64, "the JWT header")?;
        if !crit_is_harmless(&header) {
            return Err(Error::new(
                ErrorKind::UnsupportedAlgorithm,
                "JWT \"crit\" headers other than a true \"b64\" are not supported",
            ));
        }
        match header.get("alg").and_then(Value::as_str) {
            Some("HS256") => Alg::Hs256,
            Some("HS384") => Alg::Hs384,
            Some("HS512") => Alg::Hs512,
            Some(other) => {
                return Err(Error::new(
                    ErrorKind::UnsupportedAlgorithm,
                    format!("JWT algorithm {other:?} is not accepted (HS256, HS384, HS512)"),
                ))
            }
            None => return Err(Error::malformed("the JWT header has no \"alg\"")),
        }
    };
    let mut sig_buf = [0u8; 64];
    let signature = b64::url_decode_into(signature_b64, &mut sig_buf, "the JWT signature")
        .map_err(|_| {
            Error::new(
                ErrorKind::BadSignature,
                "the JWT signature is not base64url of a MAC",
            )
        })?;
    let input = &value.as_bytes()[..header_b64.len() + 1 + claims_b64.len()];
    let key = keys
        .entries_for(options.secrets)
        .iter()
        .find(|e| alg.verify(e, input, signature))
        .ok_or_else(|| {
            Error::new(
                ErrorKind::BadSignature,
                "the JWT signature does not verify with the keyring",
            )
        })?
        .version;
    let claims = b64::url_decode(claims_b64, "the JWT claims")?;
    finish_jose_bytes(&claims, 0.0, JWT_CLAIMS, Strategy::Jwt, key, now)
}
