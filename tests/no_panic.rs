//! Property tests: no input makes a decoder panic, and no single-byte change to a valid
//! value makes it verify as something else.

use proptest::prelude::*;
use session_cache::session::{check_session, SessionConfig};
use session_cache::{DecodeOptions, EncodeOptions, Keyring, Payload, VerifyWith};

const NOW: i64 = 1_795_328_965_877;

fn keys() -> Keyring {
    Keyring::from_secrets_env(
        "2:prop-new-secret-0123456789abcdef,1:prop-old-secret-0123456789abcdef",
        Some("legacy-prop"),
    )
    .unwrap()
}

fn payload() -> Payload {
    Payload::from_json(
        r#"{"session":{"id":"s1","token":"tok","userId":"u1","expiresAt":"2026-11-29T06:29:25.877Z",
            "createdAt":"2026-11-22T06:29:25.877Z"},"user":{"id":"u1","email":"a@example.com",
            "name":"Ada","extra":[1,2.5,"x",{"k":null}]},"updatedAt":1795328965877,"version":"1"}"#,
    )
    .unwrap()
}

fn strategy() -> impl proptest::strategy::Strategy<Value = session_cache::Strategy> {
    prop_oneof![
        Just(session_cache::Strategy::Compact),
        Just(session_cache::Strategy::Jwt),
        Just(session_cache::Strategy::Jwe)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_panics(s in strategy(), text in ".{0,400}") {
        let _ = s.decode(&text, &keys(), &DecodeOptions::default().with_secrets(VerifyWith::AnySecret), NOW);
    }

    #[test]
    fn arbitrary_base64ish_never_panics(s in strategy(), text in "[A-Za-z0-9_.-]{0,600}") {
        let _ = s.decode(&text, &keys(), &DecodeOptions::default(), NOW);
    }

    #[test]
    fn arbitrary_cookie_headers_never_panic(s in strategy(), header in "[ -~]{0,300}") {
        let _ = check_session(&header, &keys(), &SessionConfig::new(s), NOW);
    }

    #[test]
    fn one_changed_byte_never_verifies(s in strategy(), index in any::<prop::sample::Index>(), byte in 0x21u8..0x7f) {
        let keys = keys();
        let value = s.encode(&payload(), &keys, &EncodeOptions::default(), NOW).unwrap();
        let mut bytes = value.clone().into_bytes();
        let i = index.index(bytes.len());
        prop_assume!(bytes[i] != byte);
        bytes[i] = byte;
        let changed = String::from_utf8(bytes).unwrap();
        match s.decode(&changed, &keys, &DecodeOptions::default().with_secrets(VerifyWith::AnySecret), NOW) {
            Err(_) => {}
            // Only a change in the unused low bits of a final base64 character could
            // decode to the same bytes, and the strict decoder refuses those: so any
            // success must be the very same payload (never another one).
            Ok(v) => prop_assert_eq!(v.payload().to_json(), payload().to_json()),
        }
    }
}
