//! A second, independent JOSE implementation: josekit 0.10 (OpenSSL underneath), so that
//! agreement is not only with `jose`, the implementation Better Auth uses.
//!
//! - josekit verifies and decrypts what this crate mints (`jwt`: HS256; `jwe`: `dir` +
//!   A256CBC-HS512 under Better Auth's derived key, with its `kid`);
//! - this crate accepts what josekit mints with the same keys (HS256/384/512; `dir`
//!   A256CBC-HS512 with and without `kid`);
//! - where josekit and `jose` differ, `josekit_and_jose_differ_here` pins both sides and
//!   says which one RFC 7515–7518 backs (see also SECURITY.md).
//!
//! Native only: josekit links OpenSSL, which is a dev-dependency and never in the
//! library's tree.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/jwe_key.rs"]
mod jwe_key;
use jwe_key::jwe_key;

use josekit::jwe::{Dir, JweHeader};
use josekit::jws::{JwsHeader, HS256, HS384, HS512};
use josekit::jwt::{self, JwtPayload};
use serde_json::{json, Map, Value as Json};
use session_cache::{
    jwe, jwt as sc_jwt, EncodeOptions, ErrorKind, Keyring, Payload, VerifyOptions,
};

const NOW: i64 = 1_795_328_965_877;
/// 64 bytes or more: josekit refuses HMAC keys shorter than the hash (RFC 7518 §3.2).
const SECRET: &str = "josekit-interop-secret-0123456789abcdef-0123456789abcdef-01234567";

fn keys() -> Keyring {
    Keyring::from_secret(SECRET).unwrap()
}

fn payload_json() -> Json {
    json!({
        "session": {"id": "s1", "token": "tok-josekit", "userId": "u1",
                    "expiresAt": "2026-11-29T06:29:25.877Z", "createdAt": "2026-11-22T06:29:25.877Z"},
        "user": {"id": "u1", "email": "ada@example.com", "name": "Ada ✓ \u{1F600}", "emailVerified": true,
                 "extra": [1, 2.5, "x", {"k": null}]},
        "updatedAt": 1795328965877_i64,
        "version": "1"
    })
}

fn payload() -> Payload {
    Payload::from_json(&payload_json().to_string()).unwrap()
}

/// The payload's claims plus `iat` / `exp` as Better Auth writes them.
fn claims(exp_offset: i64) -> JwtPayload {
    let Json::Object(mut map) = payload_json() else {
        unreachable!()
    };
    let iat = NOW / 1000;
    map.insert("iat".into(), json!(iat));
    map.insert("exp".into(), json!(iat + exp_offset));
    JwtPayload::from_map(map).unwrap()
}

fn without_time_claims(mut map: Map<String, Json>) -> Json {
    for k in ["iat", "exp", "jti"] {
        map.remove(k);
    }
    Json::Object(map)
}

#[test]
fn josekit_verifies_our_jwt() {
    let value = sc_jwt::encode(&payload(), &keys(), &EncodeOptions::default(), NOW).unwrap();
    let verifier = HS256.verifier_from_bytes(SECRET).unwrap();
    let (claims, header) = jwt::decode_with_verifier(&value, &verifier).unwrap();
    assert_eq!(header.algorithm(), Some("HS256"));
    let map = claims.claims_set().clone();
    assert_eq!(map["iat"], json!(NOW / 1000));
    assert_eq!(map["exp"], json!(NOW / 1000 + 300));
    assert_eq!(without_time_claims(map), payload_json());
    // A changed byte of the signed input: josekit refuses it too.
    let mut tampered = value.into_bytes();
    tampered[30] ^= 1;
    let tampered = String::from_utf8(tampered).unwrap();
    assert!(jwt::decode_with_verifier(&tampered, &verifier).is_err());
}

#[test]
fn josekit_decrypts_our_jwe() {
    let keys = keys();
    let value = jwe::encode(&payload(), &keys, &EncodeOptions::default(), NOW).unwrap();
    let decrypter = Dir.decrypter_from_bytes(jwe_key(SECRET)).unwrap();
    let (claims, header) = jwt::decode_with_decrypter(&value, &decrypter).unwrap();
    assert_eq!(header.algorithm(), Some("dir"));
    assert_eq!(header.content_encryption(), Some("A256CBC-HS512"));
    assert_eq!(header.key_id(), Some(keys.jwe_kid()));
    let map = claims.claims_set().clone();
    assert!(map["jti"].as_str().is_some_and(|j| j.len() == 36));
    assert_eq!(without_time_claims(map), payload_json());
    // Under another secret's key josekit cannot decrypt it.
    let other = Dir.decrypter_from_bytes(jwe_key("another-secret")).unwrap();
    assert!(jwt::decode_with_decrypter(&value, &other).is_err());
}

#[test]
fn we_accept_josekit_jwts_with_each_hmac() {
    let keys = keys();
    for (alg, signer) in [
        ("HS256", HS256.signer_from_bytes(SECRET).unwrap()),
        ("HS384", HS384.signer_from_bytes(SECRET).unwrap()),
        ("HS512", HS512.signer_from_bytes(SECRET).unwrap()),
    ] {
        let mut header = JwsHeader::new();
        header.set_token_type("JWT");
        let token = jwt::encode_with_signer(&claims(300), &header, &signer).unwrap();
        let cache = sc_jwt::verify(&token, &keys, &VerifyOptions::default(), NOW)
            .unwrap_or_else(|e| panic!("{alg}: {e}"));
        let ours: Json = serde_json::from_str(&cache.payload().to_json()).unwrap();
        assert_eq!(ours, payload_json(), "{alg}");
        assert_eq!(cache.expires_at(), (NOW / 1000 + 300) * 1000);
        // Expired by josekit's claims: refused here.
        let token = jwt::encode_with_signer(&claims(-1), &header, &signer).unwrap();
        let err = sc_jwt::verify(&token, &keys, &VerifyOptions::default(), NOW).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Expired, "{alg}");
    }
}

#[test]
fn we_accept_josekit_jwes_with_and_without_kid() {
    let keys = keys();
    let encrypter = Dir.encrypter_from_bytes(jwe_key(SECRET)).unwrap();
    for kid in [Some(keys.jwe_kid().to_owned()), None] {
        let mut header = JweHeader::new();
        header.set_content_encryption("A256CBC-HS512");
        if let Some(kid) = &kid {
            header.set_key_id(kid);
        }
        let token = jwt::encode_with_encrypter(&claims(300), &header, &encrypter).unwrap();
        let cache = jwe::verify(&token, &keys, &VerifyOptions::default(), NOW)
            .unwrap_or_else(|e| panic!("kid {kid:?}: {e}"));
        let ours: Json = serde_json::from_str(&cache.payload().to_json()).unwrap();
        assert_eq!(ours, payload_json());
    }
    // josekit encrypting under another secret's key: refused, as it must be.
    let other = Dir.encrypter_from_bytes(jwe_key("another-secret")).unwrap();
    let mut header = JweHeader::new();
    header.set_content_encryption("A256CBC-HS512");
    let token = jwt::encode_with_encrypter(&claims(300), &header, &other).unwrap();
    let err = jwe::verify(&token, &keys, &VerifyOptions::default(), NOW).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DecryptFailed);
}

/// The points where josekit and `jose` (Better Auth's) part ways, each with what this
/// crate does and which side the RFCs back.
#[test]
fn josekit_and_jose_differ_here() {
    let keys = keys();

    // 1. HMAC key length. RFC 7518 §3.2: "A key of the same size as the hash output ...
    //    or larger MUST be used". josekit enforces it; jose does not (Better Auth signs
    //    with any secret, e.g. 32 characters under HS512 and even 1 character under
    //    HS256). This crate, to read what Better Auth writes, accepts any length.
    assert!(HS256.signer_from_bytes("short").is_err());
    assert!(HS512.signer_from_bytes("x".repeat(63)).is_err());
    let short = Keyring::from_secret("short").unwrap();
    let value = sc_jwt::encode(&payload(), &short, &EncodeOptions::default(), NOW).unwrap();
    assert!(sc_jwt::verify(&value, &short, &VerifyOptions::default(), NOW).is_ok());
    assert!(HS256.verifier_from_bytes("short").is_err());

    // 2. `zip: "DEF"`. RFC 7516 §4.1.3 defines it; josekit inflates it, and so does jose
    //    (Better Auth then accepts it). This crate refuses it on purpose (a decompression
    //    bomb for nothing: Better Auth never writes it).
    let encrypter = Dir.encrypter_from_bytes(jwe_key(SECRET)).unwrap();
    let mut header = JweHeader::new();
    header.set_content_encryption("A256CBC-HS512");
    header.set_compression("DEF");
    let zipped = jwt::encode_with_encrypter(&claims(300), &header, &encrypter).unwrap();
    let decrypter = Dir.decrypter_from_bytes(jwe_key(SECRET)).unwrap();
    assert!(jwt::decode_with_decrypter(&zipped, &decrypter).is_ok());
    let err = jwe::verify(&zipped, &keys, &VerifyOptions::default(), NOW).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnsupportedAlgorithm);

    // 3. `A256GCM` with Better Auth's 64-byte key. RFC 7518 §5.3 fixes A256GCM's key at
    //    256 bits; josekit and jose both refuse the 64-byte key (so does this crate): the
    //    allowance in Better Auth's decoder is dead code.
    let mut header = JweHeader::new();
    header.set_content_encryption("A256GCM");
    assert!(jwt::encode_with_encrypter(&claims(300), &header, &encrypter).is_err());

    // 4. Non-canonical base64url (set unused bits in the last character of the
    //    signature). RFC 7515 §2 / RFC 4648 §3.5 let a decoder reject them; josekit
    //    (the `base64` crate) does, as does this crate; jose accepts them (atob).
    let value = sc_jwt::encode(&payload(), &keys, &EncodeOptions::default(), NOW).unwrap();
    let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let last = value.chars().last().unwrap();
    let i = alphabet.find(last).unwrap();
    let respelled = format!(
        "{}{}",
        &value[..value.len() - 1],
        &alphabet[(i | 1)..=(i | 1)]
    );
    assert_ne!(respelled, value);
    let verifier = HS256.verifier_from_bytes(SECRET).unwrap();
    assert!(jwt::decode_with_verifier(&respelled, &verifier).is_err());
    assert!(sc_jwt::verify(&respelled, &keys, &VerifyOptions::default(), NOW).is_err());

    // 5. A token without `exp`. RFC 7519 §4.1.4 makes `exp` optional: josekit (no
    //    validator configured) and jose accept such a token; this crate requires `exp`
    //    on purpose (Better Auth always writes it; without it a cache never expires).
    let Json::Object(mut map) = payload_json() else {
        unreachable!()
    };
    map.insert("iat".into(), json!(NOW / 1000));
    let no_exp = JwtPayload::from_map(map).unwrap();
    let signer = HS256.signer_from_bytes(SECRET).unwrap();
    let token = jwt::encode_with_signer(&no_exp, &JwsHeader::new(), &signer).unwrap();
    assert!(jwt::decode_with_verifier(&token, &verifier).is_ok());
    let err = sc_jwt::verify(&token, &keys, &VerifyOptions::default(), NOW).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Malformed);

    // 6. An unknown `crit` member. RFC 7515 §4.1.11: the recipient MUST reject it.
    //    josekit, jose and this crate all do.
    let mut header = JwsHeader::new();
    header.set_critical(&vec!["urn:example:ext"]);
    header
        .set_claim("urn:example:ext", Some(json!(true)))
        .unwrap();
    let token = jwt::encode_with_signer(&claims(300), &header, &signer).unwrap();
    assert!(jwt::decode_with_verifier(&token, &verifier).is_err());
    let err = sc_jwt::verify(&token, &keys, &VerifyOptions::default(), NOW).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnsupportedAlgorithm);
}
