//! The attack catalogue: each test is a named attack on a cookie value, a JOSE header or
//! a whole `Cookie` header, with the typed rejection it must meet. Every attack runs
//! under `attempt`, which also holds it to a time bound and to a bound on the memory
//! allocated while it runs (counted by this binary's allocator), so that "ends in a
//! typed error quickly and with bounded memory" is checked, not assumed.
//!
//! Forged values are built here with the RustCrypto primitives directly (not with the
//! library's encoders), from the same derivation Better Auth uses.
//!
//! To come with the JWKS verifier: algorithm confusion (an HS256 token whose HMAC key is
//! the bytes of a public key of the JWKS), `alg: none` and HS256 against a JWKS, an
//! embedded `jwk` header, `kid` naming no key, ECDSA with r = s = 0 (CVE-2022-21449),
//! PKCS #1 v1.5 / PSS swaps, non-canonical EdDSA `S`; see SECURITY.md.

#[path = "common/jwe_key.rs"]
mod jwe_key;
use jwe_key::jwe_key;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::{Duration, Instant};

use aes::cipher::{block_padding::Pkcs7, BlockEncryptMut, KeyIvInit};
use hmac::{Hmac, Mac};
use session_cache::cookie::{sign_cookie_value, CookieKind, CookieNaming, Spelling};
use session_cache::session::{check_session, SessionConfig};
use session_cache::{
    compact, defaults, json, jwe, jwt, EncodeOptions, ErrorKind, Keyring, Payload, Strategy,
    VerifyOptions, VerifyWith,
};
use sha2::{Sha256, Sha512};

// ---------------------------------------------------------------------------------------
// Measuring: time and the bytes allocated (and not yet freed) on this thread, at peak.
// ---------------------------------------------------------------------------------------

struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn track(delta: isize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get() + delta;
        live.set(now);
        let _ = PEAK.try_with(|peak| {
            if now > peak.get() {
                peak.set(now)
            }
        });
    });
}

// SAFETY: every call is forwarded to `System` unchanged; the bookkeeping touches only
// const-initialized thread-locals without destructors, which never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            track(layout.size() as isize);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        track(-(layout.size() as isize));
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            track(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The time an attack may take (a debug build on a busy 2-core machine: generous).
const TIME_LIMIT: Duration = Duration::from_secs(2);

/// Runs `f`, returning its result, the time it took and the most bytes it had allocated
/// at once on this thread.
fn measured<T>(f: impl FnOnce() -> T) -> (T, Duration, usize) {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    let peak = PEAK.with(Cell::get) - base;
    (out, took, peak.max(0) as usize)
}

/// Runs the attack `name` and checks that it is refused with `kind`, within the time
/// limit, having allocated at most `memory` bytes at once.
#[track_caller]
fn attempt<T: std::fmt::Debug>(
    name: &str,
    kind: ErrorKind,
    memory: usize,
    f: impl FnOnce() -> session_cache::Result<T>,
) -> String {
    let (result, took, peak) = measured(f);
    let err = match result {
        Ok(v) => panic!("attack {name:?} was accepted: {v:?}"),
        Err(e) => e,
    };
    assert_eq!(err.kind(), kind, "attack {name:?}: {err}");
    assert!(took < TIME_LIMIT, "attack {name:?} took {took:?}");
    assert!(
        peak <= memory,
        "attack {name:?} allocated {peak} bytes at once (bound {memory})"
    );
    assert!(
        err.message().len() <= 256,
        "attack {name:?}: a long message"
    );
    err.message().to_owned()
}

const KIB: usize = 1024;
const MIB: usize = 1024 * 1024;

// ---------------------------------------------------------------------------------------
// Keys, payloads and forgers.
// ---------------------------------------------------------------------------------------

const NOW: i64 = 1_795_328_965_877;
const CURRENT: &str = "attack-current-secret-0123456789abcdef";
const OLDER: &str = "attack-older-secret-0123456789abcdefgh";
const ATTACKER: &str = "the-attackers-own-secret-0123456789ab";

fn keys() -> Keyring {
    Keyring::from_secrets([(2, CURRENT), (1, OLDER)], None).unwrap()
}

fn attacker_keys() -> Keyring {
    Keyring::from_secret(ATTACKER).unwrap()
}

fn payload_json(token: &str) -> String {
    format!(
        r#"{{"session":{{"id":"s-{token}","token":"{token}","userId":"u1","expiresAt":"2026-11-29T06:29:25.877Z","createdAt":"2026-11-22T06:29:25.877Z"}},"user":{{"id":"u1","email":"ada@example.com","name":"Ada","emailVerified":true}},"updatedAt":1795328965877,"version":"1"}}"#
    )
}

fn payload(token: &str) -> Payload {
    Payload::from_json(&payload_json(token)).unwrap()
}

/// The payload's JSON with the JOSE time claims Better Auth appends.
fn claims(token: &str) -> String {
    let p = payload_json(token);
    let iat = NOW / 1000;
    format!(
        "{},\"iat\":{iat},\"exp\":{}}}",
        &p[..p.len() - 1],
        iat + 300
    )
}

fn b64(bytes: &[u8]) -> String {
    use base64ct::{Base64UrlUnpadded, Encoding};
    Base64UrlUnpadded::encode_string(bytes)
}

fn unb64(text: &str) -> Vec<u8> {
    use base64ct::{Base64UrlUnpadded, Encoding};
    Base64UrlUnpadded::decode_vec(text).unwrap()
}

fn hmac256(key: &[u8], msg: &[u8]) -> Vec<u8> {
    let mut m = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap();
    m.update(msg);
    m.finalize().into_bytes().to_vec()
}

/// `b64(header).b64(claims).b64(HMAC-SHA256(secret))`.
fn forge_jwt(header: &str, claims: &[u8], secret: &str) -> String {
    let input = format!("{}.{}", b64(header.as_bytes()), b64(claims));
    let sig = hmac256(secret.as_bytes(), input.as_bytes());
    format!("{input}.{}", b64(&sig))
}

fn cbc_tag(mac_key: &[u8], aad: &[u8], iv: &[u8], ct: &[u8]) -> Vec<u8> {
    let mut m = <Hmac<Sha512> as Mac>::new_from_slice(mac_key).unwrap();
    m.update(aad);
    m.update(iv);
    m.update(ct);
    m.update(&((aad.len() as u64) * 8).to_be_bytes());
    m.finalize().into_bytes()[..32].to_vec()
}

/// A `dir` JWE of `plaintext` with the protected header `header`, encrypted and tagged
/// under `key` (A256CBC-HS512).
fn forge_jwe(header: &str, plaintext: &[u8], key: &[u8; 64]) -> String {
    let iv = [0x24u8; 16];
    let aad = b64(header.as_bytes());
    let ct = cbc::Encryptor::<aes::Aes256>::new_from_slices(&key[32..], &iv)
        .unwrap()
        .encrypt_padded_vec_mut::<Pkcs7>(plaintext);
    let tag = cbc_tag(&key[..32], aad.as_bytes(), &iv, &ct);
    format!("{aad}..{}.{}.{}", b64(&iv), b64(&ct), b64(&tag))
}

fn jwe_header(kid: &str) -> String {
    format!(r#"{{"alg":"dir","enc":"A256CBC-HS512","kid":"{kid}"}}"#)
}

fn verify(strategy: Strategy, value: &str) -> session_cache::Result<session_cache::VerifiedCache> {
    strategy.verify(value, &keys(), &VerifyOptions::default(), NOW)
}

fn verify_any(
    strategy: Strategy,
    value: &str,
) -> session_cache::Result<session_cache::VerifiedCache> {
    let options = VerifyOptions::default().with_secrets(VerifyWith::AnySecret);
    strategy.verify(value, &keys(), &options, NOW)
}

/// The parts of a compact JOSE value.
fn parts(value: &str) -> Vec<String> {
    value.split('.').map(str::to_owned).collect()
}

// ---------------------------------------------------------------------------------------
// The forgers themselves are right: what they make with the real keys verifies.
// ---------------------------------------------------------------------------------------

#[test]
fn forgers_make_values_that_verify() {
    let v = forge_jwt(r#"{"alg":"HS256"}"#, claims("tok").as_bytes(), CURRENT);
    assert_eq!(verify(Strategy::Jwt, &v).unwrap().session().token, "tok");
    let v = forge_jwe(
        &jwe_header(keys().jwe_kid()),
        claims("tok").as_bytes(),
        &jwe_key(CURRENT),
    );
    assert_eq!(verify(Strategy::Jwe, &v).unwrap().session().token, "tok");
}

// ---------------------------------------------------------------------------------------
// JOSE headers.
// ---------------------------------------------------------------------------------------

#[test]
fn attack_alg_none() {
    for alg in ["none", "None", "NONE", "nOnE", ""] {
        let header = format!(r#"{{"alg":"{alg}"}}"#);
        let unsigned = format!(
            "{}.{}.",
            b64(header.as_bytes()),
            b64(claims("t").as_bytes())
        );
        attempt(
            "jwt alg none",
            ErrorKind::UnsupportedAlgorithm,
            64 * KIB,
            || verify(Strategy::Jwt, &unsigned),
        );
        let jwe = format!("{}....", b64(header.as_bytes()));
        attempt(
            "jwe alg none",
            ErrorKind::UnsupportedAlgorithm,
            64 * KIB,
            || verify(Strategy::Jwe, &jwe),
        );
    }
    // A 100 000-character `alg`: refused, and not echoed into the message (which once
    // quoted it whole).
    let header = format!(r#"{{"alg":"{}\n"}}"#, "A".repeat(100_000));
    let v = forge_jwt(&header, claims("t").as_bytes(), CURRENT);
    let message = attempt("huge alg", ErrorKind::UnsupportedAlgorithm, 2 * MIB, || {
        verify(Strategy::Jwt, &v)
    });
    assert!(!message.contains('\n') && message.len() < 120, "{message}");
    // No `alg` at all.
    let v = forge_jwt(r#"{"typ":"JWT"}"#, claims("t").as_bytes(), CURRENT);
    attempt("jwt without alg", ErrorKind::Malformed, 64 * KIB, || {
        verify(Strategy::Jwt, &v)
    });
}

#[test]
fn attack_asymmetric_algorithms_without_a_jwks() {
    // Until a JWKS verifier is configured, asymmetric algorithms are refused outright, so
    // an HMAC "signed" with some public key's bytes never reaches a key.
    for alg in ["RS256", "PS256", "ES256", "ES512", "EdDSA", "dir", "A256KW"] {
        let v = forge_jwt(
            &format!(r#"{{"alg":"{alg}"}}"#),
            claims("t").as_bytes(),
            CURRENT,
        );
        attempt(alg, ErrorKind::UnsupportedAlgorithm, 64 * KIB, || {
            verify(Strategy::Jwt, &v)
        });
    }
}

#[test]
fn attack_kid_path_url_absent_or_another_keys() {
    let key = jwe_key(ATTACKER);
    for kid in [
        "../../../../etc/passwd",
        "/dev/zero",
        "https://attacker.example/jwks.json",
        "file:///etc/shadow",
        "' OR 1=1 --",
        "",
    ] {
        let v = forge_jwe(&jwe_header(kid), claims("t").as_bytes(), &key);
        attempt(kid, ErrorKind::UnknownKey, 64 * KIB, || {
            verify(Strategy::Jwe, &v)
        });
    }
    // A kid that is not a string.
    let v = forge_jwe(
        r#"{"alg":"dir","enc":"A256CBC-HS512","kid":42}"#,
        claims("t").as_bytes(),
        &key,
    );
    attempt("numeric kid", ErrorKind::UnknownKey, 64 * KIB, || {
        verify(Strategy::Jwe, &v)
    });
    // No kid: every key of the keyring is tried, none opens the attacker's value.
    let v = forge_jwe(
        r#"{"alg":"dir","enc":"A256CBC-HS512"}"#,
        claims("t").as_bytes(),
        &key,
    );
    attempt("absent kid", ErrorKind::DecryptFailed, 64 * KIB, || {
        verify(Strategy::Jwe, &v)
    });
    // The kid of the older key, the value encrypted under the current one: only the
    // key the kid names is tried (Better Auth: no fallback).
    let older_kid = Keyring::from_secret(OLDER).unwrap().jwe_kid().to_owned();
    let v = forge_jwe(
        &jwe_header(&older_kid),
        claims("t").as_bytes(),
        &jwe_key(CURRENT),
    );
    attempt(
        "another key's kid",
        ErrorKind::DecryptFailed,
        64 * KIB,
        || verify(Strategy::Jwe, &v),
    );
    // The attacker's value under the current key's kid.
    let v = forge_jwe(&jwe_header(keys().jwe_kid()), claims("t").as_bytes(), &key);
    attempt(
        "current kid, attacker's key",
        ErrorKind::DecryptFailed,
        64 * KIB,
        || verify(Strategy::Jwe, &v),
    );
    // jwt ignores kid (as jose does with a secret): a path there changes nothing.
    let v = forge_jwt(
        r#"{"alg":"HS256","kid":"../../etc/passwd"}"#,
        claims("t").as_bytes(),
        ATTACKER,
    );
    attempt("jwt kid path", ErrorKind::BadSignature, 64 * KIB, || {
        verify(Strategy::Jwt, &v)
    });
}

#[test]
fn attack_key_location_headers_are_never_followed() {
    // jku, x5u, an embedded jwk or x5c: no key is ever fetched or taken from the value;
    // a value the attacker signed or encrypted with their own key stays refused.
    let attacker_jwk = format!(r#"{{"kty":"oct","k":"{}"}}"#, b64(ATTACKER.as_bytes()));
    let extras = [
        r#""jku":"https://attacker.example/jwks.json""#.to_owned(),
        r#""x5u":"https://attacker.example/cert.pem""#.to_owned(),
        format!(r#""jwk":{attacker_jwk}"#),
        r#""x5c":["MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"]"#.to_owned(),
    ];
    for extra in &extras {
        let v = forge_jwt(
            &format!(r#"{{"alg":"HS256",{extra}}}"#),
            claims("t").as_bytes(),
            ATTACKER,
        );
        attempt(extra, ErrorKind::BadSignature, 64 * KIB, || {
            verify(Strategy::Jwt, &v)
        });
        let v = forge_jwe(
            &format!(r#"{{"alg":"dir","enc":"A256CBC-HS512",{extra}}}"#),
            claims("t").as_bytes(),
            &jwe_key(ATTACKER),
        );
        attempt(extra, ErrorKind::DecryptFailed, 64 * KIB, || {
            verify(Strategy::Jwe, &v)
        });
    }
}

#[test]
fn attack_crit_zip_and_b64_false() {
    // Validly signed or encrypted with the real key, yet refused: an extension this
    // verifier does not implement must not be silently ignored.
    let signed = |header: &str| forge_jwt(header, claims("t").as_bytes(), CURRENT);
    for header in [
        r#"{"alg":"HS256","crit":["exp"],"exp":1}"#,
        r#"{"alg":"HS256","crit":["http://example.com/ext"]}"#,
        r#"{"alg":"HS256","crit":[]}"#,
        r#"{"alg":"HS256","crit":"b64"}"#,
        r#"{"alg":"HS256","crit":["b64"],"b64":false}"#,
        r#"{"alg":"HS256","crit":["b64"]}"#,
    ] {
        attempt(header, ErrorKind::UnsupportedAlgorithm, 64 * KIB, || {
            verify(Strategy::Jwt, &signed(header))
        });
    }
    let kid = keys().jwe_kid().to_owned();
    for header in [
        format!(r#"{{"alg":"dir","enc":"A256CBC-HS512","kid":"{kid}","zip":"DEF"}}"#),
        format!(r#"{{"alg":"dir","enc":"A256CBC-HS512","kid":"{kid}","crit":["exp"]}}"#),
    ] {
        let v = forge_jwe(&header, claims("t").as_bytes(), &jwe_key(CURRENT));
        attempt(&header, ErrorKind::UnsupportedAlgorithm, 64 * KIB, || {
            verify(Strategy::Jwe, &v)
        });
    }
    // A compressed-looking plaintext is never inflated: a "zip bomb" costs nothing.
    let bomb = vec![0u8; 64 * KIB];
    let header = format!(r#"{{"alg":"dir","enc":"A256CBC-HS512","kid":"{kid}","zip":"DEF"}}"#);
    let v = forge_jwe(&header, &bomb, &jwe_key(CURRENT));
    attempt(
        "zip bomb",
        ErrorKind::UnsupportedAlgorithm,
        64 * KIB,
        || verify(Strategy::Jwe, &v),
    );
}

#[test]
fn attack_enc_and_alg_swaps() {
    let key = jwe_key(CURRENT);
    let kid = keys().jwe_kid().to_owned();
    for (header, kind) in [
        (
            format!(r#"{{"alg":"dir","enc":"A128CBC-HS256","kid":"{kid}"}}"#),
            ErrorKind::UnsupportedAlgorithm,
        ),
        (
            format!(r#"{{"alg":"dir","enc":"A192CBC-HS384","kid":"{kid}"}}"#),
            ErrorKind::UnsupportedAlgorithm,
        ),
        (
            // Listed by Better Auth, but a 64-byte key is never an A256GCM key.
            format!(r#"{{"alg":"dir","enc":"A256GCM","kid":"{kid}"}}"#),
            ErrorKind::DecryptFailed,
        ),
        (
            format!(r#"{{"alg":"A256KW","enc":"A256CBC-HS512","kid":"{kid}"}}"#),
            ErrorKind::UnsupportedAlgorithm,
        ),
        (
            format!(r#"{{"alg":"HS256","enc":"A256CBC-HS512","kid":"{kid}"}}"#),
            ErrorKind::UnsupportedAlgorithm,
        ),
        (
            format!(r#"{{"alg":"dir","kid":"{kid}"}}"#),
            ErrorKind::UnsupportedAlgorithm,
        ),
    ] {
        let v = forge_jwe(&header, claims("t").as_bytes(), &key);
        attempt(&header, kind, 64 * KIB, || verify(Strategy::Jwe, &v));
    }
    // One format handed to another's verifier.
    let jwe_value = jwe::encode(&payload("t"), &keys(), &EncodeOptions::default(), NOW).unwrap();
    let jwt_value = jwt::encode(&payload("t"), &keys(), &EncodeOptions::default(), NOW).unwrap();
    attempt("jwe as jwt", ErrorKind::Malformed, 64 * KIB, || {
        verify(Strategy::Jwt, &jwe_value)
    });
    attempt("jwt as jwe", ErrorKind::Malformed, 64 * KIB, || {
        verify(Strategy::Jwe, &jwt_value)
    });
    attempt("jwt as compact", ErrorKind::Malformed, 64 * KIB, || {
        verify(Strategy::Compact, &jwt_value)
    });
    // A JWS header on a JWE-shaped value, and the reverse.
    let p = parts(&jwt_value);
    let v = format!("{}..{}.{}.{}", p[0], b64(&[0; 16]), p[1], p[2]);
    attempt(
        "jws header on a jwe",
        ErrorKind::UnsupportedAlgorithm,
        64 * KIB,
        || verify(Strategy::Jwe, &v),
    );
}

#[test]
fn attack_pbes2_with_a_huge_p2c() {
    // PBES2 would run p2c PBKDF2 iterations before anything else: refused on the header.
    let header = r#"{"alg":"PBES2-HS512+A256KW","enc":"A256CBC-HS512","p2s":"c2FsdHNhbHRzYWx0c2FsdA","p2c":2147483647}"#;
    let v = format!(
        "{}.{}.{}.{}.{}",
        b64(header.as_bytes()),
        b64(&[1; 40]),
        b64(&[2; 16]),
        b64(&[3; 64]),
        b64(&[4; 32])
    );
    attempt(
        "PBES2 p2c=2^31-1",
        ErrorKind::UnsupportedAlgorithm,
        64 * KIB,
        || verify(Strategy::Jwe, &v),
    );
}

#[test]
fn attack_non_empty_encrypted_key_with_dir() {
    let v = forge_jwe(
        &jwe_header(keys().jwe_kid()),
        claims("t").as_bytes(),
        &jwe_key(CURRENT),
    );
    let mut p = parts(&v);
    for key in [b64(&[0u8; 1]), b64(&jwe_key(CURRENT)), "AAAA".to_owned()] {
        p[1] = key;
        let forged = p.join(".");
        attempt(
            "dir with an encrypted key",
            ErrorKind::Malformed,
            64 * KIB,
            || verify(Strategy::Jwe, &forged),
        );
    }
}

#[test]
fn attack_truncated_and_empty_tags() {
    let keys = keys();
    let good_jwe = jwe::encode(&payload("t"), &keys, &EncodeOptions::default(), NOW).unwrap();
    let good_jwt = jwt::encode(&payload("t"), &keys, &EncodeOptions::default(), NOW).unwrap();
    let mut p = parts(&good_jwe);
    let tag = unb64(&p[4]);
    for len in [0, 1, 16, 31] {
        p[4] = b64(&tag[..len]);
        let v = p.join(".");
        attempt(
            "truncated JWE tag",
            ErrorKind::DecryptFailed,
            64 * KIB,
            || verify(Strategy::Jwe, &v),
        );
    }
    // A longer tag (the full HMAC-SHA512) is no tag either.
    p[4] = b64(&[0u8; 64]);
    let v = p.join(".");
    attempt("64-byte JWE tag", ErrorKind::Malformed, 64 * KIB, || {
        verify(Strategy::Jwe, &v)
    });
    let mut p = parts(&good_jwt);
    let sig = unb64(&p[2]);
    for len in [0, 1, 16, 31] {
        p[2] = b64(&sig[..len]);
        let v = p.join(".");
        attempt(
            "truncated JWT signature",
            ErrorKind::BadSignature,
            64 * KIB,
            || verify(Strategy::Jwt, &v),
        );
    }
    // compact: the signature inside the JSON, truncated or empty.
    let good = compact::encode(&payload("t"), &keys, &EncodeOptions::default(), NOW).unwrap();
    let text = String::from_utf8(unb64(&good)).unwrap();
    let start = text.find("\"signature\":\"").unwrap() + 13;
    let sig = &text[start..text.len() - 2];
    for len in [0, 2, 22, 42] {
        let forged = format!("{}{}\"}}", &text[..start], &sig[..len]);
        let v = b64(forged.as_bytes());
        attempt(
            "truncated compact signature",
            ErrorKind::BadSignature,
            64 * KIB,
            || verify(Strategy::Compact, &v),
        );
    }
}

#[test]
fn attack_a_flipped_bit_in_each_jwe_part() {
    let keys = keys();
    let good = jwe::encode(&payload("t"), &keys, &EncodeOptions::default(), NOW).unwrap();
    let p = parts(&good);
    let mut header_kinds = std::collections::BTreeSet::new();
    // IV, ciphertext, tag: every bit of the decoded bytes. The tag is what fails.
    for part in [2, 3, 4] {
        let bytes = unb64(&p[part]);
        for bit in 0..bytes.len() * 8 {
            let mut b = bytes.clone();
            b[bit / 8] ^= 1 << (bit % 8);
            let mut q = p.clone();
            q[part] = b64(&b);
            let v = q.join(".");
            let message = attempt(
                "flipped JWE bit",
                ErrorKind::DecryptFailed,
                64 * KIB,
                || verify(Strategy::Jwe, &v),
            );
            assert!(message.contains("tag"), "part {part} bit {bit}: {message}");
        }
    }
    // The protected header (the AAD): never accepted; what fails depends on the bit.
    let header = unb64(&p[0]);
    for bit in 0..header.len() * 8 {
        let mut b = header.clone();
        b[bit / 8] ^= 1 << (bit % 8);
        let mut q = p.clone();
        q[0] = b64(&b);
        let v = q.join(".");
        let (result, took, _) = measured(|| verify(Strategy::Jwe, &v));
        let err = result.expect_err("a flipped header bit must not verify");
        assert!(took < TIME_LIMIT);
        header_kinds.insert(err.kind().as_str());
    }
    let allowed = [
        "malformed",
        "unsupported_algorithm",
        "unknown_key",
        "decrypt_failed",
    ];
    assert!(
        header_kinds.iter().all(|k| allowed.contains(k)),
        "{header_kinds:?}"
    );
    // The encrypted-key part of `dir` is empty: any byte there is refused.
    let mut q = p.clone();
    q[1] = "AA".to_owned();
    let v = q.join(".");
    attempt(
        "byte in the encrypted key",
        ErrorKind::Malformed,
        64 * KIB,
        || verify(Strategy::Jwe, &v),
    );
}

#[test]
fn attack_the_tag_is_checked_before_any_decryption() {
    // A ciphertext whose padding is broken: with a wrong tag the failure is the tag's
    // (the padding is never looked at: no padding oracle); with an authentic tag, which
    // only the key holder can make, it is the padding's. Both are `decrypt_failed`; the
    // comparison of tags is constant-time (`subtle`).
    let key = jwe_key(CURRENT);
    let header = jwe_header(keys().jwe_kid());
    let aad = b64(header.as_bytes());
    let iv = [9u8; 16];
    let ct = [0x5au8; 48];
    let tag = cbc_tag(&key[..32], aad.as_bytes(), &iv, &ct);
    let authentic = format!("{aad}..{}.{}.{}", b64(&iv), b64(&ct), b64(&tag));
    let message = attempt(
        "bad padding, good tag",
        ErrorKind::DecryptFailed,
        64 * KIB,
        || verify(Strategy::Jwe, &authentic),
    );
    assert!(message.contains("padding"), "{message}");
    let mut wrong = tag.clone();
    wrong[5] ^= 0x10;
    let forged = format!("{aad}..{}.{}.{}", b64(&iv), b64(&ct), b64(&wrong));
    let message = attempt(
        "bad padding, bad tag",
        ErrorKind::DecryptFailed,
        64 * KIB,
        || verify(Strategy::Jwe, &forged),
    );
    assert!(message.contains("tag"), "{message}");
    // A ciphertext that is not a whole number of blocks, under a wrong tag: the tag.
    let forged = format!("{aad}..{}.{}.{}", b64(&iv), b64(&ct[..17]), b64(&wrong));
    let message = attempt(
        "partial block, bad tag",
        ErrorKind::DecryptFailed,
        64 * KIB,
        || verify(Strategy::Jwe, &forged),
    );
    assert!(message.contains("tag"), "{message}");
}

#[test]
fn attack_flipped_bits_in_jwt_and_compact() {
    let keys = keys();
    for strategy in [Strategy::Jwt, Strategy::Compact] {
        let good = strategy
            .encode(&payload("t"), &keys, &EncodeOptions::default(), NOW)
            .unwrap();
        let bytes = good.as_bytes();
        for i in 0..bytes.len() {
            for bit in 0..8 {
                let mut b = bytes.to_vec();
                b[i] ^= 1 << bit;
                let Ok(v) = String::from_utf8(b) else {
                    continue;
                };
                if let Ok(cache) = verify_any(strategy, &v) {
                    panic!("{strategy} accepted a changed value: {:?}", cache.payload());
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// The session check: whose session, which cookie, when.
// ---------------------------------------------------------------------------------------

fn header_for(strategy: Strategy, token: &str, cache_token: &str, names: (&str, &str)) -> String {
    let keys = keys();
    let data = strategy
        .encode(&payload(cache_token), &keys, &EncodeOptions::default(), NOW)
        .unwrap();
    format!(
        "{}={}; {}={data}",
        names.0,
        sign_cookie_value(token, &keys),
        names.1
    )
}

const PLAIN: (&str, &str) = ("better-auth.session_token", "better-auth.session_data");
const SECURE: (&str, &str) = (
    "__Secure-better-auth.session_token",
    "__Secure-better-auth.session_data",
);

#[test]
fn attack_a_valid_cache_for_another_session() {
    for strategy in Strategy::ALL {
        let header = header_for(strategy, "victim-token", "attacker-token", PLAIN);
        attempt(
            "cache of another session",
            ErrorKind::TokenMismatch,
            256 * KIB,
            || check_session(&header, &keys(), &SessionConfig::new(strategy), NOW),
        );
    }
}

#[test]
fn attack_another_prefix_or_cookie_name() {
    let strategy = Strategy::Jwe;
    let config = SessionConfig::new(strategy).with_prefix("app");
    let header = header_for(strategy, "t", "t", PLAIN);
    attempt(
        "cookies of another prefix",
        ErrorKind::NoToken,
        256 * KIB,
        || check_session(&header, &keys(), &config, NOW),
    );
    let header = header_for(
        strategy,
        "t",
        "t",
        ("app.session_token", "better-auth.session_data"),
    );
    attempt(
        "cache under another prefix",
        ErrorKind::NoCache,
        256 * KIB,
        || check_session(&header, &keys(), &config, NOW),
    );
    let mut naming = CookieNaming::new("app").with_custom_name(CookieKind::SessionData, "cache");
    naming.spelling = Spelling::Plain;
    let mut config = SessionConfig::new(strategy);
    config.cookies = naming;
    let header = header_for(
        strategy,
        "t",
        "t",
        ("app.session_token", "app.session_data"),
    );
    attempt(
        "cache under the default name, custom expected",
        ErrorKind::NoCache,
        256 * KIB,
        || check_session(&header, &keys(), &config, NOW),
    );
    // A cache minted under another deployment's secret, renamed to this one's cookie.
    let foreign = Strategy::Jwe
        .encode(
            &payload("t"),
            &attacker_keys(),
            &EncodeOptions::default(),
            NOW,
        )
        .unwrap();
    let header = format!(
        "better-auth.session_token={}; better-auth.session_data={foreign}",
        sign_cookie_value("t", &keys())
    );
    attempt(
        "another deployment's cache",
        ErrorKind::UnknownKey,
        256 * KIB,
        || check_session(&header, &keys(), &SessionConfig::new(Strategy::Jwe), NOW),
    );
}

#[test]
fn attack_replay_after_expiry() {
    for strategy in Strategy::ALL {
        let header = header_for(strategy, "t", "t", PLAIN);
        let config = SessionConfig::new(strategy);
        assert!(check_session(&header, &keys(), &config, NOW).is_ok());
        // One second past the 300 s the cache lives.
        attempt("replay after expiry", ErrorKind::Expired, 256 * KIB, || {
            check_session(&header, &keys(), &config, NOW + 301_000)
        });
    }
    // jwe's 15 s of tolerance is jose's, in verification; the session check, as
    // getSession, compares the expiry again with none.
    let header = header_for(Strategy::Jwe, "t", "t", PLAIN);
    let exp_ms = (NOW / 1000 + 300) * 1000;
    assert!(jwe::verify(
        header.split("session_data=").nth(1).unwrap(),
        &keys(),
        &VerifyOptions::default(),
        exp_ms + 10_000
    )
    .is_ok());
    attempt(
        "jwe inside jose's tolerance",
        ErrorKind::Expired,
        256 * KIB,
        || {
            check_session(
                &header,
                &keys(),
                &SessionConfig::new(Strategy::Jwe),
                exp_ms + 10_000,
            )
        },
    );
    // The embedded session's own expiry (2026-11-29T06:29:25.877Z).
    let header = header_for(Strategy::Compact, "t", "t", PLAIN);
    let session_end = session_cache::jsdate::parse_iso_ms("2026-11-29T06:29:25.877Z").unwrap();
    let keys_ = keys();
    let data = compact::encode(
        &payload("t"),
        &keys_,
        &EncodeOptions::default().with_max_age(30 * 86_400),
        NOW,
    )
    .unwrap();
    let long = format!(
        "{}; better-auth.session_data={data}",
        header.split("; ").next().unwrap()
    );
    attempt(
        "session expired",
        ErrorKind::SessionExpired,
        256 * KIB,
        || {
            check_session(
                &long,
                &keys_,
                &SessionConfig::new(Strategy::Compact),
                session_end + 1,
            )
        },
    );
}

#[test]
fn attack_secure_and_plain_spellings_both_present() {
    let strategy = Strategy::Compact;
    // The victim's __Secure- cookies, and an attacker's own valid session planted under
    // the plain names (cookie tossing from a sibling subdomain).
    let victim = header_for(strategy, "victim", "victim", SECURE);
    let attacker = header_for(strategy, "attacker", "attacker", PLAIN);
    let both = format!("{attacker}; {victim}");
    for spelling in [Spelling::Secure, Spelling::Either] {
        let config = SessionConfig::new(strategy).with_spelling(spelling);
        let check = check_session(&both, &keys(), &config, NOW).unwrap();
        assert_eq!(
            check.token(),
            "victim",
            "{spelling:?}: the __Secure- cookies win"
        );
        assert!(check.is_secure());
    }
    // With only the planted plain cookies, a Secure reader finds nothing...
    let config = SessionConfig::new(strategy).with_spelling(Spelling::Secure);
    attempt(
        "planted plain cookies",
        ErrorKind::NoToken,
        256 * KIB,
        || check_session(&attacker, &keys(), &config, NOW),
    );
    // ...while Either (the default, Better Auth's getSessionCookie) takes them: the
    // documented reason to set Spelling::Secure on https.
    let config = SessionConfig::new(strategy).with_spelling(Spelling::Either);
    assert_eq!(
        check_session(&attacker, &keys(), &config, NOW)
            .unwrap()
            .token(),
        "attacker"
    );
    // A __Secure- token with a plain cache: names are never mixed.
    let mixed = header_for(strategy, "victim", "victim", (SECURE.0, PLAIN.1));
    for spelling in [Spelling::Secure, Spelling::Either] {
        let config = SessionConfig::new(strategy).with_spelling(spelling);
        attempt(
            "secure token, plain cache",
            ErrorKind::NoCache,
            256 * KIB,
            || check_session(&mixed, &keys(), &config, NOW),
        );
    }
}

#[test]
fn attack_forged_session_token() {
    let strategy = Strategy::Compact;
    let data = compact::encode(&payload("t"), &keys(), &EncodeOptions::default(), NOW).unwrap();
    let config = SessionConfig::new(strategy);
    let forged = sign_cookie_value("t", &attacker_keys());
    let header = format!("better-auth.session_token={forged}; better-auth.session_data={data}");
    attempt(
        "token signed by another secret",
        ErrorKind::BadTokenSignature,
        256 * KIB,
        || check_session(&header, &keys(), &config, NOW),
    );
    let header = format!("better-auth.session_token=t; better-auth.session_data={data}");
    attempt(
        "unsigned token",
        ErrorKind::BadTokenSignature,
        256 * KIB,
        || check_session(&header, &keys(), &config, NOW),
    );
    // The signature's last character changed in its unused bits: better-call's atob
    // accepts it; one spelling only here.
    let good = sign_cookie_value("t", &keys());
    let decoded = good
        .replace("%2F", "/")
        .replace("%2B", "+")
        .replace("%3D", "=");
    let sig_last = decoded.len() - 2;
    let mut b = decoded.into_bytes();
    // The 43rd character carries 4 bits of the MAC and 2 unused ones: set the lowest.
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let i = alphabet.iter().position(|&a| a == b[sig_last]).unwrap();
    b[sig_last] = alphabet[i ^ 1];
    let respelled = String::from_utf8(b).unwrap();
    let header = format!(
        "better-auth.session_token={}; better-auth.session_data={data}",
        session_cache::cookie::encode_uri_component(&respelled)
    );
    attempt(
        "non-canonical token signature",
        ErrorKind::BadTokenSignature,
        256 * KIB,
        || check_session(&header, &keys(), &config, NOW),
    );
}

// ---------------------------------------------------------------------------------------
// JSON: duplicates, and texts that JavaScript and a naive serializer write differently.
// ---------------------------------------------------------------------------------------

/// The compact value's outer JSON text.
fn compact_text(value: &str) -> String {
    String::from_utf8(unb64(value)).unwrap()
}

#[test]
fn attack_duplicate_json_keys() {
    let keys = keys();
    let good = compact::encode(&payload("tok"), &keys, &EncodeOptions::default(), NOW).unwrap();
    let text = compact_text(&good);
    // A duplicate placed first keeps the first position and loses its value (as in
    // JavaScript): the MAC still verifies, and what is returned is what was signed.
    let smuggled = text.replacen(
        r#""token":"tok""#,
        r#""token":"admin-token","token":"tok""#,
        1,
    );
    let cache = verify(Strategy::Compact, &b64(smuggled.as_bytes())).unwrap();
    assert_eq!(cache.session().token, "tok");
    assert_eq!(cache.payload().to_json(), payload("tok").to_json());
    // Placed last, it wins and the MAC fails.
    let smuggled = text.replacen(
        r#""token":"tok""#,
        r#""token":"tok","token":"admin-token""#,
        1,
    );
    attempt(
        "duplicate token last",
        ErrorKind::BadSignature,
        64 * KIB,
        || verify(Strategy::Compact, &b64(smuggled.as_bytes())),
    );
    // A second outer expiresAt, later: the last wins, and the MAC covers it.
    let extended = format!("{},\"expiresAt\":99999999999999}}", &text[..text.len() - 1]);
    attempt(
        "duplicate outer expiresAt",
        ErrorKind::BadSignature,
        64 * KIB,
        || verify(Strategy::Compact, &b64(extended.as_bytes())),
    );
    // jwt/jwe: the signature covers the bytes; a key holder's duplicate `exp` is read as
    // jose reads it, the last one.
    let iat = NOW / 1000;
    let p = payload_json("t");
    let body = &p[..p.len() - 1];
    let expired_last = format!("{body},\"exp\":{},\"exp\":{}}}", iat + 300, iat - 1);
    let v = forge_jwt(r#"{"alg":"HS256"}"#, expired_last.as_bytes(), CURRENT);
    attempt(
        "duplicate exp, expired last",
        ErrorKind::Expired,
        64 * KIB,
        || verify(Strategy::Jwt, &v),
    );
    let valid_last = format!("{body},\"exp\":{},\"exp\":{}}}", iat - 1, iat + 300);
    let v = forge_jwt(r#"{"alg":"HS256"}"#, valid_last.as_bytes(), CURRENT);
    assert!(verify(Strategy::Jwt, &v).is_ok());
}

#[test]
fn attack_numbers_and_strings_that_serialize_differently() {
    // A payload with values a naive serializer writes differently from V8; the
    // encoder writes them as JSON.stringify does (pinned by the vectors).
    let keys = keys();
    let mut text = payload_json("t");
    text.insert_str(
        text.len() - 1,
        r#","extra":[1e21,1e-7,0.30000000000000004,-0,9007199254740993,1.5e300,5e-324,"\ud800","\u2028","\u007f","\u0000"]"#,
    );
    let p = Payload::from_json(&text).unwrap();
    let value = compact::encode(&p, &keys, &EncodeOptions::default(), NOW).unwrap();
    let signed = compact_text(&value);
    assert!(signed.contains(
        r#"[1e+21,1e-7,0.30000000000000004,0,9007199254740992,1.5e+300,5e-324,"\ud800","#
    ));
    // The same values spelled otherwise: Better Auth re-serializes before the MAC, so
    // these verify there, and here, with the very payload that was signed.
    for (from, to) in [
        ("1e+21", "1000000000000000000000"),
        ("1e-7", "0.0000001"),
        ("9007199254740992", "9007199254740993"),
        ("1.5e+300", "15E299"),
        ("5e-324", "4.9406564584124654e-324"),
        (r#""\ud800""#, r#""\uD800""#),
        ("1795328965877", "1.795328965877e12"),
    ] {
        let respelled = signed.replacen(from, to, 1);
        assert_ne!(respelled, signed, "{from}");
        let cache = verify(Strategy::Compact, &b64(respelled.as_bytes()))
            .unwrap_or_else(|e| panic!("{from} -> {to}: {e}"));
        assert_eq!(cache.payload().to_json(), p.to_json());
    }
    // Another value, however close, is another payload.
    for (from, to) in [
        ("0.30000000000000004", "0.3"),
        ("5e-324", "1e-323"),
        ("9007199254740992", "9007199254740994"),
        (r#""\ud800""#, r#""\ud801""#),
    ] {
        let changed = signed.replacen(from, to, 1);
        attempt(from, ErrorKind::BadSignature, 64 * KIB, || {
            verify(Strategy::Compact, &b64(changed.as_bytes()))
        });
    }
}

// ---------------------------------------------------------------------------------------
// Size, depth and encoding.
// ---------------------------------------------------------------------------------------

#[test]
fn attack_a_one_megabyte_header() {
    let header = format!(
        "better-auth.session_token={}; better-auth.session_data={}",
        "a".repeat(10),
        "A".repeat(MIB)
    );
    // Refused on its length, before it is parsed: nothing is allocated (the keyring,
    // configuration, is built before).
    let keyring = keys();
    attempt("1 MB Cookie header", ErrorKind::TooLarge, 4 * KIB, || {
        check_session(&header, &keyring, &SessionConfig::new(Strategy::Jwe), NOW)
    });
    let value = "A".repeat(MIB);
    for strategy in Strategy::ALL {
        attempt("1 MB value", ErrorKind::TooLarge, 4 * KIB, || {
            strategy.verify(&value, &keyring, &VerifyOptions::default(), NOW)
        });
    }
    // Just under the limits, garbage still fails fast, in memory proportional to it.
    let value = "A".repeat(defaults::MAX_VALUE_LEN);
    attempt("512 KiB value", ErrorKind::Malformed, 2 * MIB, || {
        verify(Strategy::Compact, &value)
    });
}

fn chunked_header(token_cookie: &str, chunks: &[String]) -> String {
    let mut header = token_cookie.to_owned();
    for (i, c) in chunks.iter().enumerate() {
        header.push_str(&format!("; better-auth.session_data.{i}={c}"));
    }
    header
}

#[test]
fn attack_a_hundred_chunk_cookie() {
    let keys = keys();
    let token = format!(
        "better-auth.session_token={}",
        sign_cookie_value("t", &keys)
    );
    let config = SessionConfig::new(Strategy::Jwe);
    // 100 chunks of garbage: joined and refused, fast, in bounded memory.
    let garbage: Vec<String> = (0..100).map(|_| "A".repeat(3977)).collect();
    let header = chunked_header(&token, &garbage);
    attempt(
        "100 chunks of garbage",
        ErrorKind::Malformed,
        4 * MIB,
        || check_session(&header, &keys, &config, NOW),
    );
    // 101 chunks: more than Better Auth ever writes, refused before they are joined.
    let many: Vec<String> = (0..101).map(|_| "A".repeat(100)).collect();
    let header = chunked_header(&token, &many);
    attempt("101 chunks", ErrorKind::TooLarge, MIB, || {
        check_session(&header, &keys, &config, NOW)
    });
    // 100 chunks of a real cache (the most Better Auth writes): accepted.
    let mut text = payload_json("t");
    text.insert_str(
        text.len() - 1,
        &format!(r#","big":"{}""#, "x".repeat(280_000)),
    );
    let big = Payload::from_json(&text).unwrap();
    let value = jwe::encode(&big, &keys, &EncodeOptions::default(), NOW).unwrap();
    let size = 3977;
    let chunks: Vec<String> = value
        .as_bytes()
        .chunks(size)
        .map(|c| String::from_utf8(c.to_vec()).unwrap())
        .collect();
    assert!(chunks.len() <= 100 && chunks.len() > 90, "{}", chunks.len());
    let header = chunked_header(&token, &chunks);
    let (result, took, _) = measured(|| check_session(&header, &keys, &config, NOW));
    assert!(result.is_ok(), "{result:?}");
    assert!(took < TIME_LIMIT);
}

fn nested(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

#[test]
fn attack_a_hundred_thousand_nested_arrays() {
    let deep = nested(100_000);
    let (result, took, peak) = measured(|| json::parse(deep.as_bytes()));
    let err = result.unwrap_err();
    assert_eq!(err.kind(), json::JsonErrorKind::TooDeep);
    assert_eq!(err.offset(), json::MAX_DEPTH);
    assert!(took < TIME_LIMIT && peak < 256 * KIB, "{took:?} {peak}");
    // Exactly at the limit it parses, one more level does not.
    assert!(json::parse(nested(json::MAX_DEPTH).as_bytes()).is_ok());
    assert!(json::parse(nested(json::MAX_DEPTH + 1).as_bytes()).is_err());

    // Inside each format, where the key holder signed or encrypted it (the attacker
    // cannot): refused as malformed, after the MAC, quickly.
    let mut text = payload_json("t");
    text.insert_str(text.len() - 1, &format!(r#","deep":{deep}"#));
    let value = b64(format!(r#"{{"session":{text},"expiresAt":1,"signature":"x"}}"#).as_bytes());
    attempt(
        "deep compact payload",
        ErrorKind::Malformed,
        2 * MIB,
        || verify(Strategy::Compact, &value),
    );
    let claims = format!("{},\"exp\":{}}}", &text[..text.len() - 1], NOW / 1000 + 300);
    let v = forge_jwt(r#"{"alg":"HS256"}"#, claims.as_bytes(), CURRENT);
    attempt("deep jwt claims", ErrorKind::Malformed, 2 * MIB, || {
        verify(Strategy::Jwt, &v)
    });
    let v = forge_jwe(
        &jwe_header(keys().jwe_kid()),
        claims.as_bytes(),
        &jwe_key(CURRENT),
    );
    attempt("deep jwe claims", ErrorKind::Malformed, 2 * MIB, || {
        verify(Strategy::Jwe, &v)
    });
    // In a JOSE header, read before any key is used.
    let header = format!(r#"{{"alg":"HS256","x":{deep}}}"#);
    let v = forge_jwt(&header, self::claims("t").as_bytes(), ATTACKER);
    attempt("deep jwt header", ErrorKind::Malformed, 2 * MIB, || {
        verify(Strategy::Jwt, &v)
    });
    // And a payload built by an issuer: refused when it is built.
    assert_eq!(
        Payload::from_json(&text).unwrap_err().kind(),
        ErrorKind::InvalidPayload
    );
}

#[test]
fn attack_invalid_utf8() {
    let mut claims = claims("t").into_bytes();
    let at = claims.len() - 30;
    claims.splice(at..at, [0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0x80]);
    let v = forge_jwt(r#"{"alg":"HS256"}"#, &claims, CURRENT);
    attempt(
        "invalid UTF-8 jwt claims",
        ErrorKind::Malformed,
        64 * KIB,
        || verify(Strategy::Jwt, &v),
    );
    let v = forge_jwe(&jwe_header(keys().jwe_kid()), &claims, &jwe_key(CURRENT));
    attempt(
        "invalid UTF-8 jwe plaintext",
        ErrorKind::Malformed,
        64 * KIB,
        || verify(Strategy::Jwe, &v),
    );
    let header = b"{\"alg\":\"HS256\",\"x\":\"\xff\"}";
    let v = format!(
        "{}.{}.{}",
        b64(header),
        b64(claims.as_slice()),
        b64(&[0; 32])
    );
    attempt(
        "invalid UTF-8 jwt header",
        ErrorKind::Malformed,
        64 * KIB,
        || verify(Strategy::Jwt, &v),
    );
    let mut outer = compact_text(
        &compact::encode(&payload("t"), &keys(), &EncodeOptions::default(), NOW).unwrap(),
    )
    .into_bytes();
    outer.splice(20..20, [0xc3, 0x28]);
    let v = b64(&outer);
    attempt(
        "invalid UTF-8 compact",
        ErrorKind::Malformed,
        64 * KIB,
        || verify(Strategy::Compact, &v),
    );
    // A Cookie header's bytes are Latin-1 to the fetch Headers: each byte a character,
    // never an error; such a header just finds no valid session.
    let cookies = session_cache::cookie::RequestCookies::parse_bytes(
        b"better-auth.session_token=\xff\xfe; better-auth.session_data=\x80",
    );
    attempt(
        "Latin-1 header",
        ErrorKind::BadTokenSignature,
        64 * KIB,
        || session_cache::session::check_cookies(&cookies, &keys(), &SessionConfig::default(), NOW),
    );
}

#[test]
fn attack_non_canonical_base64() {
    let keys = keys();
    let good = compact::encode(&payload("t"), &keys, &EncodeOptions::default(), NOW).unwrap();
    // Better Auth's decoder takes all of these (see the crate docs); one spelling here.
    let standard = good.replace('-', "+").replace('_', "/");
    let mut forms = vec![
        format!("{good}="),
        format!("{good}=garbage"),
        format!("{good}=="),
        format!(" {good}"),
        format!("{good}\n"),
    ];
    if standard != good {
        forms.push(standard);
    }
    // The unused low bits of the last character.
    let last = good.as_bytes()[good.len() - 1];
    if good.len() % 4 != 0 {
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let i = alphabet.iter().position(|&a| a == last).unwrap();
        forms.push(format!(
            "{}{}",
            &good[..good.len() - 1],
            alphabet[i | 1] as char
        ));
    }
    for form in &forms {
        if form == &good {
            continue;
        }
        attempt(
            "non-canonical compact",
            ErrorKind::Malformed,
            64 * KIB,
            || verify(Strategy::Compact, form),
        );
    }
    // JOSE parts: padded, or in the standard alphabet.
    let good = jwe::encode(&payload("t"), &keys, &EncodeOptions::default(), NOW).unwrap();
    let mut p = parts(&good);
    p[2].push_str("==");
    let v = p.join(".");
    attempt("padded JWE IV", ErrorKind::Malformed, 64 * KIB, || {
        verify(Strategy::Jwe, &v)
    });
    let good = jwt::encode(&payload("t"), &keys, &EncodeOptions::default(), NOW).unwrap();
    let mut p = parts(&good);
    p[2].push('=');
    let v = p.join(".");
    attempt(
        "padded JWT signature",
        ErrorKind::BadSignature,
        64 * KIB,
        || verify(Strategy::Jwt, &v),
    );
}
