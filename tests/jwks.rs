//! The JWKS mode through the public API: round trips for each algorithm, key handling,
//! Better Auth `jwks` rows, the refetch rule, the offline session check with public
//! keys only, and bad input (typed errors, never a panic).

use proptest::prelude::*;
use rsa::traits::PublicKeyParts;
use session_cache::cookie::sign_cookie_value;
use session_cache::json::parse_object;
use session_cache::jwks::access_token::{self, AccessTokenOptions, SignOptions};
use session_cache::jwks::{self, Algorithm, Jwks, JwksRefresh, JwtOptions, SigningKey};
use session_cache::session::{check_session, SessionConfig, SessionKeys};
use session_cache::{
    EncodeOptions, ErrorKind, Keyring, Payload, Policy, Remember, Strategy, VerifiedBy,
};

const NOW: i64 = 1_795_328_965_877;
const ISSUER: &str = "https://auth.example.com";

fn payload() -> Payload {
    Payload::from_json(
        r#"{"session":{"id":"s1","token":"tok-123","userId":"u1",
        "expiresAt":"2026-11-29T06:29:25.877Z","createdAt":"2026-11-22T06:29:25.877Z"},
        "user":{"id":"u1","email":"ada@example.com","name":"Ada","emailVerified":true},
        "updatedAt":1795328965877,"version":"1"}"#,
    )
    .unwrap()
}

fn b64(bytes: &[u8]) -> String {
    use base64ct::{Base64UrlUnpadded, Encoding};
    Base64UrlUnpadded::encode_string(bytes)
}

fn unb64(text: &str) -> Vec<u8> {
    use base64ct::{Base64UrlUnpadded, Encoding};
    Base64UrlUnpadded::decode_vec(text).unwrap()
}

/// Replaces the claims of a compact JWS, keeping header and signature.
fn with_claims(token: &str, claims: &str) -> String {
    let parts: Vec<&str> = token.split('.').collect();
    format!("{}.{}.{}", parts[0], b64(claims.as_bytes()), parts[2])
}

#[test]
fn every_algorithm_round_trips() {
    for alg in Algorithm::ALL {
        let key = SigningKey::generate(alg).unwrap();
        assert_eq!(key.algorithm(), alg);
        let set = Jwks::from_json(&Jwks::from_signing_keys([&key]).to_json()).unwrap();
        let value = jwks::encode(&payload(), &key, ISSUER, &EncodeOptions::default(), NOW).unwrap();

        // The header and claims Better Auth writes.
        let parts: Vec<&str> = value.split('.').collect();
        assert_eq!(
            String::from_utf8(unb64(parts[0])).unwrap(),
            format!(
                r#"{{"alg":"{alg}","kid":"{}","typ":"better-auth.session-cache+jwt"}}"#,
                key.kid()
            )
        );
        let claims = String::from_utf8(unb64(parts[1])).unwrap();
        assert!(claims.ends_with(&format!(
            r#""version":"1","sid":"tok-123","iat":1795328965,"exp":1795329265,"iss":"{ISSUER}","aud":"better-auth:session-cache","sub":"u1"}}"#
        )), "{claims}");

        let options = JwtOptions::default().with_issuer(ISSUER);
        let cache = jwks::verify(&value, &set, &options, NOW).unwrap();
        assert_eq!(cache.payload().to_json(), payload().to_json());
        assert_eq!(cache.expires_at(), 1_795_329_265_000);
        assert_eq!(cache.strategy(), Strategy::Jwt);
        assert_eq!(
            cache.verified_by(),
            &VerifiedBy::PublicKey {
                kid: key.kid().to_owned(),
                algorithm: alg
            }
        );
        Policy::get_session().check(&cache, NOW).unwrap();

        // 15 s of tolerance, then expired.
        assert!(jwks::verify(&value, &set, &options, 1_795_329_279_999).is_ok());
        let err = jwks::verify(&value, &set, &options, 1_795_329_280_000).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Expired);

        // Tampered claims, another key, another issuer.
        let tampered = with_claims(&value, &claims.replace("Ada", "Eve"));
        let err = jwks::verify(&tampered, &set, &options, NOW).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::BadSignature, "{alg}");
        let other = SigningKey::generate(alg).unwrap();
        let err =
            jwks::verify(&value, &Jwks::from_signing_keys([&other]), &options, NOW).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnknownKey);
        let err = jwks::verify(
            &value,
            &set,
            &JwtOptions::default().with_issuer("https://x"),
            NOW,
        )
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::WrongIssuer);

        // Access tokens, and neither kind passes as the other.
        let user = parse_object(br#"{"id":"u1","email":"ada@example.com"}"#).unwrap();
        let token =
            access_token::sign(&user, "u1", &key, &SignOptions::new(ISSUER, ISSUER), NOW).unwrap();
        let access = AccessTokenOptions::new(ISSUER, ISSUER);
        let verified = access_token::verify(&token, &set, &access, NOW).unwrap();
        assert_eq!(verified.subject(), "u1");
        assert_eq!(verified.kid(), key.kid());
        assert_eq!(verified.expires_at(), 1_795_329_865_000);
        assert_eq!(
            verified.to_json(),
            format!(
                r#"{{"iat":1795328965,"id":"u1","email":"ada@example.com","sub":"u1","exp":1795329865,"iss":"{ISSUER}","aud":"{ISSUER}"}}"#
            )
        );
        // No tolerance: refused at exp.
        let err = access_token::verify(&token, &set, &access, 1_795_329_865_000).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Expired);
        let err = jwks::verify(&token, &set, &options, NOW).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::WrongTokenType);
        for opts in [access.clone(), AccessTokenOptions::default()] {
            let err = access_token::verify(&value, &set, &opts, NOW).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::WrongTokenType);
        }
        let err = access_token::verify(
            &token,
            &set,
            &AccessTokenOptions::new(ISSUER, "better-auth:session-cache"),
            NOW,
        )
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidOptions);
    }
}

#[test]
fn without_remember_me_the_cache_lives_300_seconds() {
    let key = SigningKey::generate(Algorithm::EdDsa).unwrap();
    let set = Jwks::from_signing_keys([&key]);
    let options = EncodeOptions::default()
        .with_max_age(3600)
        .with_remember(Remember::No);
    let value = jwks::encode(&payload(), &key, ISSUER, &options, NOW).unwrap();
    let cache = jwks::verify(&value, &set, &JwtOptions::default(), NOW).unwrap();
    assert_eq!(cache.expires_at(), 1_795_329_265_000);
    let err = jwks::encode(&payload(), &key, "", &options, NOW).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidOptions);
}

#[test]
fn an_access_token_needs_sub_and_aud() {
    let key = SigningKey::generate(Algorithm::EdDsa).unwrap();
    let set = Jwks::from_signing_keys([&key]);
    let user = parse_object(br#"{"id":"u1"}"#).unwrap();
    for (subject, issuer, audience) in
        [("", ISSUER, ISSUER), ("u1", "", ISSUER), ("u1", ISSUER, "")]
    {
        let err = access_token::sign(
            &user,
            subject,
            &key,
            &SignOptions::new(issuer, audience),
            NOW,
        )
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidOptions);
    }
    // A token whose aud is the session cache's never passes, even without an audience
    // option.
    let token =
        access_token::sign(&user, "u1", &key, &SignOptions::new(ISSUER, ISSUER), NOW).unwrap();
    assert!(access_token::verify(&token, &set, &AccessTokenOptions::default(), NOW).is_ok());
    let err = access_token::sign(
        &user,
        "u1",
        &key,
        &SignOptions::new(ISSUER, "better-auth:session-cache"),
        NOW,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidOptions);
}

#[test]
fn rotation_by_kid_and_duplicate_kids() {
    let old = SigningKey::generate(Algorithm::Es256).unwrap();
    let new = SigningKey::generate(Algorithm::Es256).unwrap();
    let both = Jwks::from_signing_keys([&new, &old]);
    for key in [&old, &new] {
        let value = jwks::encode(&payload(), key, ISSUER, &EncodeOptions::default(), NOW).unwrap();
        let cache = jwks::verify(&value, &both, &JwtOptions::default(), NOW).unwrap();
        assert_eq!(cache.verified_by().kid(), Some(key.kid()));
    }
    assert_eq!(both.kids().collect::<Vec<_>>(), [new.kid(), old.kid()]);
    assert!(both.contains_kid(old.kid()) && both.len() == 2);

    // Two keys under one kid: the first is used.
    let value = jwks::encode(&payload(), &new, ISSUER, &EncodeOptions::default(), NOW).unwrap();
    let swap = |first: &SigningKey, second: &SigningKey| {
        let jwk = |k: &SigningKey| k.public_jwk().replace(k.kid(), new.kid());
        Jwks::from_json(&format!(r#"{{"keys":[{},{}]}}"#, jwk(first), jwk(second))).unwrap()
    };
    assert!(jwks::verify(&value, &swap(&new, &old), &JwtOptions::default(), NOW).is_ok());
    let err = jwks::verify(&value, &swap(&old, &new), &JwtOptions::default(), NOW).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadSignature);
}

#[test]
fn signing_keys_as_jwk() {
    for alg in Algorithm::ALL {
        let key = SigningKey::generate(alg).unwrap();
        let jwk = key.to_jwk();
        let again = SigningKey::from_jwk(&jwk).unwrap();
        assert_eq!((again.kid(), again.algorithm()), (key.kid(), alg));
        assert_eq!(again.public_jwk(), key.public_jwk());
        // The kid is the RFC 7638 thumbprint: the same without the kid member.
        let obj = parse_object(jwk.as_bytes()).unwrap();
        let mut no_kid = obj.clone();
        no_kid.remove("kid");
        assert_eq!(
            SigningKey::from_jwk(&no_kid.to_js_string()).unwrap().kid(),
            key.kid()
        );
        // Debug never shows private material.
        let d = obj.get("d").and_then(|v| v.as_str()).unwrap().to_owned();
        assert!(!format!("{key:?}").contains(&d[..8]));
        // A public JWK cannot sign; a mismatched public part is refused, and the error
        // does not quote the key.
        let err = SigningKey::from_jwk(&key.public_jwk()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey);
        let other = SigningKey::generate(alg).unwrap();
        let other_obj = parse_object(other.to_jwk().as_bytes()).unwrap();
        let mut mixed = obj.clone();
        mixed.insert("d", other_obj.get("d").unwrap().clone());
        let err = SigningKey::from_jwk(&mixed.to_js_string()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey, "{alg}");
        assert!(!err.to_string().contains(&d[..8]));
    }
    // An RSA key needs its alg; an EC key's curve tells its alg.
    let rsa = SigningKey::generate(Algorithm::Ps256).unwrap();
    let mut obj = parse_object(rsa.to_jwk().as_bytes()).unwrap();
    obj.remove("alg");
    assert_eq!(
        SigningKey::from_jwk(&obj.to_js_string())
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidKey
    );
    let rs = SigningKey::from_jwk_with(&obj.to_js_string(), None, Some(Algorithm::Rs256)).unwrap();
    assert_eq!(rs.algorithm(), Algorithm::Rs256);
    assert!(SigningKey::from_jwk_with(&obj.to_js_string(), None, Some(Algorithm::EdDsa)).is_err());
    assert_eq!(
        SigningKey::from_jwk("not json").unwrap_err().kind(),
        ErrorKind::InvalidKey
    );
}

#[test]
fn better_auth_rows_seal_and_open() {
    let single =
        Keyring::from_secret("a-very-long-secret-for-testing-jwks-keys-1234567890").unwrap();
    let versioned = Keyring::from_secrets(
        [
            (2, "the-current-secret-version-2"),
            (1, "a-very-long-secret-for-testing-jwks-keys-1234567890"),
        ],
        None,
    )
    .unwrap();
    let with_legacy = Keyring::from_secrets(
        [(2, "the-current-secret-version-2")],
        Some("a-very-long-secret-for-testing-jwks-keys-1234567890"),
    )
    .unwrap();
    // The legacy secret equal to a versioned one still opens bare-hex rows.
    let alias = Keyring::from_secrets(
        [
            (2, "the-current-secret-version-2"),
            (1, "a-very-long-secret-for-testing-jwks-keys-1234567890"),
        ],
        Some("a-very-long-secret-for-testing-jwks-keys-1234567890"),
    )
    .unwrap();
    for alg in [Algorithm::EdDsa, Algorithm::Rs256] {
        let key = SigningKey::generate(alg).unwrap();
        let bare = key.to_better_auth_row(&single, NOW).unwrap();
        let row = parse_object(bare.as_bytes()).unwrap();
        let private = row.get("privateKey").and_then(|v| v.as_str()).unwrap();
        assert!(
            private.starts_with('"') && !private.starts_with("\"$ba$"),
            "{private}"
        );
        let opened = SigningKey::from_better_auth_row(&bare, &single, None).unwrap();
        assert_eq!(opened.public_jwk(), key.public_jwk());
        for (keys, ok) in [(&versioned, false), (&with_legacy, true), (&alias, true)] {
            assert_eq!(
                SigningKey::from_better_auth_row(&bare, keys, None).is_ok(),
                ok
            );
        }
        let sealed = key.to_better_auth_row(&versioned, NOW).unwrap();
        assert!(sealed.contains(r#"\"$ba$2$"#), "{sealed}");
        assert!(SigningKey::from_better_auth_row(&sealed, &versioned, None).is_ok());
        let err = SigningKey::from_better_auth_row(&sealed, &single, None).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey);
        let only_one = Keyring::from_secrets(
            [(1, "a-very-long-secret-for-testing-jwks-keys-1234567890")],
            None,
        )
        .unwrap();
        let err = SigningKey::from_better_auth_row(&sealed, &only_one, None).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey);
        let wrong = Keyring::from_secrets([(2, "another-secret-of-version-2")], None).unwrap();
        let err = SigningKey::from_better_auth_row(&sealed, &wrong, None).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::DecryptFailed);
        assert!(!err.to_string().contains("another-secret"));
        // A row whose publicKey is another key's is refused.
        let other = SigningKey::generate(alg).unwrap();
        let mut forged = parse_object(bare.as_bytes()).unwrap();
        let other_row =
            parse_object(other.to_better_auth_row(&single, NOW).unwrap().as_bytes()).unwrap();
        forged.insert("publicKey", other_row.get("publicKey").unwrap().clone());
        let err =
            SigningKey::from_better_auth_row(&forged.to_js_string(), &single, None).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey);
    }
    for bad in [
        "",
        "[]",
        r#"{"id":"k"}"#,
        r#"{"id":"k","privateKey":"\"zz\""}"#,
        r#"{"id":"k","privateKey":"\"00\""}"#,
        r#"{"id":"k","privateKey":"42"}"#,
    ] {
        let err = SigningKey::from_better_auth_row(bad, &single, None).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey, "{bad}");
    }
}

#[test]
fn bad_key_sets_are_typed_errors() {
    let ed = SigningKey::generate(Algorithm::EdDsa).unwrap();
    let ed_jwk = ed.public_jwk();
    let ec = SigningKey::generate(Algorithm::Es256).unwrap().public_jwk();
    let small = rsa::RsaPrivateKey::new(&mut rand_core::OsRng, 1024).unwrap();
    let small_jwk = format!(
        r#"{{"kty":"RSA","n":"{}","e":"AQAB","alg":"RS256","kid":"small"}}"#,
        b64(&small.n().to_bytes_be())
    );
    let invalid = [
        "not json".to_owned(),
        "[]".to_owned(),
        "{}".to_owned(),
        r#"{"keys":{}}"#.to_owned(),
        r#"{"keys":[1]}"#.to_owned(),
        r#"{"keys":[{"kid":"a"}]}"#.to_owned(),
        r#"{"keys":[{"kty":"OKP","x":"AAAA"}]}"#.to_owned(),
        r#"{"keys":[{"kty":"OKP","crv":"Ed25519"}]}"#.to_owned(),
        r#"{"keys":[{"kty":"OKP","crv":"Ed25519","x":"AAAA"}]}"#.to_owned(),
        r#"{"keys":[{"kty":"OKP","crv":"Ed25519","x":"not base64!"}]}"#.to_owned(),
        r#"{"keys":[{"kty":"OKP","crv":"Ed25519","x":42}]}"#.to_owned(),
        format!(
            r#"{{"keys":[{}]}}"#,
            ed_jwk.replace("\"kid\":\"", "\"kid\":7,\"x-kid\":\"")
        ),
        format!(r#"{{"keys":[{}]}}"#, ed_jwk.replace("EdDSA", "ES256")),
        format!(r#"{{"keys":[{}]}}"#, ec.replace("\"y\":\"", "\"y\":\"A")),
        format!(r#"{{"keys":[{small_jwk}]}}"#),
        format!(
            r#"{{"keys":[{}]}}"#,
            parse_object(ed.to_jwk().as_bytes()).unwrap().to_js_string()
        ),
        r#"{"keys":[{"kty":"RSA","n":"AQAB"}]}"#.to_owned(),
    ];
    for text in &invalid {
        let err = Jwks::from_json(text).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey, "{text}: {err}");
    }
    let err = Jwks::from_json(&format!(r#"{{"keys":[{small_jwk}]}}"#)).unwrap_err();
    assert!(err.message().contains("1024 bits"), "{err}");

    // Too many keys, too many bytes.
    let many = vec![ed_jwk.as_str(); 101].join(",");
    assert_eq!(
        Jwks::from_json(&format!(r#"{{"keys":[{many}]}}"#))
            .unwrap_err()
            .kind(),
        ErrorKind::TooLarge
    );
    let padding = " ".repeat(256 * 1024);
    assert_eq!(
        Jwks::from_json(&format!(r#"{{"keys":[]}}{padding}"#))
            .unwrap_err()
            .kind(),
        ErrorKind::TooLarge
    );
    assert_eq!(
        Jwks::from_json(&format!(
            r#"{{"keys":[{}]}}"#,
            vec![ed_jwk.as_str(); 100].join(",")
        ))
        .unwrap()
        .len(),
        100
    );

    // Unknown types are kept but never verify: a token naming one is refused.
    let set = Jwks::from_json(&format!(
        r#"{{"keys":[{{"kty":"oct","k":"c2VjcmV0","kid":"{kid}"}},{{"kty":"EC","crv":"P-384","x":"AA","y":"AA","kid":"p384"}},{{"kty":"OKP","crv":"X25519","x":"AA","kid":"x"}},{jwk}]}}"#,
        kid = "hmac",
        jwk = ed_jwk
    ))
    .unwrap();
    assert_eq!(set.len(), 4);
    assert_eq!(set.to_json(), format!(r#"{{"keys":[{ed_jwk}]}}"#));
    let value = jwks::encode(&payload(), &ed, ISSUER, &EncodeOptions::default(), NOW).unwrap();
    assert!(jwks::verify(&value, &set, &JwtOptions::default(), NOW).is_ok());
    let renamed = Jwks::from_json(&format!(
        r#"{{"keys":[{{"kty":"oct","k":"c2VjcmV0","kid":"{}"}}]}}"#,
        ed.kid()
    ))
    .unwrap();
    assert_eq!(
        jwks::verify(&value, &renamed, &JwtOptions::default(), NOW)
            .unwrap_err()
            .kind(),
        ErrorKind::UnsupportedAlgorithm
    );
    // An alg this crate does not implement, on a key it knows.
    let rs384 = SigningKey::generate(Algorithm::Rs256)
        .unwrap()
        .public_jwk()
        .replace("RS256", "RS384");
    assert_eq!(
        Jwks::from_json(&format!(r#"{{"keys":[{rs384}]}}"#))
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn refetch_rule() {
    let t0 = 1_800_000_000_000;
    let mut r = JwksRefresh::new(600, 30);
    assert!(!r.is_fresh(t0) && r.should_fetch(t0, false));
    r.fetch_started(t0);
    // A failed fetch: nothing in use, but no retry within the cooldown.
    assert!(!r.should_fetch(t0 + 29_999, false));
    assert!(r.should_fetch(t0 + 30_000, false));
    r.fetch_started(t0 + 30_000);
    r.fetched(t0 + 30_000);
    assert_eq!(r.fetched_at(), Some(t0 + 30_000));
    assert!(r.is_fresh(t0 + 629_999) && !r.is_fresh(t0 + 630_000));
    assert!(!r.should_fetch(t0 + 100_000, false));
    let unknown = session_cache::Error::new(ErrorKind::UnknownKey, "x");
    let other = session_cache::Error::new(ErrorKind::BadSignature, "x");
    assert!(!r.should_fetch_after(&unknown, t0 + 59_999));
    assert!(r.should_fetch_after(&unknown, t0 + 60_000));
    assert!(!r.should_fetch_after(&other, t0 + 60_000));
    assert!(r.should_fetch(t0 + 630_000, false));
}

#[test]
fn offline_session_check_with_public_keys_only() {
    let secret = Keyring::from_secret("a-long-random-secret-of-32-chars!!").unwrap();
    let key = SigningKey::generate(Algorithm::EdDsa).unwrap();
    let set = Jwks::from_signing_keys([&key]);
    let data = jwks::encode(&payload(), &key, ISSUER, &EncodeOptions::default(), NOW).unwrap();
    let token = sign_cookie_value("tok-123", &secret);
    let header = format!("better-auth.session_token={token}; better-auth.session_data={data}");
    let config = SessionConfig::new(Strategy::Jwt).with_issuer(ISSUER);

    // Public keys only: the token is bound to the cache's sid.
    let check = check_session(&header, &set, &config, NOW).unwrap();
    assert_eq!(check.token(), "tok-123");
    assert_eq!(check.cache().payload().user().id, "u1");
    // With the secret too, the token's signature is checked.
    assert!(check_session(
        &header,
        SessionKeys::jwks(&set, Some(&secret)),
        &config,
        NOW
    )
    .is_ok());
    let forged =
        format!("better-auth.session_token=tok-123.forged; better-auth.session_data={data}");
    assert!(
        check_session(&forged, &set, &config, NOW).is_ok(),
        "binding only: the signature is not checked"
    );
    let err = check_session(
        &forged,
        SessionKeys::jwks(&set, Some(&secret)),
        &config,
        NOW,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadTokenSignature);

    let other = format!(
        "better-auth.session_token={}; better-auth.session_data={data}",
        sign_cookie_value("another-token", &secret)
    );
    assert_eq!(
        check_session(&other, &set, &config, NOW)
            .unwrap_err()
            .kind(),
        ErrorKind::TokenMismatch
    );
    let unsigned = format!("better-auth.session_token=tok-123; better-auth.session_data={data}");
    assert_eq!(
        check_session(&unsigned, &set, &config, NOW)
            .unwrap_err()
            .kind(),
        ErrorKind::BadTokenSignature
    );
    assert_eq!(
        check_session(
            &format!("better-auth.session_data={data}"),
            &set,
            &config,
            NOW
        )
        .unwrap_err()
        .kind(),
        ErrorKind::NoToken
    );
    assert_eq!(
        check_session(
            &format!("better-auth.session_token={token}"),
            &set,
            &config,
            NOW
        )
        .unwrap_err()
        .kind(),
        ErrorKind::NoCache
    );
    // getSession's policy: version "1" by default, the cache's own expiry without
    // tolerance.
    let v2 = config.clone().with_version("2");
    assert_eq!(
        check_session(&header, &set, &v2, NOW).unwrap_err().kind(),
        ErrorKind::VersionMismatch
    );
    assert_eq!(
        check_session(&header, &set, &config, 1_795_329_265_001)
            .unwrap_err()
            .kind(),
        ErrorKind::Expired
    );
    // Another issuer; a JWKS with another strategy.
    let wrong = SessionConfig::new(Strategy::Jwt).with_issuer("https://elsewhere.example");
    assert_eq!(
        check_session(&header, &set, &wrong, NOW)
            .unwrap_err()
            .kind(),
        ErrorKind::WrongIssuer
    );
    assert_eq!(
        check_session(&header, &set, &SessionConfig::new(Strategy::Jwe), NOW)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidOptions
    );
    // The secret strategies still take a keyring as before.
    let jwe = Strategy::Jwe
        .encode(&payload(), &secret, &EncodeOptions::default(), NOW)
        .unwrap();
    let jwe_header = format!("better-auth.session_token={token}; better-auth.session_data={jwe}");
    assert!(check_session(
        &jwe_header,
        &secret,
        &SessionConfig::new(Strategy::Jwe),
        NOW
    )
    .is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_input_panics(text in ".{0,400}", bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let key = SigningKey::generate(Algorithm::EdDsa).unwrap();
        let set = Jwks::from_signing_keys([&key]);
        let _ = Jwks::from_json(&text);
        let _ = SigningKey::from_jwk(&text);
        let _ = jwks::verify(&text, &set, &JwtOptions::default(), NOW);
        let _ = access_token::verify(&text, &set, &AccessTokenOptions::default(), NOW);
        // Valid base64 parts around random bytes.
        let header = b64(format!(r#"{{"alg":"EdDSA","kid":"{}","typ":"better-auth.session-cache+jwt"}}"#, key.kid()).as_bytes());
        let forged = format!("{header}.{}.{}", b64(&bytes), b64(&bytes));
        let err = jwks::verify(&forged, &set, &JwtOptions::default(), NOW).unwrap_err();
        prop_assert_eq!(err.kind(), ErrorKind::BadSignature);
        let row = format!(r#"{{"id":"k","privateKey":{}}}"#, session_cache::json::Value::String(text.as_str().into()).to_js_string());
        let _ = SigningKey::from_better_auth_row(&row, &Keyring::from_secret("s").unwrap(), None);
    }
}
