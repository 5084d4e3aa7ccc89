//! A real axum server on 127.0.0.1, real HTTP requests, and cookies minted by the real
//! Better Auth 1.7.24 (`vectors/sessions/mint.mjs`: sign-up through `auth.api`, its
//! Set-Cookie headers applied to a cookie jar): each strategy, versioned secrets and a
//! rotation, chunked caches, expiry, tampering, no cookie, freshness, the refresh hint,
//! the extractors and the layer.
//!
//! The server's clock is the verifier's (`SessionVerifier::with_clock`), set by each
//! test relative to the sign-up instant. Needs `npm ci` in `vectors/`; set
//! `SESSION_CACHE_SKIP_NODE=1` to skip on a machine without Node.

use std::collections::HashMap;
use std::io::Write;
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, OnceLock};

use axum::extract::State;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Extension, Json, Router};
use base64ct::{Base64UrlUnpadded, Encoding};
use bytes::Bytes;
use http::{HeaderMap, Request, StatusCode};
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Value};
use session_cache::session::SessionConfig;
use session_cache::{Keyring, Strategy, VerifyWith};
use session_cache_axum::{
    FreshSession, FromRef, SessionLayer, SessionRejection, SessionVerifier, VerifiedSession,
};

/// The sign-up instant (Better Auth's frozen clock), ms; deliberately not a whole second.
const T0: i64 = 1_790_000_001_234;
const SEC: i64 = 1000;
const SECRET: &str = "a-very-long-secret-for-testing-sessions-1234567890";
const NEW_SECRET: &str = "the-next-secret-of-this-deployment-after-rotation-42";
const STRATEGIES: [&str; 3] = ["compact", "jwt", "jwe"];

fn skip_node() -> bool {
    let skip = std::env::var_os("SESSION_CACHE_SKIP_NODE").is_some();
    if skip {
        eprintln!("SESSION_CACHE_SKIP_NODE is set: skipping the Better Auth server tests");
    }
    skip
}

// ------------------------------------------------------------------------ Better Auth

fn base(strategy: &str) -> Value {
    json!({"strategy": strategy, "secret": SECRET, "version": null, "cookiePrefix": null,
           "secure": false, "freshAge": 86400, "updateAge": null})
}

fn versioned(strategy: &str, secrets: Value) -> Value {
    let mut c = base(strategy);
    let c = c.as_object_mut().unwrap();
    c.remove("secret");
    c.insert("secrets".into(), secrets);
    json!(c)
}

/// What Better Auth sent at sign-up.
struct Minted {
    email: String,
    cookie_header: String,
}

/// Every cookie set these tests use, minted by one run of Node.
fn minted(name: &str) -> &'static Minted {
    static MINTED: OnceLock<HashMap<String, Minted>> = OnceLock::new();
    MINTED
        .get_or_init(|| {
            let bio = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(160);
            let mut cases = Vec::new();
            for s in STRATEGIES {
                cases.push(json!({"name": s, "config": base(s), "at": T0}));
                cases.push(json!({"name": format!("{s}/chunked"), "config": base(s), "at": T0,
                                  "user": {"bio": bio}}));
                cases.push(json!({"name": format!("{s}/versioned"), "at": T0,
                                  "config": versioned(s, json!([{"version": 2, "value": NEW_SECRET},
                                                               {"version": 1, "value": SECRET}]))}));
                cases.push(json!({"name": format!("{s}/before rotation"), "at": T0,
                                  "config": versioned(s, json!([{"version": 1, "value": SECRET}]))}));
            }
            let out = run_node("sessions/mint.mjs", &json!({ "cases": cases }));
            out["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    let minted = Minted {
                        email: r["email"].as_str().unwrap().to_owned(),
                        cookie_header: r["cookieHeader"].as_str().unwrap().to_owned(),
                    };
                    (r["name"].as_str().unwrap().to_owned(), minted)
                })
                .collect()
        })
        .get(name)
        .unwrap_or_else(|| panic!("no minted case {name}"))
}

/// Runs `node <script>` in `vectors/` with `input` on stdin; its last JSON line.
fn run_node(script: &str, input: &Value) -> Value {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../vectors");
    let mut child = Command::new("node")
        .arg(script)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("node must be installed (or set SESSION_CACHE_SKIP_NODE=1)");
    let input = input.to_string();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "{script} failed (did you run `npm ci` in vectors/?)"
    );
    let text = String::from_utf8(out.stdout).unwrap();
    serde_json::from_str(text.lines().rev().find(|l| l.starts_with('{')).unwrap()).unwrap()
}

// ------------------------------------------------------------------------ the app

/// The app's own state, with the verifier as one of its fields.
#[derive(Clone)]
struct AppState {
    sessions: SessionVerifier,
    greeting: &'static str,
}

impl FromRef<AppState> for SessionVerifier {
    fn from_ref(state: &AppState) -> Self {
        state.sessions.clone()
    }
}

fn describe(session: &VerifiedSession) -> Value {
    json!({
        "email": session.user().email,
        "userId": session.user().id,
        "strategy": session.cache().strategy().as_str(),
        "verifiedBy": session.cache().verified_by().to_string(),
        "fresh": session.is_fresh(),
        "needsRefresh": session.needs_refresh(),
    })
}

async fn me(State(app): State<AppState>, session: VerifiedSession) -> impl IntoResponse {
    let mut body = describe(&session);
    body["greeting"] = app.greeting.into();
    (session.refresh_hint(), Json(body))
}

async fn maybe(session: Option<VerifiedSession>) -> Json<Value> {
    Json(json!({ "email": session.map(|s| s.user().email.clone()) }))
}

async fn sensitive(session: FreshSession) -> Json<Value> {
    Json(describe(&session))
}

async fn from_layer(Extension(session): Extension<VerifiedSession>) -> Json<Value> {
    Json(describe(&session))
}

async fn from_optional_layer(
    session: Option<Extension<VerifiedSession>>,
    rejection: Option<Extension<SessionRejection>>,
) -> Json<Value> {
    Json(json!({
        "email": session.map(|Extension(s)| s.user().email.clone()),
        "error": rejection.map(|Extension(r)| r.kind().as_str()),
    }))
}

/// `/me`, `/maybe`, `/sensitive`: the extractors with the state's verifier.
/// `/layer/*`: the layer in each mode. `/layer/extractor`: the extractor behind a layer
/// whose verifier accepts older secrets while the state's does not.
fn app(sessions: SessionVerifier, lenient: SessionVerifier) -> Router {
    let layered = Router::new()
        .route("/layer/required", get(from_layer))
        .layer(SessionLayer::required(sessions.clone()).with_refresh_hint())
        .route(
            "/layer/fresh",
            get(from_layer).layer(SessionLayer::fresh(sessions.clone())),
        )
        .route(
            "/layer/optional",
            get(from_optional_layer).layer(SessionLayer::optional(sessions.clone())),
        )
        .route(
            "/layer/extractor",
            get(me).layer(SessionLayer::required(lenient)),
        );
    Router::new()
        .route("/me", get(me))
        .route("/maybe", get(maybe))
        .route("/sensitive", get(sensitive))
        .merge(layered)
        .with_state(AppState {
            sessions,
            greeting: "hello",
        })
}

struct Server {
    addr: SocketAddr,
    clock: Arc<AtomicI64>,
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: Value,
}

impl Server {
    /// A server on a free port of 127.0.0.1 whose clock reads `now`.
    async fn start(keys: Keyring, config: SessionConfig, now: i64) -> Server {
        let clock = Arc::new(AtomicI64::new(now));
        let c = clock.clone();
        let sessions =
            SessionVerifier::new(keys, config).with_clock(move || c.load(Ordering::SeqCst));
        let lenient_config = sessions
            .config()
            .clone()
            .with_secrets(VerifyWith::AnySecret);
        let c = clock.clone();
        let lenient = SessionVerifier::new(sessions.keys().clone(), lenient_config)
            .with_clock(move || c.load(Ordering::SeqCst));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app(sessions, lenient)).await });
        Server { addr, clock }
    }

    fn set_now(&self, now: i64) {
        self.clock.store(now, Ordering::SeqCst);
    }

    async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let client = Client::builder(TokioExecutor::new()).build_http::<Empty<Bytes>>();
        let mut request = Request::get(format!("http://{}{path}", self.addr));
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        let response = client
            .request(request.body(Empty::new()).unwrap())
            .await
            .expect("the server answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let body = serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| panic!("{path}: not JSON: {}", String::from_utf8_lossy(&bytes)));
        Reply {
            status,
            headers,
            body,
        }
    }
}

impl Reply {
    /// A rejection: the status, the kind in `WWW-Authenticate` and in the JSON body.
    #[track_caller]
    fn assert_rejected(&self, status: StatusCode, kind: &str) {
        assert_eq!(self.status, status, "{}", self.body);
        assert_eq!(self.body, json!({ "error": kind }));
        assert_eq!(
            self.headers["www-authenticate"],
            format!("Cookie error=\"{kind}\"").as_str()
        );
        assert_eq!(self.headers["content-type"], "application/json");
    }

    #[track_caller]
    fn assert_ok(&self, email: &str) {
        assert_eq!(self.status, StatusCode::OK, "{}", self.body);
        assert_eq!(self.body["email"], email, "{}", self.body);
    }
}

fn keys() -> Keyring {
    Keyring::from_secret(SECRET).unwrap()
}

fn rotated_keys() -> Keyring {
    Keyring::from_secrets([(2, NEW_SECRET), (1, SECRET)], None).unwrap()
}

fn config(strategy: &str) -> SessionConfig {
    SessionConfig::new(strategy.parse::<Strategy>().unwrap())
}

// ------------------------------------------------------------------------ tests

#[tokio::test]
async fn each_strategy_through_every_extractor_and_the_layer() {
    if skip_node() {
        return;
    }
    for s in STRATEGIES {
        let m = minted(s);
        let server = Server::start(keys(), config(s), T0 + SEC).await;
        let cookie = Some(m.cookie_header.as_str());
        let r = server.get("/me", cookie).await;
        r.assert_ok(&m.email);
        assert_eq!(r.body["strategy"], s);
        assert_eq!(r.body["verifiedBy"], "0");
        assert_eq!(r.body["fresh"], true);
        assert_eq!(r.body["needsRefresh"], false);
        assert_eq!(r.body["greeting"], "hello", "the app's own state");
        assert!(r.headers.get("x-session-refresh").is_none());
        assert!(r.body["userId"].as_str().is_some_and(|id| !id.is_empty()));
        for path in ["/maybe", "/sensitive", "/layer/required", "/layer/fresh"] {
            server.get(path, cookie).await.assert_ok(&m.email);
        }
        let r = server.get("/layer/optional", cookie).await;
        assert_eq!(r.body, json!({"email": m.email, "error": null}));
    }
}

#[tokio::test]
async fn no_cookie_and_no_cache() {
    if skip_node() {
        return;
    }
    let m = minted("jwe");
    let server = Server::start(keys(), config("jwe"), T0 + SEC).await;
    for cookie in [None, Some("theme=dark")] {
        for path in ["/me", "/sensitive", "/layer/required", "/layer/fresh"] {
            server
                .get(path, cookie)
                .await
                .assert_rejected(StatusCode::UNAUTHORIZED, "no_token");
        }
        let r = server.get("/maybe", cookie).await;
        assert_eq!((r.status, r.body), (StatusCode::OK, json!({"email": null})));
        let r = server.get("/layer/optional", cookie).await;
        assert_eq!(r.body, json!({"email": null, "error": "no_token"}));
    }
    // The session token alone: the cache is what is checked here.
    let token_only: String = m
        .cookie_header
        .split("; ")
        .filter(|c| c.starts_with("better-auth.session_token="))
        .collect();
    server
        .get("/me", Some(&token_only))
        .await
        .assert_rejected(StatusCode::UNAUTHORIZED, "no_cache");
}

#[tokio::test]
async fn expired_caches() {
    if skip_node() {
        return;
    }
    for s in STRATEGIES {
        let m = minted(s);
        let cookie = Some(m.cookie_header.as_str());
        // Better Auth's default cookieCache.maxAge: 300 s.
        let server = Server::start(keys(), config(s), T0 + 299 * SEC).await;
        server.get("/me", cookie).await.assert_ok(&m.email);
        server.set_now(T0 + 301 * SEC);
        for path in ["/me", "/layer/required"] {
            server
                .get(path, cookie)
                .await
                .assert_rejected(StatusCode::UNAUTHORIZED, "expired");
        }
        assert_eq!(
            server.get("/maybe", cookie).await.body["email"],
            Value::Null
        );
    }
}

/// `session_data` with user.name changed under a kept signature (compact, jwt), or one
/// ciphertext character changed (jwe).
fn tamper_cache(header: &str, strategy: &str) -> String {
    let tamper = |value: &str| -> String {
        match strategy {
            "compact" => {
                let json =
                    String::from_utf8(Base64UrlUnpadded::decode_vec(value).unwrap()).unwrap();
                assert!(json.contains("\"name\":\"Ada Lovelace\""));
                let json = json.replace("\"name\":\"Ada Lovelace\"", "\"name\":\"Mallory\"");
                Base64UrlUnpadded::encode_string(json.as_bytes())
            }
            _ => {
                let mut parts: Vec<String> = value.split('.').map(str::to_owned).collect();
                let part = if strategy == "jwt" { 1 } else { 3 };
                if strategy == "jwt" {
                    let json = String::from_utf8(Base64UrlUnpadded::decode_vec(&parts[1]).unwrap())
                        .unwrap();
                    let json = json.replace("\"name\":\"Ada Lovelace\"", "\"name\":\"Mallory\"");
                    parts[1] = Base64UrlUnpadded::encode_string(json.as_bytes());
                } else {
                    let flipped = if parts[part].starts_with('A') {
                        "B"
                    } else {
                        "A"
                    };
                    parts[part].replace_range(0..1, flipped);
                }
                parts.join(".")
            }
        }
    };
    header
        .split("; ")
        .map(|c| match c.strip_prefix("better-auth.session_data=") {
            Some(v) => format!("better-auth.session_data={}", tamper(v)),
            None => c.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The signed `session_token` with the first character of its signature changed.
fn tamper_token_signature(header: &str) -> String {
    header
        .split("; ")
        .map(|c| match c.strip_prefix("better-auth.session_token=") {
            Some(v) => {
                let dot = v.rfind('.').unwrap() + 1;
                let flipped = if v[dot..].starts_with('A') { "B" } else { "A" };
                format!(
                    "better-auth.session_token={}{flipped}{}",
                    &v[..dot],
                    &v[dot + 1..]
                )
            }
            None => c.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[tokio::test]
async fn tampered_cookies() {
    if skip_node() {
        return;
    }
    for (s, kind) in [
        ("compact", "bad_signature"),
        ("jwt", "bad_signature"),
        ("jwe", "decrypt_failed"),
    ] {
        let m = minted(s);
        let server = Server::start(keys(), config(s), T0 + SEC).await;
        let tampered = tamper_cache(&m.cookie_header, s);
        assert_ne!(tampered, m.cookie_header);
        for path in ["/me", "/layer/required"] {
            server
                .get(path, Some(&tampered))
                .await
                .assert_rejected(StatusCode::UNAUTHORIZED, kind);
        }
        // One character of the session token's signature changed.
        let bad_token = tamper_token_signature(&m.cookie_header);
        assert_ne!(bad_token, m.cookie_header);
        server
            .get("/me", Some(&bad_token))
            .await
            .assert_rejected(StatusCode::UNAUTHORIZED, "bad_token_signature");
    }
}

#[tokio::test]
async fn chunked_caches() {
    if skip_node() {
        return;
    }
    for s in STRATEGIES {
        let m = minted(&format!("{s}/chunked"));
        assert!(
            m.cookie_header.contains("better-auth.session_data.0=")
                && m.cookie_header.contains("better-auth.session_data.1="),
            "Better Auth chunked the cache: {}",
            &m.cookie_header[..200]
        );
        let server = Server::start(keys(), config(s), T0 + SEC).await;
        for path in ["/me", "/layer/required"] {
            server
                .get(path, Some(&m.cookie_header))
                .await
                .assert_ok(&m.email);
        }
        // One chunk dropped.
        let partial: Vec<&str> = m
            .cookie_header
            .split("; ")
            .filter(|c| !c.starts_with("better-auth.session_data.1="))
            .collect();
        let r = server.get("/me", Some(&partial.join("; "))).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn versioned_secrets_and_a_rotation() {
    if skip_node() {
        return;
    }
    for s in STRATEGIES {
        // Minted and read with secrets 2 (current) and 1.
        let m = minted(&format!("{s}/versioned"));
        let server = Server::start(rotated_keys(), config(s), T0 + SEC).await;
        let r = server.get("/me", Some(&m.cookie_header)).await;
        r.assert_ok(&m.email);
        assert_eq!(r.body["verifiedBy"], "2");

        // Minted when version 1 was current; read after version 2 was added. Better
        // Auth verifies the session token with the current secret only, and so does
        // the default configuration.
        let m = minted(&format!("{s}/before rotation"));
        server
            .get("/me", Some(&m.cookie_header))
            .await
            .assert_rejected(StatusCode::UNAUTHORIZED, "bad_token_signature");
        // VerifyWith::AnySecret: the old secret still verifies, and says so.
        let lenient = Server::start(
            rotated_keys(),
            config(s).with_secrets(VerifyWith::AnySecret),
            T0 + SEC,
        )
        .await;
        let r = lenient.get("/me", Some(&m.cookie_header)).await;
        r.assert_ok(&m.email);
        assert_eq!(r.body["verifiedBy"], "1");
        // The extractor behind a layer takes the layer's verdict (whose verifier
        // accepts older secrets) instead of checking again with the state's.
        let r = server.get("/layer/extractor", Some(&m.cookie_header)).await;
        r.assert_ok(&m.email);
        assert_eq!(r.body["verifiedBy"], "1");
    }
}

#[tokio::test]
async fn freshness_and_refresh() {
    if skip_node() {
        return;
    }
    let m = minted("jwe");
    let cookie = Some(m.cookie_header.as_str());
    // freshAge 60 s: at 120 s the cache (300 s) is valid, the session not fresh.
    let server = Server::start(keys(), config("jwe").with_fresh_age(60), T0 + 120 * SEC).await;
    let r = server.get("/me", cookie).await;
    r.assert_ok(&m.email);
    assert_eq!(r.body["fresh"], false);
    for path in ["/sensitive", "/layer/fresh"] {
        server
            .get(path, cookie)
            .await
            .assert_rejected(StatusCode::FORBIDDEN, "not_fresh");
    }
    server.set_now(T0 + 59 * SEC);
    server.get("/sensitive", cookie).await.assert_ok(&m.email);

    // updateAge 60 s: in the last minute of the cache's 300 s, re-issue it.
    let server = Server::start(keys(), config("jwe").with_update_age(60), T0 + 200 * SEC).await;
    for path in ["/me", "/layer/required"] {
        let r = server.get(path, cookie).await;
        assert_eq!(r.body["needsRefresh"], false);
        assert!(r.headers.get("x-session-refresh").is_none());
    }
    server.set_now(T0 + 250 * SEC);
    for path in ["/me", "/layer/required"] {
        let r = server.get(path, cookie).await;
        r.assert_ok(&m.email);
        assert_eq!(r.body["needsRefresh"], true);
        assert_eq!(r.headers["x-session-refresh"], "1", "{path}");
    }
    // The layer without with_refresh_hint() leaves the response alone.
    assert!(server
        .get("/layer/fresh", cookie)
        .await
        .headers
        .get("x-session-refresh")
        .is_none());
}

#[tokio::test]
async fn version_mismatch() {
    if skip_node() {
        return;
    }
    let m = minted("compact");
    let server = Server::start(keys(), config("compact").with_version("2"), T0 + SEC).await;
    server
        .get("/me", Some(&m.cookie_header))
        .await
        .assert_rejected(StatusCode::UNAUTHORIZED, "version_mismatch");
}
