//! The offline session check: what Better Auth's `getSession` serves from the cookie
//! cache, decided from the request's `Cookie` header alone, without the auth server or
//! its database.

use crate::cookie::{CookieNames, RequestCookies, VerifyWith};
use crate::error::{Error, ErrorKind, Result};
use crate::keys::Keyring;
use crate::policy::{self, DecodeOptions, ExpectedVersion, VerifiedCache};
use crate::strategy::Strategy;

/// How a deployment of Better Auth is configured, as far as the cookie cache goes.
///
/// The defaults are Better Auth's: strategy `compact`, cache version `"1"` (its
/// `getSession` always compares, with `"1"` as the default), prefix `better-auth`,
/// either cookie spelling (`__Secure-` or not), `freshAge` one day, no refresh.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SessionConfig {
    /// The strategy of the cookie cache (`session.cookieCache.strategy`).
    pub strategy: Strategy,
    /// The expected cache version (`session.cookieCache.version`; default `"1"`; `Any` or
    /// an empty string also mean `"1"`, as in `getSession`).
    pub version: ExpectedVersion,
    /// The cookie prefix (`advanced.cookiePrefix`; default `better-auth`).
    pub cookie_prefix: String,
    /// `Some(true)`: only `__Secure-` names (Better Auth on an `https` base URL);
    /// `Some(false)`: only plain names; `None` (the default): either, the `__Secure-`
    /// ones first.
    ///
    /// Set it to match the deployment. Better Auth on `https` reads the `__Secure-` names
    /// only; accepting plain names too lets a sibling subdomain that can set cookies for
    /// the parent domain plant a valid session of its own under the plain name
    /// ("cookie tossing") for a visitor who has none.
    pub secure: Option<bool>,
    /// A custom full name for the session token cookie
    /// (`advanced.cookies.session_token.name`).
    pub session_token_name: Option<String>,
    /// A custom full name for the cookie cache (`advanced.cookies.session_data.name`).
    pub session_data_name: Option<String>,
    /// `session.freshAge` in seconds (default 86 400; 0: every session is fresh).
    pub fresh_age: u64,
    /// `session.cookieCache.refreshCache.updateAge` in seconds, when refresh is on.
    pub update_age: Option<u64>,
    /// Accept a session token, `compact` or `jwt` cache signed by an older secret of
    /// the keyring (Better Auth accepts the current secret only).
    pub verify_with_older_secrets: bool,
    /// The longest cache value accepted, in bytes, after joining chunks.
    pub max_len: usize,
}

impl Default for SessionConfig {
    fn default() -> Self {
        SessionConfig {
            strategy: Strategy::Compact,
            version: ExpectedVersion::Exact("1".into()),
            cookie_prefix: CookieNames::DEFAULT_PREFIX.into(),
            secure: None,
            session_token_name: None,
            session_data_name: None,
            fresh_age: 86_400,
            update_age: None,
            verify_with_older_secrets: false,
            max_len: DecodeOptions::default().max_len,
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

    /// The names to look for, in order.
    fn names(&self) -> Vec<CookieNames> {
        let spellings: &[bool] = match self.secure {
            Some(true) => &[true],
            Some(false) => &[false],
            None => &[true, false],
        };
        spellings
            .iter()
            .map(|&secure| {
                let mut names = CookieNames::new(&self.cookie_prefix, secure);
                if let Some(n) = &self.session_token_name {
                    names = names.with_custom_name(crate::cookie::CookieKind::SessionToken, n);
                }
                if let Some(n) = &self.session_data_name {
                    names = names.with_custom_name(crate::cookie::CookieKind::SessionData, n);
                }
                names
            })
            .collect()
    }
}

/// A session the cache vouches for. `Debug` does not show the token.
#[derive(Clone)]
pub struct SessionCheck {
    cache: VerifiedCache,
    token: String,
    fresh: bool,
    needs_refresh: bool,
    dont_remember: bool,
    secure: bool,
}

impl std::fmt::Debug for SessionCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionCheck")
            .field("cache", &self.cache)
            .field("fresh", &self.fresh)
            .field("needs_refresh", &self.needs_refresh)
            .field("dont_remember", &self.dont_remember)
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

    /// Whether the session is fresh (`now - createdAt < freshAge`).
    pub fn is_fresh(&self) -> bool {
        self.fresh
    }

    /// Whether Better Auth would re-issue the cache now (`refreshCache.updateAge`).
    pub fn needs_refresh(&self) -> bool {
        self.needs_refresh
    }

    /// Whether the request carries a valid signed `dont_remember` cookie.
    pub fn dont_remember(&self) -> bool {
        self.dont_remember
    }

    /// Whether the cookies found carry the `__Secure-` prefix.
    pub fn is_secure(&self) -> bool {
        self.secure
    }

    /// `Ok(self)` when fresh, else [`ErrorKind::NotFresh`] (what Better Auth's
    /// sensitive endpoints require).
    pub fn require_fresh(self) -> Result<Self> {
        if self.fresh {
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
/// The checks, in order: a session token cookie ([`ErrorKind::NoToken`]) whose
/// signature verifies ([`ErrorKind::BadTokenSignature`]); a cookie cache, whole or in
/// chunks ([`ErrorKind::NoCache`]) that decodes with the configured strategy (any decode
/// error); the cache is for this token ([`ErrorKind::TokenMismatch`]); its version
/// ([`ErrorKind::VersionMismatch`]); the cache has not expired, with no clock tolerance
/// even for `jwe` ([`ErrorKind::Expired`]); the embedded session has not expired
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
    let cookies = RequestCookies::parse(header);
    check_cookies(&cookies, keys, config, now)
}

/// [`check_session`] on cookies already parsed.
pub fn check_cookies(
    cookies: &RequestCookies,
    keys: &Keyring,
    config: &SessionConfig,
    now: i64,
) -> Result<SessionCheck> {
    let with = if config.verify_with_older_secrets {
        VerifyWith::AnySecret
    } else {
        VerifyWith::CurrentSecret
    };
    let candidates = config.names();
    let names = candidates
        .iter()
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
        .chunked(names.session_data())
        .ok_or_else(|| Error::new(ErrorKind::NoCache, "the request has no cookie cache"))?;

    let options = DecodeOptions {
        version: ExpectedVersion::Any,
        check_session_expiry: false,
        verify_with_older_secrets: config.verify_with_older_secrets,
        max_len: config.max_len,
    };
    let cache = config.strategy.decode(&data, keys, &options, now)?;
    let payload = cache.payload();
    if payload.session().token.as_bytes() != token.as_bytes() {
        return Err(Error::new(
            ErrorKind::TokenMismatch,
            "the cookie cache belongs to another session than the session token",
        ));
    }
    config.version.or_default().check(payload)?;
    // getSession compares the cache's expiry itself, without the 15 s of tolerance that
    // decoding a jwe allows.
    if (cache.expires_at() as f64) < now as f64 {
        return Err(Error::new(ErrorKind::Expired, "the cache has expired"));
    }
    policy::check_session_expiry(payload, &DecodeOptions::default(), now)?;

    let fresh = cache.is_fresh(config.fresh_age, now);
    let needs_refresh = config
        .update_age
        .is_some_and(|age| cache.needs_refresh(age, now));
    // Better Auth tests the signed value for truthiness: any verified value counts.
    let dont_remember = cookies
        .signed(names.dont_remember(), keys, with)
        .is_ok_and(|v| !v.is_empty());
    Ok(SessionCheck {
        cache,
        token,
        fresh,
        needs_refresh,
        dont_remember,
        secure: names.is_secure(),
    })
}

impl SessionConfig {
    /// Better Auth's stateless mode (no database): strategy `jwe`, cache lifetime =
    /// `session.expiresIn` (default 7 days), and `refreshCache` on, with `updateAge` 20 %
    /// of the lifetime.
    pub fn stateless(expires_in: u64) -> Self {
        SessionConfig {
            strategy: Strategy::Jwe,
            update_age: Some(expires_in / 5),
            ..Self::default()
        }
    }
}
