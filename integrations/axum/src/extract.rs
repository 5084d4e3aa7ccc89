//! The extractors: a verified session, maybe one, a fresh one.

use std::convert::Infallible;
use std::ops::Deref;

use axum_core::extract::{FromRef, FromRequestParts, OptionalFromRequestParts};
use http::request::Parts;
use session_cache::session::SessionCheck;
use session_cache::{Session, User};

use crate::{RefreshHint, SessionRejection, SessionVerifier};

/// A session the request's cookies vouch for: the library's [`SessionCheck`] (through
/// `Deref`: `cache()`, `token()`, `is_fresh()`, `needs_refresh()`, `remember()`, …).
///
/// As an extractor it rejects a request without a valid session with a
/// [`SessionRejection`] (401 and the error kind). `Option<VerifiedSession>` never
/// rejects. Either needs a [`SessionVerifier`] in the state (directly or by
/// [`FromRef`]), and uses the session a [`SessionLayer`](crate::SessionLayer) already
/// checked when there is one, so a request is checked once.
#[derive(Debug, Clone)]
pub struct VerifiedSession(SessionCheck);

impl VerifiedSession {
    /// The user of the session (shorthand for `cache().payload().user()`).
    pub fn user(&self) -> &User {
        self.0.cache().payload().user()
    }

    /// The session itself (shorthand for `cache().payload().session()`).
    pub fn session(&self) -> &Session {
        self.0.cache().payload().session()
    }

    /// `x-session-refresh: 1` on the response when the cache is due to be re-issued.
    pub fn refresh_hint(&self) -> RefreshHint {
        RefreshHint(self.0.needs_refresh())
    }

    /// `Ok` when the session is fresh, else the `not_fresh` rejection (403), the rule
    /// being the library's ([`SessionCheck::require_fresh`]).
    pub fn require_fresh(self) -> Result<FreshSession, SessionRejection> {
        self.0
            .require_fresh()
            .map(|check| FreshSession(VerifiedSession(check)))
            .map_err(SessionRejection::from)
    }

    /// The library's check.
    pub fn into_check(self) -> SessionCheck {
        self.0
    }
}

impl From<SessionCheck> for VerifiedSession {
    fn from(check: SessionCheck) -> Self {
        VerifiedSession(check)
    }
}

impl Deref for VerifiedSession {
    type Target = SessionCheck;

    fn deref(&self) -> &SessionCheck {
        &self.0
    }
}

impl<S> FromRequestParts<S> for VerifiedSession
where
    SessionVerifier: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = SessionRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        // Checked already: by a layer, or by another extractor of this handler.
        if let Some(session) = parts.extensions.get::<VerifiedSession>() {
            return Ok(session.clone());
        }
        if let Some(rejection) = parts.extensions.get::<SessionRejection>() {
            return Err(rejection.clone());
        }
        let result = SessionVerifier::from_ref(state)
            .verify_live(&parts.headers)
            .await;
        match &result {
            Ok(session) => parts.extensions.insert(session.clone()).map(drop),
            Err(rejection) => parts.extensions.insert(rejection.clone()).map(drop),
        };
        result
    }
}

impl<S> OptionalFromRequestParts<S> for VerifiedSession
where
    SessionVerifier: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        Ok(
            <VerifiedSession as FromRequestParts<S>>::from_request_parts(parts, state)
                .await
                .ok(),
        )
    }
}

/// A [`VerifiedSession`] that is also fresh (`now - createdAt < freshAge`), as Better
/// Auth's sensitive endpoints require: rejects with 401 and the kind when there is no
/// valid session, 403 `not_fresh` when it is too old.
#[derive(Debug, Clone)]
pub struct FreshSession(pub VerifiedSession);

impl Deref for FreshSession {
    type Target = VerifiedSession;

    fn deref(&self) -> &VerifiedSession {
        &self.0
    }
}

impl<S> FromRequestParts<S> for FreshSession
where
    SessionVerifier: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = SessionRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let session =
            <VerifiedSession as FromRequestParts<S>>::from_request_parts(parts, state).await?;
        session.require_fresh()
    }
}
