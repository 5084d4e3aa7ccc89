//! The opt-in revocation check (feature `redis`), against a real `redis-server` started
//! here on a free port: a session whose token key is gone gets 401 `revoked`, from the
//! extractor and from a middleware in front of a router; with Redis stopped, 401
//! `revocation_unknown` (failing closed). Cookies are minted by the library; Better
//! Auth's own writes to Redis are covered by integrations/redis/tests/live.rs.
#![cfg(feature = "redis")]

#[path = "../../redis/tests/support/mod.rs"]
mod support;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::middleware::{from_fn_with_state, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use http::StatusCode;
use session_cache::cookie::sign_cookie_value;
use session_cache::session::SessionConfig;
use session_cache::{EncodeOptions, Keyring, Payload, Strategy};
use session_cache_axum::{SessionVerifier, VerifiedSession};
use session_cache_redis::{now_ms, AsyncRevocationChecker, Options};
use tower::ServiceExt;

const SECRET: &str = "a-long-random-secret-of-32-chars!!";

/// A jwe session cache for `token`, valid for an hour from now.
fn cookie_header(token: &str) -> String {
    let keys = Keyring::from_secret(SECRET).unwrap();
    let now = now_ms();
    let payload = Payload::from_json(&format!(
        r#"{{"session":{{"id":"s-{token}","token":"{token}","userId":"u1",
            "expiresAt":"2036-11-29T06:29:25.877Z","createdAt":"2026-11-22T06:29:25.877Z"}},
            "user":{{"id":"u1","email":"ada@example.com","name":"Ada"}},
            "updatedAt":{now},"version":"1"}}"#
    ))
    .unwrap();
    let options = EncodeOptions::default().with_max_age(3600);
    let data = Strategy::Jwe
        .encode(&payload, &keys, &options, now)
        .unwrap();
    format!(
        "better-auth.session_token={}; better-auth.session_data={data}",
        sign_cookie_value(token, &keys)
    )
}

async fn get_me(app: &Router, header: &str) -> Response {
    let request = http::Request::get("/me")
        .header("cookie", header)
        .body(axum::body::Body::empty())
        .unwrap();
    app.clone().oneshot(request).await.unwrap()
}

fn kind(response: &Response) -> String {
    response.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_owned()
}

/// The few lines a layered app needs: the offline check and the store's, in front.
async fn live_sessions_only(
    State(sessions): State<SessionVerifier>,
    mut request: Request,
    next: Next,
) -> Response {
    match sessions.verify_live(request.headers()).await {
        Ok(session) => {
            request.extensions_mut().insert(session);
            next.run(request).await
        }
        Err(rejection) => rejection.into_response(),
    }
}

#[tokio::test]
async fn revoked_sessions_are_refused_by_extractors_and_middleware() {
    if support::skip("the axum revocation test") {
        return;
    }
    let mut redis = support::RedisServer::start();
    let mut con = redis.client();
    for token in ["tok-a", "tok-b", "tok-c"] {
        let () = redis::cmd("SET")
            .arg(format!("better-auth:{token}"))
            .arg("{}")
            .query(&mut con)
            .unwrap();
    }
    let checker = AsyncRevocationChecker::open(
        &redis.url,
        Options::default()
            .with_max_staleness(Duration::ZERO)
            .with_timeouts(Duration::from_millis(200), Duration::from_millis(200)),
    )
    .unwrap();
    let keys = Keyring::from_secret(SECRET).unwrap();
    let sessions = SessionVerifier::new(keys, SessionConfig::new(Strategy::Jwe))
        .with_revocation(Arc::new(checker));

    // The extractor.
    let by_extractor: Router = Router::new()
        .route(
            "/me",
            get(|s: VerifiedSession| async move { s.user().email.clone() }),
        )
        .with_state(sessions.clone());
    // A middleware in front of handlers that read the extension.
    let by_middleware: Router = Router::new()
        .route(
            "/me",
            get(|Extension(s): Extension<VerifiedSession>| async move { s.user().id.clone() }),
        )
        .layer(from_fn_with_state(sessions.clone(), live_sessions_only));

    for (app, token) in [(&by_extractor, "tok-a"), (&by_middleware, "tok-b")] {
        let header = cookie_header(token);
        assert_eq!(get_me(app, &header).await.status(), StatusCode::OK);
        let () = redis::cmd("DEL")
            .arg(format!("better-auth:{token}"))
            .query(&mut con)
            .unwrap();
        let refused = get_me(app, &header).await;
        assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(kind(&refused), "Cookie error=\"revoked\"");
        // The offline check alone still passes: only the store knows.
        assert!(sessions
            .verify(&http::HeaderMap::from_iter([(
                http::header::COOKIE,
                header.parse().unwrap()
            )]))
            .is_ok());
    }

    // Redis gone: failing closed.
    let header = cookie_header("tok-c");
    assert_eq!(
        get_me(&by_extractor, &header).await.status(),
        StatusCode::OK
    );
    redis.stop();
    let refused = get_me(&by_extractor, &header).await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(kind(&refused), "Cookie error=\"revocation_unknown\"");
}
