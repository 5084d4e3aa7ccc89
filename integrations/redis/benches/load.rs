//! Load check on loopback: verifications per second with the local cache warm and cold,
//! and Redis round trips per verification. A throwaway `redis-server` is started on a
//! free port; sessions are minted by the library and their token keys written to Redis
//! as Better Auth writes them.
//!
//! ```sh
//! cargo bench -p session-cache-redis --features tokio --bench load   # ~30 s after the build
//! ```
//!
//! `LOAD_SECONDS` (default 2) sets the length of each measurement.

#[path = "../tests/support/mod.rs"]
mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use session_cache::cookie::sign_cookie_value;
use session_cache::session::{check_session, SessionConfig};
use session_cache::{EncodeOptions, Keyring, Payload, Strategy};
use session_cache_redis::{now_ms, AsyncRevocationChecker, Options, RevocationChecker};
use support::RedisServer;

const SESSIONS: usize = 10_000;

fn seconds() -> Duration {
    let s = std::env::var("LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(2.0);
    Duration::from_secs_f64(s)
}

/// `SESSIONS` Cookie headers (jwe) and their tokens written to Redis.
fn sessions(redis: &RedisServer, keys: &Keyring, now: i64) -> Vec<String> {
    let mut con = redis.client();
    let mut headers = Vec::with_capacity(SESSIONS);
    let mut pipe = redis::pipe();
    for i in 0..SESSIONS {
        let token = format!("tok{i:029}");
        let payload = Payload::from_json(&format!(
            r#"{{"session":{{"id":"s{i}","ipAddress":"","userAgent":"","expiresAt":"2027-12-08T20:57:15.865Z","userId":"user{i}","token":"{token}","createdAt":"2026-11-01T20:57:15.865Z","updatedAt":"2026-11-01T20:57:15.865Z"}},"user":{{"name":"root","email":"u{i}@example.test","emailVerified":false,"createdAt":"2026-11-01T20:57:15.863Z","updatedAt":"2026-11-01T20:57:15.863Z","id":"user{i}"}},"updatedAt":{now},"version":"1"}}"#
        ))
        .unwrap();
        let data = Strategy::Jwe
            .encode(
                &payload,
                keys,
                &EncodeOptions::default().with_max_age(3600),
                now,
            )
            .unwrap();
        headers.push(format!(
            "better-auth.session_token={}; better-auth.session_data={data}",
            sign_cookie_value(&token, keys)
        ));
        pipe.cmd("SET")
            .arg(format!("better-auth:{token}"))
            .arg(format!(
                r#"{{"session":{{"token":"{token}"}},"user":{{}}}}"#
            ))
            .ignore();
    }
    pipe.cmd("SET")
        .arg("better-auth:revoked-sessions-before-user0")
        .arg("1")
        .ignore();
    let () = pipe.query(&mut con).unwrap();
    headers
}

fn report(name: &str, checks: u64, took: Duration, round_trips: Option<u64>) {
    let per_s = checks as f64 / took.as_secs_f64();
    let trips = round_trips.map_or(String::new(), |t| {
        format!(
            ", {:.3} Redis round trips per check",
            t as f64 / checks as f64
        )
    });
    println!(
        "{name:<64} {per_s:>12.0} checks/s ({:.2} µs each){trips}",
        1e6 / per_s
    );
}

/// Runs `f` on `threads` threads for the measurement time: (checks, elapsed).
fn run_threads(threads: usize, f: impl Fn(usize) + Send + Sync + 'static) -> (u64, Duration) {
    let f = Arc::new(f);
    let limit = seconds();
    let start = Instant::now();
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            let f = f.clone();
            std::thread::spawn(move || {
                let mut n = 0u64;
                let mut i = t * 7919;
                while start.elapsed() < limit {
                    for _ in 0..64 {
                        f(i % SESSIONS);
                        i += 1;
                        n += 1;
                    }
                }
                n
            })
        })
        .collect();
    let n = handles.into_iter().map(|h| h.join().unwrap()).sum();
    (n, start.elapsed())
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench -- --list`, `cargo test --benches`
    }
    let redis = RedisServer::start();
    let keys = Keyring::from_secret("a-long-random-secret-of-32-chars!!").unwrap();
    let now = now_ms();
    let headers = Arc::new(sessions(&redis, &keys, now));
    let config = Arc::new(SessionConfig::new(Strategy::Jwe));
    let checks: Arc<Vec<_>> = Arc::new(
        headers
            .iter()
            .map(|h| check_session(h, &keys, &config, now).unwrap())
            .collect(),
    );
    let keys = Arc::new(keys);
    println!(
        "{SESSIONS} jwe sessions, redis-server on 127.0.0.1, {} s per row, {} threads available",
        seconds().as_secs_f64(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );

    // The offline check alone, for scale.
    {
        let (h, k, c) = (headers.clone(), keys.clone(), config.clone());
        let (n, took) = run_threads(1, move |i| {
            check_session(&h[i], &*k, &c, now).unwrap();
        });
        report("offline check_session (jwe), 1 thread", n, took, None);
    }

    for threads in [1, 2] {
        // Warm: every session's reading in the local cache (max_staleness long enough).
        let warm = Arc::new(
            RevocationChecker::open(
                &redis.url,
                Options::default().with_max_staleness(Duration::from_secs(3600)),
            )
            .unwrap(),
        );
        for c in checks.iter().skip(1) {
            warm.check(c.cache(), now).unwrap();
        }
        let before = warm.stats().round_trips;
        let (w, c) = (warm.clone(), checks.clone());
        let (n, took) = run_threads(threads, move |i| {
            let _ = w.check(c[i].cache(), now);
        });
        report(
            &format!("revocation check, local cache warm, {threads} thread(s)"),
            n,
            took,
            Some(warm.stats().round_trips - before),
        );
        let (w, c, h, k, cfg) = (
            warm.clone(),
            checks.clone(),
            headers.clone(),
            keys.clone(),
            config.clone(),
        );
        let _ = c;
        let before = warm.stats().round_trips;
        let (n, took) = run_threads(threads, move |i| {
            let s = check_session(&h[i], &*k, &cfg, now).unwrap();
            let _ = w.check(s.cache(), now);
        });
        report(
            &format!("check_session + revocation, warm, {threads} thread(s)"),
            n,
            took,
            Some(warm.stats().round_trips - before),
        );

        // Cold: no local cache, one pipelined EXISTS+GET per check.
        let cold = Arc::new(
            RevocationChecker::open(&redis.url, Options::default().with_cache_capacity(0)).unwrap(),
        );
        let (cc, c) = (cold.clone(), checks.clone());
        let (n, took) = run_threads(threads, move |i| {
            let _ = cc.check(c[i].cache(), now);
        });
        report(
            &format!("revocation check, cold (a round trip each), {threads} thread(s)"),
            n,
            took,
            Some(cold.stats().round_trips),
        );
    }

    // Async, cold: many checks in flight on one multiplexed connection.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    for in_flight in [1usize, 64] {
        let checker = Arc::new(rt.block_on(async {
            AsyncRevocationChecker::open(&redis.url, Options::default().with_cache_capacity(0))
                .unwrap()
        }));
        let limit = seconds();
        let start = Instant::now();
        let n: u64 = rt.block_on(async {
            let tasks: Vec<_> = (0..in_flight)
                .map(|t| {
                    let (checker, checks) = (checker.clone(), checks.clone());
                    tokio::spawn(async move {
                        let mut n = 0u64;
                        let mut i = t * 7919;
                        while start.elapsed() < limit {
                            let _ = checker.check(checks[i % SESSIONS].cache(), now).await;
                            i += 1;
                            n += 1;
                        }
                        n
                    })
                })
                .collect();
            let mut total = 0;
            for t in tasks {
                total += t.await.unwrap();
            }
            total
        });
        report(
            &format!("async revocation check, cold, {in_flight} in flight"),
            n,
            start.elapsed(),
            Some(checker.stats().round_trips),
        );
    }
}
