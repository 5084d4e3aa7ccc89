//! A tiny axum app whose routes trust Better Auth's session cookies without calling the
//! auth server or its database.
//!
//! ```sh
//! export BETTER_AUTH_SECRET=…            # your Better Auth secret (or BETTER_AUTH_SECRETS)
//! cargo run --example axum               # SESSION_STRATEGY=jwe, PORT=8080 to change them
//! ```
//!
//! It prints `curl` commands to try it, with a demo session it mints itself; a Cookie
//! header copied from a browser signed in to your Better Auth app works the same way.

use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};
use session_cache::cookie::sign_cookie_value;
use session_cache::jsdate::to_iso_string;
use session_cache::session::SessionConfig;
use session_cache::{EncodeOptions, Payload, Strategy};
use session_cache_axum::{FreshSession, SessionVerifier, VerifiedSession};

/// Anyone: says who is signed in, if anyone.
async fn home(session: Option<VerifiedSession>) -> Json<Value> {
    Json(json!({ "signedIn": session.map(|s| s.user().email.clone()) }))
}

/// Signed in only: 401 `{"error":"no_token"}` (or `expired`, `bad_signature`, …) else.
async fn me(session: VerifiedSession) -> (session_cache_axum::RefreshHint, Json<Value>) {
    let user = session.user();
    let body = json!({ "id": user.id, "email": user.email, "name": user.name,
                       "needsRefresh": session.needs_refresh() });
    (session.refresh_hint(), Json(body))
}

/// Signed in recently (`session.freshAge`, a day): 403 `{"error":"not_fresh"}` else.
async fn account(session: FreshSession) -> Json<Value> {
    Json(json!({ "email": session.user().email, "fresh": true }))
}

/// A `Cookie` header for a demo user, as Better Auth would have set it at sign-in.
fn demo_cookie(sessions: &SessionVerifier) -> session_cache::Result<String> {
    let now = sessions.now();
    let iso = |ms| to_iso_string(ms).unwrap_or_default();
    let payload = Payload::from_json(
        &json!({
            "session": { "id": "demo-session", "token": "demo-token", "userId": "demo-user",
                         "createdAt": iso(now), "expiresAt": iso(now + 7 * 86_400_000) },
            "user": { "id": "demo-user", "email": "ada@example.com", "name": "Ada Lovelace" },
            "updatedAt": now, "version": "1",
        })
        .to_string(),
    )?;
    let config = sessions.config();
    let options = EncodeOptions::default().with_max_age(3600);
    let data = config
        .strategy
        .encode(&payload, sessions.keys(), &options, now)?;
    let token = sign_cookie_value("demo-token", sessions.keys());
    Ok(format!(
        "better-auth.session_token={token}; better-auth.session_data={data}"
    ))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let strategy: Strategy = std::env::var("SESSION_STRATEGY")
        .unwrap_or_else(|_| "compact".into())
        .parse()?;
    // Keys derived once, here; every request is then a pure check (microseconds).
    let config = SessionConfig::new(strategy).with_update_age(60);
    let sessions = match SessionVerifier::from_env(config) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{}\n  try: export BETTER_AUTH_SECRET=$(cargo run -q -p session-cache-cli -- keygen)", e.message());
            std::process::exit(2);
        }
    };
    let cookie = demo_cookie(&sessions)?;
    let app = Router::new()
        .route("/", get(home))
        .route("/me", get(me))
        .route("/account", get(account))
        .with_state(sessions);

    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(3000);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let url = format!("http://{}", listener.local_addr()?);
    println!("listening on {url} ({strategy} cookie cache)");
    println!("try:");
    println!("  curl -i {url}/me                          # 401 {{\"error\":\"no_token\"}}");
    println!("  curl -i -H 'Cookie: {cookie}' {url}/me");
    println!("  curl -i -H 'Cookie: {cookie}' {url}/account");
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
