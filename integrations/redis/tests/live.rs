//! Live: a real `redis-server` (started here on a free port, stopped after) and the real
//! Better Auth 1.7.24 with `secondaryStorage` on that same Redis
//! (`@better-auth/redis-storage`). Sessions Better Auth revokes are refused here with
//! `revoked` within `max_staleness`, while their cookies still pass the offline check;
//! with Redis gone, the configured policy answers within the timeouts.
//!
//! Needs Debian's `redis-server` and `npm ci` in `vectors/`; set
//! `SESSION_CACHE_SKIP_NODE=1` to skip.

mod support;

use std::net::TcpListener;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use serde_json::json;
use session_cache::revocation::{
    Decision, OnUnknown, Revocation, RevocationOptions, Revoked, StoreKeys,
};
use session_cache::session::{check_session, SessionCheck, SessionConfig};
use session_cache::{ErrorKind, ExpectedVersion, Keyring, Strategy};
use session_cache_redis::{now_ms, AsyncRevocationChecker, Options, RevocationChecker};
use support::{cookies, Harness, RedisServer, SECRET};

const STALENESS: Duration = Duration::from_millis(400);
/// Scheduling slack on a shared 2-core machine.
const SLACK: Duration = Duration::from_millis(250);

fn keys() -> Keyring {
    Keyring::from_secret(SECRET).unwrap()
}

fn config() -> SessionConfig {
    SessionConfig::new(Strategy::Jwe)
}

fn options() -> Options {
    Options::default()
        .with_max_staleness(STALENESS)
        .with_timeouts(Duration::from_millis(200), Duration::from_millis(200))
}

/// The offline check of a harness result's cookies: must pass.
fn offline(result: &serde_json::Value) -> SessionCheck {
    check_session(&cookies(result), &keys(), &config(), now_ms())
        .unwrap_or_else(|e| panic!("the cookie alone must verify: {e}"))
}

/// Checks until `revoked`, returning how long it took; panics past the bound.
fn until_revoked(checker: &RevocationChecker, session: &SessionCheck) -> Duration {
    let start = Instant::now();
    loop {
        match checker.check(session.cache(), now_ms()) {
            Err(e) if e.kind() == ErrorKind::Revoked => return start.elapsed(),
            Ok(Revocation::Checked) => {}
            other => panic!("unexpected {other:?}"),
        }
        assert!(
            start.elapsed() <= STALENESS + SLACK,
            "not revoked within max_staleness"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn every_revocation_reaches_the_verifier() {
    if support::skip("the live Redis test") {
        return;
    }
    let redis = RedisServer::start();
    let mut ba = Harness::start(&redis.url, &["--strategy", "jwe"]);
    assert_eq!(ba.config["keyPrefix"], "better-auth:");
    let checker = RevocationChecker::open(&redis.url, options()).unwrap();

    // Sign in: accepted, one round trip; again: from the local cache.
    let s1 = ba.sign_up("ada@example.test");
    let c1 = offline(&s1);
    assert_eq!(checker.check(c1.cache(), now_ms()), Ok(Revocation::Checked));
    assert_eq!(checker.check(c1.cache(), now_ms()), Ok(Revocation::Checked));
    let stats = checker.stats();
    assert_eq!(
        (stats.checks, stats.round_trips, stats.cache_hits),
        (2, 1, 1)
    );

    // signOut: the token key is deleted; refused within max_staleness.
    let before = Instant::now();
    ba.call(json!({"cmd": "signOut", "cookieHeader": cookies(&s1)}));
    if before.elapsed() < STALENESS / 2 {
        // The staleness trade-off: the reading from before the sign-out still counts.
        assert_eq!(checker.check(c1.cache(), now_ms()), Ok(Revocation::Checked));
    }
    let took = until_revoked(&checker, &c1);
    assert!(took <= STALENESS + SLACK, "{took:?}");
    assert_eq!(
        checker.decide(c1.cache(), now_ms()),
        Decision::Revoked(Revoked::TokenDeleted)
    );
    // The cookie alone still verifies: only the store knows.
    offline(&s1);
    // Final: kept, no new round trip.
    let trips = checker.stats().round_trips;
    assert!(checker.check(c1.cache(), now_ms()).is_err());
    assert_eq!(checker.stats().round_trips, trips);

    // revokeSession: another session of the same user, revoked from s2.
    let s2 = ba.sign_in("ada@example.test");
    let s3 = ba.sign_in("ada@example.test");
    let (c2, c3) = (offline(&s2), offline(&s3));
    assert_eq!(checker.check(c3.cache(), now_ms()), Ok(Revocation::Checked));
    ba.call(json!({"cmd": "revokeSession", "cookieHeader": cookies(&s2), "token": s3["token"]}));
    until_revoked(&checker, &c3);
    assert_eq!(checker.check(c2.cache(), now_ms()), Ok(Revocation::Checked));

    // revokeOtherSessions: every other session, s2 kept.
    let s4 = ba.sign_in("ada@example.test");
    let s5 = ba.sign_in("ada@example.test");
    let (c4, c5) = (offline(&s4), offline(&s5));
    for c in [&c4, &c5] {
        assert_eq!(checker.check(c.cache(), now_ms()), Ok(Revocation::Checked));
    }
    ba.call(json!({"cmd": "revokeOtherSessions", "cookieHeader": cookies(&s2)}));
    until_revoked(&checker, &c4);
    until_revoked(&checker, &c5);
    assert_eq!(checker.check(c2.cache(), now_ms()), Ok(Revocation::Checked));

    // revokeSessions: all of them, and revoked-sessions-before-<userId> written.
    ba.call(json!({"cmd": "revokeSessions", "cookieHeader": cookies(&s2)}));
    until_revoked(&checker, &c2);
    offline(&s2);
    let user_id = s2["userId"].as_str().unwrap();
    let mut raw = redis.client();
    let revoked_before: String = redis::cmd("GET")
        .arg(format!("better-auth:revoked-sessions-before-{user_id}"))
        .query(&mut raw)
        .unwrap();
    let revoked_before: i64 = revoked_before.parse().unwrap();
    assert!(c2.cache().payload().session_created_at().unwrap() < revoked_before);
    // With the token key written back, revoked-before still revokes (as findSession).
    let token = s2["token"].as_str().unwrap();
    let () = redis::cmd("SET")
        .arg(format!("better-auth:{token}"))
        .arg("{}")
        .query(&mut raw)
        .unwrap();
    let fresh = RevocationChecker::open(&redis.url, options()).unwrap();
    assert!(matches!(
        fresh.decide(c2.cache(), now_ms()),
        Decision::Revoked(Revoked::RevokedBefore { .. })
    ));

    // A session created after the revoke-all is accepted.
    let s6 = ba.sign_in("ada@example.test");
    let c6 = offline(&s6);
    assert!(c6.cache().payload().session_created_at().unwrap() >= revoked_before);
    assert_eq!(checker.check(c6.cache(), now_ms()), Ok(Revocation::Checked));
}

#[test]
fn redis_gone_gives_the_configured_policy_within_the_timeouts() {
    if support::skip("the live Redis test") {
        return;
    }
    let mut redis = RedisServer::start();
    let mut ba = Harness::start(&redis.url, &["--strategy", "jwe"]);
    let closed = RevocationChecker::open(&redis.url, options()).unwrap();
    let open = RevocationChecker::open(&redis.url, options().with_on_unknown(OnUnknown::FailOpen))
        .unwrap();

    let live = offline(&ba.sign_up("bob@example.test"));
    let signed_out = ba.sign_in("bob@example.test");
    let gone = offline(&signed_out);
    let unchecked = offline(&ba.sign_in("bob@example.test"));
    assert_eq!(
        closed.check(live.cache(), now_ms()),
        Ok(Revocation::Checked)
    );
    ba.call(json!({"cmd": "signOut", "cookieHeader": cookies(&signed_out)}));
    assert!(closed.check(gone.cache(), now_ms()).is_err());
    drop(ba);
    redis.stop();

    // A revocation already seen stays: final.
    let err = closed.check(gone.cache(), now_ms()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Revoked);
    // Never read: fail closed (revocation_unknown) or open, quickly.
    let start = Instant::now();
    let err = closed.check(unchecked.cache(), now_ms()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RevocationUnknown, "{err}");
    assert!(start.elapsed() < Duration::from_millis(400) + SLACK);
    assert_eq!(
        open.check(unchecked.cache(), now_ms()),
        Ok(Revocation::Unchecked)
    );
    // An acceptance outlives Redis only up to max_staleness.
    std::thread::sleep(STALENESS + Duration::from_millis(50));
    let err = closed.check(live.cache(), now_ms()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RevocationUnknown);
    assert!(closed.stats().store_errors >= 2);

    // A server that accepts connections and never answers: the read timeout bounds it.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("redis://{}", silent.local_addr().unwrap());
    let stuck = RevocationChecker::open(&url, options()).unwrap();
    let start = Instant::now();
    let err = stuck.check(unchecked.cache(), now_ms()).unwrap_err();
    let took = start.elapsed();
    assert_eq!(err.kind(), ErrorKind::RevocationUnknown);
    assert!(err.message().contains("in time"), "{err}");
    assert!(took >= Duration::from_millis(150), "{took:?}");
    assert!(took < Duration::from_millis(400) + SLACK, "{took:?}");
    // Within the backoff, no new attempt: at once.
    let start = Instant::now();
    assert!(stuck.check(live.cache(), now_ms()).is_err());
    assert!(start.elapsed() < Duration::from_millis(400) + SLACK);
}

#[test]
fn async_checker_follows_better_auth() {
    if support::skip("the live Redis test") {
        return;
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let mut redis = RedisServer::start();
    let mut ba = Harness::start(&redis.url, &["--strategy", "compact"]);
    let config = SessionConfig::new(Strategy::Compact);
    let check =
        |r: &serde_json::Value| check_session(&cookies(r), &keys(), &config, now_ms()).unwrap();
    let s1 = ba.sign_up("cy@example.test");
    let s2 = ba.sign_in("cy@example.test");
    let (c1, c2) = (check(&s1), check(&s2));
    rt.block_on(async {
        let checker = AsyncRevocationChecker::open(&redis.url, options()).unwrap();
        // Concurrent checks share one multiplexed connection.
        let (a, b) = tokio::join!(
            checker.check(c1.cache(), now_ms()),
            checker.check(c2.cache(), now_ms())
        );
        assert_eq!((a, b), (Ok(Revocation::Checked), Ok(Revocation::Checked)));
        ba.call(json!({"cmd": "revokeSessions", "cookieHeader": cookies(&s1)}));
        let start = Instant::now();
        loop {
            match checker.check(c2.cache(), now_ms()).await {
                Err(e) if e.kind() == ErrorKind::Revoked => break,
                Ok(Revocation::Checked) => assert!(start.elapsed() <= STALENESS + SLACK),
                other => panic!("{other:?}"),
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let s3 = ba.sign_in("cy@example.test");
        let c3 = check(&s3);
        assert_eq!(
            checker.check(c3.cache(), now_ms()).await,
            Ok(Revocation::Checked)
        );
        let c4 = check(&ba.sign_in("cy@example.test"));
        redis.stop();
        let start = Instant::now();
        let err = checker.check(c4.cache(), now_ms()).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::RevocationUnknown, "{err}");
        assert!(start.elapsed() < Duration::from_millis(400) + SLACK);
        let open = AsyncRevocationChecker::open(
            &redis.url,
            options().with_on_unknown(OnUnknown::FailOpen),
        )
        .unwrap();
        assert_eq!(
            open.check(c4.cache(), now_ms()).await,
            Ok(Revocation::Unchecked)
        );
    });
}

#[test]
fn store_session_in_database_and_prefixes() {
    if support::skip("the live Redis test") {
        return;
    }
    let redis = RedisServer::start();
    // A secondaryStorage with no prefix, sessions in the database too.
    let mut ba = Harness::start(
        &redis.url,
        &[
            "--strategy",
            "jwt",
            "--key-prefix",
            "",
            "--store-session-in-database",
        ],
    );
    let config = SessionConfig::new(Strategy::Jwt);
    let check =
        |r: &serde_json::Value| check_session(&cookies(r), &keys(), &config, now_ms()).unwrap();
    let rules = RevocationOptions::default()
        .with_max_staleness_ms(0)
        .with_store_session_in_database(true, false);
    let ours =
        RevocationChecker::open(&redis.url, options().with_prefix("").with_revocation(rules))
            .unwrap();
    let s1 = ba.sign_up("di@example.test");
    let s2 = ba.sign_in("di@example.test");
    let (c1, c2) = (check(&s1), check(&s2));
    assert_eq!(ours.check(c1.cache(), now_ms()), Ok(Revocation::Checked));
    // The wrong prefix fails loudly: every session reads as revoked.
    let wrong = RevocationChecker::open(&redis.url, options()).unwrap();
    assert_eq!(
        wrong.check(c1.cache(), now_ms()).unwrap_err().kind(),
        ErrorKind::Revoked
    );
    // signOut deletes the key, but with the database Better Auth could still know the
    // session: here that is unknown, not revoked.
    ba.call(json!({"cmd": "signOut", "cookieHeader": cookies(&s1)}));
    let err = ours.check(c1.cache(), now_ms()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RevocationUnknown, "{err}");
    // A revoke-all is known from revoked-sessions-before.
    ba.call(json!({"cmd": "revokeSessions", "cookieHeader": cookies(&s2)}));
    let err = ours.check(c2.cache(), now_ms()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Revoked, "{err}");
    let fresh = check(&ba.sign_in("di@example.test"));
    assert_eq!(ours.check(fresh.cache(), now_ms()), Ok(Revocation::Checked));
}

#[test]
fn a_per_user_version_in_the_store_invalidates_every_cache_of_the_user() {
    if support::skip("the live Redis test") {
        return;
    }
    let redis = RedisServer::start();
    // Better Auth's cookieCache.version: (await secondaryStorage.get("cache-version-" + user.id)) ?? "1".
    let mut ba = Harness::start(
        &redis.url,
        &["--strategy", "jwe", "--user-version-key", "cache-version-"],
    );
    let config = SessionConfig::new(Strategy::Jwe).with_version(ExpectedVersion::InStore);
    let check =
        |r: &serde_json::Value| check_session(&cookies(r), &keys(), &config, now_ms()).unwrap();
    let checker = RevocationChecker::open(
        &redis.url,
        options()
            .with_keys(StoreKeys::default().with_user_version("cache-version-"))
            .with_max_staleness(Duration::ZERO),
    )
    .unwrap();
    let s1 = ba.sign_up("fay@example.test");
    let c1 = check(&s1);
    assert_eq!(c1.cache().payload().effective_version(), "1");
    assert_eq!(checker.check(c1.cache(), now_ms()), Ok(Revocation::Checked));

    // Bump the user's version: every cache of that user is stale, here and at Better Auth.
    let user_id = s1["userId"].as_str().unwrap();
    let mut raw = redis.client();
    let () = redis::cmd("SET")
        .arg(format!("better-auth:cache-version-{user_id}"))
        .arg("2")
        .query(&mut raw)
        .unwrap();
    assert_eq!(
        checker.check(c1.cache(), now_ms()).unwrap_err().kind(),
        ErrorKind::VersionMismatch
    );
    // Better Auth's getSession refuses the old cache too, reads the store, and issues a
    // cache of version "2", which is accepted here.
    let refreshed = ba.call(json!({"cmd": "getSession", "cookieHeader": cookies(&s1)}));
    assert!(refreshed["body"]["session"].is_object(), "{refreshed}");
    let c2 = check(&refreshed);
    assert_eq!(c2.cache().payload().effective_version(), "2");
    assert_eq!(checker.check(c2.cache(), now_ms()), Ok(Revocation::Checked));
}

#[test]
fn concurrent_misses_of_one_session_share_one_round_trip() {
    if support::skip("the live Redis test") {
        return;
    }
    let redis = RedisServer::start();
    let mut ba = Harness::start(&redis.url, &["--strategy", "jwe"]);
    let session = offline(&ba.sign_up("gus@example.test"));

    let checker = Arc::new(RevocationChecker::open(&redis.url, options()).unwrap());
    let barrier = Arc::new(Barrier::new(16));
    let threads: Vec<_> = (0..16)
        .map(|_| {
            let (checker, barrier, cache) =
                (checker.clone(), barrier.clone(), session.cache().clone());
            std::thread::spawn(move || {
                barrier.wait();
                checker.check(&cache, now_ms())
            })
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), Ok(Revocation::Checked));
    }
    let stats = checker.stats();
    assert_eq!((stats.checks, stats.round_trips), (16, 1), "{stats:?}");

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let checker = Arc::new(AsyncRevocationChecker::open(&redis.url, options()).unwrap());
        let tasks: Vec<_> = (0..32)
            .map(|_| {
                let (checker, cache) = (checker.clone(), session.cache().clone());
                tokio::spawn(async move { checker.check(&cache, now_ms()).await })
            })
            .collect();
        for t in tasks {
            assert_eq!(t.await.unwrap(), Ok(Revocation::Checked));
        }
        let stats = checker.stats();
        assert_eq!((stats.checks, stats.round_trips), (32, 1), "{stats:?}");
    });
}
