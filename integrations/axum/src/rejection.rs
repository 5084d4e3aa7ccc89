//! What a request without a valid session gets back, and the refresh hint.

use axum_core::response::{IntoResponse, IntoResponseParts, Response, ResponseParts};
use bytes::Bytes;
use http::header::{CACHE_CONTROL, CONTENT_TYPE, WWW_AUTHENTICATE};
use http::{HeaderName, HeaderValue, StatusCode};
use http_body_util::Full;
use session_cache::{Error, ErrorKind};

/// Why a request has no session it may use: the library's [`Error`], answered with
///
/// - status `401 Unauthorized`, or `403 Forbidden` for [`ErrorKind::NotFresh`];
/// - `WWW-Authenticate: Cookie error="<kind>"`;
/// - the body `{"error":"<kind>"}` (`application/json`), and `Cache-Control: no-store`.
///
/// The kind is the library's stable name (`no_token`, `expired`, `bad_signature`, …);
/// the message, which never holds input or secrets, is in [`error`](Self::error) for
/// logs but not in the response.
#[derive(Debug, Clone)]
pub struct SessionRejection {
    error: Error,
}

impl SessionRejection {
    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.error.kind()
    }

    /// The library's error.
    pub fn error(&self) -> &Error {
        &self.error
    }

    /// `403` for a session that is not fresh, `401` for everything else.
    pub fn status(&self) -> StatusCode {
        match self.kind() {
            ErrorKind::NotFresh => StatusCode::FORBIDDEN,
            _ => StatusCode::UNAUTHORIZED,
        }
    }

    /// The response as an `http::Response` with a [`Full`] body, for tower services
    /// that are not axum's.
    pub fn to_http_response(&self) -> http::Response<Full<Bytes>> {
        // Kinds are snake_case ASCII names: nothing to escape in the header or the JSON.
        let kind = self.kind().as_str();
        let mut response =
            http::Response::new(Full::new(Bytes::from(format!("{{\"error\":\"{kind}\"}}"))));
        *response.status_mut() = self.status();
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Ok(value) = HeaderValue::from_str(&format!("Cookie error=\"{kind}\"")) {
            headers.insert(WWW_AUTHENTICATE, value);
        }
        response
    }
}

impl From<Error> for SessionRejection {
    fn from(error: Error) -> Self {
        SessionRejection { error }
    }
}

impl std::fmt::Display for SessionRejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no usable session: {}", self.error)
    }
}

impl std::error::Error for SessionRejection {}

impl IntoResponse for SessionRejection {
    fn into_response(self) -> Response {
        self.to_http_response().map(axum_core::body::Body::new)
    }
}

/// The response header of a [`RefreshHint`]: `x-session-refresh: 1`.
pub const REFRESH_HEADER: HeaderName = HeaderName::from_static("x-session-refresh");

/// Tells the client that the cookie cache is due to be re-issued
/// ([`SessionCheck::needs_refresh`](session_cache::session::SessionCheck::needs_refresh)): adds
/// `x-session-refresh: 1` to a response when it is, and nothing otherwise. A Better Auth
/// client then calls the auth server's `get-session`, which writes a new cache.
///
/// Return it with the response in a handler: `(session.refresh_hint(), Json(body))`; or
/// let [`SessionLayer::with_refresh_hint`](crate::SessionLayer::with_refresh_hint) add
/// it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefreshHint(pub bool);

impl RefreshHint {
    pub(crate) fn apply(self, headers: &mut http::HeaderMap) {
        if self.0 {
            headers.insert(REFRESH_HEADER, HeaderValue::from_static("1"));
        }
    }
}

impl IntoResponseParts for RefreshHint {
    type Error = std::convert::Infallible;

    fn into_response_parts(self, mut res: ResponseParts) -> Result<ResponseParts, Self::Error> {
        self.apply(res.headers_mut());
        Ok(res)
    }
}
