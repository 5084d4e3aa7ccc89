//! The offline session check on a whole `Cookie` header.
//!
//! Input: `<keys>\n<now> <strategy> <spelling> <prefix> <version>\n<Cookie header>`
//! (`strategy`: compact, jwt, jwe; `spelling`: secure, plain, either; `-` for a default).
//! Oracles: errors are typed and short; an accepted session is bound to its token, not
//! expired, and verified by the strategy asked for.
#![no_main]
use libfuzzer_sys::fuzz_target;
use session_cache::cookie::Spelling;
use session_cache::session::{check_session, SessionConfig};
use session_cache::{Strategy, VerifyWith};
use session_cache_fuzz::{check_error, Input};

fuzz_target!(|data: &[u8]| {
    let Some(input) = Input::parse(data) else {
        return;
    };
    let now = input.now();
    let strategy = input
        .param(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(Strategy::Compact);
    let spelling = match input.param(2) {
        Some("secure") => Spelling::Secure,
        Some("plain") => Spelling::Plain,
        _ => Spelling::Either,
    };
    let mut config = SessionConfig::new(strategy).with_spelling(spelling);
    if let Some(prefix) = input.param(3) {
        config = config.with_prefix(prefix);
    }
    if let Some(version) = input.param(4) {
        config = config.with_version(version);
    }
    let header = input.rest_str();
    for with in [VerifyWith::CurrentSecret, VerifyWith::AnySecret] {
        let config = config.clone().with_secrets(with).with_update_age(60);
        match check_session(&header, &input.keys, &config, now) {
            Ok(check) => {
                assert_eq!(check.token(), check.cache().session().token);
                assert!(check.cache().expires_at() as f64 >= now as f64 - 1.0);
                assert_eq!(check.cache().strategy(), strategy);
                let _ = format!("{check:?}");
            }
            Err(e) => check_error(&e),
        }
    }
});
