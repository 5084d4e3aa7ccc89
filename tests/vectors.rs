//! Every vector made by the real Better Auth 1.7.24 (`vectors/generate.mjs`) is checked
//! here: we accept exactly what Better Auth accepts — except the date-reviver cases,
//! which we accept on purpose — and return the payload exactly as it was signed.

use serde::Deserialize;
use session_cache::{DecodeOptions, ErrorKind, Keyring, Strategy};

#[derive(Deserialize)]
struct File {
    generator: serde_json::Value,
    vectors: Vec<Vector>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Keys {
    secret: Option<String>,
    secrets: Option<Vec<Versioned>>,
    legacy_secret: Option<String>,
}

#[derive(Deserialize)]
struct Versioned {
    version: u32,
    value: String,
}

#[derive(Deserialize)]
struct BetterAuth {
    accepted: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Vector {
    name: String,
    strategy: String,
    keys: Keys,
    version: Option<String>,
    now: i64,
    value: String,
    payload_json: Option<String>,
    expires_at: Option<f64>,
    better_auth: BetterAuth,
    reason: Option<String>,
}

fn keyring(keys: &Keys) -> Keyring {
    match (&keys.secrets, &keys.secret) {
        (Some(list), _) => Keyring::from_secrets(
            list.iter().map(|s| (s.version, s.value.as_str())),
            keys.legacy_secret.as_deref(),
        )
        .expect("vector keyring"),
        (None, Some(secret)) => Keyring::from_secret(secret).expect("vector secret"),
        (None, None) => panic!("vector without keys"),
    }
}

/// The error kinds a negative vector may give, by the reason it was made for.
fn allowed(reason: &str) -> &'static [ErrorKind] {
    use ErrorKind::*;
    match reason {
        "tampered_payload" | "tampered_signature" => &[BadSignature, Malformed],
        "tampered_header" => &[
            Malformed,
            BadSignature,
            UnsupportedAlgorithm,
            DecryptFailed,
            UnknownKey,
        ],
        "tampered_iv" | "tampered_tag" | "tampered_ciphertext" => &[DecryptFailed, Malformed],
        "wrong_secret" => &[BadSignature, DecryptFailed, UnknownKey],
        "expired" => &[Expired, NotYetValid],
        "session_expired" => &[SessionExpired],
        "wrong_version" => &[VersionMismatch],
        "truncated" => &[Malformed, BadSignature, DecryptFailed],
        "not_base64" | "not_json" => &[Malformed, BadSignature],
        "bad_structure" => &[Malformed, BadSignature, UnsupportedAlgorithm],
        "unknown_kid" => &[UnknownKey, DecryptFailed],
        "unsupported_alg" => &[UnsupportedAlgorithm, DecryptFailed, Malformed],
        "schema" => &[InvalidPayload],
        "not_yet_valid" => &[NotYetValid],
        other => panic!("unknown vector reason {other:?}"),
    }
}

/// Values Better Auth accepts and we refuse on purpose (see the crate docs):
/// non-canonical base64, compressed JWEs, and JWTs without `exp`.
fn deliberately_refused(name: &str) -> Option<&'static str> {
    if name.contains("/lenient-") && !name.ends_with("-control") {
        Some("non-canonical base64")
    } else if name.ends_with("/zip-deflate") {
        Some("compressed JWE")
    } else if name.contains("/no-exp") {
        Some("no exp claim")
    } else {
        None
    }
}

/// JSON.stringify(JSON.parse(text)) for the payload text of a vector: for crafted
/// compact vectors the text is written by hand (whitespace, escapes); the JSON module
/// is checked against Node separately (tests/json_js.rs).
fn canonical(strategy: Strategy, text: &str) -> String {
    let mut value = session_cache::json::parse(text.as_bytes()).expect("vector payload parses");
    if strategy == Strategy::Compact {
        // Better Auth drops a top-level `__proto__` before checking the MAC; so do we.
        if let Some(obj) = value.as_object_mut() {
            obj.remove("__proto__");
        }
    }
    value.to_js_string()
}

fn load() -> File {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/vectors/cookie-cache.json");
    let text = std::fs::read_to_string(path)
        .expect("vectors/cookie-cache.json (run vectors/generate.mjs)");
    serde_json::from_str(&text).expect("vector file parses")
}

#[test]
fn every_better_auth_vector() {
    let file = load();
    assert_eq!(file.generator["better-auth"], "1.7.24");
    assert!(
        file.vectors.len() >= 100,
        "expected at least 100 vectors, got {}",
        file.vectors.len()
    );
    let mut failures = Vec::new();
    let (mut accepted, mut rejected, mut deliberate) = (0, 0, 0);
    for v in &file.vectors {
        let strategy: Strategy = v.strategy.parse().expect("strategy");
        let keys = keyring(&v.keys);
        let mut options = DecodeOptions::default();
        if let Some(version) = &v.version {
            options = options.with_version(version.as_str());
        }
        let result = strategy.decode(&v.value, &keys, &options, v.now);
        if let Some(why) = deliberately_refused(&v.name) {
            deliberate += 1;
            if result.is_ok() {
                failures.push(format!(
                    "{}: accepted, but we refuse {why} on purpose",
                    v.name
                ));
            }
            continue;
        }
        match (v.reason.as_deref(), &result) {
            // Better Auth's reviver rejects some of these (compact, schema) and rewrites
            // others (jwt/jwe extra fields); we accept them all, as signed.
            (Some("date_reviver"), Ok(verified)) => {
                deliberate += 1;
                if let Some(json) = &v.payload_json {
                    if verified.payload().to_json() != canonical(strategy, json) {
                        failures.push(format!("{}: date-reviver payload differs", v.name));
                    }
                }
            }
            (None, Ok(verified)) => {
                accepted += 1;
                if !v.better_auth.accepted {
                    failures.push(format!("{}: we accept, Better Auth rejects", v.name));
                }
                if let Some(json) = &v.payload_json {
                    let ours = verified.payload().to_json();
                    if ours != canonical(strategy, json) {
                        failures.push(format!(
                            "{}: payload differs\n ours:   {ours}\n theirs: {json}",
                            v.name
                        ));
                    }
                }
                if let Some(exp) = v.expires_at {
                    if verified.expires_at() != exp as i64 {
                        failures.push(format!(
                            "{}: expiresAt {} != {}",
                            v.name,
                            verified.expires_at(),
                            exp
                        ));
                    }
                }
            }
            (Some(reason), Err(err)) if reason != "date_reviver" => {
                rejected += 1;
                if v.better_auth.accepted {
                    failures.push(format!(
                        "{}: we reject ({err}), Better Auth accepts",
                        v.name
                    ));
                }
                if !allowed(reason).contains(&err.kind()) {
                    failures.push(format!("{}: reason {reason} but error {err}", v.name));
                }
            }
            (reason, result) => failures.push(format!(
                "{}: reason {reason:?}, Better Auth accepted={}, we got {:?}",
                v.name,
                v.better_auth.accepted,
                result.as_ref().map(|_| "accepted")
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(accepted > 0 && rejected > 0 && deliberate > 0);
    eprintln!(
        "vectors: {accepted} accepted, {rejected} rejected, {deliberate} deliberate differences"
    );
}

/// A vector decoded again after a re-encode by us gives the same payload.
#[test]
fn our_reencoding_round_trips_every_positive_vector() {
    let file = load();
    for v in file
        .vectors
        .iter()
        .filter(|v| v.reason.is_none() && deliberately_refused(&v.name).is_none())
    {
        let strategy: Strategy = v.strategy.parse().unwrap();
        let keys = keyring(&v.keys);
        let verified = strategy
            .decode(&v.value, &keys, &DecodeOptions::default(), v.now)
            .unwrap();
        for target in Strategy::ALL {
            let value = target
                .encode(verified.payload(), &keys, &Default::default(), v.now)
                .unwrap();
            let again = target
                .decode(&value, &keys, &DecodeOptions::default(), v.now)
                .unwrap();
            assert_eq!(
                again.payload().to_json(),
                canonical(target, &verified.payload().to_json()),
                "{} via {target}",
                v.name
            );
        }
    }
}
