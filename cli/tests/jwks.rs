//! The JWKS commands and flags: `decode`/`session --jwks`, `token`, `keygen --alg`,
//! `jwks FILE…`, `encode --signing-key`, on values minted by Better Auth's JWT plugin
//! (`vectors/jwks/cases.json`) and on our own.

mod common;

use std::path::PathBuf;
use std::process::Output;

use common::{assert_success, bin, run};
use serde_json::Value as Json;

const CASES: &str = include_str!("../../vectors/jwks/cases.json");
const PAYLOAD: &str = r#"{"session":{"id":"s1","token":"tok_cli","userId":"u1","expiresAt":"2026-11-29T06:29:25.877Z","createdAt":"2026-11-22T06:00:00.000Z"},"user":{"id":"u1","email":"ada@example.com","name":"Ada"}}"#;
const NOW: &str = "1795328965877";

fn json_out(out: &Output) -> Json {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!(
            "stdout is JSON: {} / {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// A file of its own for `text` (tests run in parallel threads of one process, so each
/// call gets a new directory).
fn temp(name: &str, text: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir =
        std::env::temp_dir().join(format!("session-cache-cli-jwks-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn cases() -> Json {
    serde_json::from_str(CASES).unwrap()
}

fn vector<'a>(cases: &'a Json, name: &str) -> &'a Json {
    cases["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == name)
        .unwrap_or_else(|| panic!("{name}"))
}

#[test]
fn better_auth_values_verify_with_the_public_jwks_only() {
    let cases = cases();
    for alg in ["EdDSA", "ES256", "ES512", "RS256", "PS256"] {
        let set = &cases["keySets"][format!("{alg}/single")];
        let jwks = temp(&format!("{alg}.jwks.json"), &set["jwks"].to_string());
        let v = vector(&cases, &format!("{alg}/session/sign-in"));
        let now = v["now"].as_i64().unwrap().to_string();
        let value = v["value"].as_str().unwrap();
        let out = run(
            bin()
                .args(["decode", "--strategy", "jwt", "--jwks"])
                .arg(&jwks)
                .args(["--issuer", "http://localhost:3000", "--now", &now, value]),
            None,
        );
        assert_success(&out, alg);
        let j = json_out(&out);
        assert_eq!(j["valid"], true);
        assert_eq!(j["strategy"], "jwt");
        assert_eq!(j["kid"], set["rows"][0]["id"]);
        assert_eq!(
            j["payload"]["user"]["email"],
            v["expected"]["payload"]["user"]["email"]
        );
        assert!(j["payload"].get("sid").is_none());

        // The issuer is checked; the strategy is guessed; a wrong key set refuses.
        let out = run(
            bin().args(["decode", "--jwks"]).arg(&jwks).args([
                "--issuer",
                "https://other",
                "--now",
                &now,
                value,
            ]),
            None,
        );
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(json_out(&out)["error"], "wrong_issuer");

        // The whole Cookie header, no secret.
        let header = v["cookieHeader"].as_str().unwrap();
        let out = run(
            bin()
                .args(["session", "--strategy", "jwt", "--jwks"])
                .arg(&jwks)
                .args([
                    "--cookie-header",
                    header,
                    "--issuer",
                    "http://localhost:3000",
                    "--now",
                    &now,
                ]),
            None,
        );
        assert_success(&out, "the command");
        assert_eq!(json_out(&out)["fresh"], true);
        // With the secret as well, and with a wrong one (the token's signature then fails).
        let secret = set["server"]["secret"].as_str().unwrap();
        for (s, code, error) in [
            (secret, 0, None),
            (
                "a-wrong-secret-of-enough-length",
                1,
                Some("bad_token_signature"),
            ),
        ] {
            let out = run(
                bin()
                    .args(["session", "--strategy", "jwt", "--jwks"])
                    .arg(&jwks)
                    .args(["--secret", s, "--cookie-header", header, "--now", &now]),
                None,
            );
            assert_eq!(out.status.code(), Some(code));
            if let Some(error) = error {
                assert_eq!(json_out(&out)["error"], error);
            }
        }

        // The access token from /token.
        let t = vector(&cases, &format!("{alg}/access/token-endpoint"));
        let origin = "http://localhost:3000";
        let out = run(
            bin().args(["token", "--jwks"]).arg(&jwks).args([
                "--issuer",
                origin,
                "--audience",
                origin,
                "--now",
                &t["now"].as_i64().unwrap().to_string(),
                t["value"].as_str().unwrap(),
            ]),
            None,
        );
        assert_eq!(out.status.code(), Some(0));
        let j = json_out(&out);
        assert_eq!(j["subject"], t["expected"]["payload"]["sub"]);
        assert_eq!(j["payload"], t["expected"]["payload"]);
        // A session cache is not an access token.
        let out = run(
            bin()
                .args(["token", "--jwks"])
                .arg(&jwks)
                .args(["--now", &now, value]),
            None,
        );
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(json_out(&out)["error"], "wrong_token_type");
    }
}

#[test]
fn keygen_jwks_encode_decode() {
    for alg in ["EdDSA", "ES256", "ES512", "RS256", "PS256"] {
        let out = run(bin().args(["keygen", "--alg", alg]), None);
        assert_eq!(out.status.code(), Some(0));
        let private: Json = json_out(&out);
        assert_eq!(private["alg"], alg);
        assert!(private["d"].is_string() && private["kid"].is_string());
        let key = temp(&format!("{alg}.key.json"), &private.to_string());

        let out = run(bin().arg("jwks").arg(&key), None);
        assert_eq!(out.status.code(), Some(0));
        let public = json_out(&out);
        assert_eq!(public["keys"][0]["kid"], private["kid"]);
        assert!(public["keys"][0].get("d").is_none());
        let jwks = temp(&format!("{alg}.public.json"), &public.to_string());

        let out = run(
            bin()
                .args(["encode", "--strategy", "jwt", "--signing-key"])
                .arg(&key)
                .args(["--issuer", "https://auth.example.com", "--now", NOW]),
            Some(PAYLOAD),
        );
        assert_success(&out, "the command");
        let value = String::from_utf8(out.stdout).unwrap();
        let out = run(
            bin()
                .args(["decode", "--strategy", "jwt", "--jwks"])
                .arg(&jwks)
                .args([
                    "--issuer",
                    "https://auth.example.com",
                    "--now",
                    NOW,
                    value.trim(),
                ]),
            None,
        );
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(json_out(&out)["payload"]["session"]["token"], "tok_cli");
        // The private key never reaches stdout or stderr of the other commands.
        let d = private["d"].as_str().unwrap();
        assert!(!String::from_utf8_lossy(&out.stdout).contains(d));
    }
}

#[test]
fn usage_errors() {
    let bad = temp(
        "bad.json",
        "{\"keys\":[{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}]}",
    );
    let not_json = temp("not.json", "not json");
    for args in [
        vec![
            "decode".into(),
            "--jwks".into(),
            bad.display().to_string(),
            "a.b.c".into(),
        ],
        vec![
            "decode".into(),
            "--jwks".into(),
            not_json.display().to_string(),
            "a.b.c".into(),
        ],
        vec![
            "decode".into(),
            "--jwks".into(),
            "/nonexistent/jwks.json".into(),
            "a.b.c".into(),
        ],
        vec![
            "decode".into(),
            "--strategy".into(),
            "jwe".into(),
            "--jwks".into(),
            bad.display().to_string(),
            "a.b.c".into(),
        ],
        vec![
            "token".into(),
            "--jwks".into(),
            not_json.display().to_string(),
            "a.b.c".into(),
        ],
        vec!["keygen".into(), "--alg".into(), "HS256".into()],
        vec!["jwks".into(), not_json.display().to_string()],
    ] {
        let out = run(bin().args(&args), None);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = run(
        bin().args([
            "encode",
            "--strategy",
            "jwe",
            "--signing-key",
            "x.json",
            "--secret",
            "s",
        ]),
        Some(PAYLOAD),
    );
    assert_eq!(out.status.code(), Some(2));
    // A malformed token is a verdict, not a usage error.
    let good = temp("good.json", "{\"keys\":[]}");
    let out = run(
        bin().args(["token", "--jwks"]).arg(&good).arg("not-a-jwt"),
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json_out(&out)["error"], "malformed");
}

#[test]
fn a_better_auth_row_signs_with_the_secret() {
    let cases = cases();
    let set = &cases["keySets"]["ES256/versioned"];
    let row = temp("row.json", &set["rows"][0].to_string());
    let jwks = temp("versioned.jwks.json", &set["jwks"].to_string());
    let secrets: Vec<String> = set["server"]["secrets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| format!("{}:{}", s["version"], s["value"].as_str().unwrap()))
        .collect();
    let out = run(
        bin()
            .args(["encode", "--strategy", "jwt", "--signing-key"])
            .arg(&row)
            .args([
                "--secrets",
                &secrets.join(","),
                "--issuer",
                "http://localhost:3000",
                "--now",
                NOW,
            ]),
        Some(PAYLOAD),
    );
    assert_success(&out, "the command");
    let value = String::from_utf8(out.stdout).unwrap();
    let out = run(
        bin()
            .args(["decode", "--jwks"])
            .arg(&jwks)
            .args(["--now", NOW, value.trim()]),
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json_out(&out)["kid"], set["rows"][0]["id"]);
    // Without the secret the row does not open.
    let out = run(
        bin()
            .args(["encode", "--strategy", "jwt", "--signing-key"])
            .arg(&row),
        Some(PAYLOAD),
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("jwks row"), "{stderr}");
}
