//! Every vector of `vectors/jwks/cases.json`, made by the real JWT plugin of Better Auth
//! 1.7.24: session-cache JWTs (getCookieCache with a JWKS, and the server's getSession)
//! and access tokens (the plugin's verifyJWT), for EdDSA, ES256, ES512, RS256 and PS256.
//!
//! We accept exactly what Better Auth accepts, except the deliberate differences listed
//! in `DIFFERENCES`; every refusal maps Better Auth's reason to one error kind; the
//! payload is what was signed.

use std::collections::BTreeMap;

use session_cache::json::{self, Object, Value};
use session_cache::jwks::access_token::{self, AccessTokenOptions};
use session_cache::jwks::{self, Jwks, JwtOptions, SigningKey};
use session_cache::session::{check_session, SessionConfig, SessionKeys};
use session_cache::{ErrorKind, Keyring, Policy, Strategy};

const CASES: &str = include_str!("../vectors/jwks/cases.json");

fn file() -> Object {
    json::parse_object(CASES.as_bytes()).expect("cases.json parses")
}

fn obj<'a>(v: &'a Object, k: &str) -> &'a Object {
    v.get(k)
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("{k}: object"))
}

fn opt_str<'a>(v: &'a Object, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str)
}

fn s<'a>(v: &'a Object, k: &str) -> &'a str {
    opt_str(v, k).unwrap_or_else(|| panic!("{k}: string"))
}

/// Better Auth's reason → our error kind.
fn kind_of(reason: &str) -> ErrorKind {
    match reason {
        "typ" => ErrorKind::WrongTokenType,
        "kid_missing" => ErrorKind::Malformed,
        "kid_unknown" => ErrorKind::UnknownKey,
        "alg" | "key" | "crit" => ErrorKind::UnsupportedAlgorithm,
        "malformed" | "claim_type" => ErrorKind::Malformed,
        "signature" => ErrorKind::BadSignature,
        "iss" => ErrorKind::WrongIssuer,
        "aud" => ErrorKind::WrongAudience,
        "expired" => ErrorKind::Expired,
        "not_yet_valid" => ErrorKind::NotYetValid,
        "schema" => ErrorKind::InvalidPayload,
        "sub" => ErrorKind::WrongSubject,
        "sid" => ErrorKind::WrongSessionId,
        "version" => ErrorKind::VersionMismatch,
        "session_expired" => ErrorKind::SessionExpired,
        other => panic!("unknown reason {other}"),
    }
}

/// Where we refuse what Better Auth accepts, on purpose (crate docs, "Where this crate
/// differs"): the name's suffix (after the algorithm) and the kind we give.
const DIFFERENCES: &[(&str, ErrorKind)] = &[
    // No `exp`: jose accepts such a token forever; we require `exp`.
    ("/session/exp-missing", ErrorKind::Malformed),
    ("/session/exp-missing-a-day-later", ErrorKind::Malformed),
    ("/access/exp-missing-a-day-later", ErrorKind::Malformed),
    // An access token with the session cache's `typ`: the plugin ignores `typ`.
    ("/access/typ-session-cache", ErrorKind::WrongTokenType),
];

/// Refused by both, but by our `typ` check first: a session-cache JWT presented as an
/// access token (Better Auth refuses it on `aud` only).
const OTHER_REASON: &[(&str, ErrorKind)] = &[(
    "/access/session-cache-as-access-token",
    ErrorKind::WrongTokenType,
)];

fn other_reason(name: &str) -> Option<ErrorKind> {
    let suffix = &name[name.find('/').expect("alg/…")..];
    OTHER_REASON
        .iter()
        .find(|(n, _)| *n == suffix)
        .map(|(_, k)| *k)
}

fn difference(name: &str) -> Option<ErrorKind> {
    let suffix = &name[name.find('/').expect("alg/…")..];
    DIFFERENCES
        .iter()
        .find(|(n, _)| *n == suffix)
        .map(|(_, k)| *k)
}

fn keyring(server: &Object) -> Keyring {
    match server.get("secrets").and_then(Value::as_array) {
        Some(list) => {
            let list: Vec<(u32, String)> = list
                .iter()
                .map(|e| {
                    let e = e.as_object().unwrap();
                    (
                        e.get("version").and_then(Value::as_f64).unwrap() as u32,
                        s(e, "value").to_owned(),
                    )
                })
                .collect();
            Keyring::from_secrets(
                list.iter().map(|(v, s)| (*v, s.as_str())),
                opt_str(server, "secret"),
            )
            .unwrap()
        }
        None => Keyring::from_secret(s(server, "secret")).unwrap(),
    }
}

/// The key set the server itself verifies with: every row of its `jwks` table, with
/// its `alg`, whatever its expiry.
fn rows_jwks(key_set: &Object) -> Jwks {
    let mut keys = Vec::new();
    for row in key_set.get("rows").and_then(Value::as_array).unwrap() {
        let row = row.as_object().unwrap();
        let mut jwk = json::parse_object(s(row, "publicKey").as_bytes()).unwrap();
        if let Some(alg) = row.get("alg").filter(|v| !v.is_null()) {
            jwk.insert("alg", alg.clone());
        }
        jwk.insert("kid", row.get("id").unwrap().clone());
        keys.push(Value::Object(jwk));
    }
    let mut set = Object::new();
    set.insert("keys", Value::Array(keys));
    Jwks::from_object(&set).expect("rows make a JWKS")
}

/// The issuer Better Auth's server expects: its baseURL's origin, or
/// `better-auth:session-cache` through `auth.api` without one.
fn server_issuer(server: &Object) -> String {
    match opt_str(server, "baseURL") {
        Some(url) => {
            let after = url.find("://").unwrap() + 3;
            let end = url[after..].find('/').map_or(url.len(), |i| after + i);
            url[..end].to_owned()
        }
        None => "better-auth:session-cache".to_owned(),
    }
}

/// `JSON` as a map, for comparing objects whatever their key order.
fn as_map(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

fn strip(payload: &Object, claims: &[&str]) -> String {
    let mut p = payload.clone();
    for c in claims {
        p.remove(c);
    }
    p.to_js_string()
}

#[derive(Default)]
struct Tally {
    counts: BTreeMap<String, usize>,
}

impl Tally {
    fn add(&mut self, what: String) {
        *self.counts.entry(what).or_default() += 1;
    }
}

#[test]
fn every_vector() {
    let f = file();
    let key_sets = obj(&f, "keySets");
    let vectors = f.get("vectors").and_then(Value::as_array).unwrap();
    assert_eq!(vectors.len(), 548);
    let mut tally = Tally::default();
    let mut failures = Vec::new();
    let mut server_checked = 0;
    for v in vectors {
        let v = v.as_object().unwrap();
        let name = s(v, "name");
        let key_set = obj(key_sets, s(v, "keySet"));
        let served = v
            .get("jwks")
            .and_then(Value::as_object)
            .unwrap_or_else(|| obj(key_set, "jwks"));
        let jwks = Jwks::from_object(served).unwrap_or_else(|e| panic!("{name}: JWKS: {e}"));
        let options = obj(v, "options");
        let expected = obj(v, "expected");
        let valid = expected.get("valid").and_then(Value::as_bool).unwrap();
        let now = v.get("now").and_then(Value::as_f64).unwrap() as i64;
        let value = s(v, "value");
        let ours = match s(v, "kind") {
            "session_cache" => {
                let mut o = JwtOptions::default();
                if let Some(i) = opt_str(options, "issuer") {
                    o = o.with_issuer(i);
                }
                if let Some(a) = opt_str(options, "audience") {
                    o = o.with_audience(a);
                }
                let mut policy = Policy::cookie_cache();
                if let Some(version) = opt_str(options, "version") {
                    policy = policy.with_version(version);
                }
                jwks::decode(value, &jwks, &o, &policy, now).map(|c| {
                    (
                        c.payload().to_json(),
                        &["sid", "iat", "exp", "nbf", "iss", "aud", "sub"][..],
                    )
                })
            }
            "access_token" => {
                // The plugin's verifyJWT reads every row, served or not.
                let rows = rows_jwks(key_set);
                let some = |k| opt_str(options, k).filter(|x: &&str| !x.is_empty());
                let mut o = AccessTokenOptions::default();
                o.issuer = some("issuer").map(str::to_owned);
                o.audience = some("audience").map(str::to_owned);
                if v.get("jwks").is_some() {
                    // The JWKS served at `now` lacks a key the rows still hold: an edge
                    // verifier refuses what the server accepts.
                    let served = access_token::verify(value, &jwks, &o, now);
                    assert_eq!(served.unwrap_err().kind(), ErrorKind::UnknownKey, "{name}");
                }
                access_token::verify(value, &rows, &o, now).map(|t| (t.to_json(), &[][..]))
            }
            k => panic!("kind {k}"),
        };
        let want = match difference(name) {
            Some(kind) => {
                assert!(
                    valid,
                    "{name}: a difference is a vector Better Auth accepts"
                );
                Err(kind)
            }
            None if valid => Ok(()),
            None => Err(other_reason(name).unwrap_or_else(|| kind_of(s(expected, "reason")))),
        };
        match (&ours, want) {
            (Ok((payload, claims)), Ok(())) => {
                let theirs = strip(obj(expected, "payload"), claims);
                if as_map(payload) != as_map(&theirs) {
                    failures.push(format!("{name}: payload {payload} != {theirs}"));
                }
                tally.add(format!("{} accepted", s(v, "kind")));
            }
            (Err(e), Err(kind)) if e.kind() == kind => {
                tally.add(format!("{} refused {}", s(v, "kind"), kind.as_str()));
            }
            (got, want) => failures.push(format!(
                "{name}: got {:?}, want {want:?}",
                got.as_ref().map(|_| "accepted").map_err(|e| e.to_string())
            )),
        }

        // The server's getSession, offline: its rows, its issuer, its version, the
        // signed session token (with the secret) or the token binding (without).
        if let Some(server_verdict) = v.get("server").and_then(Value::as_object) {
            server_checked += 1;
            let server = obj(key_set, "server");
            let server_valid = server_verdict
                .get("valid")
                .and_then(Value::as_bool)
                .unwrap();
            let rows = rows_jwks(key_set);
            let mut config = SessionConfig::new(Strategy::Jwt).with_issuer(server_issuer(server));
            if let Some(version) = opt_str(server, "version") {
                config = config.with_version(version);
            }
            let secrets = keyring(server);
            let header = s(v, "cookieHeader");
            for keys in [
                SessionKeys::jwks(&rows, Some(&secrets)),
                SessionKeys::jwks(&rows, None),
            ] {
                let got = check_session(header, keys, &config, now);
                let want_valid = server_valid && difference(name).is_none();
                if got.is_ok() != want_valid {
                    failures.push(format!(
                        "{name}: server {server_valid}, ours {:?} (secrets: {})",
                        got.as_ref().map(|_| ()).map_err(|e| e.to_string()),
                        matches!(
                            keys,
                            SessionKeys::Jwks {
                                secrets: Some(_),
                                ..
                            }
                        )
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(server_checked, 377);
    eprintln!("{:#?}", tally.counts);
}

#[test]
fn key_sets_and_rows() {
    let f = file();
    for (id, key_set) in obj(&f, "keySets").iter() {
        let id = id.to_string_lossy();
        let key_set = key_set.as_object().unwrap();
        // The served JWKS parses and writes back exactly as Better Auth served it.
        let served = obj(key_set, "jwks");
        let jwks = Jwks::from_object(served).unwrap();
        assert_eq!(jwks.to_json(), served.to_js_string(), "{id}");
        // Every row opens with the server's secrets, into the key it published.
        let secrets = keyring(obj(key_set, "server"));
        let decrypted = key_set
            .get("decryptedPublicJwks")
            .and_then(Value::as_array)
            .unwrap();
        for (row, public) in key_set
            .get("rows")
            .and_then(Value::as_array)
            .unwrap()
            .iter()
            .zip(decrypted)
        {
            let row = row.as_object().unwrap();
            let key = SigningKey::from_better_auth_row(&row_text(row), &secrets, None)
                .unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(key.kid(), s(row, "id"));
            assert_eq!(key.algorithm().as_str(), s(row, "alg"));
            let mine = json::parse_object(key.public_jwk().as_bytes()).unwrap();
            let theirs = obj(public.as_object().unwrap(), "jwk");
            for (k, v) in theirs.iter() {
                assert_eq!(mine.get_js(k), Some(v), "{id}: {}", k.to_string_lossy());
            }
            // A wrong secret does not open it.
            let wrong = Keyring::from_secret("not-the-secret-of-this-deployment-at-all").unwrap();
            assert!(SigningKey::from_better_auth_row(&row_text(row), &wrong, None).is_err());
        }
    }
}

fn row_text(row: &Object) -> String {
    row.to_js_string()
}
