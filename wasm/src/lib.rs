//! WebAssembly bindings of [`session_cache`], for the npm package `session-cache`.
//!
//! Translation only: every decision (formats, signatures, expiry, versions, cookie
//! names and chunks) is the library's. This crate turns JavaScript arguments into
//! library calls and library results into strings and numbers the JavaScript layer
//! (`js/api.mjs`) reads. That layer is the public API; the class here is internal.
//!
//! Results cross the boundary as JSON text: a verified payload is returned exactly as
//! the library writes it (`Payload::to_json`, byte-compatible with `JSON.stringify`),
//! and JavaScript turns it into an object with one `JSON.parse`. Everything else about
//! the last call (expiry, freshness, error kind and message) is kept on the instance
//! and read through getters, so that a call allocates no JavaScript objects from Rust.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::str::FromStr;

use session_cache::cookie::{
    sign_cookie_value, verify_signed_value, AuthCookies, CookieKind, CookieNames, CookieNaming,
    RequestCookies, Spelling,
};
use session_cache::jwks::access_token::{self, AccessTokenOptions};
use session_cache::jwks::{self, Algorithm, Jwks, JwksRefresh, JwtOptions, SigningKey};
use session_cache::session::{check_session, SessionConfig, SessionKeys};
use session_cache::{
    defaults, DecodeOptions, EncodeOptions, Error, ErrorKind, ExpectedVersion, Keyring, Payload,
    Policy, Reader, Remember, Strategy, VerifiedCache, VerifyOptions, VerifyWith,
};
use wasm_bindgen::prelude::*;

/// A keyring and a configuration, built once and used for many calls.
///
/// Internal: the npm package wraps it (`createVerifier`).
#[wasm_bindgen]
pub struct Verifier {
    /// `None` only in JWKS mode without a secret.
    keys: Option<Keyring>,
    /// JWKS mode (the JWT plugin's session cache): the public keys that verify.
    jwks: Option<Jwks>,
    /// JWKS mode: `jwt.issuer`, `jwt.audience`.
    jwt: JwtOptions,
    /// JWKS mode: the private key that signs (`jwt.signingKey`), and the `iss` it
    /// writes (`jwt.issuer`, else `better-auth:session-cache`).
    signing_key: Option<SigningKey>,
    strategy: Strategy,
    /// `None`: no version check here (no version configured, or a version function,
    /// which the JavaScript layer calls and hands back through `checkVersion`).
    version: Option<String>,
    /// The version function is in JavaScript: keep the last payload for `checkVersion`.
    version_is_function: bool,
    secrets: VerifyWith,
    /// The cookie names read, with the cache's `cookieName` (the part after the prefix,
    /// as Better Auth's `getCookieCache` takes it) as a custom name.
    naming: CookieNaming,
    /// `isSecure`: the names written are `__Secure-` ones.
    secure: bool,
    domain: Option<String>,
    max_age: u64,
    fresh_age: u64,
    update_age: Option<u64>,
    // The outcome of the last call.
    expires_at: f64,
    fresh: bool,
    needs_refresh: bool,
    dont_remember: bool,
    error_kind: &'static str,
    error_message: String,
    last: Option<VerifiedCache>,
    /// What JavaScript wrote for the next call that reads it (see
    /// [`Verifier::input_buffer`]).
    input: Vec<u8>,
    /// The last verified payload's dates, Unix ms ([`Verifier::date_ms`]).
    date_ms: [f64; 6],
}

/// The largest input buffer a verifier keeps between calls (a larger one, for a chunked
/// cache of many KB, is released after its call).
const KEPT_INPUT: usize = 64 * 1024;

/// The version a JavaScript version function returned, checked as the library checks a
/// version function's result (strictly: an empty string matches no cache).
fn computed_version(expected: String) -> ExpectedVersion {
    ExpectedVersion::function(move |_, _| expected.clone())
}

/// A `TypeError` whose `code` is the library's error kind.
fn type_error(kind: &str, message: &str) -> JsValue {
    let error = js_sys::TypeError::new(&format!("session-cache: {message}"));
    let _ = js_sys::Reflect::set(&error, &"code".into(), &kind.into());
    error.into()
}

/// A library error thrown to JavaScript: a `TypeError` for bad arguments, an `Error`
/// otherwise, with `code` set to the kind either way.
fn throw(err: &Error) -> JsValue {
    let kind = err.kind().as_str();
    match err.kind() {
        ErrorKind::InvalidKey | ErrorKind::InvalidOptions | ErrorKind::InvalidPayload => {
            type_error(kind, err.message())
        }
        _ => {
            let error = js_sys::Error::new(&format!("session-cache: {}", err.message()));
            let _ = js_sys::Reflect::set(&error, &"code".into(), &kind.into());
            error.into()
        }
    }
}

/// A JavaScript number of seconds as `u64`: a non-negative integer, else a `TypeError`.
fn seconds(value: f64, what: &str) -> Result<u64, JsValue> {
    if value.is_finite()
        && value >= 0.0
        && value.fract() == 0.0
        && value <= 9.007_199_254_740_991e15
    {
        Ok(value as u64)
    } else {
        Err(type_error(
            "invalid_options",
            &format!("{what} must be a non-negative integer number of seconds"),
        ))
    }
}

/// A JavaScript time in Unix milliseconds as `i64`.
fn millis(now: f64) -> Result<i64, JsValue> {
    if now.is_finite() && now.abs() <= 8.64e15 {
        Ok(now.floor() as i64)
    } else {
        Err(type_error(
            "invalid_options",
            "now must be a finite time in Unix milliseconds",
        ))
    }
}

#[wasm_bindgen]
impl Verifier {
    /// Builds the keyring (every key derived here, once) and checks the configuration.
    ///
    /// Keys: `secret` alone; or `secrets_env` (`"2:new,1:old"`); or `versions` and
    /// `values` side by side (`secrets: [{version, value}]`), with `secret` then the
    /// legacy secret, as in Better Auth; or, with none of those, the environment
    /// variables `env_names` and `env_values` side by side, read as Better Auth reads
    /// its environment ([`Keyring::from_env_with`]). Throws a `TypeError` on a bad
    /// configuration.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        secret: Option<String>,
        secrets_env: Option<String>,
        versions: Option<Vec<u32>>,
        values: Option<Vec<String>>,
        env_names: Option<Vec<String>>,
        env_values: Option<Vec<String>>,
        strategy: Option<String>,
        version: Option<String>,
        version_is_function: bool,
        older_secrets: bool,
        cookie_prefix: Option<String>,
        cookie_name: Option<String>,
        secure: Option<bool>,
        domain: Option<String>,
        max_age: Option<f64>,
        fresh_age: Option<f64>,
        update_age: Option<f64>,
        jwks_json: Option<String>,
        jwt_issuer: Option<String>,
        jwt_audience: Option<String>,
        signing_key_json: Option<String>,
    ) -> Result<Verifier, JsValue> {
        let public_keys = jwks_json.is_some() || signing_key_json.is_some();
        let no_secret = secret.is_none()
            && secrets_env.is_none()
            && versions.is_none()
            && env_names.as_ref().map_or(true, |n| n.is_empty());
        let keys = if public_keys && no_secret {
            None
        } else {
            Some(Self::keyring(
                secret,
                secrets_env,
                versions,
                values,
                env_names,
                env_values,
            )?)
        };
        let strategy = match strategy {
            Some(s) => Strategy::from_str(&s).map_err(|e| throw(&e))?,
            None if public_keys => Strategy::Jwt,
            None => Strategy::default(),
        };
        if public_keys && strategy != Strategy::Jwt {
            return Err(type_error(
                "invalid_options",
                "jwt.jwks and jwt.signingKey go with strategy \"jwt\"",
            ));
        }
        let jwks = jwks_json
            .map(|text| Jwks::from_json(&text))
            .transpose()
            .map_err(|e| throw_config(&e))?;
        let signing_key = signing_key_json
            .map(|text| SigningKey::from_jwk(&text))
            .transpose()
            .map_err(|e| throw_config(&e))?;
        let mut jwt = JwtOptions::default();
        if let Some(i) = jwt_issuer {
            jwt = jwt.with_issuer(i);
        }
        if let Some(a) = jwt_audience {
            jwt = jwt.with_audience(a);
        }
        Self::build(
            keys,
            jwks,
            jwt,
            signing_key,
            strategy,
            version,
            version_is_function,
            older_secrets,
            cookie_prefix,
            cookie_name,
            secure,
            domain,
            max_age,
            fresh_age,
            update_age,
        )
    }

    /// Replaces the JWKS (the JavaScript helper that keeps a remote set fresh calls
    /// this after each fetch). Throws a `TypeError` on a bad set.
    #[wasm_bindgen(js_name = setJwks)]
    pub fn set_jwks(&mut self, json: &str) -> Result<(), JsValue> {
        self.jwks = Some(Jwks::from_json(json).map_err(|e| throw_config(&e))?);
        Ok(())
    }

    /// The `kid`s of the JWKS in use, in order.
    #[wasm_bindgen(getter, js_name = jwksKids)]
    pub fn jwks_kids(&self) -> Vec<String> {
        self.jwks
            .as_ref()
            .map(|j| j.kids().map(str::to_owned).collect())
            .unwrap_or_default()
    }
}

impl Verifier {
    fn keyring(
        secret: Option<String>,
        secrets_env: Option<String>,
        versions: Option<Vec<u32>>,
        values: Option<Vec<String>>,
        env_names: Option<Vec<String>>,
        env_values: Option<Vec<String>>,
    ) -> Result<Keyring, JsValue> {
        match (secrets_env, versions, values) {
            (Some(env), _, _) => Keyring::from_secrets_env(&env, secret.as_deref()),
            (None, Some(versions), Some(values)) => {
                if versions.len() != values.len() {
                    return Err(type_error(
                        "invalid_key",
                        "secrets: every entry needs a version and a value",
                    ));
                }
                Keyring::from_secrets(
                    versions
                        .iter()
                        .copied()
                        .zip(values.iter().map(String::as_str)),
                    secret.as_deref(),
                )
            }
            (None, _, _) => match (secret, env_names, env_values) {
                (Some(secret), _, _) => Keyring::from_secret(&secret),
                (None, Some(names), Some(values)) => Keyring::from_env_with(|name| {
                    names
                        .iter()
                        .position(|n| n == name)
                        .and_then(|i| values.get(i).cloned())
                }),
                _ => Err(Error::new(ErrorKind::InvalidKey, "no secret")),
            }
            .map_err(|e| match e.kind() {
                ErrorKind::InvalidKey if e.message().starts_with("no secret") => Error::new(
                    ErrorKind::InvalidKey,
                    "a secret is required: pass `secret` or `secrets` (or set BETTER_AUTH_SECRET)",
                ),
                _ => e,
            }),
        }
        .map_err(|e| throw(&e))
    }

    #[allow(clippy::too_many_arguments)]
    fn build(
        keys: Option<Keyring>,
        jwks: Option<Jwks>,
        jwt: JwtOptions,
        signing_key: Option<SigningKey>,
        strategy: Strategy,
        version: Option<String>,
        version_is_function: bool,
        older_secrets: bool,
        cookie_prefix: Option<String>,
        cookie_name: Option<String>,
        secure: Option<bool>,
        domain: Option<String>,
        max_age: Option<f64>,
        fresh_age: Option<f64>,
        update_age: Option<f64>,
    ) -> Result<Verifier, JsValue> {
        let max_age = match max_age {
            Some(v) => seconds(v, "maxAge")?,
            None => defaults::CACHE_MAX_AGE,
        };
        if max_age == 0 {
            return Err(type_error(
                "invalid_options",
                "maxAge must be at least 1 second",
            ));
        }
        let fresh_age = match fresh_age {
            Some(v) => seconds(v, "freshAge")?,
            None => defaults::FRESH_AGE,
        };
        let update_age = update_age.map(|v| seconds(v, "updateAge")).transpose()?;
        let prefix = cookie_prefix.unwrap_or_else(|| defaults::COOKIE_PREFIX.into());
        let mut naming = CookieNaming::new(&prefix).with_spelling(Spelling::from_is_secure(secure));
        if let Some(name) = cookie_name.filter(|n| n != "session_data") {
            // Better Auth's getCookieCache reads `[__Secure-]<cookiePrefix>.<cookieName>`.
            naming = naming.with_custom_name(CookieKind::SessionData, &format!("{prefix}.{name}"));
        }
        Ok(Verifier {
            keys,
            jwks,
            jwt,
            signing_key,
            strategy,
            version,
            version_is_function,
            secrets: if older_secrets {
                VerifyWith::AnySecret
            } else {
                VerifyWith::CurrentSecret
            },
            naming,
            secure: secure.unwrap_or(false),
            domain,
            max_age,
            fresh_age,
            update_age,
            expires_at: f64::NAN,
            fresh: false,
            needs_refresh: false,
            dont_remember: false,
            error_kind: "",
            error_message: String::new(),
            last: None,
            input: Vec::new(),
            date_ms: [f64::NAN; 6],
        })
    }

    /// Runs `f` on the first `len` bytes of the input buffer, as text. The buffer is
    /// lent out for the call, not copied; one grown past [`KEPT_INPUT`] bytes is
    /// released afterwards.
    fn on_input(
        &mut self,
        len: usize,
        f: impl FnOnce(&mut Self, &str) -> Option<String>,
    ) -> Result<Option<String>, JsValue> {
        let input = std::mem::take(&mut self.input);
        let result = match input.get(..len).map(std::str::from_utf8) {
            Some(Ok(text)) => Ok(f(self, text)),
            _ => Err(type_error(
                "invalid_options",
                "the input buffer does not hold that many bytes of UTF-8",
            )),
        };
        if input.len() <= KEPT_INPUT {
            self.input = input;
        }
        result
    }

    /// The keyring, or the error of a verifier without a secret.
    fn secrets(&self) -> Result<&Keyring, Error> {
        self.keys.as_ref().ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidKey,
                "this needs the secret: pass `secret` or `secrets` (or set BETTER_AUTH_SECRET)",
            )
        })
    }
}

#[wasm_bindgen]
impl Verifier {
    /// The strategy this verifier reads and writes.
    #[wasm_bindgen(getter)]
    pub fn strategy(&self) -> String {
        self.strategy.as_str().into()
    }

    /// When the last verified cache expires (Unix ms).
    #[wasm_bindgen(getter, js_name = expiresAt)]
    pub fn expires_at(&self) -> f64 {
        self.expires_at
    }

    /// Whether the last verified session is fresh (`verifySession`).
    #[wasm_bindgen(getter)]
    pub fn fresh(&self) -> bool {
        self.fresh
    }

    /// Whether the last verified cache should be re-issued (`verifySession`).
    #[wasm_bindgen(getter, js_name = needsRefresh)]
    pub fn needs_refresh(&self) -> bool {
        self.needs_refresh
    }

    /// Whether the last verified request has a valid `dont_remember` cookie.
    #[wasm_bindgen(getter, js_name = dontRemember)]
    pub fn dont_remember(&self) -> bool {
        self.dont_remember
    }

    /// The error kind of the last failed call (`"bad_signature"`, …).
    #[wasm_bindgen(getter, js_name = errorKind)]
    pub fn error_kind(&self) -> String {
        self.error_kind.into()
    }

    /// The message of the last failed call.
    #[wasm_bindgen(getter, js_name = errorMessage)]
    pub fn error_message(&self) -> String {
        self.error_message.clone()
    }

    fn fail(&mut self, err: Error) -> Option<String> {
        self.error_kind = err.kind().as_str();
        self.error_message = err.message().into();
        self.last = None;
        None
    }

    fn succeed(&mut self, cache: VerifiedCache) -> Option<String> {
        self.expires_at = cache.expires_at() as f64;
        let (session, user) = (cache.payload().session(), cache.payload().user());
        let ms = |t: Option<i64>| t.map_or(f64::NAN, |t| t as f64);
        self.date_ms = [
            session.expires_at as f64,
            ms(session.created_at),
            ms(session.updated_at),
            f64::NAN, // a user has no `expiresAt` field of the schema's
            ms(user.created_at),
            ms(user.updated_at),
        ];
        let json = cache.payload().to_json();
        if self.version_is_function {
            self.last = Some(cache);
        }
        Some(json)
    }

    fn verify_options(&self) -> VerifyOptions {
        VerifyOptions::default().with_secrets(self.secrets)
    }

    /// `getCookieCache`'s policy with the configured version (none for a version
    /// function, which the JavaScript layer checks through `checkVersion`).
    fn decode_options(&self) -> DecodeOptions {
        let policy = match &self.version {
            Some(v) => Policy::cookie_cache().with_version(v.as_str()),
            None => Policy::cookie_cache(),
        };
        DecodeOptions::new(self.verify_options(), policy)
    }

    /// Decodes and verifies a cookie-cache value (the first `len` bytes of the input
    /// buffer, [`input_buffer`](Self::input_buffer)): the payload's JSON text, or
    /// `undefined` (then `errorKind` and `errorMessage` say why). Never throws on a
    /// bad value.
    pub fn decode(&mut self, len: usize, now: f64) -> Result<Option<String>, JsValue> {
        let now = millis(now)?;
        self.on_input(len, |this, value| this.decode_at(value, now))
    }

    /// The dates of the last verified payload, Unix ms: `session.expiresAt`, `createdAt`,
    /// `updatedAt`, then the user's `expiresAt`, `createdAt`, `updatedAt`; `NaN` where the
    /// schema has no such field or it is absent. The schema accepts a date only as an ISO
    /// string that `new Date(s)` reads, and these are exactly `new Date(s).getTime()`, so
    /// JavaScript builds the `Date`s from them without parsing the strings again.
    #[wasm_bindgen(getter, js_name = dateMs)]
    pub fn date_ms(&self) -> Vec<f64> {
        self.date_ms.to_vec()
    }

    /// The address, in [`wasm_memory`]'s buffer, of a buffer of at least `len` bytes kept
    /// by this verifier, for the next `decode`, `getCookieCache` or `verifySession`, which
    /// read their text from it: JavaScript writes a string's UTF-8 there with
    /// `TextEncoder.encodeInto` (native: about 0.3 µs for a 1 KB cookie), where
    /// wasm-bindgen's own copy of a `&str` argument reads it character by character
    /// (about 4 µs).
    #[wasm_bindgen(js_name = inputBuffer)]
    pub fn input_buffer(&mut self, len: usize) -> usize {
        if self.input.len() < len {
            self.input = vec![0; len];
        }
        self.input.as_mut_ptr() as usize
    }

    fn decode_at(&mut self, value: &str, now: i64) -> Option<String> {
        let options = self.decode_options();
        let result = match (&self.jwks, &self.keys) {
            (Some(set), _) => jwks::decode(value, set, &self.jwt, &options.policy, now),
            (None, Some(keys)) => self.strategy.decode(value, keys, &options, now),
            (None, None) => Err(Error::new(
                ErrorKind::InvalidKey,
                "verifying needs `jwt.jwks` or a secret",
            )),
        };
        match result {
            Ok(cache) => self.succeed(cache),
            Err(err) => self.fail(err),
        }
    }

    /// The cookie-cache value of a `Cookie` header (the first `len` bytes of the input
    /// buffer), whole or in chunks, under
    /// `[__Secure-]<cookiePrefix>.<cookieName>` (both spellings, the secure one first,
    /// when `isSecure` was not given), decoded and verified as [`Verifier::decode`]
    /// does; `errorKind` is `"no_cache"` when there is no such cookie.
    #[wasm_bindgen(js_name = getCookieCache)]
    pub fn get_cookie_cache(&mut self, len: usize, now: f64) -> Result<Option<String>, JsValue> {
        let now = millis(now)?;
        self.on_input(len, |this, header| this.get_cookie_cache_at(header, now))
    }

    fn get_cookie_cache_at(&mut self, header: &str, now: i64) -> Option<String> {
        // The session check's limits: the header's length, then the chunk count.
        let cookies = match RequestCookies::parse_limited(header, defaults::MAX_HEADER_LEN) {
            Ok(cookies) => cookies,
            Err(e) => return self.fail(e),
        };
        let found = self
            .naming
            .candidates()
            .find_map(|names| cookies.chunked_limited(names.session_data()).transpose());
        let found = match found.transpose() {
            Ok(found) => found,
            Err(e) => return self.fail(e),
        };
        match found {
            Some(value) => self.decode_at(&value, now),
            None => self.fail(Error::new(
                ErrorKind::NoCache,
                "the request has no cookie cache",
            )),
        }
    }

    /// The offline session check of a `Cookie` header (the first `len` bytes of the
    /// input buffer; Better Auth's `getSession` served from the cache): the payload's
    /// JSON text, with `expiresAt`, `fresh`,
    /// `needsRefresh` and `dontRemember` set; or `undefined` and the error.
    ///
    /// `expected_version`: what the JavaScript version function returned for this
    /// request's cache (read first with [`Verifier::get_cookie_cache`]); it takes the
    /// place of the configured version.
    #[wasm_bindgen(js_name = verifySession)]
    pub fn verify_session(
        &mut self,
        len: usize,
        now: f64,
        expected_version: Option<String>,
    ) -> Result<Option<String>, JsValue> {
        let now = millis(now)?;
        self.on_input(len, |this, header| {
            this.verify_session_at(header, now, expected_version)
        })
    }

    fn verify_session_at(
        &mut self,
        header: &str,
        now: i64,
        expected_version: Option<String>,
    ) -> Option<String> {
        let mut config = SessionConfig::new(self.strategy)
            .with_version(match (expected_version, &self.version) {
                (Some(expected), _) => computed_version(expected),
                (None, Some(v)) => ExpectedVersion::Exact(v.clone()),
                // getSession's rule (the library's): no version configured means "1".
                (None, None) => ExpectedVersion::Any,
            })
            .with_fresh_age(self.fresh_age)
            .with_secrets(self.secrets);
        config.cookies = self.naming.clone();
        config.policy.update_age = self.update_age;
        config.jwt = self.jwt.clone();
        let keys = match (&self.jwks, &self.keys) {
            (Some(set), keys) => SessionKeys::jwks(set, keys.as_ref()),
            (None, Some(keys)) => SessionKeys::Secrets(keys),
            (None, None) => {
                return self.fail(Error::new(
                    ErrorKind::InvalidKey,
                    "verifying needs `jwt.jwks` or a secret",
                ))
            }
        };
        match check_session(header, keys, &config, now) {
            Ok(check) => {
                self.fresh = check.is_fresh();
                self.needs_refresh = check.needs_refresh();
                self.dont_remember = check.remember().is_no();
                self.succeed(check.into_cache())
            }
            Err(err) => {
                self.fresh = false;
                self.needs_refresh = false;
                self.dont_remember = false;
                self.fail(err)
            }
        }
    }

    /// Checks the payload of the last successful call against the version the
    /// JavaScript version function returned for it. `false` (with the error set) on a
    /// mismatch.
    #[wasm_bindgen(js_name = checkVersion)]
    pub fn check_version(&mut self, expected: &str) -> bool {
        let Some(cache) = self.last.take() else {
            self.fail(Error::new(
                ErrorKind::InvalidOptions,
                "no payload to check the version of",
            ));
            return false;
        };
        match computed_version(expected.to_owned()).check(cache.payload(), Reader::CookieCache) {
            Ok(()) => true,
            Err(err) => {
                self.fail(err);
                false
            }
        }
    }

    fn encode_at(
        &self,
        payload_json: &str,
        now: f64,
        max_age: Option<f64>,
    ) -> Result<String, JsValue> {
        let now = millis(now)?;
        let max_age = match max_age {
            Some(v) => seconds(v, "maxAge")?,
            None => self.max_age,
        };
        let payload = Payload::from_json(payload_json).map_err(|e| throw(&e))?;
        let options = EncodeOptions::default().with_max_age(max_age);
        let result = match (&self.signing_key, &self.jwks) {
            (Some(key), _) => {
                let issuer = self
                    .jwt
                    .issuer
                    .as_deref()
                    .unwrap_or(defaults::SESSION_CACHE_JWT_ISSUER);
                jwks::encode(&payload, key, issuer, &options, now)
            }
            (None, Some(_)) => Err(Error::new(
                ErrorKind::InvalidKey,
                "signing a JWKS session cache needs `jwt.signingKey` (a private JWK)",
            )),
            (None, None) => self
                .secrets()
                .and_then(|keys| self.strategy.encode(&payload, keys, &options, now)),
        };
        result.map_err(|e| throw(&e))
    }

    /// Encodes a payload (its JSON text, `{session, user, updatedAt, version}`) with
    /// the current secret: the cookie-cache value. Throws on a payload Better Auth's
    /// schema refuses.
    pub fn encode(
        &self,
        payload_json: &str,
        now: f64,
        max_age: Option<f64>,
    ) -> Result<String, JsValue> {
        self.encode_at(payload_json, now, max_age)
    }

    /// The `Set-Cookie` header values that write the encoded payload (chunked when
    /// needed, Better Auth's attributes), expiring the cache chunks the request
    /// `header` holds that are not rewritten. Throws `too_large_to_write` when more
    /// than 100 chunks would be needed.
    #[wasm_bindgen(js_name = setCookies)]
    pub fn set_cookies(
        &self,
        payload_json: &str,
        now: f64,
        max_age: Option<f64>,
        header: Option<String>,
    ) -> Result<Vec<String>, JsValue> {
        let max_age_s = match max_age {
            Some(v) => seconds(v, "maxAge")?,
            None => self.max_age,
        };
        let value = self.encode_at(payload_json, now, Some(max_age_s as f64))?;
        // Written under Better Auth's own name (`cookieName` only names what is read).
        let names = CookieNames::new(&self.naming.prefix, self.secure);
        let cookies = AuthCookies::new(names)
            .with_domain(self.domain.as_deref())
            .with_cache_max_age(max_age_s);
        let request = header.as_deref().map(RequestCookies::parse);
        let name = cookies.names().session_data().to_owned();
        let existing = request
            .as_ref()
            .map(|r| r.existing_chunks(&name))
            .unwrap_or_default();
        let set = cookies
            .session_data_cookies(&value, Remember::Yes, &existing)
            .map_err(|e| throw(&e))?;
        set.iter()
            .map(|c| c.to_header_value().map_err(|e| throw(&e)))
            .collect()
    }

    /// The signed session token as Better Auth writes it in `Set-Cookie`
    /// (`encodeURIComponent(token + "." + signature)`), with the current secret.
    #[wasm_bindgen(js_name = signSessionToken)]
    pub fn sign_session_token(&self, token: &str) -> Result<String, JsValue> {
        let keys = self.secrets().map_err(|e| throw(&e))?;
        Ok(sign_cookie_value(token, keys))
    }

    /// Verifies a signed session token as the `Cookie` header parser returns it
    /// (percent-decoded): the token, or `undefined` and the error.
    #[wasm_bindgen(js_name = verifySessionToken)]
    pub fn verify_session_token(&mut self, value: &str) -> Option<String> {
        let result = self
            .secrets()
            .and_then(|keys| verify_signed_value(value, keys, self.secrets));
        match result {
            Ok(token) => Some(token),
            Err(err) => self.fail(err),
        }
    }
}

/// This module's `WebAssembly.Memory`, where [`Verifier::input_buffer`]'s addresses point.
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

#[cfg(feature = "bench-objects")]
fn to_js(value: &session_cache::json::Value) -> JsValue {
    use session_cache::json::Value;
    match value {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(*n),
        Value::String(s) => JsValue::from_str(&s.to_string_lossy()),
        Value::Array(items) => items.iter().map(to_js).collect::<js_sys::Array>().into(),
        Value::Object(object) => {
            let out = js_sys::Object::new();
            for (k, v) in object.iter() {
                let _ =
                    js_sys::Reflect::set(&out, &JsValue::from_str(&k.to_string_lossy()), &to_js(v));
            }
            out.into()
        }
    }
}

#[cfg(feature = "bench-objects")]
#[wasm_bindgen]
impl Verifier {
    /// Benchmark only: [`Verifier::decode`] returning the payload as a JavaScript object
    /// built from Rust, property by property, instead of JSON text.
    #[wasm_bindgen(js_name = decodeObject)]
    pub fn decode_object(&mut self, value: &str, now: f64) -> Result<JsValue, JsValue> {
        let now = millis(now)?;
        let keys = self.secrets().map_err(|e| throw(&e))?;
        match self
            .strategy
            .decode(value, keys, &self.decode_options(), now)
        {
            Ok(cache) => {
                self.expires_at = cache.expires_at() as f64;
                Ok(to_js(&session_cache::json::Value::Object(
                    cache.payload().as_object().clone(),
                )))
            }
            Err(err) => {
                self.fail(err);
                Ok(JsValue::UNDEFINED)
            }
        }
    }
}

/// A new random secret: 32 bytes as 64 hex characters.
#[wasm_bindgen(js_name = generateSecret)]
pub fn generate_secret() -> Result<String, JsValue> {
    session_cache::Secret::generate()
        .map(|secret| secret.expose_str().to_owned())
        .map_err(|e| throw(&e))
}

/// A configuration error thrown as a `TypeError` (a bad JWKS or key is the caller's
/// configuration, whatever its kind), with `code` set to the kind.
fn throw_config(err: &Error) -> JsValue {
    type_error(err.kind().as_str(), err.message())
}

/// Verifies the JWT plugin's access tokens with a JWKS.
///
/// Internal: the npm package wraps it (`verifyAccessToken`).
#[wasm_bindgen]
pub struct AccessTokenVerifier {
    jwks: Jwks,
    options: AccessTokenOptions,
    subject: String,
    kid: String,
    expires_at: f64,
    error_kind: &'static str,
    error_message: String,
}

#[wasm_bindgen]
impl AccessTokenVerifier {
    /// A verifier of tokens signed by `jwks_json`'s keys, for `issuer` and `audience`
    /// (each checked when given), with `leeway` seconds of clock tolerance (default 0).
    #[wasm_bindgen(constructor)]
    pub fn new(
        jwks_json: Option<String>,
        issuer: Option<String>,
        audience: Option<String>,
        leeway: Option<f64>,
    ) -> Result<AccessTokenVerifier, JsValue> {
        let jwks = match jwks_json {
            Some(text) => Jwks::from_json(&text).map_err(|e| throw_config(&e))?,
            None => Jwks::default(),
        };
        let mut options = AccessTokenOptions::default();
        if let Some(i) = issuer {
            options = options.with_issuer(i);
        }
        if let Some(a) = audience {
            options = options.with_audience(a);
        }
        if let Some(l) = leeway {
            options = options.with_leeway(seconds(l, "leeway")?);
        }
        Ok(AccessTokenVerifier {
            jwks,
            options,
            subject: String::new(),
            kid: String::new(),
            expires_at: f64::NAN,
            error_kind: "",
            error_message: String::new(),
        })
    }

    /// Replaces the JWKS.
    #[wasm_bindgen(js_name = setJwks)]
    pub fn set_jwks(&mut self, json: &str) -> Result<(), JsValue> {
        self.jwks = Jwks::from_json(json).map_err(|e| throw_config(&e))?;
        Ok(())
    }

    /// Verifies `token` at `now`: the claims' JSON text, or `undefined` (then
    /// `errorKind` and `errorMessage` say why).
    pub fn verify(&mut self, token: &str, now: f64) -> Result<Option<String>, JsValue> {
        let now = millis(now)?;
        match access_token::verify(token, &self.jwks, &self.options, now) {
            Ok(t) => {
                self.subject = t.subject().to_owned();
                self.kid = t.kid().to_owned();
                self.expires_at = t.expires_at() as f64;
                Ok(Some(t.to_json()))
            }
            Err(e) => {
                self.error_kind = e.kind().as_str();
                self.error_message = e.message().to_owned();
                Ok(None)
            }
        }
    }

    /// `sub` of the last verified token.
    #[wasm_bindgen(getter)]
    pub fn subject(&self) -> String {
        self.subject.clone()
    }

    /// The `kid` of the last verified token.
    #[wasm_bindgen(getter)]
    pub fn kid(&self) -> String {
        self.kid.clone()
    }

    /// `exp` of the last verified token, Unix ms.
    #[wasm_bindgen(getter, js_name = expiresAt)]
    pub fn expires_at(&self) -> f64 {
        self.expires_at
    }

    /// The error kind of the last failed call.
    #[wasm_bindgen(getter, js_name = errorKind)]
    pub fn error_kind(&self) -> String {
        self.error_kind.into()
    }

    /// The message of the last failed call.
    #[wasm_bindgen(getter, js_name = errorMessage)]
    pub fn error_message(&self) -> String {
        self.error_message.clone()
    }
}

/// The library's refetch rule for a remote JWKS (no I/O: the JavaScript helper
/// fetches).
#[wasm_bindgen(js_name = JwksRefresh)]
pub struct WasmJwksRefresh(JwksRefresh);

#[wasm_bindgen(js_class = JwksRefresh)]
impl WasmJwksRefresh {
    /// Refetch a set older than `max_age` seconds, or lacking a token's kid, at most once
    /// every `cooldown` seconds (defaults: 600 and 30).
    #[wasm_bindgen(constructor)]
    pub fn new(max_age: Option<f64>, cooldown: Option<f64>) -> Result<WasmJwksRefresh, JsValue> {
        let max_age = max_age
            .map(|v| seconds(v, "maxAge"))
            .transpose()?
            .unwrap_or(defaults::JWKS_MAX_AGE);
        let cooldown = cooldown
            .map(|v| seconds(v, "cooldown"))
            .transpose()?
            .unwrap_or(defaults::JWKS_COOLDOWN);
        Ok(WasmJwksRefresh(JwksRefresh::new(max_age, cooldown)))
    }

    /// Whether to fetch at `now`: missing or stale, or `unknown_kid` — outside the
    /// cooldown.
    #[wasm_bindgen(js_name = shouldFetch)]
    pub fn should_fetch(&self, now: f64, unknown_kid: bool) -> Result<bool, JsValue> {
        Ok(self.0.should_fetch(millis(now)?, unknown_kid))
    }

    /// Whether a set fetched within `maxAge` is held.
    #[wasm_bindgen(js_name = isFresh)]
    pub fn is_fresh(&self, now: f64) -> Result<bool, JsValue> {
        Ok(self.0.is_fresh(millis(now)?))
    }

    /// A fetch started at `now`.
    #[wasm_bindgen(js_name = fetchStarted)]
    pub fn fetch_started(&mut self, now: f64) -> Result<(), JsValue> {
        self.0.fetch_started(millis(now)?);
        Ok(())
    }

    /// A set fetched at `now` is in use.
    pub fn fetched(&mut self, now: f64) -> Result<(), JsValue> {
        self.0.fetched(millis(now)?);
        Ok(())
    }
}

/// A new private signing key for `alg` (EdDSA, ES256, ES512, RS256, PS256): its private
/// JWK, with `kid` and `alg`.
#[wasm_bindgen(js_name = generateSigningKey)]
pub fn generate_signing_key(alg: &str) -> Result<String, JsValue> {
    let alg = Algorithm::from_str(alg).map_err(|e| throw(&e))?;
    SigningKey::generate(alg)
        .map(|k| k.to_jwk().as_str().to_owned())
        .map_err(|e| throw(&e))
}

/// The public JWKS of private JWKs (as `/api/auth/jwks` serves it).
#[wasm_bindgen(js_name = publicJwks)]
pub fn public_jwks(private_jwks: Vec<String>) -> Result<String, JsValue> {
    let keys = private_jwks
        .iter()
        .map(|text| SigningKey::from_jwk(text))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| throw_config(&e))?;
    Ok(Jwks::from_signing_keys(&keys).to_json())
}

// ---- Revocation through the session store (an async hook in JavaScript) ----------------

use session_cache::revocation::{
    decide_payload, keys_of, OnUnknown, Revocation, RevocationOptions, StoreError, StoreErrorKind,
    StoreKeys, StoreReading, Unknown,
};

/// The revocation rules of a verifier (key names, staleness bound, the
/// `storeSessionInDatabase` rule, fail closed or open): the JavaScript hook reads the
/// store, the library decides here.
///
/// Internal: the npm package wraps it (`createVerifier({isRevoked})`).
#[wasm_bindgen]
pub struct Revocations {
    keys: StoreKeys,
    options: RevocationOptions,
    on_unknown: OnUnknown,
    message: String,
}

#[wasm_bindgen]
impl Revocations {
    /// Rules from the `revocation` options: `prefix` (default `"better-auth:"`), the
    /// per-user version key's name, `maxStaleness` in seconds (default 5),
    /// `storeSessionInDatabase`, `failOpen`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        prefix: Option<String>,
        user_version_key: Option<String>,
        max_staleness: Option<f64>,
        store_session_in_database: bool,
        fail_open: bool,
    ) -> Result<Revocations, JsValue> {
        let mut keys = match prefix {
            Some(p) => StoreKeys::new(&p),
            None => StoreKeys::default(),
        };
        if let Some(name) = user_version_key {
            keys = keys.with_user_version(&name);
        }
        let mut options = RevocationOptions::default()
            .with_store_session_in_database(store_session_in_database, false);
        if let Some(s) = max_staleness {
            if !(0.0..=8.64e12).contains(&s) {
                return Err(type_error(
                    "invalid_options",
                    "revocation.maxStaleness must be a non-negative number of seconds",
                ));
            }
            options = options.with_max_staleness_ms((s * 1000.0).round() as u64);
        }
        Ok(Revocations {
            keys,
            options,
            on_unknown: if fail_open {
                OnUnknown::FailOpen
            } else {
                OnUnknown::FailClosed
            },
            message: String::new(),
        })
    }

    /// The keys to read for a session: `[<token>, revoked-sessions-before-<userId>,
    /// <version key>?]`, each with the prefix. The first is asked for its existence,
    /// the others for their values.
    pub fn keys(&self, token: &str, user_id: &str) -> Vec<String> {
        let (token, mut gets) = keys_of(&self.keys, token, user_id);
        gets.insert(0, token);
        gets
    }

    /// Whether a per-user version key is configured.
    #[wasm_bindgen(getter, js_name = hasUserVersion)]
    pub fn has_user_version(&self) -> bool {
        self.keys.user_version_name().is_some()
    }

    /// The library's decision on what the store said of the verified payload
    /// `payload_json`: `"checked"`, `"unchecked"` (fail open), or an error kind
    /// (`revoked`, `revocation_unknown`, `version_mismatch`) with [`message`](Self::message) set.
    #[allow(clippy::too_many_arguments)]
    pub fn decide(
        &mut self,
        payload_json: &str,
        token_present: bool,
        revoked_before: Option<String>,
        user_version: Option<String>,
        read_at: f64,
        now: f64,
    ) -> Result<String, JsValue> {
        let (read_at, now) = (millis(read_at)?, millis(now)?);
        let payload = Payload::from_json(payload_json).map_err(|e| throw(&e))?;
        let mut reading = StoreReading::from_values(
            token_present,
            revoked_before.as_deref().map(str::as_bytes),
            read_at,
        );
        if self.has_user_version() {
            reading = reading.with_user_version(user_version.as_deref().map(str::as_bytes));
        }
        let decision = decide_payload(&payload, &reading, &self.options, now);
        Ok(self.answer(decision.into_result(self.on_unknown)))
    }

    /// The answer when the store could not be read (the hook threw, rejected or timed
    /// out): `"unchecked"` (fail open) or `"revocation_unknown"`.
    pub fn unavailable(&mut self, why: &str) -> String {
        let decision = session_cache::revocation::Decision::Unknown(Unknown::Unavailable(
            StoreError::new(StoreErrorKind::Unreachable, why),
        ));
        self.answer(decision.into_result(self.on_unknown))
    }

    /// The cache version of a verified payload's JSON text, as Better Auth compares it
    /// (`"1"` when absent): with a per-user version in the store, what the offline check
    /// is told to expect, the store's comparison coming after.
    #[wasm_bindgen(js_name = cacheVersion)]
    pub fn cache_version(&self, payload_json: &str) -> Result<String, JsValue> {
        let payload = Payload::from_json(payload_json).map_err(|e| throw(&e))?;
        Ok(payload.effective_version().to_owned())
    }

    /// The message of the last refusal.
    #[wasm_bindgen(getter)]
    pub fn message(&self) -> String {
        self.message.clone()
    }

    fn answer(&mut self, result: Result<Revocation, Error>) -> String {
        match result {
            Ok(Revocation::Checked) => "checked".into(),
            Ok(Revocation::Unchecked) => "unchecked".into(),
            Err(e) => {
                self.message = e.message().to_owned();
                e.kind().as_str().into()
            }
        }
    }
}
