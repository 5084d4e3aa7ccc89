//! Speed of the JWKS mode: each algorithm's session-cache JWT verification (and the
//! plugin's access tokens) on values minted by Better Auth 1.7.24's JWT plugin
//! (`vectors/jwks/cases.json`). `benches/node/jwks.mjs` times `jose.jwtVerify` and
//! Better Auth's `getCookieCache` on the same values and prints both side by side.
//!
//! ```sh
//! cargo bench --bench jwks && node benches/node/jwks.mjs
//! ```

use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;
use session_cache::json::{parse_object, Object, Value};
use session_cache::jwks::access_token::{self, AccessTokenOptions};
use session_cache::jwks::{self, Jwks, JwtOptions};
use session_cache::session::{check_session, SessionConfig};
use session_cache::{Policy, Strategy};

const CASES: &str = include_str!("../vectors/jwks/cases.json");
const ALGS: [&str; 5] = ["EdDSA", "ES256", "ES512", "RS256", "PS256"];
const ORIGIN: &str = "http://localhost:3000";

fn vector<'a>(file: &'a Object, name: &str) -> &'a Object {
    file.get("vectors")
        .and_then(Value::as_array)
        .unwrap()
        .iter()
        .filter_map(Value::as_object)
        .find(|v| v.get("name").and_then(Value::as_str) == Some(name))
        .unwrap_or_else(|| panic!("{name}"))
}

fn jwks_of(file: &Object, alg: &str) -> Jwks {
    let set = file
        .get("keySets")
        .and_then(Value::as_object)
        .and_then(|k| k.get(&format!("{alg}/single")))
        .and_then(Value::as_object)
        .and_then(|s| s.get("jwks"))
        .and_then(Value::as_object)
        .unwrap();
    Jwks::from_object(set).unwrap()
}

fn main() {
    let file = parse_object(CASES.as_bytes()).unwrap();
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    let options = JwtOptions::default().with_issuer(ORIGIN);
    for alg in ALGS {
        let jwks = jwks_of(&file, alg);
        let cache = vector(&file, &format!("{alg}/session/sign-in"));
        let value = cache
            .get("value")
            .and_then(Value::as_str)
            .unwrap()
            .to_owned();
        let header = cache
            .get("cookieHeader")
            .and_then(Value::as_str)
            .unwrap()
            .to_owned();
        let now = cache.get("now").and_then(Value::as_f64).unwrap() as i64;
        // Only a value that verifies is worth timing.
        jwks::verify(&value, &jwks, &options, now).expect("the session cache verifies");
        c.bench_function(&format!("jwks/{alg}/verify"), |b| {
            b.iter(|| jwks::verify(black_box(&value), &jwks, &options, now).unwrap())
        });
        let policy = Policy::cookie_cache();
        c.bench_function(&format!("jwks/{alg}/decode"), |b| {
            b.iter(|| jwks::decode(black_box(&value), &jwks, &options, &policy, now).unwrap())
        });
        let config = SessionConfig::new(Strategy::Jwt).with_issuer(ORIGIN);
        check_session(&header, &jwks, &config, now).expect("the session check passes");
        c.bench_function(&format!("jwks/{alg}/session"), |b| {
            b.iter(|| check_session(black_box(&header), &jwks, &config, now).unwrap())
        });
        let token = vector(&file, &format!("{alg}/access/token-endpoint"));
        let token_value = token
            .get("value")
            .and_then(Value::as_str)
            .unwrap()
            .to_owned();
        let token_now = token.get("now").and_then(Value::as_f64).unwrap() as i64;
        let access = AccessTokenOptions::new(ORIGIN, ORIGIN);
        access_token::verify(&token_value, &jwks, &access, token_now).expect("the token verifies");
        c.bench_function(&format!("jwks/{alg}/access-token"), |b| {
            b.iter(|| {
                access_token::verify(black_box(&token_value), &jwks, &access, token_now).unwrap()
            })
        });
    }
    // Parsing the key set once (point decompression, RSA checks): what a refetch costs.
    let served = file
        .get("keySets")
        .and_then(Value::as_object)
        .and_then(|k| k.get("EdDSA/rotation"))
        .and_then(Value::as_object)
        .and_then(|s| s.get("jwks"))
        .map(Value::to_js_string)
        .unwrap();
    c.bench_function("jwks/parse-2-keys", |b| {
        b.iter(|| Jwks::from_json(black_box(&served)).unwrap())
    });
    c.final_summary();
}
