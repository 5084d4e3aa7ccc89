//! Strategy `compact`: base64url (no padding) of
//! `{"session":<payload>,"expiresAt":<ms>,"signature":"<sig>"}`, where `sig` is the
//! base64url HMAC-SHA256, under the current secret, of
//! `JSON.stringify({...payload, expiresAt})`.
//!
//! Better Auth verifies by parsing the JSON, writing it again with `JSON.stringify` and
//! checking the HMAC over that text; this module does the same with a serializer that
//! matches `JSON.stringify` byte for byte, so a value is accepted exactly when its
//! re-serialized payload was signed. Unlike Better Auth, the parse does not revive
//! date-shaped strings first, so a user named `2026-01-01T00:00:00Z` verifies here (see
//! the crate docs).
//!
//! ```
//! use session_cache::{compact, EncodeOptions, Keyring, Payload, Policy, VerifyOptions};
//! let keys = Keyring::from_secret("a-long-random-secret-of-32-chars!!")?;
//! let payload = Payload::from_json(r#"{"session":{"id":"s1","token":"tok","userId":"u1",
//!   "expiresAt":"2026-11-29T06:29:25.877Z","createdAt":"2026-11-22T06:29:25.877Z",
//!   "updatedAt":"2026-11-22T06:29:25.877Z"},"user":{"id":"u1","email":"a@example.com",
//!   "name":"Ada","emailVerified":true,"createdAt":"2026-11-01T00:00:00.000Z",
//!   "updatedAt":"2026-11-01T00:00:00.000Z"},"updatedAt":1795328965877,"version":"1"}"#)?;
//! let now = 1_795_328_965_877;
//! let value = compact::encode(&payload, &keys, &EncodeOptions::default().with_max_age(300), now)?;
//! let verified = compact::verify(&value, &keys, &VerifyOptions::default(), now + 1_000)?;
//! assert_eq!(verified.payload().user().name, "Ada");
//! assert_eq!(verified.expires_at(), now + 300_000);
//! // Verified, then judged: the cache is for version "1" and fresh.
//! let verdict = Policy::get_session().check(&verified, now + 1_000)?;
//! assert!(verdict.is_fresh());
//! // Five minutes and one millisecond later, the cache has expired.
//! let err = compact::verify(&value, &keys, &VerifyOptions::default(), now + 300_001).unwrap_err();
//! assert_eq!(err.kind().as_str(), "expired");
//! # Ok::<(), session_cache::Error>(())
//! ```

use crate::b64;
use crate::error::{Error, ErrorKind, Result};
use crate::json::{self, Value};
use crate::keys::{KeyVersion, Keyring};
use crate::options::EncodeOptions;
use crate::payload::Payload;
use crate::strategy::{max_age_ms, Strategy};
use crate::verified::{VerifiedCache, VerifyOptions};

/// Encodes `payload` as a compact cache value expiring `max_age` seconds after `now`
/// (Unix ms), signed with the keyring's current secret.
pub fn encode(
    payload: &Payload,
    keys: &Keyring,
    options: &EncodeOptions,
    now: i64,
) -> Result<String> {
    let expires_at = now.saturating_add(max_age_ms(options, Strategy::Compact)?);
    let expires = Value::Number(expires_at as f64);
    // A top-level `__proto__` would vanish when Better Auth reads the value (see
    // `decode`): leave it out of what is signed and written.
    let stripped;
    let raw = if payload.as_object().contains_key("__proto__") {
        let mut copy = payload.as_object().clone();
        copy.remove("__proto__");
        stripped = copy;
        &stripped
    } else {
        payload.as_object()
    };

    let mut signed = Vec::with_capacity(1024);
    raw.write_js_with(&[("expiresAt", expires.clone())], &mut signed);
    let signature = b64::url_encode(&keys.current().mac.tag(&[&signed]));

    let mut outer = signed;
    outer.clear();
    outer.extend_from_slice(b"{\"session\":");
    raw.write_js(&mut outer);
    outer.extend_from_slice(b",\"expiresAt\":");
    expires.write_js(&mut outer);
    outer.extend_from_slice(b",\"signature\":\"");
    outer.extend_from_slice(signature.as_bytes());
    outer.extend_from_slice(b"\"}");
    Ok(b64::url_encode(&outer))
}

/// Verifies a compact cache value at `now` (Unix ms).
///
/// Checks, in order: the length, the structure, the HMAC (with the current secret only
/// unless [`VerifyOptions::secrets`] says otherwise), the payload schema, and the cache's
/// `expiresAt` (expired when `expiresAt < now`; no clock tolerance). Better Auth's
/// `getCookieCache` compares the version between the last two; only a value both
/// expired and of another version is reported differently.
pub fn verify(
    value: &str,
    keys: &Keyring,
    options: &VerifyOptions,
    now: i64,
) -> Result<VerifiedCache> {
    options.check_len(value)?;
    let bytes = b64::url_decode(value, "the compact value")?;
    if let Some(verified) = verify_canonical(&bytes, keys, options, now) {
        return verified;
    }
    verify_parsed(&bytes, keys, options, now)
}

/// The fast path, for a value in the form Better Auth writes:
/// `{"session":<payload>,"expiresAt":<n>,"signature":"<sig>"}`, every part canonical JSON
/// (what `JSON.stringify` writes). Its payload bytes are then exactly what Better Auth's
/// re-serialization would give, so the MAC is checked over them, unparsed. `None` for any
/// other text: [`verify_parsed`] decides those, exactly.
fn verify_canonical(
    bytes: &[u8],
    keys: &Keyring,
    options: &VerifyOptions,
    now: i64,
) -> Option<Result<VerifiedCache>> {
    const HEAD: &str = "{\"session\":";
    const EXPIRES: &str = ",\"expiresAt\":";
    const SIGNATURE: &str = ",\"signature\":\"";
    let text = core::str::from_utf8(bytes).ok()?;
    if !text.starts_with(HEAD) {
        return None;
    }
    // A top-level `expiresAt` would be replaced in what is signed, a `__proto__` dropped:
    // leave both to the exact path.
    let mut unusual = false;
    let (payload, end) = Payload::from_canonical(
        text,
        HEAD.len(),
        &["expiresAt", "__proto__"],
        &mut |_, _| unusual = true,
    )?;
    if unusual {
        return None;
    }
    let payload_text = &text[HEAD.len()..end];
    let rest = text[end..].strip_prefix(EXPIRES)?;
    let number_end = crate::json::canonical_number(rest, 0)?;
    let number = &rest[..number_end];
    let expires_at: f64 = match number.as_bytes().first() {
        Some(b'-' | b'0'..=b'9') => number.parse().ok()?,
        _ => return None,
    };
    let signature = rest[number_end..]
        .strip_prefix(SIGNATURE)?
        .strip_suffix("\"}")?;
    // Anything but the base64url alphabet (an escape, a raw control) is for the exact
    // path to judge as JSON first.
    if !signature
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return None;
    }
    let mut tag = [0u8; 32];
    let tag = match b64::url_decode_into(signature, &mut tag, "the signature") {
        Ok(tag) if tag.len() == 32 => tag,
        _ => {
            return Some(Err(Error::new(
                ErrorKind::BadSignature,
                "the signature is not a base64url HMAC-SHA256",
            )))
        }
    };
    let signed: [&[u8]; 4] = [
        &payload_text.as_bytes()[..payload_text.len() - 1],
        EXPIRES.as_bytes(),
        number.as_bytes(),
        b"}",
    ];
    let key = match keys
        .entries_for(options.secrets)
        .iter()
        .find(|entry| entry.mac.verify(&signed, tag))
    {
        Some(entry) => entry.version,
        None => return Some(Err(bad_signature())),
    };
    Some(finish(payload, expires_at, key, now))
}

fn bad_signature() -> Error {
    Error::new(
        ErrorKind::BadSignature,
        "the compact signature does not verify with the keyring",
    )
}

/// The cache's own expiry (`expiresAt < now` is expired; no tolerance).
fn finish(payload: Payload, expires_at: f64, key: KeyVersion, now: i64) -> Result<VerifiedCache> {
    if expires_at < now as f64 {
        return Err(Error::new(ErrorKind::Expired, "the cache has expired"));
    }
    Ok(VerifiedCache {
        payload,
        expires_at,
        strategy: Strategy::Compact,
        key: key.into(),
    })
}

/// The exact path, for any text: parse, write again with `JSON.stringify`'s rules and
/// check the MAC over that, as Better Auth does.
pub(crate) fn verify_parsed(
    bytes: &[u8],
    keys: &Keyring,
    options: &VerifyOptions,
    now: i64,
) -> Result<VerifiedCache> {
    let mut outer = json::parse_object(bytes)?;
    let expires_at = match outer.get("expiresAt") {
        Some(Value::Number(n)) => *n,
        _ => {
            return Err(Error::malformed(
                "the compact value has no numeric \"expiresAt\"",
            ))
        }
    };
    let mut signature = [0u8; 32];
    let signature = match outer.get("signature") {
        Some(Value::String(s)) => s
            .as_str()
            .and_then(|s| b64::url_decode_into(s, &mut signature, "the signature").ok())
            .filter(|sig| sig.len() == 32)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::BadSignature,
                    "the signature is not a base64url HMAC-SHA256",
                )
            })?,
        _ => {
            return Err(Error::malformed(
                "the compact value has no string \"signature\"",
            ))
        }
    };
    let mut session = match outer.remove("session") {
        Some(Value::Object(o)) => o,
        _ => {
            return Err(Error::malformed(
                "the compact value has no \"session\" object",
            ))
        }
    };
    // Better Auth reads the payload through a zod record, whose assignment
    // `result["__proto__"] = …` sets a prototype instead of a property: a top-level
    // `__proto__` key is gone before the MAC is computed again. Do the same, so the same
    // values verify.
    session.remove("__proto__");

    let mut signed = Vec::with_capacity(bytes.len());
    session.write_js_with(&[("expiresAt", Value::Number(expires_at))], &mut signed);
    let key = keys
        .entries_for(options.secrets)
        .iter()
        .find(|entry| entry.mac.verify(&[&signed], signature))
        .ok_or_else(bad_signature)?
        .version;
    let payload = Payload::from_object(session)?;
    finish(payload, expires_at, key, now)
}
