//! Live interop with the real JWT plugin of Better Auth 1.7.24 (`vectors/jwks/verify.mjs`),
//! the direction the checked-in vectors cannot cover: we sign, Better Auth verifies.
//!
//! - with a key pair of ours (for each algorithm), Better Auth's `getCookieCache` given
//!   our JWKS, and its `getSession` on a server whose `jwks` table holds our public key,
//!   accept our session cache (and the whole cookie set), and refuse it tampered;
//! - with a key opened from Better Auth's own `jwks` row (single and versioned secrets),
//!   the same server accepts our caches and the plugin's `verifyJWT` our access tokens.
//!
//! Set `SESSION_CACHE_SKIP_NODE=1` to skip (no Node or no `npm ci` in `vectors/`).

mod common;

use serde_json::{json, Value as Json};
use session_cache::cookie::sign_cookie_value;
use session_cache::json::parse_object;
use session_cache::jwks::access_token::{self, SignOptions};
use session_cache::jwks::{self, Algorithm, Jwks, SigningKey};
use session_cache::{EncodeOptions, Keyring, Payload};

const CASES: &str = include_str!("../vectors/jwks/cases.json");
const ORIGIN: &str = "http://localhost:3000";
const NOW: i64 = 1_790_000_061_234;

fn skip() -> bool {
    std::env::var("SESSION_CACHE_SKIP_NODE").is_ok_and(|v| v == "1")
}

fn payload(version: &str) -> Payload {
    Payload::from_json(&format!(
        r#"{{"session":{{"id":"sess-1","token":"tok-interop-1","userId":"user-1",
        "expiresAt":"2026-09-28T14:13:21.234Z","createdAt":"2026-09-21T14:13:21.234Z",
        "updatedAt":"2026-09-21T14:13:21.234Z","ipAddress":"","userAgent":""}},
        "user":{{"id":"user-1","email":"ada@example.com","name":"Ada Lovelace","emailVerified":false,
        "createdAt":"2026-09-21T14:13:21.234Z","updatedAt":"2026-09-21T14:13:21.234Z"}},
        "updatedAt":1790000001234,"version":"{version}"}}"#
    ))
    .unwrap()
}

fn keyring(server: &Json) -> Keyring {
    match server["secrets"].as_array() {
        Some(list) => {
            let list: Vec<(u32, &str)> = list
                .iter()
                .map(|s| {
                    (
                        s["version"].as_u64().unwrap() as u32,
                        s["value"].as_str().unwrap(),
                    )
                })
                .collect();
            Keyring::from_secrets(list, server["secret"].as_str()).unwrap()
        }
        None => Keyring::from_secret(server["secret"].as_str().unwrap()).unwrap(),
    }
}

fn tamper(value: &str) -> String {
    use base64ct::{Base64UrlUnpadded, Encoding};
    let parts: Vec<&str> = value.split('.').collect();
    let claims = String::from_utf8(Base64UrlUnpadded::decode_vec(parts[1]).unwrap()).unwrap();
    let claims = claims.replace("Ada Lovelace", "Eve Mallory");
    format!(
        "{}.{}.{}",
        parts[0],
        Base64UrlUnpadded::encode_string(claims.as_bytes()),
        parts[2]
    )
}

/// A session cache and its whole cookie set, signed with `key` and `secrets`.
fn cookie_case(
    name: &str,
    key: &SigningKey,
    secrets: &Keyring,
    version: &str,
    jwks: &Json,
    server: &Json,
) -> Vec<Json> {
    let value = jwks::encode(
        &payload(version),
        key,
        ORIGIN,
        &EncodeOptions::default(),
        NOW,
    )
    .unwrap();
    let token = sign_cookie_value("tok-interop-1", secrets);
    let header =
        |v: &str| format!("better-auth.session_token={token}; better-auth.session_data={v}");
    let options = json!({"issuer": ORIGIN, "audience": null, "version": null});
    vec![
        json!({"name": format!("{name}/valid"), "kind": "session_cache", "now": NOW,
               "cookieHeader": header(&value), "jwks": jwks, "options": options, "server": server}),
        json!({"name": format!("{name}/tampered"), "kind": "session_cache", "now": NOW,
               "cookieHeader": header(&tamper(&value)), "jwks": jwks, "options": options, "server": server}),
    ]
}

#[test]
fn better_auth_accepts_what_we_sign() {
    if skip() {
        return;
    }
    let file: Json = serde_json::from_str(CASES).unwrap();
    let mut cases = Vec::new();
    for alg in Algorithm::ALL {
        let set = &file["keySets"][format!("{alg}/single")];
        let server_config = &set["server"];
        let secrets = keyring(server_config);

        // 1. A key pair of ours: Better Auth given our public JWKS only.
        let ours = SigningKey::generate(alg).unwrap();
        let our_jwks: Json =
            serde_json::from_str(&Jwks::from_signing_keys([&ours]).to_json()).unwrap();
        let mut server = server_config.clone();
        server["jwks"] = our_jwks.clone();
        cases.extend(cookie_case(
            &format!("{alg}/our-key"),
            &ours,
            &secrets,
            "1",
            &our_jwks,
            &server,
        ));

        // 2. The key of Better Auth's own jwks row, opened with its secret.
        let row = set["rows"][0].to_string();
        let theirs = SigningKey::from_better_auth_row(&row, &secrets, None).unwrap();
        let mut server = server_config.clone();
        server["rows"] = set["rows"].clone();
        cases.extend(cookie_case(
            &format!("{alg}/row-key"),
            &theirs,
            &secrets,
            "1",
            &set["jwks"],
            &server,
        ));

        // Access tokens signed with the row's key, checked by the plugin's verifyJWT.
        let user = parse_object(
            br#"{"id":"user-1","createdAt":"2026-09-21T14:13:21.234Z","updatedAt":"2026-09-21T14:13:21.234Z","email":"ada@example.com","emailVerified":false,"name":"Ada Lovelace"}"#,
        )
        .unwrap();
        let token = access_token::sign(
            &user,
            "user-1",
            &theirs,
            &SignOptions::new(ORIGIN, ORIGIN),
            NOW,
        )
        .unwrap();
        cases.push(
            json!({"name": format!("{alg}/access/valid"), "kind": "access_token", "now": NOW,
                          "token": token, "issuer": null, "server": server}),
        );
        cases.push(
            json!({"name": format!("{alg}/access/tampered"), "kind": "access_token", "now": NOW,
                          "token": tamper(&token), "issuer": null, "server": server}),
        );
        // Our session cache is not an access token for Better Auth either.
        let cache = jwks::encode(
            &payload("1"),
            &theirs,
            ORIGIN,
            &EncodeOptions::default(),
            NOW,
        )
        .unwrap();
        cases.push(json!({"name": format!("{alg}/access/session-cache"), "kind": "access_token", "now": NOW,
                          "token": cache, "issuer": null, "server": server}));
    }
    // Versioned secrets: a `$ba$2$` row, cache version "2".
    let set = &file["keySets"]["ES256/versioned"];
    let secrets = keyring(&set["server"]);
    let key =
        SigningKey::from_better_auth_row(&set["rows"][0].to_string(), &secrets, None).unwrap();
    let mut server = set["server"].clone();
    server["rows"] = set["rows"].clone();
    cases.extend(cookie_case(
        "ES256/versioned-row-key",
        &key,
        &secrets,
        "2",
        &set["jwks"],
        &server,
    ));
    // A row we seal ourselves, in Better Auth's table: its server verifies with it.
    let ours = SigningKey::generate(Algorithm::EdDsa).unwrap();
    let sealed: Json =
        serde_json::from_str(&ours.to_better_auth_row(&secrets, NOW).unwrap()).unwrap();
    let mut server = set["server"].clone();
    server["keyPairConfig"] = json!({"alg": "EdDSA", "crv": "Ed25519"});
    server["rows"] = json!([sealed]);
    let our_jwks: Json = serde_json::from_str(&Jwks::from_signing_keys([&ours]).to_json()).unwrap();
    cases.extend(cookie_case(
        "EdDSA/our-sealed-row",
        &ours,
        &secrets,
        "2",
        &our_jwks,
        &server,
    ));

    let out = common::run_node("jwks/verify.mjs", &json!({ "cases": cases }));
    let results = out["results"].as_array().unwrap();
    assert_eq!(results.len(), cases.len());
    let mut failures = Vec::new();
    for r in results {
        let name = r["name"].as_str().unwrap();
        if !r["error"].is_null() {
            failures.push(format!("{name}: {}", r["error"]));
            continue;
        }
        let want = name.ends_with("/valid");
        for verdict in ["cookieCache", "session", "accessToken"] {
            if let Some(v) = r[verdict].as_object() {
                if v["valid"].as_bool() != Some(want) {
                    failures.push(format!("{name}: {verdict} valid = {}", v["valid"]));
                }
            }
        }
        if name.contains("/access/") {
            assert!(r["accessToken"].is_object(), "{name}");
        } else {
            assert!(
                r["cookieCache"].is_object() && r["session"].is_object(),
                "{name}"
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// What `to_better_auth_row` seals, Better Auth's own `symmetricDecrypt` opens (single
/// secret: bare hex; versioned secrets: the `$ba$2$` envelope).
#[test]
fn better_auth_opens_the_rows_we_seal() {
    if skip() {
        return;
    }
    let single = "a-very-long-secret-for-testing-jwks-keys-1234567890";
    let current = "the-current-secret-version-2-of-this-deployment-42";
    let key = SigningKey::generate(Algorithm::Es512).unwrap();
    let bare = key
        .to_better_auth_row(&Keyring::from_secret(single).unwrap(), NOW)
        .unwrap();
    let versioned = Keyring::from_secrets([(2, current), (1, single)], None).unwrap();
    let enveloped = key.to_better_auth_row(&versioned, NOW).unwrap();
    let script = r#"
        const { createRequire } = require("node:module");
        const { pathToFileURL } = require("node:url");
        const where = createRequire(process.cwd() + "/").resolve("better-auth/crypto");
        const { symmetricDecrypt } = await import(pathToFileURL(where).href);
        const input = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
        const out = [];
        for (const c of input.cases) {
          const key = c.single ? c.single : { keys: new Map(c.keys), currentVersion: c.current, legacySecret: undefined };
          out.push(await symmetricDecrypt({ key, data: JSON.parse(c.row.privateKey) }));
        }
        console.log(JSON.stringify({ results: out }));
    "#;
    let input = json!({"cases": [
        {"single": single, "row": serde_json::from_str::<Json>(&bare).unwrap()},
        {"keys": [[2, current], [1, single]], "current": 2, "row": serde_json::from_str::<Json>(&enveloped).unwrap()},
    ]});
    let dir = std::env::temp_dir().join(format!("session-cache-seal-{}.cjs", std::process::id()));
    std::fs::write(&dir, format!("(async () => {{ {script} }})();")).unwrap();
    let out = common::run_node(dir.to_str().unwrap(), &input);
    let _ = std::fs::remove_file(&dir);
    for opened in out["results"].as_array().unwrap() {
        let jwk = SigningKey::from_jwk_with(
            opened.as_str().unwrap(),
            Some(key.kid()),
            Some(key.algorithm()),
        )
        .unwrap();
        assert_eq!(jwk.public_jwk(), key.public_jwk());
    }
}
