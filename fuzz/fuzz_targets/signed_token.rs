//! better-call's signed cookie values (the session token, `dont_remember`).
//!
//! Input: `<keys>\n-\n<value as the parser returns it>`. Oracles: an accepted value is
//! the signed value followed by its one canonical signature with the current secret.
#![no_main]
use libfuzzer_sys::fuzz_target;
use session_cache::cookie::{signed_value, verify_signed_value};
use session_cache::VerifyWith;
use session_cache_fuzz::{check_error, Input};

fuzz_target!(|data: &[u8]| {
    let Some(input) = Input::parse(data) else {
        return;
    };
    let value = input.rest_str();
    match verify_signed_value(&value, &input.keys, VerifyWith::CurrentSecret) {
        Ok(token) => assert_eq!(signed_value(&token, &input.keys), value, "one spelling"),
        Err(e) => check_error(&e),
    }
    match verify_signed_value(&value, &input.keys, VerifyWith::AnySecret) {
        Ok(token) => assert!(value.starts_with(&token)),
        Err(e) => check_error(&e),
    }
});
