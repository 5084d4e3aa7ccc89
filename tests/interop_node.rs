//! The other direction: values this crate encodes are verified by the real Better Auth
//! 1.7.24, in Node (`vectors/verify.mjs`), at the real clock.
//!
//! Needs `npm ci` in `vectors/` (the test script does it). Set
//! `SESSION_CACHE_SKIP_NODE=1` to skip on a machine without Node; CI never sets it.

mod common;

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value as Json};
use session_cache::{EncodeOptions, Keyring, Payload, Strategy};

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

fn iso(ms: i64) -> String {
    session_cache::jsdate::to_iso_string(ms).unwrap()
}

/// Payloads that exercise the serializer: unicode, escapes, floats, index keys.
fn payloads(now: i64) -> Vec<(&'static str, Payload)> {
    let session = |extra: Json| {
        let mut s = json!({
            "id": "sess_1", "token": "tok_abcdef0123456789", "userId": "user_1",
            "expiresAt": iso(now + 7 * 86_400_000), "createdAt": iso(now - 60_000),
            "updatedAt": iso(now - 60_000), "ipAddress": "127.0.0.1", "userAgent": "curl/8"
        });
        if let (Some(s), Some(e)) = (s.as_object_mut(), extra.as_object()) {
            for (k, v) in e {
                s.insert(k.clone(), v.clone());
            }
        }
        s
    };
    let user = |name: &str, extra: Json| {
        let mut u = json!({
            "id": "user_1", "email": "ada@example.com", "name": name, "emailVerified": true,
            "image": null, "createdAt": iso(now - 86_400_000), "updatedAt": iso(now - 86_400_000)
        });
        if let (Some(u), Some(e)) = (u.as_object_mut(), extra.as_object()) {
            for (k, v) in e {
                u.insert(k.clone(), v.clone());
            }
        }
        u
    };
    let make = |s: Json, u: Json| {
        let obj = |v: Json| match session_cache::json::Value::from(v) {
            session_cache::json::Value::Object(o) => o,
            _ => unreachable!(),
        };
        Payload::new(obj(s), obj(u), now, "1").unwrap()
    };
    vec![
        (
            "plain",
            make(session(json!({})), user("Ada Lovelace", json!({}))),
        ),
        (
            "unicode",
            make(
                session(json!({"activeOrganizationId": "org_ü"})),
                user(
                    "Zoë \"the\" \\ 😀 \u{2028} \u{7f} \u{1} émoji",
                    json!({"bio": "line1\nline2\ttab"}),
                ),
            ),
        ),
        (
            "numbers",
            make(
                session(json!({})),
                user(
                    "Num",
                    json!({"score": 0.1, "big": 1e21, "tiny": 1e-7, "min": 5e-324,
                           "max": 1.7976931348623157e308, "int": 9007199254740993u64, "neg": -12.5,
                           "idx": {"10": 1, "2": 2, "a": 3, "0": 4}, "list": [1, "two", null, true, {"x": []}]}),
                ),
            ),
        ),
    ]
}

fn run_verify(cases: &Json) -> Json {
    common::run_node("verify.mjs", cases)
}

#[test]
fn better_auth_accepts_what_we_encode() {
    if std::env::var_os("SESSION_CACHE_SKIP_NODE").is_some() {
        eprintln!("SESSION_CACHE_SKIP_NODE is set: skipping the Node interop test");
        return;
    }
    let now = now_ms();
    let single = json!({"secret": "interop-secret-0123456789abcdefghijkl"});
    let rotated = json!({"secrets": [{"version": 3, "value": "interop-new-0123456789abcdefghijklmn"},
                                     {"version": 2, "value": "interop-old-0123456789abcdefghijklmn"}],
                         "legacySecret": "interop-legacy-0123456789abcdefghijk"});
    let ring = |k: &Json| -> Keyring {
        if let Some(s) = k["secret"].as_str() {
            Keyring::from_secret(s).unwrap()
        } else {
            Keyring::from_secrets(
                k["secrets"].as_array().unwrap().iter().map(|e| {
                    (
                        e["version"].as_u64().unwrap() as u32,
                        e["value"].as_str().unwrap(),
                    )
                }),
                k["legacySecret"].as_str(),
            )
            .unwrap()
        }
    };
    let mut cases = Vec::new();
    let mut expected = Vec::new();
    for (pname, payload) in payloads(now) {
        for strategy in Strategy::ALL {
            for (kname, keys) in [("single", &single), ("rotated", &rotated)] {
                let value = strategy
                    .encode(
                        &payload,
                        &ring(keys),
                        &EncodeOptions::default().with_max_age(600),
                        now,
                    )
                    .unwrap();
                let name = format!("{strategy}/{kname}/{pname}");
                cases.push(
                    json!({"name": name, "strategy": strategy.as_str(), "keys": keys,
                                  "version": "1", "value": value, "now": null}),
                );
                expected.push((name, payload.clone()));
            }
        }
    }
    let results = run_verify(&json!({ "cases": cases }));
    let results = results["results"].as_array().expect("results");
    assert_eq!(results.len(), expected.len());
    for (result, (name, payload)) in results.iter().zip(&expected) {
        assert_eq!(result["name"], json!(name));
        assert_eq!(
            result["accepted"],
            json!(true),
            "Better Auth rejected {name}: {result}"
        );
        let theirs =
            session_cache::json::parse(result["payloadJson"].as_str().unwrap().as_bytes()).unwrap();
        let theirs_user = theirs
            .as_object()
            .and_then(|o| o.get("user"))
            .and_then(|u| u.as_object())
            .unwrap();
        let theirs_session = theirs
            .as_object()
            .and_then(|o| o.get("session"))
            .and_then(|u| u.as_object())
            .unwrap();
        assert_eq!(
            theirs_session.get("token").and_then(|t| t.as_str()),
            Some(payload.session().token.as_str()),
            "{name}"
        );
        for (key, value) in payload.user_object().iter() {
            let key = key.to_string_lossy();
            if key == "createdAt" || key == "updatedAt" {
                continue;
            }
            assert_eq!(theirs_user.get(&key), Some(value), "{name}: user.{key}");
        }
    }
}

#[test]
fn better_auth_rejects_what_we_tamper() {
    if std::env::var_os("SESSION_CACHE_SKIP_NODE").is_some() {
        return;
    }
    let now = now_ms();
    let keys = json!({"secret": "interop-secret-0123456789abcdefghijkl"});
    let ring = Keyring::from_secret("interop-secret-0123456789abcdefghijkl").unwrap();
    let (_, payload) = payloads(now).remove(0);
    let mut cases = Vec::new();
    for strategy in Strategy::ALL {
        let value = strategy
            .encode(
                &payload,
                &ring,
                &EncodeOptions::default().with_max_age(600),
                now,
            )
            .unwrap();
        // Change one character in the middle of the value to another base64url one.
        let mut bytes = value.into_bytes();
        let mid = bytes.len() / 2;
        let mid = (mid..bytes.len()).find(|&i| bytes[i] != b'.').unwrap();
        bytes[mid] = if bytes[mid] == b'A' { b'B' } else { b'A' };
        let value = String::from_utf8(bytes).unwrap();
        assert!(strategy
            .decode(&value, &ring, &Default::default(), now)
            .is_err());
        cases.push(
            json!({"name": strategy.as_str(), "strategy": strategy.as_str(), "keys": keys,
                          "version": null, "value": value, "now": null}),
        );
        // And another version: Better Auth must refuse it when it expects "2".
        let good = strategy
            .encode(
                &payload,
                &ring,
                &EncodeOptions::default().with_max_age(600),
                now,
            )
            .unwrap();
        cases.push(
            json!({"name": format!("{strategy}/version"), "strategy": strategy.as_str(),
                          "keys": keys, "version": "2", "value": good, "now": null}),
        );
    }
    let results = run_verify(&json!({ "cases": cases }));
    for result in results["results"].as_array().unwrap() {
        assert_eq!(
            result["accepted"],
            json!(false),
            "Better Auth accepted {result}"
        );
    }
}
