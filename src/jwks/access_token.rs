//! The JWT plugin's access tokens: what `GET /api/auth/token` returns and get-session
//! sends in its `set-auth-jwt` header, and what a service behind Better Auth receives as
//! `Authorization: Bearer`.
//!
//! Header `{"alg":<key alg>,"kid":<jwks row id>}` (no `typ`); claims `iat`, the user's
//! fields (or `definePayload`'s), `sub` (the user id), `exp = iat + 15 min`, `iss` and
//! `aud` (both the auth server's origin by default).
//!
//! Verification follows the plugin's `verifyJWT`: the key by `kid`, the key's algorithm
//! only, the issuer and the audience, **no clock tolerance** by default, and `sub` and
//! `aud` present. A session-cache JWT never passes: its `aud` is
//! `better-auth:session-cache`, which is refused here whatever the options, and so is
//! its `typ` (Better Auth does not look at `typ`; see the crate docs).
//!
//! ```
//! use session_cache::jwks::access_token::{self, AccessTokenOptions, SignOptions};
//! use session_cache::jwks::{Algorithm, Jwks, SigningKey};
//! use session_cache::json::parse_object;
//!
//! let key = SigningKey::generate(Algorithm::EdDsa)?;
//! let now = 1_795_328_965_877;
//! let user = parse_object(br#"{"id":"u1","email":"ada@example.com","name":"Ada"}"#)?;
//! let origin = "https://auth.example.com";
//! let token = access_token::sign(&user, "u1", &key, &SignOptions::new(origin, origin), now)?;
//!
//! let jwks = Jwks::from_signing_keys([&key]);
//! let verified = access_token::verify(&token, &jwks, &AccessTokenOptions::new(origin, origin), now)?;
//! assert_eq!(verified.subject(), "u1");
//! assert_eq!(verified.claims().get("email").and_then(|v| v.as_str()), Some("ada@example.com"));
//! # Ok::<(), session_cache::Error>(())
//! ```

use crate::defaults::{
    ACCESS_TOKEN_EXPIRES_IN, MAX_VALUE_LEN, SESSION_CACHE_JWT_AUDIENCE, SESSION_CACHE_JWT_TYPE,
};
use crate::error::{Error, ErrorKind, Result};
use crate::json::{JsString, Object, Value};

use super::claims::{self, audience_names, Expect};
use super::jwk::put_str;
use super::{jws, Algorithm, Jwks, SigningKey};

/// What an access token must show: the expected issuer and audience (the plugin's
/// `jwt.issuer` / `jwt.audience`, by default both the auth server's origin), and a clock
/// tolerance (the plugin: none).
///
/// `None` skips that comparison, as the plugin does without a `baseURL`; `aud` must
/// still be present, and an `aud` naming `better-auth:session-cache` is always refused.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct AccessTokenOptions {
    /// The expected `iss`, compared exactly.
    pub issuer: Option<String>,
    /// The expected audience: `aud` equal to it, or an array holding it.
    pub audience: Option<String>,
    /// Clock tolerance on `exp` and `nbf`, in seconds (default 0, as the plugin).
    pub leeway: u64,
    /// The longest token accepted, in bytes (0: [`MAX_VALUE_LEN`]).
    pub max_len: usize,
}

impl AccessTokenOptions {
    /// Options expecting `issuer` and `audience`.
    pub fn new(issuer: impl Into<String>, audience: impl Into<String>) -> Self {
        AccessTokenOptions {
            issuer: Some(issuer.into()),
            audience: Some(audience.into()),
            ..Self::default()
        }
    }

    /// The same options expecting `iss == issuer`.
    #[must_use]
    pub fn with_issuer(mut self, issuer: impl Into<String>) -> Self {
        self.issuer = Some(issuer.into());
        self
    }

    /// The same options expecting `audience`.
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
}

/// An access token whose signature, issuer, audience and times verified.
#[derive(Clone)]
pub struct VerifiedAccessToken {
    claims: Object,
    subject: String,
    expires_at: f64,
    kid: String,
    algorithm: Algorithm,
}

impl VerifiedAccessToken {
    /// Every claim, as the plugin's `verifyJWT` returns them (`iat`, the user's fields,
    /// `sub`, `exp`, `iss`, `aud`, …).
    pub fn claims(&self) -> &Object {
        &self.claims
    }

    /// `sub`: the user id.
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// `iss`, when it is a string.
    pub fn issuer(&self) -> Option<&str> {
        self.claims.get("iss").and_then(Value::as_str)
    }

    /// `exp`, in Unix milliseconds.
    pub fn expires_at(&self) -> i64 {
        self.expires_at as i64
    }

    /// The `kid` of the key that verified it.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The algorithm that verified it.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The claims as JSON, in their order.
    pub fn to_json(&self) -> String {
        self.claims.to_js_string()
    }
}

impl core::fmt::Debug for VerifiedAccessToken {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("VerifiedAccessToken")
            .field("subject", &self.subject)
            .field("expires_at", &self.expires_at)
            .field("kid", &self.kid)
            .field("algorithm", &self.algorithm)
            .finish_non_exhaustive()
    }
}

/// Verifies an access token at `now` (Unix ms), in the plugin's order: three parts and
/// a JSON header ([`ErrorKind::Malformed`]); a `typ` other than the session cache's
/// ([`ErrorKind::WrongTokenType`]); the key by `kid` and its algorithm, `crit`, the
/// signature (as for the session cache: [`ErrorKind::Malformed`],
/// [`ErrorKind::UnknownKey`], [`ErrorKind::UnsupportedAlgorithm`],
/// [`ErrorKind::BadSignature`]); `iss` then `aud` ([`ErrorKind::WrongIssuer`],
/// [`ErrorKind::WrongAudience`]); `nbf` and `exp` ([`ErrorKind::NotYetValid`],
/// [`ErrorKind::Expired`]; `exp` is required); then `sub` a non-empty string
/// ([`ErrorKind::WrongSubject`]) and `aud` present and not the session cache's
/// ([`ErrorKind::WrongAudience`]).
///
/// [`ErrorKind::InvalidOptions`] when the expected audience is the session cache's.
pub fn verify(
    token: &str,
    jwks: &Jwks,
    options: &AccessTokenOptions,
    now: i64,
) -> Result<VerifiedAccessToken> {
    if options.audience.as_deref() == Some(SESSION_CACHE_JWT_AUDIENCE) {
        return Err(Error::new(
            ErrorKind::InvalidOptions,
            "better-auth:session-cache is the session cache's audience, not an access token's",
        ));
    }
    let max_len = if options.max_len == 0 {
        MAX_VALUE_LEN
    } else {
        options.max_len
    };
    if token.len() > max_len {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!(
                "the token is {} bytes, above the limit of {max_len}",
                token.len()
            ),
        ));
    }
    let parts = jws::split(token)?;
    if parts.header.get("typ").and_then(Value::as_str) == Some(SESSION_CACHE_JWT_TYPE) {
        return Err(Error::new(
            ErrorKind::WrongTokenType,
            "a session-cache JWT is not an access token",
        ));
    }
    let (selected, claims) = jws::verify(&parts, jwks)?;
    let expect = Expect {
        issuer: options.issuer.as_deref(),
        audience: options.audience.as_deref(),
        leeway: options.leeway,
    };
    let expires_at = claims::check(&claims, &expect, now)?;
    let subject = match claims.get("sub").and_then(Value::as_str) {
        Some(sub) if !sub.is_empty() => sub.to_owned(),
        _ => {
            return Err(Error::new(
                ErrorKind::WrongSubject,
                "the access token has no \"sub\"",
            ))
        }
    };
    let aud = claims.get("aud");
    let truthy = match aud {
        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Number(n)) => *n != 0.0 && !n.is_nan(),
        Some(_) => true,
    };
    if !truthy || audience_names(aud, SESSION_CACHE_JWT_AUDIENCE) {
        return Err(Error::new(
            ErrorKind::WrongAudience,
            "the access token has no audience, or the session cache's",
        ));
    }
    Ok(VerifiedAccessToken {
        claims,
        subject,
        expires_at,
        kid: selected.kid.to_owned(),
        algorithm: selected.algorithm,
    })
}

/// How an access token is signed: issuer, audience and lifetime (the plugin's
/// `jwt.issuer`, `jwt.audience`, `jwt.expirationTime`).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SignOptions {
    /// `iss`: the auth server's origin by default in Better Auth.
    pub issuer: String,
    /// `aud`: the auth server's origin by default in Better Auth.
    pub audience: String,
    /// Seconds from `iat` to `exp` ([`ACCESS_TOKEN_EXPIRES_IN`], 15 minutes).
    pub expires_in: u64,
}

impl SignOptions {
    /// Options with `issuer` and `audience` and the plugin's 15-minute lifetime.
    pub fn new(issuer: impl Into<String>, audience: impl Into<String>) -> Self {
        SignOptions {
            issuer: issuer.into(),
            audience: audience.into(),
            expires_in: ACCESS_TOKEN_EXPIRES_IN,
        }
    }

    /// The same options with a lifetime of `seconds`.
    #[must_use]
    pub fn with_expires_in(mut self, seconds: u64) -> Self {
        self.expires_in = seconds;
        self
    }
}

/// Signs an access token as the plugin's `getJwtToken` does at `now` (Unix ms): claims
/// `{iat, ...payload, sub}` then `exp`, `iss`, `aud`, header `{alg, kid}`. `payload` is
/// the user (or what `definePayload` returns); `subject` the user id.
pub fn sign(
    payload: &Object,
    subject: &str,
    key: &SigningKey,
    options: &SignOptions,
    now: i64,
) -> Result<String> {
    if subject.is_empty() || options.issuer.is_empty() || options.audience.is_empty() {
        return Err(Error::new(
            ErrorKind::InvalidOptions,
            "an access token needs a subject, an issuer and an audience",
        ));
    }
    if options.audience == SESSION_CACHE_JWT_AUDIENCE {
        return Err(Error::new(
            ErrorKind::InvalidOptions,
            "better-auth:session-cache is the session cache's audience, not an access token's",
        ));
    }
    if options.expires_in == 0 || options.expires_in > crate::defaults::MAX_COOKIE_AGE {
        return Err(Error::new(
            ErrorKind::InvalidOptions,
            "expires_in must be between 1 second and 400 days",
        ));
    }
    let iat = now.div_euclid(1000);
    let string = |s: &str| Value::String(JsString::from(s));
    let mut claims = Object::new();
    claims.insert("iat", Value::Number(iat as f64));
    for (k, v) in payload.iter() {
        claims.insert(k.clone(), v.clone());
    }
    claims.insert("sub", string(subject));
    claims.insert(
        "exp",
        Value::Number((iat + options.expires_in as i64) as f64),
    );
    claims.insert("iss", string(&options.issuer));
    claims.insert("aud", string(&options.audience));
    let mut header = Object::new();
    put_str(&mut header, "alg", key.algorithm().as_str());
    put_str(&mut header, "kid", key.kid());
    jws::sign(
        header.to_js_string().as_bytes(),
        claims.to_js_string().as_bytes(),
        key,
    )
}
