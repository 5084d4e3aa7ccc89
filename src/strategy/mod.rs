//! The three strategies of Better Auth's cookie cache, one file each.

pub mod compact;
pub mod jwe;
pub mod jwt;

#[cfg(test)]
mod fast_path_tests;

use core::fmt;
use core::str::FromStr;

use crate::defaults;
use crate::error::{Error, ErrorKind, Result};
use crate::json::{Object, Value};
use crate::keys::{KeyVersion, Keyring};
use crate::options::{DecodeOptions, EncodeOptions};
use crate::payload::Payload;
use crate::verified::{VerifiedCache, VerifyOptions};

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

    /// Verifies `value` with this strategy: structure, signature or decryption, schema,
    /// and the cache's own expiry (see each strategy's `verify`). No policy.
    pub fn verify(
        self,
        value: &str,
        keys: &Keyring,
        options: &VerifyOptions,
        now: i64,
    ) -> Result<VerifiedCache> {
        match self {
            Strategy::Compact => compact::verify(value, keys, options, now),
            Strategy::Jwt => jwt::verify(value, keys, options, now),
            Strategy::Jwe => jwe::verify(value, keys, options, now),
        }
    }

    /// Verifies `value`, then judges it with the options' [`Policy`](crate::Policy):
    /// [`verify`](Self::verify) and [`Policy::check`](crate::Policy::check) in one call.
    pub fn decode(
        self,
        value: &str,
        keys: &Keyring,
        options: &DecodeOptions,
        now: i64,
    ) -> Result<VerifiedCache> {
        let cache = self.verify(value, keys, &options.verify, now)?;
        options.policy.check(&cache, now)?;
        Ok(cache)
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
/// Auth's fallback without "remember me".
pub(crate) fn max_age_ms(options: &EncodeOptions, strategy: Strategy) -> Result<i64> {
    if options.remember.is_no() {
        let seconds = if strategy == Strategy::Compact {
            defaults::COMPACT_MAX_AGE_NOT_REMEMBERED
        } else {
            defaults::JOSE_MAX_AGE_NOT_REMEMBERED
        };
        return Ok(seconds as i64 * 1000);
    }
    if options.max_age == 0 || options.max_age > defaults::MAX_COOKIE_AGE {
        return Err(Error::new(
            ErrorKind::InvalidOptions,
            "max_age must be between 1 second and 400 days",
        ));
    }
    Ok(options.max_age as i64 * 1000)
}

/// What follows a JWS signature check or a JWE decryption, from the claims' bytes: the
/// time claims (with `tolerance` seconds), then the payload schema (without the wire-only
/// `wire_claims`). Claims Better Auth wrote are canonical JSON and take the fast path;
/// any other text is parsed and judged exactly as before.
pub(crate) fn finish_jose_bytes(
    claims: &[u8],
    tolerance: f64,
    wire_claims: &[&str],
    strategy: Strategy,
    key: KeyVersion,
    now: i64,
) -> Result<VerifiedCache> {
    if let Ok(text) = core::str::from_utf8(claims) {
        let mut times: [Option<&str>; 3] = [None; 3];
        let found = Payload::from_canonical(text, 0, wire_claims, &mut |name, value| {
            if let Some(i) = TIME_CLAIMS.iter().position(|c| *c == name) {
                times[i] = Some(value);
            }
        });
        if let Some((payload, end)) = found {
            if end == text.len() {
                let claim = |name: &str| {
                    let i = TIME_CLAIMS.iter().position(|c| *c == name)?;
                    times[i].map(|text| match text.as_bytes().first() {
                        Some(b'-' | b'0'..=b'9') => text.parse().ok(),
                        _ => None,
                    })
                };
                let expires_at = check_jwt_times(claim, tolerance, now)?;
                return Ok(VerifiedCache {
                    payload,
                    expires_at,
                    strategy,
                    key: key.into(),
                });
            }
        }
    }
    finish_jose(
        crate::json::parse_object(claims)?,
        tolerance,
        wire_claims,
        strategy,
        key,
        now,
    )
}

/// The time claims `jose` checks.
const TIME_CLAIMS: [&str; 3] = ["iat", "nbf", "exp"];

/// [`finish_jose_bytes`] on claims already parsed.
pub(crate) fn finish_jose(
    mut claims: Object,
    tolerance: f64,
    wire_claims: &[&str],
    strategy: Strategy,
    key: KeyVersion,
    now: i64,
) -> Result<VerifiedCache> {
    let claim = |name: &str| {
        claims.get(name).map(|v| match v {
            Value::Number(n) => Some(*n),
            _ => None,
        })
    };
    let expires_at = check_jwt_times(claim, tolerance, now)?;
    Payload::strip_claims(&mut claims, wire_claims);
    let payload = Payload::from_object(claims)?;
    Ok(VerifiedCache {
        payload,
        expires_at,
        strategy,
        key: key.into(),
    })
}

/// [`check_jwt_times`] of a parsed claims set.
pub(crate) fn check_object_times(claims: &Object, tolerance_secs: f64, now: i64) -> Result<f64> {
    let claim = |name: &str| {
        claims.get(name).map(|v| match v {
            Value::Number(n) => Some(*n),
            _ => None,
        })
    };
    check_jwt_times(claim, tolerance_secs, now)
}

/// JWT time claims as `jose` checks them: `exp` required here (Better Auth always writes
/// it), numbers only; expired when `exp <= now - tolerance`; not yet valid when
/// `nbf > now + tolerance`. `claim(name)` is `None` when absent, `Some(None)` when not a
/// number. Returns `exp` in Unix ms.
fn check_jwt_times(
    claim: impl Fn(&str) -> Option<Option<f64>>,
    tolerance_secs: f64,
    now: i64,
) -> Result<f64> {
    let now_s = now.div_euclid(1000) as f64;
    let number = |name: &str| -> Result<Option<f64>> {
        match claim(name) {
            None => Ok(None),
            Some(Some(n)) => Ok(Some(n)),
            Some(None) => Err(Error::malformed(format!(
                "the \"{name}\" claim must be a number"
            ))),
        }
    };
    number("iat")?;
    if let Some(nbf) = number("nbf")? {
        if nbf > now_s + tolerance_secs {
            return Err(Error::new(
                ErrorKind::NotYetValid,
                "the \"nbf\" claim is in the future",
            ));
        }
    }
    let exp = number("exp")?.ok_or_else(|| Error::malformed("the \"exp\" claim is missing"))?;
    if exp <= now_s - tolerance_secs {
        return Err(Error::new(
            ErrorKind::Expired,
            "the cache has expired (\"exp\" claim)",
        ));
    }
    Ok(exp * 1000.0)
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
    Ok(crate::json::parse_object(&bytes)?)
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
        let options = EncodeOptions::default()
            .with_max_age(9_999)
            .with_remember(crate::Remember::No);
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
                .encode(
                    &payload(),
                    &keys,
                    &EncodeOptions::default().with_max_age(bad),
                    0,
                )
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
