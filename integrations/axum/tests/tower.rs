//! `SessionLayer` around a plain `tower::Service` (as tonic and hyper services are):
//! no axum, a request body type of the test's own, a `String` response body. Cookies are
//! minted by the library (the Better Auth ones are in tests/server.rs).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body_util::BodyExt;
use session_cache::cookie::sign_cookie_value;
use session_cache::session::SessionConfig;
use session_cache::{EncodeOptions, Keyring, Payload, Strategy};
use session_cache_axum::{SessionLayer, SessionRejection, SessionVerifier, VerifiedSession};
use tower::{service_fn, ServiceBuilder, ServiceExt};

const SECRET: &str = "a-long-random-secret-of-32-chars!!";
/// The session's `createdAt`, and the time the cache is minted.
const NOW: i64 = 1_795_328_965_877;

/// A request body that is not an `http_body::Body`: the layer never looks at it.
struct Message(&'static str);

fn cookie_header() -> String {
    let keys = Keyring::from_secret(SECRET).unwrap();
    let payload = Payload::from_json(
        r#"{"session":{"id":"s1","token":"tok","userId":"u1",
            "expiresAt":"2026-11-29T06:29:25.877Z","createdAt":"2026-11-22T06:29:25.877Z"},
            "user":{"id":"u1","email":"ada@example.com","name":"Ada"},
            "updatedAt":1795328965877,"version":"1"}"#,
    )
    .unwrap();
    let data = Strategy::Jwe
        .encode(&payload, &keys, &EncodeOptions::default(), NOW)
        .unwrap();
    format!(
        "better-auth.session_token={}; better-auth.session_data={data}",
        sign_cookie_value("tok", &keys)
    )
}

fn verifier(config: SessionConfig, now: i64) -> SessionVerifier {
    SessionVerifier::new(Keyring::from_secret(SECRET).unwrap(), config).with_clock(move || now)
}

/// The inner service: counts its calls, answers with what the extensions hold.
fn inner(
    calls: Arc<AtomicUsize>,
) -> impl tower::Service<
    Request<Message>,
    Response = Response<String>,
    Error = std::convert::Infallible,
    Future = impl Send,
> + Clone {
    service_fn(move |request: Request<Message>| {
        calls.fetch_add(1, Ordering::SeqCst);
        let ext = request.extensions();
        let text = match (ext.get::<VerifiedSession>(), ext.get::<SessionRejection>()) {
            (Some(s), None) => format!("{} says {}", s.user().email, request.body().0),
            (None, Some(r)) => format!("anonymous ({})", r.kind()),
            _ => "neither or both".to_owned(),
        };
        async move { Ok(Response::new(text)) }
    })
}

fn request(cookies: &[&str]) -> Request<Message> {
    let mut builder = Request::get("/rpc");
    for c in cookies {
        builder = builder.header("cookie", *c);
    }
    builder.body(Message("hi")).unwrap()
}

async fn body_text<B>(response: Response<B>) -> (StatusCode, http::HeaderMap, String)
where
    B: http_body::Body<Data = Bytes>,
    B::Error: std::fmt::Debug,
{
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    (
        parts.status,
        parts.headers,
        String::from_utf8(bytes.to_vec()).unwrap(),
    )
}

#[tokio::test]
async fn required_mode_answers_for_the_service() {
    let calls = Arc::new(AtomicUsize::new(0));
    let service = ServiceBuilder::new()
        .layer(SessionLayer::required(verifier(
            SessionConfig::new(Strategy::Jwe),
            NOW,
        )))
        .service(inner(calls.clone()));
    let header = cookie_header();

    let (status, _, text) =
        body_text(service.clone().oneshot(request(&[&header])).await.unwrap()).await;
    assert_eq!(
        (status, text.as_str()),
        (StatusCode::OK, "ada@example.com says hi")
    );
    assert_eq!(calls.load(Ordering::SeqCst), 1);

    // HTTP/2 sends one `cookie` field per cookie: they are joined.
    let (first, second) = header.split_once("; ").unwrap();
    let (status, _, _) = body_text(
        service
            .clone()
            .oneshot(request(&[first, second]))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(calls.load(Ordering::SeqCst), 2);

    // Rejected by the layer: the service is not called.
    for (cookies, kind) in [
        (vec![], "no_token"),
        (vec![first], "no_cache"),
        (vec![second], "no_token"),
    ] {
        let (status, headers, text) =
            body_text(service.clone().oneshot(request(&cookies)).await.unwrap()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(text, format!("{{\"error\":\"{kind}\"}}"));
        assert_eq!(
            headers["www-authenticate"],
            format!("Cookie error=\"{kind}\"").as_str()
        );
        assert_eq!(headers["cache-control"], "no-store");
    }
    assert_eq!(calls.load(Ordering::SeqCst), 2);

    // Past the cache's 300 s (a week later): expired.
    let late = ServiceBuilder::new()
        .layer(SessionLayer::required(verifier(
            SessionConfig::new(Strategy::Jwe),
            NOW + 7 * 86_400_000,
        )))
        .service(inner(calls.clone()));
    let (status, _, text) = body_text(late.oneshot(request(&[&header])).await.unwrap()).await;
    assert_eq!(
        (status, text.as_str()),
        (StatusCode::UNAUTHORIZED, "{\"error\":\"expired\"}")
    );
}

#[tokio::test]
async fn optional_mode_passes_the_rejection_along() {
    let calls = Arc::new(AtomicUsize::new(0));
    let service = SessionLayer::optional(verifier(SessionConfig::new(Strategy::Jwe), NOW));
    let service = tower::Layer::layer(&service, inner(calls.clone()));
    let (status, _, text) = body_text(service.clone().oneshot(request(&[])).await.unwrap()).await;
    assert_eq!(
        (status, text.as_str()),
        (StatusCode::OK, "anonymous (no_token)")
    );
    let header = cookie_header();
    let (_, _, text) = body_text(service.oneshot(request(&[&header])).await.unwrap()).await;
    assert_eq!(text, "ada@example.com says hi");
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn fresh_mode_and_the_refresh_hint() {
    let calls = Arc::new(AtomicUsize::new(0));
    let header = cookie_header();
    // A minute after sign-in, with freshAge 30 s: valid, not fresh.
    let config = SessionConfig::new(Strategy::Jwe).with_fresh_age(30);
    let fresh = SessionLayer::fresh(verifier(config.clone(), NOW + 60_000));
    let service = tower::Layer::layer(&fresh, inner(calls.clone()));
    let (status, headers, text) =
        body_text(service.oneshot(request(&[&header])).await.unwrap()).await;
    assert_eq!(
        (status, text.as_str()),
        (StatusCode::FORBIDDEN, "{\"error\":\"not_fresh\"}")
    );
    assert_eq!(headers["www-authenticate"], "Cookie error=\"not_fresh\"");
    assert_eq!(calls.load(Ordering::SeqCst), 0);
    let required = SessionLayer::required(verifier(config, NOW + 60_000));
    let (status, _, _) = body_text(
        tower::Layer::layer(&required, inner(calls.clone()))
            .oneshot(request(&[&header]))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    // updateAge 60 s on a 300 s cache: at 250 s the hint is on the service's response.
    let config = SessionConfig::new(Strategy::Jwe).with_update_age(60);
    for (at, hinted) in [(NOW + 200_000, false), (NOW + 250_000, true)] {
        let layer = SessionLayer::required(verifier(config.clone(), at)).with_refresh_hint();
        let (status, headers, text) = body_text(
            tower::Layer::layer(&layer, inner(calls.clone()))
                .oneshot(request(&[&header]))
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(
            (status, text.as_str()),
            (StatusCode::OK, "ada@example.com says hi")
        );
        assert_eq!(
            headers.get("x-session-refresh").is_some(),
            hinted,
            "at {at}"
        );
    }
}
