//! What a reader requires of a cache once it is known to be authentic: the cache
//! version, the embedded session's expiry, and — as answers rather than refusals —
//! freshness and whether to refresh. Pure: the time is always an argument (Unix
//! milliseconds).
//!
//! Verification (a strategy's `verify`) proves a value authentic and unexpired and
//! yields a [`VerifiedCache`]; a [`Policy`] then judges it, once, in
//! [`Policy::check`]. [`Strategy::decode`](crate::Strategy::decode),
//! [`check_session`](crate::session::check_session), the CLI and the WebAssembly package
//! all go through that one function.

use std::fmt;
use std::sync::Arc;

use crate::defaults;
use crate::error::{Error, ErrorKind, Result};
use crate::payload::{Payload, Session, User};
use crate::verified::VerifiedCache;

/// A function that computes the expected cache version from the session and the user.
pub type VersionFn = dyn Fn(&Session, &User) -> String + Send + Sync;

/// The cache version a reader expects (Better Auth's `cookieCache.version`).
#[derive(Clone, Default)]
pub enum ExpectedVersion {
    /// No version configured.
    #[default]
    Any,
    /// The payload's version (`"1"` when absent) must equal this string.
    Exact(String),
    /// The payload's version must equal what this function returns for its session and
    /// user.
    Function(Arc<VersionFn>),
    /// Not compared here: the session store holds the expected version per user and the
    /// revocation check compares it
    /// ([`StoreKeys::with_user_version`](crate::revocation::StoreKeys::with_user_version)).
    /// For a `cookieCache.version` function that reads a counter from Better Auth's
    /// `secondaryStorage`.
    InStore,
}

impl ExpectedVersion {
    /// A function of the session and the user.
    pub fn function(f: impl Fn(&Session, &User) -> String + Send + Sync + 'static) -> Self {
        ExpectedVersion::Function(Arc::new(f))
    }

    /// Checks `payload` against this expectation, as `reader` reads it: for
    /// [`Reader::CookieCache`], no version or an empty one means no check (its
    /// `if (config.version)`); for [`Reader::GetSession`] it means `"1"`, which
    /// `getSession` always compares.
    pub fn check(&self, payload: &Payload, reader: Reader) -> Result<()> {
        use std::borrow::Cow;
        let expected: Cow<'_, str> = match self {
            ExpectedVersion::Function(f) => Cow::Owned(f(payload.session(), payload.user())),
            ExpectedVersion::InStore => return Ok(()),
            ExpectedVersion::Exact(v) if !v.is_empty() => Cow::Borrowed(v),
            // No version configured.
            _ => match reader {
                Reader::CookieCache => return Ok(()),
                Reader::GetSession => Cow::Borrowed(defaults::CACHE_VERSION),
            },
        };
        if payload.effective_version() == expected {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::VersionMismatch,
                format!(
                    "the cache has version {}, expected {}",
                    crate::error::shown(payload.effective_version()),
                    crate::error::shown(&expected)
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
            ExpectedVersion::InStore => f.write_str("InStore"),
        }
    }
}

/// Whose rules a [`Policy`] follows: Better Auth reads the cache in two places, with
/// two sets of rules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Reader {
    /// `getCookieCache` (and `decodeCookieCache`): the version is compared only when
    /// one is configured, and the cache's expiry is the strategy's own check (`jwe`
    /// with 15 s of clock tolerance).
    #[default]
    CookieCache,
    /// `getSession` serving from the cache: the version is always compared (`"1"` when
    /// none is configured), and the cache's expiry is compared again with no tolerance,
    /// after the version.
    GetSession,
}

/// What a reader requires of a verified cache, and what it wants to know of it.
///
/// The default is `getCookieCache`'s policy ([`Policy::cookie_cache`]): no version
/// check, the embedded session's expiry checked. [`Policy::get_session`] is
/// `getSession`'s.
///
/// ```
/// use session_cache::Policy;
/// let policy = Policy::get_session().with_version("2").with_update_age(60);
/// assert_eq!(policy.fresh_age, 86_400);
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Policy {
    /// Whose rules apply.
    pub reader: Reader,
    /// The expected cache version (`session.cookieCache.version`).
    pub version: ExpectedVersion,
    /// Reject a cache whose embedded `session.expiresAt` has passed (default `true`,
    /// as Better Auth).
    pub check_session_expiry: bool,
    /// `session.freshAge` in seconds ([`defaults::FRESH_AGE`]; 0: every session is
    /// fresh).
    pub fresh_age: u64,
    /// `session.cookieCache.refreshCache.updateAge` in seconds, when refresh is on.
    pub update_age: Option<u64>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy::cookie_cache()
    }
}

impl Policy {
    /// `getCookieCache`'s policy: no version check unless one is set, the embedded
    /// session's expiry checked, `freshAge` one day, no refresh.
    pub fn cookie_cache() -> Self {
        Policy {
            reader: Reader::CookieCache,
            version: ExpectedVersion::Any,
            check_session_expiry: true,
            fresh_age: defaults::FRESH_AGE,
            update_age: None,
        }
    }

    /// `getSession`'s policy: the version always compared (`"1"` unless set), the
    /// cache's expiry compared again without tolerance, the embedded session's expiry
    /// checked, `freshAge` one day, no refresh.
    pub fn get_session() -> Self {
        Policy {
            reader: Reader::GetSession,
            ..Policy::cookie_cache()
        }
    }

    /// The same policy expecting `version`.
    #[must_use]
    pub fn with_version(mut self, version: impl Into<ExpectedVersion>) -> Self {
        self.version = version.into();
        self
    }

    /// The same policy with `session.freshAge = seconds`.
    #[must_use]
    pub fn with_fresh_age(mut self, seconds: u64) -> Self {
        self.fresh_age = seconds;
        self
    }

    /// The same policy with `refreshCache.updateAge = seconds` (refresh on).
    #[must_use]
    pub fn with_update_age(mut self, seconds: u64) -> Self {
        self.update_age = Some(seconds);
        self
    }

    /// The same policy, checking the embedded session's expiry or not.
    #[must_use]
    pub fn with_session_expiry(mut self, check: bool) -> Self {
        self.check_session_expiry = check;
        self
    }

    /// Judges a verified cache at `now` (Unix ms), in Better Auth's order: the version
    /// ([`ErrorKind::VersionMismatch`]); for [`Reader::GetSession`], the cache's expiry
    /// without tolerance ([`ErrorKind::Expired`]); the embedded session's expiry
    /// ([`ErrorKind::SessionExpired`]). Then answers whether the session is fresh and
    /// whether the cache should be re-issued.
    pub fn check(&self, cache: &VerifiedCache, now: i64) -> Result<Verdict> {
        let payload = cache.payload();
        self.version.check(payload, self.reader)?;
        if self.reader == Reader::GetSession && cache.expires_at_ms() < now as f64 {
            return Err(Error::new(ErrorKind::Expired, "the cache has expired"));
        }
        if self.check_session_expiry && payload.session_expires_at() < now {
            return Err(Error::new(
                ErrorKind::SessionExpired,
                "the session embedded in the cache has expired",
            ));
        }
        Ok(Verdict {
            fresh: fresh_since(payload.session_created_at(), self.fresh_age, now),
            needs_refresh: self
                .update_age
                .is_some_and(|age| needs_refresh(cache.expires_at_ms(), age, now)),
        })
    }
}

/// What a [`Policy`] says of a cache it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Verdict {
    fresh: bool,
    needs_refresh: bool,
}

impl Verdict {
    /// Whether the session is fresh: `now - session.createdAt < freshAge`.
    pub fn is_fresh(&self) -> bool {
        self.fresh
    }

    /// Whether Better Auth would re-issue the cache now (less than `updateAge` left).
    pub fn needs_refresh(&self) -> bool {
        self.needs_refresh
    }
}

/// `now - session.createdAt < fresh_age` seconds (`fresh_age == 0`: always fresh; a
/// session without `createdAt` is never fresh).
pub fn is_fresh(session: &Session, fresh_age: u64, now: i64) -> bool {
    fresh_since(session.created_at, fresh_age, now)
}

/// [`is_fresh`] of a session created at `created_at` (Unix ms).
pub(crate) fn fresh_since(created_at: Option<i64>, fresh_age: u64, now: i64) -> bool {
    if fresh_age == 0 {
        return true;
    }
    match created_at {
        Some(created) => (now as i128 - created as i128) < fresh_age as i128 * 1000,
        None => false,
    }
}

/// Less than `update_age` seconds remain before `expires_at` (Unix ms).
pub fn needs_refresh(expires_at: f64, update_age: u64, now: i64) -> bool {
    expires_at - (now as f64) < (update_age as f64) * 1000.0
}
