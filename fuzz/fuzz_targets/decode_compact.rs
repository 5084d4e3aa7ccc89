//! `compact` verification and decoding of arbitrary values: `<keys>\n<now>\n<value>`.
//! Every result is held to the oracles of `check_error` / `check_verified`.
#![no_main]
use libfuzzer_sys::fuzz_target;
use session_cache::Strategy;
use session_cache_fuzz::{verify_all, Input};

fuzz_target!(|data: &[u8]| {
    let Some(input) = Input::parse(data) else {
        return;
    };
    verify_all(
        Strategy::Compact,
        &input.rest_str(),
        &input.keys,
        input.now(),
    );
});
