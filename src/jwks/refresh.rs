//! When a cached JWKS must be fetched again. Pure: the time is an argument and the
//! caller does the fetching (the CLI reads a file; the JavaScript helper fetches
//! `/api/auth/jwks` in the background while every verification stays synchronous).

use crate::defaults::{JWKS_COOLDOWN, JWKS_MAX_AGE};
use crate::error::{Error, ErrorKind};

/// Decides when to fetch a JWKS again: when it is older than `max_age`, or when a token
/// names a `kid` the set lacks (a key rotation) — but never twice within `cooldown`, so
/// that tokens with made-up kids cannot make the verifier hammer the auth server.
///
/// The defaults are `jose`'s `createRemoteJWKSet`: 10 minutes, 30 seconds.
///
/// ```
/// use session_cache::jwks::JwksRefresh;
/// let mut refresh = JwksRefresh::default();
/// let t0 = 1_800_000_000_000;
/// assert!(refresh.should_fetch(t0, false));   // nothing fetched yet
/// refresh.fetch_started(t0);
/// refresh.fetched(t0);
/// assert!(!refresh.should_fetch(t0 + 1_000, false));
/// assert!(!refresh.should_fetch(t0 + 1_000, true));   // unknown kid, but cooling down
/// assert!(refresh.should_fetch(t0 + 30_000, true));   // unknown kid after the cooldown
/// assert!(refresh.should_fetch(t0 + 600_000, false)); // stale
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JwksRefresh {
    max_age_ms: i64,
    cooldown_ms: i64,
    fetched_at: Option<i64>,
    attempted_at: Option<i64>,
}

impl Default for JwksRefresh {
    fn default() -> Self {
        JwksRefresh::new(JWKS_MAX_AGE, JWKS_COOLDOWN)
    }
}

impl JwksRefresh {
    /// A rule that refetches a set older than `max_age` seconds, or holding no key for a
    /// token's `kid`, at most once every `cooldown` seconds.
    pub fn new(max_age: u64, cooldown: u64) -> Self {
        let ms = |s: u64| i64::try_from(s.saturating_mul(1000)).unwrap_or(i64::MAX);
        JwksRefresh {
            max_age_ms: ms(max_age),
            cooldown_ms: ms(cooldown),
            fetched_at: None,
            attempted_at: None,
        }
    }

    /// Whether a set is held that is younger than `max_age` at `now`.
    pub fn is_fresh(&self, now: i64) -> bool {
        self.fetched_at
            .is_some_and(|t| now.saturating_sub(t) < self.max_age_ms)
    }

    /// Whether the set should be fetched at `now`: it is missing or stale, or
    /// `unknown_kid` (a token named a kid the set lacks) — and no fetch started within
    /// the cooldown.
    pub fn should_fetch(&self, now: i64, unknown_kid: bool) -> bool {
        let wanted = unknown_kid || !self.is_fresh(now);
        let cooled = self
            .attempted_at
            .map_or(true, |t| now.saturating_sub(t) >= self.cooldown_ms);
        wanted && cooled
    }

    /// Whether `error`, from a verification at `now`, calls for a fetch: an
    /// [`ErrorKind::UnknownKey`] outside the cooldown (or a stale set).
    pub fn should_fetch_after(&self, error: &Error, now: i64) -> bool {
        self.should_fetch(now, error.kind() == ErrorKind::UnknownKey)
    }

    /// Records that a fetch started at `now` (successful or not, it counts for the
    /// cooldown).
    pub fn fetch_started(&mut self, now: i64) {
        self.attempted_at = Some(now);
    }

    /// Records that a set fetched at `now` is now in use.
    pub fn fetched(&mut self, now: i64) {
        self.fetched_at = Some(now);
    }

    /// When the set in use was fetched, Unix ms.
    pub fn fetched_at(&self) -> Option<i64> {
        self.fetched_at
    }
}
