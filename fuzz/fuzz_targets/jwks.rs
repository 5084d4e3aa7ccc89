//! Public-key sessions: a fuzzed key set (the JSON of `GET /api/auth/jwks`) and a fuzzed
//! token or Cookie header under it, through every entry point that takes them — the
//! session cache value, the access token, and the whole offline check in JWKS mode.
//!
//! Input: `<now>\n<key set JSON, one line>\n<token or Cookie header>`. Oracles: no
//! panic, hang or unbounded memory (the harness's limits); a refused key set or token is
//! a typed error whose message can be printed; the same input gives the same answer
//! twice; an accepted session cache is bound to a session and has not expired at `now`.
#![no_main]
use libfuzzer_sys::fuzz_target;
use session_cache::jwks::access_token::{self, AccessTokenOptions};
use session_cache::jwks::{self, Jwks, JwtOptions};
use session_cache::session::{check_session, SessionConfig};
use session_cache::Strategy;
use session_cache_fuzz::NOW;

fuzz_target!(|data: &[u8]| {
    let mut lines = data.splitn(3, |&b| b == b'\n');
    let (Some(now), Some(set)) = (lines.next(), lines.next()) else {
        return;
    };
    let rest = String::from_utf8_lossy(lines.next().unwrap_or_default());
    let now = std::str::from_utf8(now)
        .ok()
        .and_then(|t| t.trim().parse::<i64>().ok())
        .unwrap_or(NOW);
    let Ok(set) = std::str::from_utf8(set) else {
        return;
    };
    let jwks = match Jwks::from_json(set) {
        Ok(jwks) => jwks,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };

    let options = JwtOptions::default();
    let first = jwks::verify(&rest, &jwks, &options, now);
    let again = jwks::verify(&rest, &jwks, &options, now);
    match (&first, &again) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.expires_at(), b.expires_at());
            assert!(!a.payload().session_token().is_empty(), "a cache bound to no session");
            let leeway_ms = i64::try_from(options.leeway).unwrap_or(i64::MAX).saturating_mul(1000);
            assert!(
                a.expires_at().saturating_add(leeway_ms) >= now,
                "accepted past its exp and the tolerance"
            );
        }
        (Err(a), Err(b)) => {
            assert_eq!(a.kind(), b.kind());
            let _ = a.to_string();
        }
        _ => panic!("the same input verified once and was refused once"),
    }

    let origin = "http://localhost:3000";
    match access_token::verify(&rest, &jwks, &AccessTokenOptions::new(origin, origin), now) {
        Ok(token) => {
            let _ = token.expires_at();
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }

    if let Err(e) = check_session(&rest, &jwks, &SessionConfig::new(Strategy::Jwt), now) {
        let _ = e.to_string();
    }
});
