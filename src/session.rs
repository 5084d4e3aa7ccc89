//! The offline session check: what Better Auth's `getSession` serves from the cookie
//! cache, decided from the request's `Cookie` header alone, without the auth server or
//! its database.

use crate::cookie::{CookieNaming, RequestCookies, Spelling};
use crate::defaults;
use crate::error::{Error, ErrorKind, Result};
use crate::keys::{Keyring, VerifyWith};
use crate::options::Remember;
use crate::policy::{ExpectedVersion, Policy, Verdict};
use crate::strategy::Strategy;
use crate::verified::{VerifiedCache, VerifyOptions};

/// How a deployment of Better Auth is configured, as far as the cookie cache goes: the
/// strategy, the cookie names, what proves a cache authentic, and `getSession`'s policy.
///
/// The defaults are Better Auth's: strategy `compact`, prefix `better-auth`, either
/// cookie spelling (`__Secure-` or not), the current secret only, cache version `"1"`
/// (its `getSession` always compares), `freshAge` one day, no refresh.
///
/// ```
/// use session_cache::cookie::Spelling;
/// use session_cache::session::SessionConfig;
/// use session_cache::Strategy;
/// let config = SessionConfig::new(Strategy::Jwe)
///     .with_spelling(Spelling::Secure)
///     .with_version("2")
///     .with_update_age(60);
/// assert_eq!(config.policy.update_age, Some(60));
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SessionConfig {
    /// The strategy of the cookie cache (`session.cookieCache.strategy`).
    pub strategy: Strategy,
    /// The cookie names, and which spellings are accepted. Set
    /// [`Spelling::Secure`] for an `https` deployment (see [`Spelling::Either`]).
    pub cookies: CookieNaming,
    /// What proves the cache, the session token and `dont_remember` authentic (which
    /// secrets, the length limit).
    pub verify: VerifyOptions,
    /// What is required of the verified cache: `getSession`'s policy
    /// ([`Policy::get_session`]) with its version, `freshAge` and `updateAge`.
    pub policy: Policy,
    /// The longest `Cookie` header read, in bytes ([`defaults::MAX_HEADER_LEN`]); a
    /// longer one is refused with [`ErrorKind::TooLarge`] before it is parsed.
    pub max_header_len: usize,
}

impl Default for SessionConfig {
    fn default() -> Self {
        SessionConfig {
            strategy: Strategy::Compact,
            cookies: CookieNaming::default(),
            verify: VerifyOptions::default(),
            policy: Policy::get_session(),
            max_header_len: defaults::MAX_HEADER_LEN,
        }
    }
}

impl SessionConfig {
    /// The default configuration with `strategy`.
    pub fn new(strategy: Strategy) -> Self {
        SessionConfig {
            strategy,
            ..Self::default()
        }
    }

    /// Better Auth's stateless mode (no database): strategy `jwe`, cache lifetime =
    /// `session.expiresIn` (default 7 days), and `refreshCache` on, with `updateAge` 20 %
    /// of the lifetime.
    pub fn stateless(expires_in: u64) -> Self {
        SessionConfig::new(Strategy::Jwe).with_update_age(expires_in / 5)
    }

    /// The same configuration with the cookie prefix `prefix` (`advanced.cookiePrefix`).
    #[must_use]
    pub fn with_prefix(mut self, prefix: &str) -> Self {
        self.cookies.prefix = prefix.to_owned();
        self
    }

    /// The same configuration accepting `spelling` of the cookie names.
    #[must_use]
    pub fn with_spelling(mut self, spelling: Spelling) -> Self {
        self.cookies.spelling = spelling;
        self
    }

    /// The same configuration verifying the session token, `compact` and `jwt` caches
    /// with `secrets` (Better Auth: [`VerifyWith::CurrentSecret`]).
    #[must_use]
    pub fn with_secrets(mut self, secrets: VerifyWith) -> Self {
        self.verify.secrets = secrets;
        self
    }

    /// The same configuration expecting cache version `version`
    /// (`session.cookieCache.version`).
    #[must_use]
    pub fn with_version(mut self, version: impl Into<ExpectedVersion>) -> Self {
        self.policy.version = version.into();
        self
    }

    /// The same configuration with `session.freshAge = seconds`.
    #[must_use]
    pub fn with_fresh_age(mut self, seconds: u64) -> Self {
        self.policy.fresh_age = seconds;
        self
    }

    /// The same configuration reading `Cookie` headers of at most `bytes` bytes.
    #[must_use]
    pub fn with_max_header_len(mut self, bytes: usize) -> Self {
        self.max_header_len = bytes;
        self
    }

    /// The same configuration with `refreshCache.updateAge = seconds`.
    #[must_use]
    pub fn with_update_age(mut self, seconds: u64) -> Self {
        self.policy.update_age = Some(seconds);
        self
    }
}

/// A session the cache vouches for. `Debug` does not show the token.
#[derive(Clone)]
pub struct SessionCheck {
    cache: VerifiedCache,
    token: String,
    verdict: Verdict,
    remember: Remember,
    secure: bool,
}

impl std::fmt::Debug for SessionCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionCheck")
            .field("cache", &self.cache)
            .field("verdict", &self.verdict)
            .field("remember", &self.remember)
            .field("secure", &self.secure)
            .finish_non_exhaustive()
    }
}

impl SessionCheck {
    /// The verified cache: payload, expiry, strategy.
    pub fn cache(&self) -> &VerifiedCache {
        &self.cache
    }

    /// The session token from the verified `session_token` cookie.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// What the policy said: fresh, needs refresh.
    pub fn verdict(&self) -> Verdict {
        self.verdict
    }

    /// Whether the session is fresh (`now - createdAt < freshAge`).
    pub fn is_fresh(&self) -> bool {
        self.verdict.is_fresh()
    }

    /// Whether Better Auth would re-issue the cache now (`refreshCache.updateAge`).
    pub fn needs_refresh(&self) -> bool {
        self.verdict.needs_refresh()
    }

    /// "Remember me": [`Remember::No`] when the request carries a valid signed
    /// `dont_remember` cookie.
    pub fn remember(&self) -> Remember {
        self.remember
    }

    /// Whether the cookies found carry the `__Secure-` prefix.
    pub fn is_secure(&self) -> bool {
        self.secure
    }

    /// `Ok(self)` when fresh, else [`ErrorKind::NotFresh`] (what Better Auth's
    /// sensitive endpoints require).
    pub fn require_fresh(self) -> Result<Self> {
        if self.is_fresh() {
            Ok(self)
        } else {
            Err(Error::new(
                ErrorKind::NotFresh,
                "the session is not fresh enough",
            ))
        }
    }
}

/// Decides, from a request's `Cookie` header, what Better Auth 1.7.24's `getSession`
/// would serve from the cookie cache at `now` (Unix ms).
///
/// The checks, in order: the header's length ([`ErrorKind::TooLarge`] above
/// [`SessionConfig::max_header_len`], before anything is parsed); a session token cookie ([`ErrorKind::NoToken`]) whose
/// signature verifies ([`ErrorKind::BadTokenSignature`]); a cookie cache, whole or in
/// at most [`defaults::MAX_CHUNKS`] chunks ([`ErrorKind::NoCache`], [`ErrorKind::TooLarge`]),
/// that the strategy verifies (any verification error,
/// the cache's expiry with the strategy's tolerance included); the cache is for this
/// token ([`ErrorKind::TokenMismatch`]); then the configured [`Policy`]: its version
/// ([`ErrorKind::VersionMismatch`]), the cache's expiry with no clock tolerance even for
/// `jwe` ([`ErrorKind::Expired`]), the embedded session's expiry
/// ([`ErrorKind::SessionExpired`]).
///
/// Where Better Auth would fall back to its database, this check fails: there is no
/// database here.
///
/// ```
/// use session_cache::cookie::sign_cookie_value;
/// use session_cache::session::{check_session, SessionConfig};
/// use session_cache::{EncodeOptions, Keyring, Payload, Strategy};
/// let keys = Keyring::from_secret("a-long-random-secret-of-32-chars!!")?;
/// let payload = Payload::from_json(r#"{"session":{"id":"s1","token":"tok","userId":"u1",
///   "expiresAt":"2026-11-29T06:29:25.877Z","createdAt":"2026-11-22T06:29:25.877Z"},
///   "user":{"id":"u1","email":"a@example.com","name":"Ada"},"updatedAt":1795328965877,"version":"1"}"#)?;
/// let now = 1_795_328_965_877;
/// let data = Strategy::Jwe.encode(&payload, &keys, &EncodeOptions::default(), now)?;
/// let header = format!("better-auth.session_token={}; better-auth.session_data={data}",
///                      sign_cookie_value("tok", &keys));
/// let check = check_session(&header, &keys, &SessionConfig::new(Strategy::Jwe), now)?;
/// assert_eq!(check.cache().payload().user().email, "a@example.com");
/// assert!(check.is_fresh());
/// # Ok::<(), session_cache::Error>(())
/// ```
pub fn check_session(
    header: &str,
    keys: &Keyring,
    config: &SessionConfig,
    now: i64,
) -> Result<SessionCheck> {
    let cookies = RequestCookies::parse_limited(header, config.max_header_len)?;
    check_cookies(&cookies, keys, config, now)
}

/// [`check_session`] on cookies already parsed.
pub fn check_cookies(
    cookies: &RequestCookies,
    keys: &Keyring,
    config: &SessionConfig,
    now: i64,
) -> Result<SessionCheck> {
    let with = config.verify.secrets;
    let names = config
        .cookies
        .candidates()
        .find(|n| {
            cookies
                .jar()
                .get(n.session_token())
                .is_some_and(|v| !v.is_empty())
        })
        .ok_or_else(|| {
            Error::new(
                ErrorKind::NoToken,
                "the request has no session token cookie",
            )
        })?;
    let token = cookies
        .signed(names.session_token(), keys, with)
        .map_err(|e| match e.kind() {
            ErrorKind::NoToken => e,
            _ => Error::new(ErrorKind::BadTokenSignature, e.message().to_owned()),
        })?;
    let data = cookies
        .chunked_limited(names.session_data())?
        .ok_or_else(|| Error::new(ErrorKind::NoCache, "the request has no cookie cache"))?;

    let cache = config.strategy.verify(&data, keys, &config.verify, now)?;
    if cache.session().token.as_bytes() != token.as_bytes() {
        return Err(Error::new(
            ErrorKind::TokenMismatch,
            "the cookie cache belongs to another session than the session token",
        ));
    }
    let verdict = config.policy.check(&cache, now)?;
    // Better Auth tests the signed value for truthiness: any verified value counts.
    let dont_remember = cookies
        .signed(names.dont_remember(), keys, with)
        .is_ok_and(|v| !v.is_empty());
    Ok(SessionCheck {
        cache,
        token,
        verdict,
        remember: Remember::from_dont_remember(dont_remember),
        secure: names.is_secure(),
    })
}
