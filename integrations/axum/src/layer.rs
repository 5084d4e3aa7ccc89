//! The same check as a `tower::Layer`, for any service of `http::Request<B>`.

use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use bytes::Bytes;
use http::{Request, Response};
use http_body::Body;
use http_body_util::{Either, Full};
use pin_project_lite::pin_project;
use tower_layer::Layer;
use tower_service::Service;

use crate::{RefreshHint, SessionRejection, SessionVerifier};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Required,
    Fresh,
    Optional,
}

/// Checks each request's session before the inner service sees it and puts the result
/// in the request's extensions: a [`VerifiedSession`](crate::VerifiedSession) when
/// valid.
///
/// - [`required`](Self::required): a request without a valid session is answered by
///   the layer with its [`SessionRejection`] (401), and never reaches the service;
/// - [`fresh`](Self::fresh): the same, and 403 `not_fresh` for a session that is not
///   fresh;
/// - [`optional`](Self::optional): every request goes through; without a valid session
///   the extensions hold the [`SessionRejection`] instead.
///
/// The response body becomes `Either<B, Full<Bytes>>` (the service's, or the
/// rejection's), which axum, hyper and tonic all take.
///
/// ```
/// use axum::{routing::get, Extension, Router};
/// use session_cache::{session::SessionConfig, Keyring, Strategy};
/// use session_cache_axum::{SessionLayer, SessionVerifier, VerifiedSession};
///
/// # fn main() -> session_cache::Result<()> {
/// let keys = Keyring::from_secret("a-long-random-secret-of-32-chars!!")?;
/// let sessions = SessionVerifier::new(keys, SessionConfig::new(Strategy::Jwe));
/// let app: Router = Router::new()
///     .route("/me", get(|Extension(s): Extension<VerifiedSession>| async move { s.user().id.clone() }))
///     .layer(SessionLayer::required(sessions).with_refresh_hint());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct SessionLayer {
    verifier: SessionVerifier,
    mode: Mode,
    refresh_hint: bool,
}

impl SessionLayer {
    /// Requests without a valid session get a 401 from the layer.
    pub fn required(verifier: SessionVerifier) -> Self {
        Self::with_mode(verifier, Mode::Required)
    }

    /// Requests without a valid, fresh session get a 401, or a 403 `not_fresh`.
    pub fn fresh(verifier: SessionVerifier) -> Self {
        Self::with_mode(verifier, Mode::Fresh)
    }

    /// Every request reaches the service, with the session or the rejection in its
    /// extensions.
    pub fn optional(verifier: SessionVerifier) -> Self {
        Self::with_mode(verifier, Mode::Optional)
    }

    fn with_mode(verifier: SessionVerifier, mode: Mode) -> Self {
        SessionLayer {
            verifier,
            mode,
            refresh_hint: false,
        }
    }

    /// Also adds the [`RefreshHint`] header (`x-session-refresh: 1`) to the service's
    /// responses when the session's cache is due to be re-issued.
    #[must_use]
    pub fn with_refresh_hint(mut self) -> Self {
        self.refresh_hint = true;
        self
    }
}

impl<S> Layer<S> for SessionLayer {
    type Service = SessionService<S>;

    fn layer(&self, inner: S) -> SessionService<S> {
        SessionService {
            inner,
            layer: self.clone(),
        }
    }
}

/// The service of a [`SessionLayer`].
#[derive(Debug, Clone)]
pub struct SessionService<S> {
    inner: S,
    layer: SessionLayer,
}

impl<S, B, ResBody> Service<Request<B>> for SessionService<S>
where
    S: Service<Request<B>, Response = Response<ResBody>>,
    ResBody: Body<Data = Bytes>,
{
    type Response = Response<Either<ResBody, Full<Bytes>>>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<B>) -> Self::Future {
        let mut result = self.layer.verifier.verify(request.headers());
        if self.layer.mode == Mode::Fresh {
            result = result.and_then(|session| session.require_fresh().map(|s| s.0));
        }
        let hint = match result {
            Ok(session) => {
                let hint = RefreshHint(self.layer.refresh_hint && session.needs_refresh());
                request.extensions_mut().insert(session);
                hint
            }
            Err(rejection) if self.layer.mode == Mode::Optional => {
                request.extensions_mut().insert(rejection);
                RefreshHint(false)
            }
            Err(rejection) => {
                return ResponseFuture {
                    state: State::Rejected {
                        rejection: Some(rejection),
                    },
                }
            }
        };
        ResponseFuture {
            state: State::Inner {
                future: self.inner.call(request),
                hint,
            },
        }
    }
}

pin_project! {
    /// The future of a [`SessionService`]: the inner service's response, or the
    /// rejection.
    pub struct ResponseFuture<F> {
        #[pin]
        state: State<F>,
    }
}

pin_project! {
    #[project = StateProj]
    enum State<F> {
        Inner { #[pin] future: F, hint: RefreshHint },
        Rejected { rejection: Option<SessionRejection> },
    }
}

impl<F, ResBody, E> Future for ResponseFuture<F>
where
    F: Future<Output = Result<Response<ResBody>, E>>,
{
    type Output = Result<Response<Either<ResBody, Full<Bytes>>>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project().state.project() {
            StateProj::Inner { future, hint } => {
                let mut response = ready!(future.poll(cx))?;
                hint.apply(response.headers_mut());
                Poll::Ready(Ok(response.map(Either::Left)))
            }
            StateProj::Rejected { rejection } => {
                let rejection = rejection.take().expect("polled after completion");
                Poll::Ready(Ok(rejection.to_http_response().map(Either::Right)))
            }
        }
    }
}
