//! Authentic values around fuzzed contents, so that fuzzing reaches past the MAC: the
//! claims (or compact payload) text and, for `jwt` and `jwe`, the protected header are
//! the fuzzer's; the signature or encryption is made with the keyring's current secret.
//!
//! Input: `<keys>\n<now> <expiresAt>\n<header>\n<claims…>` (an empty header line means
//! the one Better Auth writes). Oracles: every strategy's results as in `verify_all`,
//! and whatever `jwt` accepts, `jwe` (the same claims rules, 15 s more tolerance) accepts
//! too.
#![no_main]
use libfuzzer_sys::fuzz_target;
use session_cache::Strategy;
use session_cache_fuzz::{forge_compact, forge_jwe, forge_jwt, jwe_key, verify_all, Input};

fuzz_target!(|data: &[u8]| {
    let Some(input) = Input::parse(data) else {
        return;
    };
    let now = input.now();
    let (header, claims) = match input.rest.iter().position(|&b| b == b'\n') {
        Some(i) => (&input.rest[..i], &input.rest[i + 1..]),
        None => (&input.rest[..0], input.rest),
    };
    let secret = &input.current;
    let expires_at = input
        .param(1)
        .and_then(|p| p.parse::<f64>().ok())
        .unwrap_or((now + 300_000) as f64);

    let compact = forge_compact(claims, expires_at, secret.as_bytes());
    verify_all(Strategy::Compact, &compact, &input.keys, now);

    let jwt_header: &[u8] = if header.is_empty() {
        b"{\"alg\":\"HS256\"}"
    } else {
        header
    };
    let jwt = forge_jwt(jwt_header, claims, secret.as_bytes());
    let jwt_ok = verify_all(Strategy::Jwt, &jwt, &input.keys, now);

    let default_jwe_header = format!(
        "{{\"alg\":\"dir\",\"enc\":\"A256CBC-HS512\",\"kid\":\"{}\"}}",
        input.keys.jwe_kid()
    );
    let jwe_header: &[u8] = if header.is_empty() {
        default_jwe_header.as_bytes()
    } else {
        header
    };
    let jwe = forge_jwe(jwe_header, claims, &jwe_key(secret.as_bytes()));
    let jwe_ok = verify_all(Strategy::Jwe, &jwe, &input.keys, now);
    if header.is_empty() && jwt_ok {
        assert!(jwe_ok, "jwt accepted claims that jwe refused");
    }
});
