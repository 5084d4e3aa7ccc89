//! `session-cache session --redis URL`: live, against a real `redis-server` (started
//! here, stopped after) and the real Better Auth with `secondaryStorage` on it. Needs
//! Debian's `redis-server` and `npm ci` in `vectors/`; `SESSION_CACHE_SKIP_NODE=1`
//! skips it.

#[path = "../../integrations/redis/tests/support/mod.rs"]
mod support;

use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{json, Value as Json};
use support::{cookies, Harness, RedisServer, SECRET};

/// Runs `session-cache session` on `header` with `extra` arguments: (exit code, JSON
/// or stderr).
fn session(header: &str, extra: &[&str]) -> (i32, Json, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_session-cache"))
        .args(["session", "--strategy", "jwe", "--secret", SECRET])
        .args(["--cookie-header", header])
        .args(extra)
        .env_remove("SESSION_CACHE_REDIS_URL")
        .output()
        .expect("the CLI runs");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let json = serde_json::from_str(stdout.trim()).unwrap_or(Json::Null);
    (
        out.status.code().unwrap_or(-1),
        json,
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn cli_session_consults_redis() {
    if support::skip("the CLI's live Redis test") {
        return;
    }
    let mut redis = RedisServer::start();
    let mut ba = Harness::start(&redis.url, &["--strategy", "jwe"]);
    let url = redis.url.clone();
    let with_redis = ["--redis", url.as_str()];

    let s1 = ba.sign_up("eve@example.test");
    let h1 = cookies(&s1);
    let (code, out, _) = session(&h1, &with_redis);
    assert_eq!(
        (code, &out["valid"], &out["revocation"]),
        (0, &json!(true), &json!("checked")),
        "{out}"
    );
    assert_eq!(out["payload"]["session"]["token"], s1["token"]);

    // Signed out: revoked with Redis, still valid from the cookie alone.
    ba.call(json!({"cmd": "signOut", "cookieHeader": h1}));
    let (code, out, _) = session(&h1, &with_redis);
    assert_eq!((code, &out["error"]), (1, &json!("revoked")), "{out}");
    let (code, out, _) = session(&h1, &[]);
    assert_eq!((code, &out["valid"]), (0, &json!(true)), "{out}");
    assert!(out.get("revocation").is_none());
    // The wrong prefix: every session revoked (loud, never silently accepted).
    let s2 = ba.sign_in("eve@example.test");
    let h2 = cookies(&s2);
    let (code, out, _) = session(&h2, &["--redis", &url, "--redis-prefix", ""]);
    assert_eq!((code, &out["error"]), (1, &json!("revoked")), "{out}");
    // The URL from the environment.
    let out = Command::new(env!("CARGO_BIN_EXE_session-cache"))
        .args([
            "session",
            "--strategy",
            "jwe",
            "--secret",
            SECRET,
            "--cookie-header",
            &h2,
        ])
        .env("SESSION_CACHE_REDIS_URL", &url)
        .output()
        .unwrap();
    let out: Json = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out["revocation"], "checked", "{out}");

    // revokeSessions from another session: revoked-sessions-before-<userId>.
    let s3 = ba.sign_in("eve@example.test");
    ba.call(json!({"cmd": "revokeSessions", "cookieHeader": cookies(&s3)}));
    let (code, out, _) = session(&h2, &with_redis);
    assert_eq!((code, &out["error"]), (1, &json!("revoked")), "{out}");
    let s4 = ba.sign_in("eve@example.test");
    let h4 = cookies(&s4);
    assert_eq!(session(&h4, &with_redis).0, 0);

    // A per-user version key (absent: "1", which the cache has).
    let versioned = [
        "--redis",
        url.as_str(),
        "--user-version-key",
        "cache-version-",
    ];
    assert_eq!(session(&h4, &versioned).0, 0);
    let mut raw = redis.client();
    let user_id = s4["userId"].as_str().unwrap();
    let () = redis::cmd("SET")
        .arg(format!("better-auth:cache-version-{user_id}"))
        .arg("2")
        .query(&mut raw)
        .unwrap();
    let (code, out, _) = session(&h4, &versioned);
    assert_eq!(
        (code, &out["error"]),
        (1, &json!("version_mismatch")),
        "{out}"
    );

    // Redis gone: fail closed, or open with --fail-open; within the timeout.
    drop(ba);
    redis.stop();
    let start = Instant::now();
    let (code, out, _) = session(&h4, &["--redis", &url, "--redis-timeout", "300"]);
    assert_eq!(
        (code, &out["error"]),
        (1, &json!("revocation_unknown")),
        "{out}"
    );
    assert!(start.elapsed() < Duration::from_secs(3));
    let (code, out, _) = session(&h4, &["--redis", &url, "--fail-open"]);
    assert_eq!(
        (code, &out["revocation"]),
        (0, &json!("unchecked")),
        "{out}"
    );
    // An offline failure is reported before Redis is asked.
    let (code, out, _) = session("better-auth.session_token=x", &with_redis);
    assert_eq!(
        (code, &out["error"]),
        (1, &json!("bad_token_signature")),
        "{out}"
    );

    // A bad URL is a usage error that does not repeat it (it may hold a password).
    let (code, _, err) = session(&h4, &["--redis", "http://user:hunter2@host"]);
    assert_eq!(code, 2, "{err}");
    assert!(!err.contains("hunter2"), "{err}");
    let (code, _, err) = session(&h4, &["--redis", &url, "--max-staleness", "-1"]);
    assert_eq!(code, 2, "{err}");
}
