//! The three strategies of Better Auth's cookie cache, one file each.

pub mod compact;
pub mod jwe;
pub mod jwt;

use core::fmt;
use core::str::FromStr;

use crate::error::{Error, ErrorKind, Result};
use crate::json::{Object, Value};
use crate::keys::Keyring;
use crate::payload::Payload;
use crate::policy::{DecodeOptions, EncodeOptions, VerifiedCache};

/// A cookie-cache strategy (`session.cookieCache.strategy` in Better Auth).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Strategy {
    /// HMAC-SHA256-signed JSON, base64url (Better Auth's default).
    #[default]
    Compact,
    /// An HS256 JWT.
    Jwt,
    /// A `dir` + `A256CBC-HS512` JWE.
    Jwe,
}

impl Strategy {
    /// Every strategy.
    pub const ALL: [Strategy; 3] = [Strategy::Compact, Strategy::Jwt, Strategy::Jwe];

    /// The name Better Auth uses: `"compact"`, `"jwt"` or `"jwe"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Strategy::Compact => "compact",
            Strategy::Jwt => "jwt",
            Strategy::Jwe => "jwe",
        }
    }

    /// Tells the strategy from a value's shape: five dot-separated parts is a JWE, three
    /// a JWT, none a compact value.
    pub fn detect(value: &str) -> Option<Strategy> {
        match value.bytes().filter(|&b| b == b'.').count() {
            0 => Some(Strategy::Compact),
            2 => Some(Strategy::Jwt),
            4 => Some(Strategy::Jwe),
            _ => None,
        }
    }

    /// Encodes `payload` with this strategy (see each strategy's `encode`).
    pub fn encode(
        self,
        payload: &Payload,
        keys: &Keyring,
        options: &EncodeOptions,
        now: i64,
    ) -> Result<String> {
        match self {
            Strategy::Compact => compact::encode(payload, keys, options, now),
            Strategy::Jwt => jwt::encode(payload, keys, options, now),
            Strategy::Jwe => jwe::encode(payload, keys, options, now),
        }
    }

    /// Decodes and verifies `value` with this strategy (see each strategy's `decode`).
    pub fn decode(
        self,
        value: &str,
        keys: &Keyring,
        options: &DecodeOptions,
        now: i64,
    ) -> Result<VerifiedCache> {
        match self {
            Strategy::Compact => compact::decode(value, keys, options, now),
            Strategy::Jwt => jwt::decode(value, keys, options, now),
            Strategy::Jwe => jwe::decode(value, keys, options, now),
        }
    }
}

impl fmt::Display for Strategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Strategy {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "compact" => Ok(Strategy::Compact),
            "jwt" => Ok(Strategy::Jwt),
            "jwe" => Ok(Strategy::Jwe),
            other => Err(Error::new(
                ErrorKind::InvalidOptions,
                format!("unknown strategy {other:?}: expected compact, jwt or jwe"),
            )),
        }
    }
}

/// The cache lifetime in milliseconds for `strategy`: `max_age`, validated, or Better
/// Auth's fallback without "remember me" (60 s for compact, 300 s otherwise).
pub(crate) fn max_age_ms(options: &EncodeOptions, strategy: Strategy) -> Result<i64> {
    if options.dont_remember {
        return Ok(if strategy == Strategy::Compact {
            60_000
        } else {
            300_000
        });
    }
    if options.max_age == 0 || options.max_age > 400 * 24 * 3600 {
        return Err(Error::new(
            ErrorKind::InvalidOptions,
            "max_age must be between 1 second and 400 days",
        ));
    }
    Ok(options.max_age as i64 * 1000)
}

/// Writes `JSON.stringify({...object, k1: v1, k2: v2, …})`: existing keys keep their
/// place, new ones go last (index keys aside).
pub(crate) fn write_with_claims(object: &Object, claims: &[(&str, Value)], out: &mut Vec<u8>) {
    let clash = claims
        .iter()
        .any(|(k, _)| object.get(k).is_some() || is_index_key(k));
    if !clash && !object.is_empty() {
        object.write_js(out);
        out.pop(); // the closing brace
        for (key, value) in claims {
            out.extend_from_slice(b",\"");
            out.extend_from_slice(key.as_bytes());
            out.extend_from_slice(b"\":");
            value.write_js(out);
        }
        out.push(b'}');
    } else {
        let mut copy = object.clone();
        for (key, value) in claims {
            copy.insert(*key, value.clone());
        }
        copy.write_js(out);
    }
}

fn is_index_key(k: &str) -> bool {
    !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit())
}

/// The checks after a JWS verified or a JWE decrypted, as `jose` then Better Auth apply
/// them: the time claims (with `tolerance` seconds), then the payload schema (without
/// the wire-only `claims`), the version and the embedded session's expiry.
pub(crate) fn finish_jose(
    mut claims: Object,
    tolerance: f64,
    wire_claims: &[&str],
    strategy: Strategy,
    options: &DecodeOptions,
    now: i64,
) -> Result<VerifiedCache> {
    let expires_at = crate::policy::check_jwt_times(&claims, tolerance, now)?;
    Payload::strip_claims(&mut claims, wire_claims);
    let payload = Payload::from_object(claims)?;
    options.version.check(&payload)?;
    crate::policy::check_session_expiry(&payload, options, now)?;
    Ok(VerifiedCache {
        payload,
        expires_at,
        strategy,
    })
}

/// Splits a JWS/JWE compact serialization into exactly `N` parts.
pub(crate) fn split_parts<const N: usize>(value: &str) -> Result<[&str; N]> {
    let mut parts = [""; N];
    let mut it = value.split('.');
    for part in parts.iter_mut() {
        *part = it
            .next()
            .ok_or_else(|| Error::malformed(format!("expected {N} dot-separated parts")))?;
    }
    if it.next().is_some() {
        return Err(Error::malformed(format!(
            "expected {N} dot-separated parts"
        )));
    }
    Ok(parts)
}

/// Decodes a base64url JSON object part (a JOSE header or claims set) strictly: the
/// bytes must be UTF-8, as `jose` requires.
pub(crate) fn decode_json_part(part: &str, what: &str) -> Result<Object> {
    let bytes = crate::b64::url_decode(part, what)?;
    crate::json::parse_object(&bytes)
        .map_err(|e| Error::malformed(format!("{what} is not a JSON object: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payload() -> Payload {
        Payload::from_json(
            r#"{"session":{"id":"s","token":"t","userId":"u","expiresAt":"2030-01-01T00:00:00.000Z"},
                "user":{"id":"u","email":"e@x","name":"n"},"updatedAt":1,"version":"1"}"#,
        )
        .unwrap()
    }

    #[test]
    fn dont_remember_uses_better_auths_fallback_lifetimes() {
        let keys = Keyring::from_secret("secret-for-the-fallback-lifetimes").unwrap();
        let now = 1_800_000_000_123;
        let options = EncodeOptions {
            max_age: 9_999,
            dont_remember: true,
        };
        let expiries: Vec<i64> = Strategy::ALL
            .iter()
            .map(|s| {
                let v = s.encode(&payload(), &keys, &options, now).unwrap();
                s.decode(&v, &keys, &DecodeOptions::default(), now)
                    .unwrap()
                    .expires_at()
            })
            .collect();
        assert_eq!(
            expiries,
            [now + 60_000, 1_800_000_300_000, 1_800_000_300_000]
        );
    }

    #[test]
    fn max_age_bounds() {
        let keys = Keyring::from_secret("secret-for-the-bounds").unwrap();
        for bad in [0, 400 * 86_400 + 1] {
            let err = Strategy::Jwt
                .encode(&payload(), &keys, &EncodeOptions::with_max_age(bad), 0)
                .unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidOptions);
        }
    }

    #[test]
    fn detect_by_shape() {
        assert_eq!(Strategy::detect("abc"), Some(Strategy::Compact));
        assert_eq!(Strategy::detect("a.b.c"), Some(Strategy::Jwt));
        assert_eq!(Strategy::detect("a..b.c.d"), Some(Strategy::Jwe));
        assert_eq!(Strategy::detect("a.b"), None);
        assert!("rot13".parse::<Strategy>().is_err());
    }
}
