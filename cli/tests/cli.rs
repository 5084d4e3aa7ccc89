//! The `session-cache` binary: exit codes, JSON shapes, secrets from flags and the
//! environment, and values made by the real Better Auth.

mod common;

use std::io::Write;
use std::process::{Output, Stdio};

use common::{assert_success, bin, run};
use serde_json::Value as Json;

const SECRET: &str = "cli-test-secret-0123456789abcdefghijk";
const NOW: i64 = 1_795_328_965_877;

const PAYLOAD: &str = r#"{"session":{"id":"s1","token":"tok_cli","userId":"u1","expiresAt":"2026-11-29T06:29:25.877Z","createdAt":"2026-11-22T06:00:00.000Z","updatedAt":"2026-11-22T06:00:00.000Z"},"user":{"id":"u1","email":"ada@example.com","name":"Zoë \"Ada\" 😀","emailVerified":true,"score":0.1,"big":1e21,"idx":{"10":1,"2":2,"a":3}}}"#;

fn stdout_json(out: &Output) -> Json {
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    assert_eq!(text.lines().count(), 1, "one line of JSON: {text}");
    serde_json::from_str(&text).expect("stdout is JSON")
}

fn encode(strategy: &str) -> String {
    let out = run(
        bin().args([
            "encode",
            "--strategy",
            strategy,
            "--secret",
            SECRET,
            "--now",
            &NOW.to_string(),
        ]),
        Some(PAYLOAD),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value = String::from_utf8(out.stdout).unwrap();
    assert_eq!(value.lines().count(), 1);
    value.trim().to_owned()
}

#[test]
fn encode_then_decode_keeps_the_payload_exactly() {
    for strategy in ["compact", "jwt", "jwe"] {
        let value = encode(strategy);
        // Without --strategy the shape tells it.
        let out = run(
            bin().args([
                "decode",
                "--secret",
                SECRET,
                "--now",
                &NOW.to_string(),
                &value,
            ]),
            None,
        );
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout.clone()).unwrap();
        let json = stdout_json(&out);
        assert_eq!(json["valid"], true);
        assert_eq!(json["strategy"], strategy);
        assert_eq!(
            json["expiresAt"].as_i64(),
            Some(if strategy == "compact" {
                NOW + 300_000
            } else {
                (NOW / 1000 + 300) * 1000
            })
        );
        // Same keys, same order, same values: the payload text is JSON.stringify's.
        let expected = PAYLOAD
            .replace(
                r#""idx":{"10":1,"2":2,"a":3}}}"#,
                r#""idx":{"2":2,"10":1,"a":3}}"#,
            )
            .replace("1e21", "1e+21");
        let expected = format!(
            "{},\"updatedAt\":{NOW},\"version\":\"1\"}}",
            &expected[..expected.len()]
        );
        assert!(
            text.contains(&format!("\"payload\":{expected}}}")),
            "{text}\nexpected payload {expected}"
        );
    }
}

#[test]
fn invalid_values_exit_1_with_a_kind() {
    let value = encode("jwe");
    let cases = [
        (vec!["--now", "1795329300000"], "expired".to_string()),
        (
            vec!["--cache-version", "2", "--now", "1795328965877"],
            "version_mismatch".to_string(),
        ),
    ];
    for (extra, kind) in cases {
        let mut cmd = bin();
        cmd.args(["decode", "--secret", SECRET])
            .args(&extra)
            .arg(&value);
        let out = run(&mut cmd, None);
        assert_eq!(out.status.code(), Some(1));
        let json = stdout_json(&out);
        assert_eq!(json["valid"], false);
        assert_eq!(json["error"], kind.as_str());
        assert!(json["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let out = run(
        bin().args([
            "decode",
            "--secret",
            "another-secret-entirely-0123456789",
            &value,
        ]),
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout_json(&out)["error"], "unknown_key");
    let out = run(
        bin().args(["decode", "--secret", SECRET, "not.a.cookie.at.all.really"]),
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout_json(&out)["error"], "malformed");
}

#[test]
fn usage_errors_exit_2_and_never_print_secrets() {
    // No secret anywhere.
    let out = run(bin().args(["decode", "abc"]), None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no secret"));
    // Unknown flag, unknown strategy.
    assert_eq!(
        run(bin().args(["decode", "--bogus", "x"]), None)
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(
            bin().args(["decode", "--strategy", "rot13", "--secret", SECRET, "x"]),
            None
        )
        .status
        .code(),
        Some(2)
    );
    // A malformed secrets list names the problem, not the secret.
    let out = run(
        bin().args(["decode", "--secrets", "x:hunter2-very-secret", "abc"]),
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("version"), "{stderr}");
    assert!(!stderr.contains("hunter2"), "{stderr}");
    // Bad stdin for encode.
    let out = run(
        bin().args(["encode", "--secret", SECRET]),
        Some("{not json"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&out.stderr).contains(SECRET));
}

#[test]
fn secrets_from_the_environment_with_a_legacy_secret() {
    // Minted under the legacy secret, read with BETTER_AUTH_SECRETS + BETTER_AUTH_SECRET.
    let value = encode("jwe");
    let out = run(
        bin()
            .env(
                "BETTER_AUTH_SECRETS",
                "3:a-newer-secret-0123456789abcdefghij",
            )
            .env("BETTER_AUTH_SECRET", SECRET)
            .args(["decode", "--now", &NOW.to_string(), &value]),
        None,
    );
    assert_success(&out, "the command");
    // compact uses the current secret only, unless asked.
    let value = encode("compact");
    let cmd = || {
        let mut cmd = bin();
        cmd.env(
            "BETTER_AUTH_SECRETS",
            "3:a-newer-secret-0123456789abcdefghij",
        )
        .env("BETTER_AUTH_SECRET", SECRET)
        .args(["decode", "--now", &NOW.to_string()]);
        cmd
    };
    let out = run(cmd().arg(&value), None);
    assert_eq!(stdout_json(&out)["error"], "bad_signature");
    let out = run(cmd().arg("--older-secrets").arg(&value), None);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn decodes_better_auth_vectors() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/cookie-cache.json");
    let file: Json = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut checked = 0;
    for v in file["vectors"].as_array().unwrap() {
        if !v["reason"].is_null()
            || v["keys"]["secret"].is_null()
            || !v["betterAuth"]["accepted"].as_bool().unwrap()
        {
            continue;
        }
        let name = v["name"].as_str().unwrap();
        if name.contains("lenient") || name.contains("no-exp") || name.contains("zip") {
            continue;
        }
        let out = run(
            bin().args([
                "decode",
                "--strategy",
                v["strategy"].as_str().unwrap(),
                "--secret",
                v["keys"]["secret"].as_str().unwrap(),
                "--now",
                &v["now"].as_i64().unwrap().to_string(),
                v["value"].as_str().unwrap(),
            ]),
            None,
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        checked += 1;
        if checked >= 12 {
            break;
        }
    }
    assert!(checked >= 12);
}

#[test]
fn session_command_checks_a_cookie_header() {
    let keys = session_cache::Keyring::from_secret(SECRET).unwrap();
    let data = encode("jwt");
    let token = session_cache::cookie::sign_cookie_value("tok_cli", &keys);
    let header =
        format!("theme=dark; better-auth.session_token={token}; better-auth.session_data={data}");
    let base = || {
        let mut cmd = bin();
        cmd.args([
            "session",
            "--strategy",
            "jwt",
            "--secret",
            SECRET,
            "--now",
            &NOW.to_string(),
            "--update-age",
            "400",
        ]);
        cmd
    };
    let out = run(base().args(["--cookie-header", &header]), None);
    assert_success(&out, "the command");
    let json = stdout_json(&out);
    assert_eq!(json["valid"], true);
    assert_eq!(json["fresh"], true);
    assert_eq!(json["needsRefresh"], true);
    assert_eq!(json["payload"]["user"]["email"], "ada@example.com");

    let other = session_cache::cookie::sign_cookie_value("tok_other", &keys);
    let wrong = format!("better-auth.session_token={other}; better-auth.session_data={data}");
    for (header, kind) in [
        (wrong.as_str(), "token_mismatch"),
        ("better-auth.session_data=x", "no_token"),
        (
            "better-auth.session_token=tok_cli.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%3D",
            "bad_token_signature",
        ),
    ] {
        let out = run(base().args(["--cookie-header", header]), None);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(stdout_json(&out)["error"], kind, "{header}");
    }
    let no_cache = format!("better-auth.session_token={token}");
    let out = run(base().args(["--cookie-header", &no_cache]), None);
    assert_eq!(stdout_json(&out)["error"], "no_cache");
    let out = run(base().args(["--secure", "--cookie-header", &header]), None);
    assert_eq!(
        stdout_json(&out)["error"],
        "no_token",
        "--secure wants __Secure- names"
    );
}

#[test]
fn keygen_and_demo() {
    let out = run(bin().arg("keygen"), None);
    assert!(out.status.success());
    let secret = String::from_utf8(out.stdout).unwrap();
    assert_eq!(secret.trim().len(), 64);
    assert!(secret.trim().bytes().all(|b| b.is_ascii_hexdigit()));
    let out = run(bin().arg("demo"), None);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "Rotate",
        "version",
        "Expiry",
        "Tamper",
        "rejected: expired",
        "rejected: version_mismatch",
    ] {
        assert!(
            text.contains(needle),
            "demo output lacks {needle:?}:\n{text}"
        );
    }
    for cmd in ["decode", "encode", "session", "keygen", "demo"] {
        let out = run(bin().args([cmd, "--help"]), None);
        assert!(out.status.success(), "{cmd} --help");
    }
}

#[test]
fn decode_reads_the_value_from_stdin() {
    let value = encode("jwe");
    for input in [format!("{value}\n"), format!("{value}\r\n"), value.clone()] {
        let out = run(
            bin().args(["decode", "--secret", SECRET, "--now", &NOW.to_string(), "-"]),
            Some(&input),
        );
        assert_success(&out, "the command");
        assert_eq!(
            stdout_json(&out)["payload"]["user"]["email"],
            "ada@example.com"
        );
    }
    // Not the value: an error of the value, not a usage error.
    let out = run(bin().args(["decode", "--secret", SECRET, "-"]), Some(""));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout_json(&out)["error"], "malformed");
}

/// A Cookie header whose jwe cache, about `cache_len` bytes, is in chunks as Better Auth
/// writes them; and the number of chunks.
fn chunked_header(cache_len: usize) -> (String, usize) {
    use session_cache::cookie::{sign_cookie_value, AuthCookies, CookieNames};
    let keys = session_cache::Keyring::from_secret(SECRET).unwrap();
    // jwe: base64url of the encrypted JSON, 4/3 of its length.
    let bio = "0123456789abcdef".repeat(cache_len * 3 / 4 / 16);
    let payload = session_cache::Payload::from_json(&format!(
        r#"{{"session":{{"id":"s1","token":"tok_cli","userId":"u1","expiresAt":"2026-11-29T06:29:25.877Z","createdAt":"2026-11-22T06:00:00.000Z"}},
            "user":{{"id":"u1","email":"ada@example.com","name":"Ada","bio":"{bio}"}},"updatedAt":{NOW},"version":"1"}}"#
    ))
    .unwrap();
    let data = session_cache::Strategy::Jwe
        .encode(&payload, &keys, &Default::default(), NOW)
        .unwrap();
    let chunks = AuthCookies::new(CookieNames::default())
        .session_data_cookies(&data, session_cache::Remember::Yes, &[])
        .unwrap();
    let mut header = format!(
        "theme=dark; better-auth.session_token={}",
        sign_cookie_value("tok_cli", &keys)
    );
    for c in &chunks {
        header.push_str(&format!("; {}={}", c.name, c.wire_value()));
    }
    (header, chunks.len())
}

#[test]
fn session_reads_a_400_kb_cookie_header_from_stdin() {
    let (header, chunks) = chunked_header(395_000);
    assert!((95..=100).contains(&chunks), "{chunks} chunks");
    assert!(header.len() > 390_000, "{} bytes", header.len());
    let session = || {
        let mut cmd = bin();
        cmd.args([
            "session",
            "--strategy",
            "jwe",
            "--secret",
            SECRET,
            "--now",
            &NOW.to_string(),
        ]);
        cmd
    };
    // Linux refuses one argument above 128 KiB (MAX_ARG_STRLEN): `-` is the way.
    #[cfg(target_os = "linux")]
    assert!(session()
        .args(["--cookie-header", &header])
        .output()
        .is_err());
    let out = run(
        session().args(["--cookie-header", "-"]),
        Some(&format!("{header}\n")),
    );
    assert_success(&out, "the command");
    let json = stdout_json(&out);
    assert_eq!(json["valid"], true);
    assert_eq!(json["payload"]["user"]["email"], "ada@example.com");
    assert!(json["payload"]["user"]["bio"].as_str().unwrap().len() > 290_000);

    // One chunk short: the cache no longer verifies.
    let cut = header.replacen("better-auth.session_data.7=", "x=", 1);
    let out = run(session().args(["--cookie-header", "-"]), Some(&cut));
    assert_eq!(out.status.code(), Some(1));
    let kind = stdout_json(&out)["error"].clone();
    assert!(kind == "malformed" || kind == "decrypt_failed", "{kind}");
}

#[test]
fn stdin_is_bounded_and_must_be_text() {
    let limit = 1 << 20;
    let session = || {
        let mut cmd = bin();
        cmd.args(["session", "--secret", SECRET, "--cookie-header", "-"]);
        cmd
    };
    // Exactly the limit is read, then judged by the session check, whose own limit on a
    // Cookie header (512 KiB) it exceeds; one byte more is refused by the reader (below).
    let out = run(&mut session(), Some(&"a".repeat(limit)));
    let json = stdout_json(&out);
    assert_eq!(json["error"], "too_large");
    assert!(
        json["message"]
            .as_str()
            .unwrap()
            .contains("Cookie header is 1048576 bytes"),
        "{json}"
    );
    // A header within the check's limit, read whole from standard input, is no session.
    let max = session_cache::defaults::MAX_HEADER_LEN;
    let out = run(&mut session(), Some(&"a".repeat(max)));
    assert_eq!(stdout_json(&out)["error"], "no_token");
    for mut cmd in [session(), {
        let mut c = bin();
        c.args(["decode", "--secret", SECRET, "-"]);
        c
    }] {
        let out = run(&mut cmd, Some(&"a".repeat(limit + 1)));
        assert_eq!(out.status.code(), Some(1));
        let json = stdout_json(&out);
        assert_eq!(json["error"], "too_large");
        assert!(
            json["message"]
                .as_str()
                .unwrap()
                .contains("on standard input is above the limit of 1048576"),
            "{json}"
        );
    }
    // Not UTF-8.
    let mut cmd = session();
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"better-auth.session_token=\xff\xfe")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout_json(&out)["error"], "malformed");
}
