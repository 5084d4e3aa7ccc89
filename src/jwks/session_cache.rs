//! The session-cache JWT of Better Auth's JWT plugin (`jwt({ sessionCookieCache: true
//! })` with `session.cookieCache.strategy: "jwt"`), as `getCookieCache` with
//! `jwt: {jwks, issuer?, audience?}` verifies it (`verifySessionCookieJwtWithJwks`).
//!
//! Header `{"alg":<key alg>,"kid":<jwks row id>,"typ":"better-auth.session-cache+jwt"}`;
//! claims `{session, user, updatedAt, version, sid, iat, exp, iss, aud, sub}` with `sid =
//! session.token`, `sub = user.id`, `aud = "better-auth:session-cache"`, and `iss` the
//! auth server's origin (`"better-auth:session-cache"` without a `baseURL`).

use crate::defaults::{
    MAX_VALUE_LEN, SESSION_CACHE_JWT_AUDIENCE, SESSION_CACHE_JWT_LEEWAY, SESSION_CACHE_JWT_TYPE,
};
use crate::error::{Error, ErrorKind, Result};
use crate::json::{JsString, Object, Value};
use crate::options::EncodeOptions;
use crate::payload::Payload;
use crate::policy::Policy;
use crate::strategy::{max_age_ms, Strategy};
use crate::verified::{VerifiedBy, VerifiedCache};

use super::claims::{self, Expect};
use super::jwk::put_str;
use super::{jws, Jwks, SigningKey};

/// Claims of the wire format, removed from the payload when it is read.
const WIRE_CLAIMS: &[&str] = &["sid", "iat", "exp", "nbf", "iss", "aud", "sub"];

/// What `getCookieCache`'s `jwt` option holds besides the key set: the expected issuer
/// and audience; and this crate's clock tolerance and length limit.
///
/// The defaults are Better Auth's: any issuer (but `iss` must be a non-empty string),
/// audience `"better-auth:session-cache"`, 15 s of tolerance on `exp` and `nbf`.
///
/// ```
/// use session_cache::jwks::JwtOptions;
/// let options = JwtOptions::default().with_issuer("https://auth.example.com");
/// assert_eq!(options.leeway, 15);
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct JwtOptions {
    /// The expected `iss` (`jwt.issuer`), compared exactly; `None` or empty: any
    /// non-empty string. Better Auth's own server expects its `baseURL`'s origin.
    pub issuer: Option<String>,
    /// The expected audience (`jwt.audience`); `None`: `"better-auth:session-cache"`.
    pub audience: Option<String>,
    /// Clock tolerance on `exp` and `nbf`, in seconds (`getCookieCache`: 15).
    pub leeway: u64,
    /// The longest value accepted, in bytes.
    pub max_len: usize,
}

impl Default for JwtOptions {
    fn default() -> Self {
        JwtOptions {
            issuer: None,
            audience: None,
            leeway: SESSION_CACHE_JWT_LEEWAY,
            max_len: MAX_VALUE_LEN,
        }
    }
}

impl JwtOptions {
    /// The same options expecting `iss == issuer`.
    #[must_use]
    pub fn with_issuer(mut self, issuer: impl Into<String>) -> Self {
        self.issuer = Some(issuer.into());
        self
    }

    /// The same options expecting `audience` in `aud`.
    #[must_use]
    pub fn with_audience(mut self, audience: impl Into<String>) -> Self {
        self.audience = Some(audience.into());
        self
    }

    /// The same options with a clock tolerance of `seconds`.
    #[must_use]
    pub fn with_leeway(mut self, seconds: u64) -> Self {
        self.leeway = seconds;
        self
    }

    /// The same options with a length limit of `max_len` bytes.
    #[must_use]
    pub fn with_max_len(mut self, max_len: usize) -> Self {
        self.max_len = max_len;
        self
    }
}

/// Verifies a session-cache JWT at `now` (Unix ms) with the public keys of `jwks`, in
/// Better Auth's order:
///
/// 1. the length ([`ErrorKind::TooLarge`]); three parts and a JSON header
///    ([`ErrorKind::Malformed`]);
/// 2. `typ` exactly `better-auth.session-cache+jwt` ([`ErrorKind::WrongTokenType`]: an
///    access token, or an HS256 cache, is refused here);
/// 3. a `kid` ([`ErrorKind::Malformed`]) naming a key of the set
///    ([`ErrorKind::UnknownKey`]); the algorithm is the key's `alg`, else the header's,
///    and must fit the key; `crit`; the header's `alg` must be that algorithm
///    ([`ErrorKind::UnsupportedAlgorithm`]); the signature ([`ErrorKind::BadSignature`]);
/// 4. `iss` (when an issuer is expected) before `aud` ([`ErrorKind::WrongIssuer`],
///    [`ErrorKind::WrongAudience`]); then `nbf` and `exp` with the tolerance
///    ([`ErrorKind::NotYetValid`], [`ErrorKind::Expired`]); `exp` is required
///    ([`ErrorKind::Malformed`]);
/// 5. the payload schema ([`ErrorKind::InvalidPayload`]); `iss` a non-empty string;
///    `sub == user.id` ([`ErrorKind::WrongSubject`]); `sid == session.token`
///    ([`ErrorKind::WrongSessionId`]).
///
/// The payload of the [`VerifiedCache`] is the claims without `sid`, `iat`, `exp`,
/// `nbf`, `iss`, `aud` and `sub`: the `{session, user, updatedAt, version}` that was
/// signed. Judge it with a [`Policy`] next (version, session expiry), or call
/// [`decode`].
pub fn verify(value: &str, jwks: &Jwks, options: &JwtOptions, now: i64) -> Result<VerifiedCache> {
    if value.len() > options.max_len {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!(
                "the value is {} bytes, above the limit of {}",
                value.len(),
                options.max_len
            ),
        ));
    }
    let parts = jws::split(value)?;
    if parts.header.get("typ").and_then(Value::as_str) != Some(SESSION_CACHE_JWT_TYPE) {
        return Err(Error::new(
            ErrorKind::WrongTokenType,
            "the JWT's \"typ\" is not better-auth.session-cache+jwt",
        ));
    }
    let (selected, mut claims) = jws::verify(&parts, jwks)?;
    let expect = Expect {
        issuer: options.issuer.as_deref().filter(|i| !i.is_empty()),
        audience: Some(
            options
                .audience
                .as_deref()
                .unwrap_or(SESSION_CACHE_JWT_AUDIENCE),
        ),
        leeway: options.leeway,
    };
    let expires_at = claims::check(&claims, &expect, now)?;
    let take = |claims: &Object, name: &str| claims.get(name).cloned();
    let (iss, sub, sid) = (
        take(&claims, "iss"),
        take(&claims, "sub"),
        take(&claims, "sid"),
    );
    Payload::strip_claims(&mut claims, WIRE_CLAIMS);
    let payload = Payload::from_object(claims)?;
    if !iss
        .as_ref()
        .and_then(Value::as_str)
        .is_some_and(|s| !s.is_empty())
    {
        return Err(Error::new(
            ErrorKind::WrongIssuer,
            "the JWT's \"iss\" is not a non-empty string",
        ));
    }
    if sub.as_ref().and_then(Value::as_str) != Some(payload.user().id.as_str()) {
        return Err(Error::new(
            ErrorKind::WrongSubject,
            "the JWT's \"sub\" is not the id of the user it carries",
        ));
    }
    if sid.as_ref().and_then(Value::as_str) != Some(payload.session().token.as_str()) {
        return Err(Error::new(
            ErrorKind::WrongSessionId,
            "the JWT's \"sid\" is not the token of the session it carries",
        ));
    }
    Ok(VerifiedCache {
        payload,
        expires_at,
        strategy: Strategy::Jwt,
        key: VerifiedBy::PublicKey {
            kid: selected.kid.to_owned(),
            algorithm: selected.algorithm,
        },
    })
}

/// [`verify`], then `policy` ([`Policy::check`]): what `getCookieCache` (with
/// [`Policy::cookie_cache`]) or the server's `getSession` (with [`Policy::get_session`])
/// accepts.
pub fn decode(
    value: &str,
    jwks: &Jwks,
    options: &JwtOptions,
    policy: &Policy,
    now: i64,
) -> Result<VerifiedCache> {
    let cache = verify(value, jwks, options, now)?;
    policy.check(&cache, now)?;
    Ok(cache)
}

/// Signs `payload` as the JWT plugin does at `now` (Unix ms): the header with `key`'s
/// algorithm and `kid`, the payload then `sid`, `iat`, `exp` (`iat` + `max_age`, or 300
/// s without "remember me"), `iss` = `issuer` (the auth server's origin, or
/// [`SESSION_CACHE_JWT_ISSUER`](crate::defaults::SESSION_CACHE_JWT_ISSUER)), `aud` and
/// `sub`.
pub fn encode(
    payload: &Payload,
    key: &SigningKey,
    issuer: &str,
    options: &EncodeOptions,
    now: i64,
) -> Result<String> {
    if issuer.is_empty() {
        return Err(Error::new(
            ErrorKind::InvalidOptions,
            "the issuer must not be empty (Better Auth refuses such a cache)",
        ));
    }
    let iat = now.div_euclid(1000);
    let exp = iat + max_age_ms(options, Strategy::Jwt)? / 1000;
    let mut header = Object::new();
    put_str(&mut header, "alg", key.algorithm().as_str());
    put_str(&mut header, "kid", key.kid());
    put_str(&mut header, "typ", SESSION_CACHE_JWT_TYPE);
    let string = |s: &str| Value::String(JsString::from(s));
    let mut claims = Vec::with_capacity(1024);
    payload.as_object().write_js_with(
        &[
            ("sid", string(&payload.session().token)),
            ("iat", Value::Number(iat as f64)),
            ("exp", Value::Number(exp as f64)),
            ("iss", string(issuer)),
            ("aud", string(SESSION_CACHE_JWT_AUDIENCE)),
            ("sub", string(&payload.user().id)),
        ],
        &mut claims,
    );
    jws::sign(header.to_js_string().as_bytes(), &claims, key)
}
