//! # session-cache-axum
//!
//! Better Auth sessions in [axum] and any [tower] service, verified from the request's
//! cookies alone — no call to the auth server, no database. Every rule is
//! [`session_cache`]'s ([`check_session`]); this
//! crate only translates a request into that call and its answer into a response.
//!
//! - [`SessionVerifier`]: the keyring and the [`SessionConfig`], built once and shared
//!   (cheap to clone), used as axum state directly or through [`FromRef`].
//! - Extractors: [`VerifiedSession`] (401 when there is no valid session),
//!   `Option<VerifiedSession>` (never rejects), [`FreshSession`] (also 403 `not_fresh`).
//!   Their rejection, [`SessionRejection`], answers with the error kind in a
//!   `WWW-Authenticate: Cookie error="<kind>"` header and a `{"error":"<kind>"}` body.
//! - [`SessionLayer`]: the same check as a `tower::Layer` for any service taking
//!   `http::Request<B>` (axum, tonic, hyper): it puts the [`VerifiedSession`] in the
//!   request's extensions, in required, fresh or optional mode.
//! - [`needs_refresh`](session_cache::session::SessionCheck::needs_refresh) on a
//!   [`VerifiedSession`], and [`RefreshHint`] (`x-session-refresh: 1`):
//!   the cache is due to be re-issued, so the client (or the app) should call the auth
//!   server's `get-session`.
//!
//! ```
//! use axum::{routing::get, Json, Router};
//! use session_cache::{session::SessionConfig, Keyring, Strategy};
//! use session_cache_axum::{SessionVerifier, VerifiedSession};
//!
//! async fn me(session: VerifiedSession) -> Json<serde_json::Value> {
//!     Json(serde_json::json!({ "email": session.user().email }))
//! }
//!
//! # fn main() -> session_cache::Result<()> {
//! let keys = Keyring::from_secret("a-long-random-secret-of-32-chars!!")?; // or Keyring::from_env()
//! let sessions = SessionVerifier::new(keys, SessionConfig::new(Strategy::Jwe));
//! let app: Router = Router::new().route("/me", get(me)).with_state(sessions);
//! # Ok(()) }
//! ```
//!
//! [axum]: https://docs.rs/axum
//! [tower]: https://docs.rs/tower
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use http::header::COOKIE;
use http::HeaderMap;
use session_cache::session::{check_session, SessionConfig};
use session_cache::Keyring;

mod extract;
mod layer;
mod rejection;

pub use axum_core::extract::FromRef;
pub use extract::{FreshSession, VerifiedSession};
pub use layer::{ResponseFuture, SessionLayer, SessionService};
pub use rejection::{RefreshHint, SessionRejection, REFRESH_HEADER};

/// What a request's session is checked with: the keyring (every key derived once), the
/// deployment's [`SessionConfig`], and the clock. Built once at start-up; cloning shares
/// it (an [`Arc`]).
///
/// Use it as the router's state (`Router::with_state(verifier)`), or as a field of the
/// app's own state with a [`FromRef`] implementation so that the extractors find it.
#[derive(Clone)]
pub struct SessionVerifier {
    inner: Arc<Inner>,
}

#[derive(Clone)]
struct Inner {
    keys: Keyring,
    config: SessionConfig,
    clock: Option<Arc<dyn Fn() -> i64 + Send + Sync>>,
    #[cfg(feature = "redis")]
    revocations: Option<Arc<session_cache_redis::AsyncRevocationChecker>>,
}

impl SessionVerifier {
    /// A verifier with `keys` and `config`, on the system clock.
    pub fn new(keys: Keyring, config: SessionConfig) -> Self {
        SessionVerifier {
            inner: Arc::new(Inner {
                keys,
                config,
                clock: None,
                #[cfg(feature = "redis")]
                revocations: None,
            }),
        }
    }

    /// A verifier with the keyring Better Auth builds from its environment
    /// (`BETTER_AUTH_SECRETS`, `BETTER_AUTH_SECRET`, `AUTH_SECRET`:
    /// [`Keyring::from_env`]).
    pub fn from_env(config: SessionConfig) -> session_cache::Result<Self> {
        Ok(Self::new(Keyring::from_env()?, config))
    }

    /// The same verifier reading the time (Unix milliseconds) from `clock` instead of the
    /// system clock: for tests, or a clock the app already keeps.
    #[must_use]
    pub fn with_clock(self, clock: impl Fn() -> i64 + Send + Sync + 'static) -> Self {
        let mut inner = Arc::unwrap_or_clone(self.inner);
        inner.clock = Some(Arc::new(clock));
        SessionVerifier {
            inner: Arc::new(inner),
        }
    }

    /// The same verifier also asking Redis (Better Auth's `secondaryStorage`) whether
    /// each session it accepts was revoked (feature `redis`): the extractors and
    /// [`verify_live`](Self::verify_live) then refuse a revoked session (401 `revoked`)
    /// and, failing closed, one whose revocation is not known (401
    /// `revocation_unknown`). The rules and their staleness bound are
    /// `session-cache-redis`'s.
    #[cfg(feature = "redis")]
    #[must_use]
    pub fn with_revocation(
        self,
        checker: Arc<session_cache_redis::AsyncRevocationChecker>,
    ) -> Self {
        let mut inner = Arc::unwrap_or_clone(self.inner);
        inner.revocations = Some(checker);
        SessionVerifier {
            inner: Arc::new(inner),
        }
    }

    /// [`verify`](Self::verify), then, with a revocation checker
    /// (`with_revocation`, feature `redis`), the store's word on the session. What the
    /// extractors use; for a layer, call it from a middleware
    /// (`axum::middleware::from_fn_with_state`).
    pub async fn verify_live(
        &self,
        headers: &HeaderMap,
    ) -> Result<VerifiedSession, SessionRejection> {
        let session = self.verify(headers)?;
        #[cfg(feature = "redis")]
        if let Some(revocations) = &self.inner.revocations {
            revocations
                .check_session(&session, self.now())
                .await
                .map_err(SessionRejection::from)?;
        }
        Ok(session)
    }

    /// The keyring.
    pub fn keys(&self) -> &Keyring {
        &self.inner.keys
    }

    /// The session configuration.
    pub fn config(&self) -> &SessionConfig {
        &self.inner.config
    }

    /// The time now, Unix milliseconds, from the verifier's clock.
    pub fn now(&self) -> i64 {
        match &self.inner.clock {
            Some(clock) => clock(),
            None => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as i64),
        }
    }

    /// Checks the session of a request with these headers, now.
    pub fn verify(&self, headers: &HeaderMap) -> Result<VerifiedSession, SessionRejection> {
        self.verify_cookie_header(&cookie_header(headers))
    }

    /// Checks the session carried by a `Cookie` header's value, now.
    pub fn verify_cookie_header(&self, header: &str) -> Result<VerifiedSession, SessionRejection> {
        check_session(header, &self.inner.keys, &self.inner.config, self.now())
            .map(VerifiedSession::from)
            .map_err(SessionRejection::from)
    }
}

impl fmt::Debug for SessionVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionVerifier")
            .field(
                "key_versions",
                &self.inner.keys.versions().collect::<Vec<_>>(),
            )
            .field("config", &self.inner.config)
            .field(
                "clock",
                &self.inner.clock.as_ref().map_or("system", |_| "custom"),
            )
            .finish()
    }
}

/// The request's cookies as one `Cookie` header value, as a JavaScript server sees it:
/// several `cookie` fields (HTTP/2 sends one per cookie) joined with `"; "`, and bytes
/// outside ASCII read as Latin-1, as Node and the Fetch API read header bytes.
fn cookie_header(headers: &HeaderMap) -> Cow<'_, str> {
    fn text(bytes: &[u8]) -> Cow<'_, str> {
        match std::str::from_utf8(bytes) {
            Ok(s) if bytes.is_ascii() => Cow::Borrowed(s),
            _ => Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect()),
        }
    }
    let mut values = headers.get_all(COOKIE).iter();
    let Some(first) = values.next() else {
        return Cow::Borrowed("");
    };
    let mut header = text(first.as_bytes());
    for value in values {
        let joined = header.to_mut();
        joined.push_str("; ");
        joined.push_str(&text(value.as_bytes()));
    }
    header
}

#[cfg(test)]
mod tests {
    use super::cookie_header;
    use http::{HeaderMap, HeaderValue};

    #[test]
    fn cookie_fields_are_joined_and_read_as_latin1() {
        let mut headers = HeaderMap::new();
        assert_eq!(cookie_header(&headers), "");
        headers.append("cookie", HeaderValue::from_static("a=1"));
        assert_eq!(cookie_header(&headers), "a=1");
        headers.append("cookie", HeaderValue::from_static("b=2"));
        headers.append("cookie", HeaderValue::from_bytes(b"c=\xe9").unwrap());
        assert_eq!(cookie_header(&headers), "a=1; b=2; c=\u{e9}");
    }
}

/// The Rust example of `README.md`, compiled as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
