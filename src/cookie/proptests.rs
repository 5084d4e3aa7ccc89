//! Property tests: nothing panics on any input, and what is written reads back.

use proptest::prelude::*;

use super::*;
use crate::keys::{Keyring, VerifyWith};

/// Text made of the characters that matter to the parsers, with some that do not.
fn cookieish() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-c=; \"%0-9A-Fa-f\t.\u{a0}\u{85}\u{feff}\u{1F600}é_-]{0,80}",
        any::<String>(),
    ]
}

fn attributes() -> impl Strategy<Value = CookieAttributes> {
    (
        proptest::option::of(0u64..40_000_000),
        proptest::option::of("[a-z.\u{e9}\u{100}\r]{0,12}"),
        proptest::option::of("[/a-z]{0,6}"),
        any::<bool>(),
        any::<bool>(),
        proptest::option::of(prop_oneof![
            Just(SameSite::Lax),
            Just(SameSite::Strict),
            Just(SameSite::None)
        ]),
        any::<bool>(),
    )
        .prop_map(
            |(max_age, domain, path, http_only, secure, same_site, partitioned)| CookieAttributes {
                max_age,
                domain,
                path,
                http_only,
                secure,
                same_site,
                partitioned,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parsers_never_panic_and_stay_consistent(header in cookieish()) {
        for jar in [CookieJar::parse(&header), CookieJar::parse_filtered(&header)] {
            let mut seen = std::collections::HashSet::new();
            for (name, value) in &jar {
                prop_assert!(seen.insert(name.to_owned()), "duplicate name");
                prop_assert_eq!(jar.get(name), Some(value));
            }
            prop_assert_eq!(jar.len(), seen.len());
            prop_assert!(jar.len() <= header.len() / 2 + 1);
            let _ = read_chunked(&jar, "a");
            let _ = existing_chunks(&jar, "a");
            let _ = find_cookie(&jar, "a", "b");
        }
        let request = RequestCookies::parse(&header);
        let _ = request.chunked("a");
        let _ = RequestCookies::parse_bytes(header.as_bytes()).chunked("a");
    }

    #[test]
    fn verification_never_panics(value in cookieish()) {
        let keys = Keyring::from_secret("proptest-secret").unwrap();
        let result = verify_signed_value(&value, &keys, VerifyWith::CurrentSecret);
        if let Err(e) = &result {
            prop_assert!(matches!(e.kind(), crate::ErrorKind::Malformed | crate::ErrorKind::BadTokenSignature));
        }
        let _ = verify_signed_value(&value, &keys, VerifyWith::AnySecret);
        let request = RequestCookies::parse(&format!("better-auth.session_token={value}"));
        let _ = AuthCookies::default().read_session_token(&request, &keys, VerifyWith::AnySecret);
    }

    #[test]
    fn signed_values_read_back_through_the_header(value in any::<String>().prop_filter("non-empty", |v| !v.is_empty())) {
        let keys = Keyring::from_secret("proptest-secret").unwrap();
        let cookies = AuthCookies::default();
        let cookie = cookies.session_token_cookie(&value, &keys, crate::Remember::Yes);
        let header = cookie.to_header_value().unwrap();
        let pair = header.split(';').next().unwrap();
        let request = RequestCookies::parse(pair);
        prop_assert_eq!(cookies.read_session_token(&request, &keys, VerifyWith::CurrentSecret).unwrap(), value);
    }

    #[test]
    fn serialization_never_panics(name in cookieish(), value in cookieish(), attributes in attributes()) {
        let _ = SetCookie::new(name.clone(), value.clone(), attributes.clone()).to_header_value();
        let _ = chunk_size(&name, &attributes);
        let _ = chunk(&name, &value, &attributes);
        let _ = chunk_replacing(&name, &value, &attributes, &[name.as_str(), "x"]);
    }

    #[test]
    fn chunks_read_back(len in 0usize..30_000, max_age in proptest::option::of(0u64..1_000_000), secure in any::<bool>()) {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let value: String = (0..len).map(|i| char::from(ALPHABET[(i * 7 + i / 64) % 64])).collect();
        let names = CookieNames::new("better-auth", secure);
        let attributes = CookieAttributes::better_auth(secure, Some("example.com")).with_max_age(max_age);
        let cookies = chunk(names.session_data(), &value, &attributes).unwrap();
        let mut header = String::new();
        for cookie in cookies.iter().rev() {
            let line = cookie.to_header_value().unwrap();
            prop_assert!(line.len() <= MAX_COOKIE_SIZE);
            header.push_str(line.split(';').next().unwrap());
            header.push_str("; ");
        }
        let request = RequestCookies::parse(&header);
        let back = request.chunked(names.session_data()).unwrap_or_default();
        prop_assert_eq!(back, value);
    }
}

proptest! {
    #[test]
    fn names_built_on_the_stack_are_the_candidates(
        prefix in "[a-z._-]{0,12}|[a-z]{150,170}",
        token in proptest::option::of("[a-z._-]{0,12}"),
        data in proptest::option::of("[a-z._-]{0,12}|[a-z]{150,170}"),
        spelling in prop_oneof![Just(Spelling::Secure), Just(Spelling::Plain), Just(Spelling::Either)],
    ) {
        let mut naming = CookieNaming::new(&prefix).with_spelling(spelling);
        naming.session_token_name = token;
        naming.session_data_name = data;
        for names in naming.candidates() {
            for kind in [CookieKind::SessionToken, CookieKind::SessionData, CookieKind::DontRemember] {
                let built = naming.with_name(kind, names.is_secure(), str::to_owned);
                prop_assert_eq!(built.as_str(), names.get(kind));
            }
        }
    }
}
