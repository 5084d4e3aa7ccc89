//! The offline session check: what Better Auth's `getSession` serves from the cookie
//! cache, decided from the request's `Cookie` header alone, without the auth server or
//! its database.

use std::borrow::Cow;

use crate::cookie::{
    cookie_value, for_each_pair, verify_signed_value, CookieKind, CookieNaming, RequestCookies,
    Spelling,
};
use crate::defaults;
use crate::error::{Error, ErrorKind, Result};
use crate::jwks::{self, Jwks, JwtOptions};
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
    /// With a JWKS ([`SessionKeys::Jwks`]): the issuer, audience and clock tolerance
    /// the session-cache JWT must show (`jwt: {issuer, audience}`). Better Auth's own
    /// server expects its `baseURL`'s origin as the issuer: set it.
    pub jwt: JwtOptions,
    /// The longest `Cookie` header read, in bytes ([`defaults::MAX_HEADER_LEN`]); a
    /// longer one is refused with [`ErrorKind::TooLarge`] before it is parsed.
    pub max_header_len: usize,
}

/// The keys of a session check: a deployment's secrets, or the public key set of the
/// JWT plugin (with its secrets too, when they are at hand).
///
/// `&Keyring` and `&Jwks` convert into it, so `check_session(header, &keys, …)` takes
/// either.
#[derive(Debug, Clone, Copy)]
pub enum SessionKeys<'a> {
    /// Secrets: the session token's signature and the cache (`compact`, `jwt`, `jwe`)
    /// are verified with them.
    Secrets(&'a Keyring),
    /// A JWKS: the cache is a session-cache JWT verified with its public keys
    /// ([`jwks::verify`]). With `secrets`, the session token cookie's signature is
    /// verified too; without, the token is bound instead (see [`check_session`]).
    Jwks {
        /// The public keys (what `/api/auth/jwks` serves).
        jwks: &'a Jwks,
        /// The deployment's secrets, if this service has them.
        secrets: Option<&'a Keyring>,
    },
}

impl<'a> From<&'a Keyring> for SessionKeys<'a> {
    fn from(keys: &'a Keyring) -> Self {
        SessionKeys::Secrets(keys)
    }
}

impl<'a> From<&'a Jwks> for SessionKeys<'a> {
    fn from(jwks: &'a Jwks) -> Self {
        SessionKeys::Jwks {
            jwks,
            secrets: None,
        }
    }
}

impl<'a> SessionKeys<'a> {
    /// A JWKS, and the deployment's secrets if this service has them.
    pub fn jwks(jwks: &'a Jwks, secrets: Option<&'a Keyring>) -> Self {
        SessionKeys::Jwks { jwks, secrets }
    }

    fn secrets(self) -> Option<&'a Keyring> {
        match self {
            SessionKeys::Secrets(k) => Some(k),
            SessionKeys::Jwks { secrets, .. } => secrets,
        }
    }
}

impl Default for SessionConfig {
    fn default() -> Self {
        SessionConfig {
            strategy: Strategy::Compact,
            cookies: CookieNaming::default(),
            verify: VerifyOptions::default(),
            policy: Policy::get_session(),
            jwt: JwtOptions::default(),
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

    /// The same configuration expecting session-cache JWTs (JWKS mode) issued by
    /// `issuer` (the auth server's origin, or `better-auth:session-cache` without a
    /// `baseURL`).
    #[must_use]
    pub fn with_issuer(mut self, issuer: impl Into<String>) -> Self {
        self.jwt.issuer = Some(issuer.into());
        self
    }

    /// The same configuration expecting session-cache JWTs (JWKS mode) for `audience`
    /// instead of `better-auth:session-cache`.
    #[must_use]
    pub fn with_audience(mut self, audience: impl Into<String>) -> Self {
        self.jwt.audience = Some(audience.into());
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

    /// The verified cache, taken out of the check (read the flags first).
    pub fn into_cache(self) -> VerifiedCache {
        self.cache
    }

    /// The session token from the `session_token` cookie: verified with the secret, or
    /// in JWKS mode without one, the part before its signature that the cache's `sid`
    /// matched.
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
    /// `dont_remember` cookie (in JWKS mode without a secret, any non-empty
    /// `dont_remember` cookie: its signature cannot be checked).
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
/// **With a JWKS** ([`SessionKeys::Jwks`]) the cache must be a session-cache JWT of the
/// JWT plugin, verified with [`jwks::verify`] and the config's [`jwt`](SessionConfig::jwt)
/// options (set the issuer: Better Auth's server expects its own). With the secrets as
/// well, the session token cookie is verified as above. **Without a secret** its
/// signature cannot be verified, so the token is *bound* instead: the part of the
/// `session_token` cookie before its last `.` must equal the cache's `sid` (which
/// equals `session.token`), else [`ErrorKind::TokenMismatch`]; a cookie with no `.` is
/// [`ErrorKind::BadTokenSignature`].
///
/// What the binding proves: that the request's two cookies name the same session, as
/// `getSession` requires — a stale cache beside the token of another session is refused.
/// What it does not prove: that the token cookie was issued by the auth server. The
/// session token is readable in the cache's claims, so whoever holds the cache can
/// write a matching token cookie. Authenticity rests on the cache's signature alone:
/// a verified cache proves that the auth server issued this session to this user and
/// that it has not expired, not that the session was not revoked since it was signed
/// (as with every cookie cache, until it expires).
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
pub fn check_session<'k>(
    header: &str,
    keys: impl Into<SessionKeys<'k>>,
    config: &SessionConfig,
    now: i64,
) -> Result<SessionCheck> {
    let keys = keys.into();
    if header.len() > config.max_header_len {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!(
                "the Cookie header is {} bytes, above the limit of {}",
                header.len(),
                config.max_header_len
            ),
        ));
    }
    // The common request carries the cache whole: read the few cookies the check needs
    // in one pass over the header, without building a jar. A chunked cache (or names too
    // long to build on the stack) takes the full parse, which decides exactly the same.
    match HeaderCookies::read(header, &config.cookies) {
        Some(cookies) => check_with(&cookies, keys, config, now),
        None => check_cookies(&RequestCookies::parse(header), keys, config, now),
    }
}

/// [`check_session`] on cookies already parsed.
pub fn check_cookies<'k>(
    cookies: &RequestCookies,
    keys: impl Into<SessionKeys<'k>>,
    config: &SessionConfig,
    now: i64,
) -> Result<SessionCheck> {
    let cookies = JarCookies {
        cookies,
        naming: &config.cookies,
    };
    check_with(&cookies, keys.into(), config, now)
}

/// What the check reads of a request: the cookie of a kind in a spelling (`secure`: the
/// `__Secure-` one), as better-call's parser has it (the first occurrence wins), and the
/// possibly chunked cache.
trait Cookies {
    /// The value of the cookie `kind` in the spelling `secure`.
    fn get(&self, kind: CookieKind, secure: bool) -> Option<Cow<'_, str>>;
    /// The value of the possibly chunked cache in the spelling `secure`
    /// (`getChunkedCookie`); [`ErrorKind::TooLarge`] beyond [`defaults::MAX_CHUNKS`]
    /// chunks.
    fn chunked_cache(&self, secure: bool) -> Result<Option<Cow<'_, str>>>;
}

/// A parsed jar, read through the configuration's names.
struct JarCookies<'a> {
    cookies: &'a RequestCookies,
    naming: &'a CookieNaming,
}

impl Cookies for JarCookies<'_> {
    fn get(&self, kind: CookieKind, secure: bool) -> Option<Cow<'_, str>> {
        let jar = self.cookies.jar();
        self.naming
            .with_name(kind, secure, |name| jar.get(name))
            .map(Cow::Borrowed)
    }
    fn chunked_cache(&self, secure: bool) -> Result<Option<Cow<'_, str>>> {
        let cookies = self.cookies;
        Ok(self
            .naming
            .with_name(CookieKind::SessionData, secure, |name| {
                cookies.chunked_limited(name)
            })?
            .map(Cow::Owned))
    }
}

/// The session token, cache and `dont_remember` cookies of a header, in both spellings,
/// found in one pass with better-call's rules: enough for a request whose cache is not
/// chunked.
struct HeaderCookies<'h> {
    /// The values found, by [`HeaderCookies::slot`], as better-call reads them
    /// (unquoted, `%`-decoded): decoded once here, however often the check asks.
    values: [Option<Cow<'h, str>>; 6],
}

impl<'h> HeaderCookies<'h> {
    const KINDS: [CookieKind; 3] = [
        CookieKind::SessionToken,
        CookieKind::SessionData,
        CookieKind::DontRemember,
    ];

    /// Where the cookie `kind` in the spelling `secure` is kept; `None` for the kinds the
    /// check does not read.
    fn slot(kind: CookieKind, secure: bool) -> Option<usize> {
        let k = Self::KINDS.iter().position(|&x| x == kind)?;
        Some(k * 2 + usize::from(!secure))
    }

    /// `None` when the cache is chunked (or absent, or a name does not fit the stack): the
    /// full parse is needed then.
    fn read(header: &'h str, naming: &CookieNaming) -> Option<Self> {
        let mut names = [None; 6];
        for (i, slot) in names.iter_mut().enumerate() {
            *slot = Some(naming.name(Self::KINDS[i / 2], i % 2 == 0)?);
        }
        let names = names.map(|n| n.unwrap_or_else(|| unreachable!("filled above")));
        let mut raw: [Option<&'h str>; 6] = [None; 6];
        for_each_pair(header, |key, value| {
            for (name, slot) in names.iter().zip(raw.iter_mut()) {
                if slot.is_none() && name.as_bytes() == key.as_bytes() {
                    *slot = Some(value);
                }
            }
        });
        let cookies = HeaderCookies {
            values: raw.map(|r| r.map(cookie_value)),
        };
        // The cache of the spelling in use (that of the first session token found) must
        // be there whole, not empty; without a session token the check stops before the
        // cache.
        let present = |kind: CookieKind, secure: bool| {
            cookies.get(kind, secure).is_some_and(|v| !v.is_empty())
        };
        let spelling = naming
            .spelling
            .candidates()
            .iter()
            .copied()
            .find(|&secure| present(CookieKind::SessionToken, secure));
        match spelling {
            Some(secure) if !present(CookieKind::SessionData, secure) => None,
            _ => Some(cookies),
        }
    }
}

impl Cookies for HeaderCookies<'_> {
    fn get(&self, kind: CookieKind, secure: bool) -> Option<Cow<'_, str>> {
        self.values[Self::slot(kind, secure)?]
            .as_deref()
            .map(Cow::Borrowed)
    }
    fn chunked_cache(&self, secure: bool) -> Result<Option<Cow<'_, str>>> {
        // `read` made sure the cache is whole; `getChunkedCookie` reads it from
        // better-call's parse then.
        Ok(self
            .get(CookieKind::SessionData, secure)
            .filter(|v| !v.is_empty()))
    }
}

/// The check itself, on any source of cookies.
fn check_with(
    cookies: &impl Cookies,
    keys: SessionKeys<'_>,
    config: &SessionConfig,
    now: i64,
) -> Result<SessionCheck> {
    // A signed cookie's value: verified with the secrets; without them (JWKS mode) the
    // part before its signature, unverified.
    let naming = &config.cookies;
    let signed = |kind: CookieKind, secure: bool| -> Result<String> {
        let value = cookies
            .get(kind, secure)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| {
                let name = naming.with_name(kind, secure, str::to_owned);
                Error::new(ErrorKind::NoToken, format!("no {name} cookie"))
            })?;
        match keys.secrets() {
            Some(secrets) => verify_signed_value(&value, secrets, config.verify.secrets),
            None => unverified_signed_value(&value),
        }
    };
    // The spelling whose session token cookie the request carries.
    let secure = naming
        .spelling
        .candidates()
        .iter()
        .copied()
        .find(|&secure| {
            cookies
                .get(CookieKind::SessionToken, secure)
                .is_some_and(|v| !v.is_empty())
        })
        .ok_or_else(|| {
            Error::new(
                ErrorKind::NoToken,
                "the request has no session token cookie",
            )
        })?;
    let token = signed(CookieKind::SessionToken, secure).map_err(|e| match e.kind() {
        ErrorKind::NoToken => e,
        _ => Error::new(ErrorKind::BadTokenSignature, e.message().to_owned()),
    })?;
    let data = cookies
        .chunked_cache(secure)?
        .ok_or_else(|| Error::new(ErrorKind::NoCache, "the request has no cookie cache"))?;

    let cache = match keys {
        SessionKeys::Secrets(secrets) => {
            config
                .strategy
                .verify(&data, secrets, &config.verify, now)?
        }
        SessionKeys::Jwks { jwks, .. } => {
            if config.strategy != Strategy::Jwt {
                return Err(Error::new(
                    ErrorKind::InvalidOptions,
                    "a JWKS verifies the jwt strategy only",
                ));
            }
            config.verify.check_len(&data)?;
            jwks::verify(&data, jwks, &config.jwt, now)?
        }
    };
    if cache.payload().session_token().as_bytes() != token.as_bytes() {
        return Err(Error::new(
            ErrorKind::TokenMismatch,
            "the cookie cache belongs to another session than the session token",
        ));
    }
    let verdict = config.policy.check(&cache, now)?;
    // Better Auth tests the signed value for truthiness: any verified value counts.
    let dont_remember = signed(CookieKind::DontRemember, secure).is_ok_and(|v| !v.is_empty());
    Ok(SessionCheck {
        cache,
        token,
        verdict,
        remember: Remember::from_dont_remember(dont_remember),
        secure,
    })
}

/// The part of a signed cookie value before its signature (its last `.`), unverified:
/// what a JWKS-mode check without the secret binds to the cache's `sid`.
fn unverified_signed_value(value: &str) -> Result<String> {
    match value.rfind('.') {
        Some(dot) if dot > 0 => Ok(value[..dot].to_owned()),
        _ => Err(Error::new(
            ErrorKind::BadTokenSignature,
            "the session token cookie is not a signed value",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cookie::sign_cookie_value;
    use crate::{EncodeOptions, Payload};
    use proptest::prelude::*;

    fn outcome(
        r: Result<SessionCheck>,
    ) -> std::result::Result<(String, String, bool, bool), String> {
        r.map(|c| {
            (
                c.token().to_owned(),
                c.cache().payload().to_json(),
                c.remember().is_no(),
                c.is_secure(),
            )
        })
        .map_err(|e| e.kind().as_str().to_owned())
    }

    proptest! {
        /// The one-pass reader decides every header exactly as the full parse does.
        #[test]
        fn one_pass_and_full_parse_agree(
            parts in proptest::collection::vec((0usize..12, 0usize..8), 0..8),
            spelling in prop_oneof![Just(Spelling::Secure), Just(Spelling::Plain), Just(Spelling::Either)],
        ) {
            let keys = Keyring::from_secret("one-pass-secret-0123456789").unwrap();
            let now = 1_800_000_000_000;
            let payload = |token: &str| Payload::from_json(&format!(r#"{{"session":{{"id":"s","token":"{token}","userId":"u",
                "expiresAt":"2030-01-01T00:00:00.000Z","createdAt":"2027-01-15T08:00:00.000Z"}},
                "user":{{"id":"u","email":"e@x","name":"n"}},"updatedAt":1,"version":"1"}}"#)).unwrap();
            let cache = crate::Strategy::Compact.encode(&payload("tok"), &keys, &EncodeOptions::default(), now).unwrap();
            let other = crate::Strategy::Compact.encode(&payload("tik"), &keys, &EncodeOptions::default(), now).unwrap();
            let names = [
                "better-auth.session_token", "__Secure-better-auth.session_token",
                "better-auth.session_data", "__Secure-better-auth.session_data",
                "better-auth.dont_remember", "__Secure-better-auth.dont_remember",
                "better-auth.session_data.0", " better-auth.session_token ", "theme",
                "better-auth.session_data.1", "\u{a0}better-auth.session_data", "x",
            ];
            let values = [
                sign_cookie_value("tok", &keys), sign_cookie_value("tik", &keys), cache.clone(),
                other.clone(), sign_cookie_value("true", &keys), String::new(),
                format!("\"{cache}\""), cache[..cache.len() / 2].to_owned(),
            ];
            let header = parts
                .iter()
                .map(|&(n, v)| format!("{}={}", names[n], values[v]))
                .collect::<Vec<_>>()
                .join("; ");
            let config = SessionConfig::new(crate::Strategy::Compact).with_spelling(spelling);
            let fast = check_session(&header, &keys, &config, now);
            let full = check_cookies(&RequestCookies::parse(&header), &keys, &config, now);
            prop_assert_eq!(outcome(fast), outcome(full), "{}", header);
        }
    }
}
