//! Better Auth's cookie set: each cookie's name and attributes (`getCookies`), and the
//! `Set-Cookie` lists its sign-in (`setSessionCookie`) and sign-out
//! (`deleteSessionCookie`) send.

use crate::defaults;
use crate::error::{Error, ErrorKind, Result};
use crate::keys::{Keyring, VerifyWith};
use crate::options::Remember;

use super::chunks::{chunk_replacing, expire_chunks};
use super::names::{CookieKind, CookieNames};
use super::request::RequestCookies;
use super::set_cookie::{CookieAttributes, SetCookie};
use super::signed::signed_value;

/// Which extra cookies a sign-out deletes (`deleteSessionCookie`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SignOutOptions {
    /// Delete `account_data` and its chunks (`account.storeAccountCookie`, on by
    /// default without a database).
    pub account_cookie: bool,
    /// Delete `oauth_state` (`account.storeStateStrategy: "cookie"`, the default without
    /// a database or secondary storage).
    pub oauth_state_cookie: bool,
    /// Keep `dont_remember` (`deleteSessionCookie(ctx, true)`).
    pub skip_dont_remember: bool,
}

/// What a sign-in writes: the session token, the cache value when the cookie cache is
/// on, and whether the user asked to be remembered.
///
/// ```
/// use session_cache::cookie::SignIn;
/// use session_cache::Remember;
/// let sign_in = SignIn::new("TOKEN").with_cache("CACHE").with_remember(Remember::No);
/// assert_eq!(sign_in.remember, Some(Remember::No));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct SignIn<'a> {
    /// The session token.
    pub token: &'a str,
    /// The encoded cache value, when the cookie cache is on.
    pub cache: Option<&'a str>,
    /// "Remember me"; `None` takes it from the request's `dont_remember` cookie, as
    /// Better Auth does when the caller does not say.
    pub remember: Option<Remember>,
}

impl<'a> SignIn<'a> {
    /// A sign-in with `token`, no cache, "remember me" as the request says.
    pub fn new(token: &'a str) -> Self {
        SignIn {
            token,
            cache: None,
            remember: None,
        }
    }

    /// The same sign-in writing the cache value `cache`.
    #[must_use]
    pub fn with_cache(mut self, cache: &'a str) -> Self {
        self.cache = Some(cache);
        self
    }

    /// The same sign-in with `remember`.
    #[must_use]
    pub fn with_remember(mut self, remember: Remember) -> Self {
        self.remember = Some(remember);
        self
    }
}

impl SignOutOptions {
    /// A deployment with a database (Better Auth's defaults): the three session
    /// cookies only.
    pub const fn with_database() -> Self {
        SignOutOptions {
            account_cookie: false,
            oauth_state_cookie: false,
            skip_dont_remember: false,
        }
    }

    /// A deployment without a database (stateless mode): also `account_data` and
    /// `oauth_state`.
    pub const fn stateless() -> Self {
        SignOutOptions {
            account_cookie: true,
            oauth_state_cookie: true,
            skip_dont_remember: false,
        }
    }
}

/// The names and attributes of Better Auth's cookies, as `getCookies(options)` builds
/// them, and the cookies it writes with them.
///
/// Defaults: `Path=/; HttpOnly; SameSite=Lax`, `Secure` when the names are secure;
/// `Max-Age` = `session.expiresIn` (604800) for the token and
/// `session.cookieCache.maxAge` (300) for the cache and the account cookie; none for
/// `dont_remember` and `oauth_state`.
///
/// Without a database Better Auth's cache `maxAge` defaults to `expiresIn` instead:
/// use [`with_cache_max_age`](Self::with_cache_max_age) then.
///
/// ```
/// use session_cache::cookie::{AuthCookies, CookieNames, RequestCookies, SignOutOptions};
/// use session_cache::{Keyring, Remember};
///
/// let keys = Keyring::from_secret("a-long-random-secret-of-32-chars!!")?;
/// let cookies = AuthCookies::new(CookieNames::default());
/// let token = cookies.session_token_cookie("SESSIONTOKEN", &keys, Remember::Yes);
/// let header = token.to_header_value()?;
/// assert!(header.starts_with("better-auth.session_token=SESSIONTOKEN."));
/// assert!(header.ends_with("%3D; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax"));
///
/// // What comes back in the next request verifies.
/// let request = RequestCookies::parse(&format!("better-auth.session_token={}", token.wire_value()));
/// assert_eq!(cookies.read_session_token(&request, &keys, Default::default())?, "SESSIONTOKEN");
///
/// let sign_out = cookies.sign_out_cookies(&request, SignOutOptions::with_database());
/// assert_eq!(sign_out[0].to_header_value()?,
///            "better-auth.session_token=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax");
/// # Ok::<(), session_cache::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthCookies {
    names: CookieNames,
    attributes: [CookieAttributes; 5],
    session_expires_in: u64,
}

impl AuthCookies {
    /// The cookie set for `names`, with Better Auth's default attributes (`Secure` when
    /// the names are secure) and no `Domain`.
    pub fn new(names: CookieNames) -> Self {
        let base = CookieAttributes::better_auth(names.is_secure(), None);
        let attributes = CookieKind::ALL.map(|kind| match kind {
            CookieKind::SessionToken => base
                .clone()
                .with_max_age(Some(defaults::SESSION_EXPIRES_IN)),
            CookieKind::SessionData | CookieKind::AccountData => {
                base.clone().with_max_age(Some(defaults::CACHE_MAX_AGE))
            }
            CookieKind::DontRemember | CookieKind::OauthState => base.clone(),
        });
        AuthCookies {
            names,
            attributes,
            session_expires_in: defaults::SESSION_EXPIRES_IN,
        }
    }

    /// The same set with `Domain=domain` on every cookie
    /// (`advanced.crossSubDomainCookies`), or without `Domain` for `None`.
    #[must_use]
    pub fn with_domain(mut self, domain: Option<&str>) -> Self {
        for attributes in &mut self.attributes {
            attributes.domain = domain.map(str::to_owned);
        }
        self
    }

    /// The same set with `session.expiresIn = seconds` (0 means the default, as in
    /// Better Auth): the token cookie's `Max-Age`.
    #[must_use]
    pub fn with_session_expires_in(mut self, seconds: u64) -> Self {
        let seconds = if seconds == 0 {
            defaults::SESSION_EXPIRES_IN
        } else {
            seconds
        };
        self.session_expires_in = seconds;
        self.attributes[CookieKind::SessionToken.slot()].max_age = Some(seconds);
        self
    }

    /// The same set with `session.cookieCache.maxAge = seconds` (0 means the default,
    /// as in Better Auth): the `Max-Age` of the cache and account cookies.
    #[must_use]
    pub fn with_cache_max_age(mut self, seconds: u64) -> Self {
        let seconds = if seconds == 0 {
            defaults::CACHE_MAX_AGE
        } else {
            seconds
        };
        for kind in [CookieKind::SessionData, CookieKind::AccountData] {
            self.attributes[kind.slot()].max_age = Some(seconds);
        }
        self
    }

    /// The same set with the attributes of `kind` replaced (what
    /// `advanced.defaultCookieAttributes` and `advanced.cookies.<kind>.attributes`
    /// give). The token cookie's `Max-Age` stays `session.expiresIn` when written.
    #[must_use]
    pub fn with_attributes(mut self, kind: CookieKind, attributes: CookieAttributes) -> Self {
        self.attributes[kind.slot()] = attributes;
        self
    }

    /// The names.
    pub fn names(&self) -> &CookieNames {
        &self.names
    }

    /// The attributes of the cookie `kind`.
    pub fn attributes(&self, kind: CookieKind) -> &CookieAttributes {
        &self.attributes[kind.slot()]
    }

    /// `session.expiresIn`, in seconds.
    pub fn session_expires_in(&self) -> u64 {
        self.session_expires_in
    }

    /// The session token cookie: `token` signed with the current secret, `Max-Age` =
    /// `session.expiresIn`, or no `Max-Age` (a browser-session cookie) when not
    /// remembered.
    pub fn session_token_cookie(
        &self,
        token: &str,
        keys: &Keyring,
        remember: Remember,
    ) -> SetCookie {
        let max_age = match remember {
            Remember::No => None,
            Remember::Yes => Some(self.session_expires_in),
        };
        SetCookie::new(
            self.names.session_token(),
            signed_value(token, keys),
            self.attributes(CookieKind::SessionToken)
                .clone()
                .with_max_age(max_age),
        )
    }

    /// The `dont_remember` cookie: `"true"` signed with the current secret, with its
    /// attributes (no `Max-Age` by default).
    pub fn dont_remember_cookie(&self, keys: &Keyring) -> SetCookie {
        SetCookie::new(
            self.names.dont_remember(),
            signed_value("true", keys),
            self.attributes(CookieKind::DontRemember).clone(),
        )
    }

    /// The attributes the cache cookies are written with: the cache's, without
    /// `Max-Age` when not remembered.
    pub fn session_data_attributes(&self, remember: Remember) -> CookieAttributes {
        let attributes = self.attributes(CookieKind::SessionData).clone();
        match remember {
            Remember::No => attributes.with_max_age(None),
            Remember::Yes => attributes,
        }
    }

    /// The cookies that write the cache `value` (`setCookieCache`): chunked when
    /// needed, and every name of `existing` (the request's cache cookies,
    /// [`RequestCookies::existing_chunks`]) not rewritten expired, in Better Auth's
    /// order. No `Max-Age` when not remembered.
    ///
    /// [`ErrorKind::TooLargeToWrite`] when the value needs more than 100 chunks; Better
    /// Auth then writes no cache and only expires `existing`
    /// ([`expire_chunks`](super::expire_chunks)).
    pub fn session_data_cookies(
        &self,
        value: &str,
        remember: Remember,
        existing: &[&str],
    ) -> Result<Vec<SetCookie>> {
        let attributes = self.session_data_attributes(remember);
        chunk_replacing(self.names.session_data(), value, &attributes, existing)
    }

    /// Every cookie a sign-in sends, in order (`setSessionCookie`): the token cookie;
    /// then `dont_remember` (when not remembered) or its deletion (when remembered but
    /// the request had a valid one); then, when the sign-in has a cache, the cache
    /// cookies with the request's stale chunks expired.
    ///
    /// A cache too large for 100 chunks is skipped as Better Auth skips it (its stale
    /// chunks are still expired); call
    /// [`session_data_cookies`](Self::session_data_cookies) to get the error instead.
    pub fn sign_in_cookies(
        &self,
        sign_in: SignIn<'_>,
        request: &RequestCookies,
        keys: &Keyring,
    ) -> Result<Vec<SetCookie>> {
        let had_dont_remember = self.read_dont_remember(request, keys);
        let remember = sign_in
            .remember
            .unwrap_or(Remember::from_dont_remember(had_dont_remember));
        let token_cookie = self.session_token_cookie(sign_in.token, keys, remember);
        token_cookie.to_header_value()?;
        let mut out = vec![token_cookie];
        if remember.is_no() {
            out.push(self.dont_remember_cookie(keys));
        } else if had_dont_remember {
            out.push(self.expire(CookieKind::DontRemember));
        }
        if let Some(cache) = sign_in.cache {
            let existing = request.existing_chunks(self.names.session_data());
            match self.session_data_cookies(cache, remember, &existing) {
                Ok(cookies) => out.extend(cookies),
                Err(e) if e.kind() == ErrorKind::TooLargeToWrite => out.extend(expire_chunks(
                    &existing,
                    &self.session_data_attributes(remember),
                )),
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// The cookie that deletes the cookie `kind` (`expireCookie`): empty, `Max-Age=0`,
    /// its other attributes kept. Chunks are not included (see
    /// [`expire_chunks`](super::expire_chunks)).
    pub fn expire(&self, kind: CookieKind) -> SetCookie {
        SetCookie::expired(self.names.get(kind), self.attributes(kind))
    }

    /// Every cookie a sign-out sends, in order (`deleteSessionCookie`): the token; the
    /// cache; with `account_cookie`, `account_data` and then every `account_data`
    /// cookie of the request (itself and its chunks); with `oauth_state_cookie`,
    /// `oauth_state`; every cache cookie of the request (itself again, when present,
    /// and its chunks); and `dont_remember` unless skipped. All with `Max-Age=0`.
    pub fn sign_out_cookies(
        &self,
        request: &RequestCookies,
        options: SignOutOptions,
    ) -> Vec<SetCookie> {
        let mut out = vec![
            self.expire(CookieKind::SessionToken),
            self.expire(CookieKind::SessionData),
        ];
        if options.account_cookie {
            out.push(self.expire(CookieKind::AccountData));
            let existing = request.existing_chunks(self.names.get(CookieKind::AccountData));
            out.extend(expire_chunks(
                &existing,
                self.attributes(CookieKind::AccountData),
            ));
        }
        if options.oauth_state_cookie {
            out.push(self.expire(CookieKind::OauthState));
        }
        let existing = request.existing_chunks(self.names.session_data());
        out.extend(expire_chunks(
            &existing,
            self.attributes(CookieKind::SessionData),
        ));
        if !options.skip_dont_remember {
            out.push(self.expire(CookieKind::DontRemember));
        }
        out
    }

    /// The verified session token of the request (`ctx.getSignedCookie` of the token
    /// cookie): [`ErrorKind::NoToken`] when absent or empty, [`ErrorKind::Malformed`]
    /// for a bad shape, [`ErrorKind::BadTokenSignature`] when it does not verify.
    pub fn read_session_token(
        &self,
        request: &RequestCookies,
        keys: &Keyring,
        with: VerifyWith,
    ) -> Result<String> {
        request.signed(self.names.session_token(), keys, with)
    }

    /// The request's cookie-cache value (`getChunkedCookie`), not yet decoded:
    /// [`ErrorKind::NoCache`] when there is none.
    pub fn read_session_data(&self, request: &RequestCookies) -> Result<String> {
        request
            .chunked(self.names.session_data())
            .ok_or_else(|| Error::new(ErrorKind::NoCache, "no session_data cookie"))
    }

    /// Whether the request carries a valid `dont_remember` cookie (signed with the
    /// current secret, any non-empty value), as Better Auth tests it.
    pub fn read_dont_remember(&self, request: &RequestCookies, keys: &Keyring) -> bool {
        request
            .signed(self.names.dont_remember(), keys, VerifyWith::CurrentSecret)
            .is_ok()
    }
}

impl Default for AuthCookies {
    /// [`AuthCookies::new`] of the default names.
    fn default() -> Self {
        AuthCookies::new(CookieNames::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> Keyring {
        Keyring::from_secret("a-very-long-secret-for-testing-cookies-1234567890").unwrap()
    }

    fn headers(cookies: &[SetCookie]) -> Vec<String> {
        cookies
            .iter()
            .map(|c| c.to_header_value().unwrap())
            .collect()
    }

    #[test]
    fn dont_remember_taken_from_the_request_when_not_given() {
        let keys = keys();
        let cookies = AuthCookies::default();
        let dont = cookies.dont_remember_cookie(&keys);
        let request = RequestCookies::parse(&format!("{}={}", dont.name, dont.wire_value()));
        assert!(cookies.read_dont_remember(&request, &keys));
        let out = cookies
            .sign_in_cookies(SignIn::new("tok").with_cache("cache"), &request, &keys)
            .unwrap();
        let out = headers(&out);
        assert_eq!(out.len(), 3);
        assert!(out[0].ends_with("; Path=/; HttpOnly; SameSite=Lax"));
        assert!(!out[0].contains("Max-Age"));
        assert!(out[1].starts_with("better-auth.dont_remember=true."));
        assert_eq!(
            out[2],
            "better-auth.session_data=cache; Path=/; HttpOnly; SameSite=Lax"
        );

        // Remembered this time: the old dont_remember cookie is deleted.
        let out = cookies
            .sign_in_cookies(
                SignIn::new("tok").with_remember(Remember::Yes),
                &request,
                &keys,
            )
            .unwrap();
        assert_eq!(
            headers(&out)[1],
            "better-auth.dont_remember=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax"
        );
    }

    #[test]
    fn custom_names_and_attributes() {
        let names = CookieNames::new("", true).with_custom_name(CookieKind::SessionData, "cache");
        assert_eq!(names.session_data(), "__Secure-cache");
        assert_eq!(names.session_token(), "__Secure-better-auth.session_token");
        let cookies = AuthCookies::new(names)
            .with_domain(Some("example.com"))
            .with_cache_max_age(0)
            .with_session_expires_in(86_400);
        assert_eq!(cookies.session_expires_in(), 86_400);
        let out = cookies
            .session_data_cookies("v", Remember::Yes, &[])
            .unwrap();
        assert_eq!(
            headers(&out),
            ["__Secure-cache=v; Max-Age=300; Domain=example.com; Path=/; HttpOnly; Secure; SameSite=Lax"]
        );
        let strict = CookieAttributes {
            same_site: Some(crate::cookie::SameSite::Strict),
            ..CookieAttributes::default()
        };
        let cookies = cookies.with_attributes(CookieKind::DontRemember, strict);
        assert_eq!(
            cookies
                .expire(CookieKind::DontRemember)
                .to_header_value()
                .unwrap(),
            "__Secure-better-auth.dont_remember=; Max-Age=0; Secure; SameSite=Strict"
        );
    }

    #[test]
    fn sign_out_can_keep_dont_remember() {
        let cookies = AuthCookies::default();
        let request = RequestCookies::parse("better-auth.session_data.0=a");
        let options = SignOutOptions {
            skip_dont_remember: true,
            ..SignOutOptions::with_database()
        };
        let names: Vec<_> = cookies
            .sign_out_cookies(&request, options)
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(
            names,
            [
                "better-auth.session_token",
                "better-auth.session_data",
                "better-auth.session_data.0"
            ]
        );
    }

    #[test]
    fn cache_errors() {
        let cookies = AuthCookies::default();
        let request = RequestCookies::parse("");
        assert_eq!(
            cookies.read_session_data(&request).unwrap_err().kind(),
            ErrorKind::NoCache
        );
        assert_eq!(
            cookies
                .read_session_token(&request, &keys(), VerifyWith::CurrentSecret)
                .unwrap_err()
                .kind(),
            ErrorKind::NoToken
        );
        let err = cookies
            .session_data_cookies(&"x".repeat(400_000), Remember::Yes, &[])
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TooLargeToWrite);
        let too_long = AuthCookies::default().with_session_expires_in(40_000_000);
        let err = too_long
            .sign_in_cookies(
                SignIn::new("tok").with_remember(Remember::Yes),
                &request,
                &keys(),
            )
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidOptions);
    }
}
