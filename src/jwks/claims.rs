//! The registered claims as `jose.jwtVerify` checks them, in its order: the presence of
//! `iss` (when an issuer is expected), then of `aud` (when an audience is expected),
//! the value of `iss`, the value of `aud` (a string, or an array holding it), then the
//! time claims with the clock tolerance.

use crate::error::{Error, ErrorKind, Result};
use crate::json::{Object, Value};
use crate::strategy::check_object_times;

/// What to expect of the registered claims.
pub(crate) struct Expect<'a> {
    pub(crate) issuer: Option<&'a str>,
    pub(crate) audience: Option<&'a str>,
    /// Clock tolerance on `exp` and `nbf`, in seconds.
    pub(crate) leeway: u64,
}

/// Checks `claims` against `expect` at `now` (Unix ms); returns `exp` in Unix ms.
/// `exp` is required (a deliberate difference: `jose` accepts a token without one,
/// forever).
pub(crate) fn check(claims: &Object, expect: &Expect<'_>, now: i64) -> Result<f64> {
    if expect.issuer.is_some() && !claims.contains_key("iss") {
        return Err(Error::new(
            ErrorKind::WrongIssuer,
            "the JWT has no \"iss\" claim",
        ));
    }
    if expect.audience.is_some() && !claims.contains_key("aud") {
        return Err(Error::new(
            ErrorKind::WrongAudience,
            "the JWT has no \"aud\" claim",
        ));
    }
    if let Some(issuer) = expect.issuer {
        if claims.get("iss").and_then(Value::as_str) != Some(issuer) {
            return Err(Error::new(
                ErrorKind::WrongIssuer,
                "the JWT's \"iss\" is not the expected issuer",
            ));
        }
    }
    if let Some(audience) = expect.audience {
        if !audience_names(claims.get("aud"), audience) {
            return Err(Error::new(
                ErrorKind::WrongAudience,
                "the JWT's \"aud\" does not name the expected audience",
            ));
        }
    }
    check_object_times(claims, expect.leeway as f64, now)
}

/// Whether an `aud` claim names `audience`: equal to it, or an array holding it.
pub(crate) fn audience_names(aud: Option<&Value>, audience: &str) -> bool {
    match aud {
        Some(Value::String(s)) => s.as_str() == Some(audience),
        Some(Value::Array(items)) => items.iter().any(|v| v.as_str() == Some(audience)),
        _ => false,
    }
}
