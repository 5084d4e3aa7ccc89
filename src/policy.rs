//! The checks that follow a valid signature: cache expiry, the embedded session's
//! expiry, the cache version, and the freshness and refresh decisions. Pure: the time is
//! always an argument (Unix milliseconds).

use std::fmt;
use std::sync::Arc;

use crate::error::{Error, ErrorKind, Result};
use crate::payload::{Payload, Session, User};
use crate::Strategy;

/// A function that computes the expected cache version from the session and the user.
pub type VersionFn = dyn Fn(&Session, &User) -> String + Send + Sync;

/// The cache version a reader expects (Better Auth's `cookieCache.version`).
#[derive(Clone, Default)]
pub enum ExpectedVersion {
    /// No version check.
    #[default]
    Any,
    /// The payload's version (`"1"` when absent) must equal this string.
    Exact(String),
    /// The payload's version must equal what this function returns for its session and
    /// user.
    Function(Arc<VersionFn>),
}

impl ExpectedVersion {
    /// `getSession`'s reading of the configured version: none, or an empty string, means
    /// `"1"`.
    pub fn or_default(&self) -> ExpectedVersion {
        match self {
            ExpectedVersion::Any => ExpectedVersion::Exact("1".into()),
            ExpectedVersion::Exact(v) if v.is_empty() => ExpectedVersion::Exact("1".into()),
            other => other.clone(),
        }
    }

    /// A function of the session and the user.
    pub fn function(f: impl Fn(&Session, &User) -> String + Send + Sync + 'static) -> Self {
        ExpectedVersion::Function(Arc::new(f))
    }

    /// Checks `payload` against this expectation.
    ///
    /// An empty `Exact("")` is no expectation at all, as in Better Auth's
    /// `getCookieCache` (`if (config.version)`): use [`ExpectedVersion::or_default`] for
    /// `getSession`'s rule, where it means `"1"`.
    pub fn check(&self, payload: &Payload) -> Result<()> {
        let expected = match self {
            ExpectedVersion::Any => return Ok(()),
            ExpectedVersion::Exact(v) if v.is_empty() => return Ok(()),
            ExpectedVersion::Exact(v) => std::borrow::Cow::Borrowed(v.as_str()),
            ExpectedVersion::Function(f) => {
                std::borrow::Cow::Owned(f(payload.session(), payload.user()))
            }
        };
        if payload.effective_version() == expected {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::VersionMismatch,
                format!(
                    "the cache has version {:?}, expected {:?}",
                    payload.effective_version(),
                    expected
                ),
            ))
        }
    }
}

impl From<&str> for ExpectedVersion {
    fn from(v: &str) -> Self {
        ExpectedVersion::Exact(v.to_owned())
    }
}

impl From<String> for ExpectedVersion {
    fn from(v: String) -> Self {
        ExpectedVersion::Exact(v)
    }
}

impl fmt::Debug for ExpectedVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExpectedVersion::Any => f.write_str("Any"),
            ExpectedVersion::Exact(v) => f.debug_tuple("Exact").field(v).finish(),
            ExpectedVersion::Function(_) => f.write_str("Function(..)"),
        }
    }
}

/// How a cache value is checked when it is decoded.
///
/// The defaults are Better Auth's: no version check, the embedded session's expiry
/// checked, only the current secret for `compact` and `jwt`.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct DecodeOptions {
    /// The expected cache version.
    pub version: ExpectedVersion,
    /// Reject a cache whose embedded `session.expiresAt` has passed (default `true`, as
    /// Better Auth's `getCookieCache`).
    pub check_session_expiry: bool,
    /// Verify `compact` and `jwt` values with every secret of the keyring, not only the
    /// current one (default `false`: Better Auth uses the current secret alone, so a
    /// rotation invalidates every cached cookie). `jwe` always tries every secret, as
    /// Better Auth does.
    pub verify_with_older_secrets: bool,
    /// The longest value accepted, in bytes (default 512 KiB: above 100 chunks of
    /// 4050 bytes, Better Auth's ceiling).
    pub max_len: usize,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        DecodeOptions {
            version: ExpectedVersion::Any,
            check_session_expiry: true,
            verify_with_older_secrets: false,
            max_len: 512 * 1024,
        }
    }
}

impl DecodeOptions {
    /// Options with an expected version.
    pub fn with_version(mut self, version: impl Into<ExpectedVersion>) -> Self {
        self.version = version.into();
        self
    }

    /// Options that verify `compact` and `jwt` with older secrets too.
    pub fn with_older_secrets(mut self, yes: bool) -> Self {
        self.verify_with_older_secrets = yes;
        self
    }

    pub(crate) fn check_len(&self, value: &str) -> Result<()> {
        if value.len() > self.max_len {
            return Err(Error::new(
                ErrorKind::TooLarge,
                format!(
                    "the value is {} bytes, above the limit of {}",
                    value.len(),
                    self.max_len
                ),
            ));
        }
        Ok(())
    }
}

/// How a cache value is written.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct EncodeOptions {
    /// The cache's lifetime in seconds (`cookieCache.maxAge`, default 300).
    pub max_age: u64,
    /// The user did not tick "remember me": Better Auth then ignores `maxAge` and the
    /// cache lives 60 s in `compact` and 300 s in `jwt` and `jwe` (its fallbacks for a
    /// missing `maxAge`), while the cookie itself has no `Max-Age`.
    pub dont_remember: bool,
}

impl Default for EncodeOptions {
    fn default() -> Self {
        EncodeOptions {
            max_age: 300,
            dont_remember: false,
        }
    }
}

impl EncodeOptions {
    /// Options with a `max_age` in seconds.
    pub fn with_max_age(max_age: u64) -> Self {
        EncodeOptions {
            max_age,
            ..Self::default()
        }
    }

    /// Options for a session without "remember me" (see
    /// [`dont_remember`](Self::dont_remember)).
    pub fn dont_remember() -> Self {
        EncodeOptions {
            dont_remember: true,
            ..Self::default()
        }
    }
}

/// A cache value whose signature (or encryption) and policy checks passed.
#[derive(Debug, Clone)]
pub struct VerifiedCache {
    pub(crate) payload: Payload,
    pub(crate) expires_at: f64,
    pub(crate) strategy: Strategy,
}

impl VerifiedCache {
    /// The verified payload.
    pub fn payload(&self) -> &Payload {
        &self.payload
    }

    /// Takes the verified payload.
    pub fn into_payload(self) -> Payload {
        self.payload
    }

    /// When the cache expires, Unix milliseconds (`compact`: its `expiresAt`; `jwt` and
    /// `jwe`: `exp × 1000`).
    pub fn expires_at(&self) -> i64 {
        self.expires_at as i64
    }

    /// The strategy the value was written with.
    pub fn strategy(&self) -> Strategy {
        self.strategy
    }

    /// Whether the session is fresh: `now - session.createdAt < fresh_age` seconds.
    /// A `fresh_age` of 0 disables the check (always fresh). A session without
    /// `createdAt` is not fresh.
    pub fn is_fresh(&self, fresh_age: u64, now: i64) -> bool {
        is_fresh(self.payload.session(), fresh_age, now)
    }

    /// Whether the cache should be re-issued: less than `update_age` seconds remain
    /// before it expires (Better Auth's `cookieCache.refreshCache.updateAge`).
    pub fn needs_refresh(&self, update_age: u64, now: i64) -> bool {
        needs_refresh(self.expires_at, update_age, now)
    }
}

/// `now - session.createdAt < fresh_age` seconds (`fresh_age == 0`: always fresh).
pub fn is_fresh(session: &Session, fresh_age: u64, now: i64) -> bool {
    if fresh_age == 0 {
        return true;
    }
    match session.created_at {
        Some(created) => (now as i128 - created as i128) < fresh_age as i128 * 1000,
        None => false,
    }
}

/// Less than `update_age` seconds remain before `expires_at` (Unix ms).
pub fn needs_refresh(expires_at: f64, update_age: u64, now: i64) -> bool {
    expires_at - (now as f64) < (update_age as f64) * 1000.0
}

/// The embedded session's expiry (`session.expiresAt < now` is expired), when enabled.
pub(crate) fn check_session_expiry(
    payload: &Payload,
    options: &DecodeOptions,
    now: i64,
) -> Result<()> {
    if options.check_session_expiry && payload.session().expires_at < now {
        return Err(Error::new(
            ErrorKind::SessionExpired,
            "the session embedded in the cache has expired",
        ));
    }
    Ok(())
}

/// JWT time claims as `jose` checks them: `exp` required here (Better Auth always writes
/// it), numbers only; expired when `exp <= now - tolerance`; not yet valid when
/// `nbf > now + tolerance`. Returns `exp` in Unix ms.
pub(crate) fn check_jwt_times(
    claims: &crate::json::Object,
    tolerance_secs: f64,
    now: i64,
) -> Result<f64> {
    use crate::json::Value;
    let now_s = now.div_euclid(1000) as f64;
    let number = |name: &str| -> Result<Option<f64>> {
        match claims.get(name) {
            None => Ok(None),
            Some(Value::Number(n)) => Ok(Some(*n)),
            Some(_) => Err(Error::malformed(format!(
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
