//! The fast paths accept exactly what the exact paths accept, with the same payload,
//! expiry and key — or fail with the same kind — on values Better Auth would write, on
//! crafted variants of them, and on arbitrary mutations.

use proptest::prelude::*;

use crate::json::{self, JsString, Object, Value};
use crate::keys::{Keyring, VerifyWith};
use crate::options::EncodeOptions;
use crate::payload::{Payload, JWE_CLAIMS};
use crate::verified::{VerifiedCache, VerifyOptions};
use crate::{b64, Result};

const NOW: i64 = 1_800_000_000_000;

fn keys() -> Keyring {
    Keyring::from_secrets(
        [(2, "fast-path-secret-two"), (1, "fast-path-secret-one")],
        None,
    )
    .unwrap()
}

fn outcome(r: &Result<VerifiedCache>) -> std::result::Result<(String, i64, String), String> {
    match r {
        Ok(v) => Ok((
            v.payload().to_json(),
            v.expires_at(),
            v.verified_by().to_string(),
        )),
        Err(e) => Err(e.kind().as_str().to_owned()),
    }
}

/// A JS string with the characters that make escaping interesting.
fn js_string() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 \"\\\\/\u{0}\u{1f}\u{7f}\u{e9}\u{2028}\u{1F600}\n\t]{0,12}"
}

fn extra_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        prop_oneof![
            any::<i32>().prop_map(f64::from),
            any::<f64>().prop_filter("finite", |f| f.is_finite()),
            Just(-0.0),
            Just(1e21),
            Just(5e-324),
        ]
        .prop_map(Value::Number),
        js_string().prop_map(|s| Value::String(JsString::from(s))),
        proptest::collection::vec(any::<u16>(), 0..4)
            .prop_map(|u| Value::String(JsString::from_utf16(&u))),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec(("[a-z0-9]{1,3}", inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Object>())),
        ]
    })
}

/// Payloads with Better Auth's fields and random additional ones, anywhere.
fn payload() -> impl Strategy<Value = Payload> {
    (
        proptest::collection::vec(("[a-zA-Z0-9_]{1,8}", extra_value()), 0..4),
        proptest::collection::vec(("[a-zA-Z0-9_]{1,8}", extra_value()), 0..4),
        proptest::collection::vec(("[a-zA-Z0-9_]{1,8}", extra_value()), 0..3),
        js_string(),
        prop_oneof![Just(None), js_string().prop_map(Some)],
    )
        .prop_map(|(s_extra, u_extra, top_extra, name, ip)| {
            let mut session: Object = s_extra.into_iter().collect();
            session.insert("id", "sess".into());
            session.insert("token", "tok".into());
            session.insert("userId", "u1".into());
            session.insert("expiresAt", "2030-01-01T00:00:00.000Z".into());
            session.insert("createdAt", "2026-12-01T00:00:00.000Z".into());
            session.insert("ipAddress", ip.map(Value::from).unwrap_or(Value::Null));
            let mut user: Object = u_extra.into_iter().collect();
            user.insert("id", "u1".into());
            user.insert("email", "a@example.com".into());
            user.insert("name", Value::String(JsString::from(name)));
            let mut raw: Object = top_extra.into_iter().collect();
            raw.insert("session", Value::Object(session));
            raw.insert("user", Value::Object(user));
            raw.insert("updatedAt", Value::Number(NOW as f64));
            raw.insert("version", "1".into());
            Payload::from_object(raw)
        })
        .prop_filter_map("schema", |p| p.ok())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn compact_fast_and_exact_paths_agree(p in payload(), flip in any::<(usize, u8)>()) {
        let keys = keys();
        let value = super::compact::encode(&p, &keys, &EncodeOptions::default(), NOW).unwrap();
        let options = VerifyOptions::default().with_secrets(VerifyWith::AnySecret);
        let bytes = b64::url_decode(&value, "v").unwrap();
        // As Better Auth writes it.
        let fast = super::compact::verify(&value, &keys, &options, NOW);
        let exact = super::compact::verify_parsed(&bytes, &keys, &options, NOW);
        prop_assert!(fast.is_ok());
        prop_assert_eq!(outcome(&fast), outcome(&exact));
        // A byte changed anywhere: both paths still agree.
        let mut bad = bytes.clone();
        let at = flip.0 % bad.len();
        bad[at] ^= flip.1.max(1);
        let bad_value = b64::url_encode(&bad);
        prop_assert_eq!(
            outcome(&super::compact::verify(&bad_value, &keys, &options, NOW)),
            outcome(&super::compact::verify_parsed(&bad, &keys, &options, NOW))
        );
    }

    #[test]
    fn canonical_payloads_read_as_parsed_ones(p in payload(), extra in proptest::collection::vec(("[a-z]{1,4}", extra_value()), 0..3)) {
        // Claims as a strategy writes them, then the same with wire claims anywhere.
        let mut raw = p.as_object().clone();
        for (k, v) in extra {
            raw.insert(k, v);
        }
        raw.insert("iat", Value::Number(1.0));
        raw.insert("exp", Value::Number(2.0));
        let text = raw.to_js_string();
        let mut claims = Vec::new();
        let fast = Payload::from_canonical(&text, 0, JWE_CLAIMS, &mut |k, v| claims.push((k.to_owned(), v.to_owned())));
        let mut stripped = raw.clone();
        Payload::strip_claims(&mut stripped, JWE_CLAIMS);
        let exact = Payload::from_object(stripped);
        match (fast, exact) {
            (Some((fast, end)), Ok(exact)) => {
                prop_assert_eq!(end, text.len());
                prop_assert_eq!(fast.json(), exact.json());
                prop_assert_eq!(fast.session(), exact.session());
                prop_assert_eq!(fast.user(), exact.user());
                prop_assert_eq!(fast.version(), exact.version());
                prop_assert_eq!(fast.updated_at().to_bits(), exact.updated_at().to_bits());
                prop_assert_eq!(fast.as_object(), exact.as_object());
                prop_assert_eq!(fast.session_token(), exact.session_token());
                prop_assert_eq!(fast.session_expires_at(), exact.session_expires_at());
                prop_assert_eq!(fast.session_created_at(), exact.session_created_at());
                prop_assert_eq!(fast.effective_version(), exact.effective_version());
                prop_assert!(claims.iter().any(|(k, v)| k == "exp" && v == "2"));
            }
            (None, _) => {} // left to the exact path
            (Some(_), Err(e)) => prop_assert!(false, "fast path accepted what the schema refuses: {}", e),
        }
    }

    #[test]
    fn mutated_texts_never_read_differently(p in payload(), at in any::<usize>(), byte in any::<u8>()) {
        let mut text = p.json().as_bytes().to_vec();
        let i = at % text.len();
        text[i] = byte;
        if let Ok(text) = std::str::from_utf8(&text) {
            if let Some((fast, end)) = Payload::from_canonical(text, 0, &[], &mut |_, _| {}) {
                let text = &text[..end];
                let parsed = json::parse_object(text.as_bytes()).unwrap();
                prop_assert_eq!(parsed.to_js_string(), text, "the scan called it canonical");
                let exact = Payload::from_object(parsed).unwrap();
                prop_assert_eq!(fast.session(), exact.session());
                prop_assert_eq!(fast.user(), exact.user());
            }
        }
    }
}
