//! # session-cache-redis
//!
//! Revocation that reaches every verifier: a session that Better Auth revoked is
//! refused by every [`session_cache`] verifier within a bounded time, read from the
//! same Redis that Better Auth uses as its `secondaryStorage`.
//!
//! The cookie checks stay pure and offline ([`session_cache::session::check_session`]);
//! this crate adds one question, asked of Redis, for a session they accept: *was it
//! revoked since?* The rule is the library's ([`session_cache::revocation::decide`]):
//! revoked when the `<token>` key is gone, or when `revoked-sessions-before-<userId>`
//! is later than the session's `createdAt` — exactly the two reads Better Auth's own
//! `findSession` makes. This crate only fetches them:
//!
//! - **one round trip per miss**: `EXISTS <prefix><token>` and
//!   `GET <prefix>revoked-sessions-before-<userId>` (and the per-user version key, when
//!   configured) in one pipeline;
//! - **a local cache** of readings: an acceptance is reused for at most
//!   [`Options::max_staleness`] (default 5 s, the bound on how long a revocation takes
//!   to reach this verifier); a revocation is final and kept for
//!   [`Options::revoked_ttl`]; at most [`Options::cache_capacity`] entries; concurrent
//!   misses of one session share one read;
//! - **timeouts** on connecting and on every read ([`Options::connect_timeout`],
//!   [`Options::io_timeout`], 250 ms each by default) so that nothing waits on a dead
//!   server, and after a failed connection no new attempt for
//!   [`Options::reconnect_backoff`];
//! - **a stated policy when Redis cannot answer** ([`Options::on_unknown`]): fail
//!   closed by default ([`ErrorKind::RevocationUnknown`]), or fail open
//!   ([`Revocation::Unchecked`]: the cookie alone decides).
//!
//! Two checkers, the same rules and cache: [`RevocationChecker`] (blocking, feature
//! `sync`, default; a small pool of connections) and `AsyncRevocationChecker`
//! (feature `tokio`; redis's multiplexed `ConnectionManager`).
//!
//! ```no_run
//! use session_cache::session::{check_session, SessionConfig};
//! use session_cache::{Keyring, Strategy};
//! use session_cache_redis::{Options, RevocationChecker};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let keys = Keyring::from_env()?;
//! let config = SessionConfig::new(Strategy::Jwe);
//! // Built once: the URL may hold a password, which is never shown.
//! let revocations = RevocationChecker::open("redis://127.0.0.1:6379", Options::default())?;
//!
//! let header = "better-auth.session_token=…; better-auth.session_data=…";
//! let now = session_cache_redis::now_ms();
//! let session = check_session(header, &keys, &config, now)?; // offline: signature, expiry, …
//! revocations.check(session.cache(), now)?;                  // Redis: revoked? (`revoked`)
//! # Ok(()) }
//! ```
//!
//! ## What a deployment sets up
//! - Better Auth with `secondaryStorage` on a Redis the verifiers can read; with
//!   `@better-auth/redis-storage` every key has the prefix `"better-auth:"` (its
//!   `keyPrefix`), the default here ([`Options::keys`]); a hand-written storage over
//!   `ioredis` usually has none (`StoreKeys::new("")`). A wrong prefix fails loudly:
//!   every session reads as revoked.
//! - With `session.storeSessionInDatabase: true`, a missing token key is not a
//!   revocation (Better Auth falls back to its database):
//!   [`RevocationOptions::with_store_session_in_database`] makes it
//!   [`ErrorKind::RevocationUnknown`] here instead (or accepted, failing open).
//! - Verifiers need only `EXISTS` and `GET` on those keys (a read-only Redis user, or a
//!   replica).
//!
//! [`ErrorKind::RevocationUnknown`]: session_cache::ErrorKind::RevocationUnknown
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use session_cache::revocation::{
    decide, keys_for, reading_from, Decision, OnUnknown, Revocation, RevocationOptions, StoreError,
    StoreErrorKind, StoreKeys, StoreReading, Unknown,
};
use session_cache::{Error, ErrorKind, VerifiedCache};

#[cfg(any(feature = "sync", feature = "tokio"))]
mod backoff;
#[cfg(not(any(feature = "sync", feature = "tokio")))]
compile_error!("session-cache-redis has a checker only with `sync` (the default) or `tokio`");

mod cache;
#[cfg(feature = "tokio")]
mod nonblocking;
#[cfg(feature = "sync")]
mod pool;

use cache::InFlight;
pub use cache::Stats;
#[cfg(feature = "tokio")]
pub use nonblocking::AsyncRevocationChecker;
#[cfg(feature = "sync")]
pub use pool::{RedisStore, RevocationChecker};
pub use session_cache::revocation;

/// How a checker reads Redis and judges what it reads.
///
/// ```
/// use std::time::Duration;
/// use session_cache::revocation::{OnUnknown, StoreKeys};
/// use session_cache_redis::Options;
/// let options = Options::default()
///     .with_max_staleness(Duration::from_secs(2))
///     .with_keys(StoreKeys::new(""))          // a secondaryStorage that adds no prefix
///     .with_on_unknown(OnUnknown::FailOpen);  // Redis down: the cookie alone decides
/// assert_eq!(options.revocation.max_staleness_ms, 2000);
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Options {
    /// The key names: prefix (default `"better-auth:"`) and optional per-user version
    /// key.
    pub keys: StoreKeys,
    /// The library's rules: the staleness bound (`max_staleness_ms`, default 5 s) and
    /// what a missing token means (`storeSessionInDatabase`).
    pub revocation: RevocationOptions,
    /// What is done when Redis cannot tell: fail closed (default) or open.
    pub on_unknown: OnUnknown,
    /// How long connecting may take (default 250 ms).
    pub connect_timeout: Duration,
    /// How long one pipelined read may take (default 250 ms).
    pub io_timeout: Duration,
    /// After a failed connection, how long no new one is tried: reads fail at once
    /// meanwhile (default 250 ms; zero: try every time).
    pub reconnect_backoff: Duration,
    /// Idle connections kept by the blocking checker (default 16).
    pub pool_size: usize,
    /// How many readings the local cache holds (default 65,536; 0: no local cache,
    /// one round trip per check).
    pub cache_capacity: usize,
    /// How long a reading that revoked a session is kept (default 5 min, the default
    /// cookie-cache lifetime): a revocation is final, so this only bounds memory and
    /// spares Redis the replays of revoked cookies.
    pub revoked_ttl: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            keys: StoreKeys::default(),
            revocation: RevocationOptions::default(),
            on_unknown: OnUnknown::FailClosed,
            connect_timeout: Duration::from_millis(250),
            io_timeout: Duration::from_millis(250),
            reconnect_backoff: Duration::from_millis(250),
            pool_size: 16,
            cache_capacity: 65_536,
            revoked_ttl: Duration::from_secs(session_cache::defaults::CACHE_MAX_AGE),
        }
    }
}

impl Options {
    /// The same options with the key names `keys`.
    #[must_use]
    pub fn with_keys(mut self, keys: StoreKeys) -> Self {
        self.keys = keys;
        self
    }

    /// The same options with a key prefix of `prefix` (`""`: Better Auth's names as
    /// they are).
    #[must_use]
    pub fn with_prefix(mut self, prefix: &str) -> Self {
        let keys = StoreKeys::new(prefix);
        self.keys = match self.keys.user_version_name() {
            Some(name) => keys.with_user_version(name),
            None => keys,
        };
        self
    }

    /// The same options with the library's `revocation` rules.
    #[must_use]
    pub fn with_revocation(mut self, revocation: RevocationOptions) -> Self {
        self.revocation = revocation;
        self
    }

    /// The same options with a staleness bound of `max_staleness` (whole ms).
    #[must_use]
    pub fn with_max_staleness(mut self, max_staleness: Duration) -> Self {
        self.revocation.max_staleness_ms = duration_ms(max_staleness);
        self
    }

    /// The same options with `on_unknown`.
    #[must_use]
    pub fn with_on_unknown(mut self, on_unknown: OnUnknown) -> Self {
        self.on_unknown = on_unknown;
        self
    }

    /// The same options with both timeouts.
    #[must_use]
    pub fn with_timeouts(mut self, connect: Duration, io: Duration) -> Self {
        self.connect_timeout = connect;
        self.io_timeout = io;
        self
    }

    /// The same options with a local cache of `capacity` readings (0: none).
    #[must_use]
    pub fn with_cache_capacity(mut self, capacity: usize) -> Self {
        self.cache_capacity = capacity;
        self
    }

    /// The staleness bound.
    pub fn max_staleness(&self) -> Duration {
        Duration::from_millis(self.revocation.max_staleness_ms)
    }

    /// [`ErrorKind::InvalidOptions`] for options that cannot work: zero timeouts.
    fn validate(&self) -> Result<(), Error> {
        if self.connect_timeout.is_zero() || self.io_timeout.is_zero() {
            return Err(Error::new(
                ErrorKind::InvalidOptions,
                "the Redis timeouts must be positive",
            ));
        }
        Ok(())
    }
}

fn duration_ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// The time now, Unix milliseconds, from the system clock.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// What both checkers share: the options, the local cache, the counters.
struct Core {
    options: Options,
    cache: cache::LocalCache,
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Core")
            .field("options", &self.options)
            .field("stats", &self.cache.stats())
            .finish_non_exhaustive()
    }
}

/// What the pipeline of one reading answered: whether the token key exists, and the
/// values of the other keys.
type Answers = (bool, session_cache::revocation::Values);

/// The pipeline of one reading: `EXISTS <token>`, then `GET` of each other key.
fn pipeline(token_key: &str, gets: &[String]) -> redis::Pipeline {
    let mut pipe = redis::pipe();
    pipe.cmd("EXISTS").arg(token_key);
    for key in gets {
        pipe.cmd("GET").arg(key);
    }
    pipe
}

/// The pipeline's answers as `(exists, values)`.
fn answers(values: Vec<redis::Value>) -> Result<Answers, StoreError> {
    let mut values = values.into_iter();
    let exists = match values.next() {
        Some(redis::Value::Int(n)) => n > 0,
        Some(redis::Value::Boolean(b)) => b,
        _ => return Err(protocol("EXISTS did not answer an integer")),
    };
    let gets = values
        .map(|v| match v {
            redis::Value::Nil => Ok(None),
            redis::Value::BulkString(b) => Ok(Some(b)),
            redis::Value::SimpleString(s) => Ok(Some(s.into_bytes())),
            redis::Value::Int(n) => Ok(Some(n.to_string().into_bytes())),
            _ => Err(protocol("GET did not answer a string")),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((exists, gets))
}

/// What a decision tells the other checks waiting on the same read: the read failed, or
/// its reading is in the local cache.
fn unavailable(decision: &Decision) -> Result<(), StoreError> {
    match decision {
        Decision::Unknown(Unknown::Unavailable(e)) => Err(e.clone()),
        _ => Ok(()),
    }
}

fn protocol(message: &str) -> StoreError {
    StoreError::new(StoreErrorKind::Protocol, message)
}

/// A redis error as a [`StoreError`], without its details (which may name keys).
fn store_error(e: &redis::RedisError) -> StoreError {
    if e.is_timeout() {
        StoreError::new(StoreErrorKind::Timeout, "Redis did not answer in time")
    } else if e.is_connection_refusal() {
        StoreError::new(StoreErrorKind::Unreachable, "Redis refused the connection")
    } else if e.is_io_error() || e.is_connection_dropped() {
        StoreError::new(
            StoreErrorKind::Unreachable,
            "the connection to Redis failed",
        )
    } else {
        match e.code() {
            Some(code) if code.bytes().all(|b| b.is_ascii_uppercase()) => StoreError::new(
                StoreErrorKind::Protocol,
                format!("Redis answered an error ({code})"),
            ),
            _ => StoreError::new(StoreErrorKind::Protocol, "Redis answered an error"),
        }
    }
}

fn invalid_url() -> Error {
    Error::new(
        ErrorKind::InvalidOptions,
        "the Redis URL is not valid (redis://[user:password@]host[:port][/db], \
         redis+unix:///path; rediss:// is not supported)",
    )
}

/// Opens a client for `url`, refusing a TLS URL (no TLS support is built in).
fn open_client(url: &str) -> Result<redis::Client, Error> {
    let info = redis::IntoConnectionInfo::into_connection_info(url).map_err(|_| invalid_url())?;
    redis::Client::open(info).map_err(|_| invalid_url())
}

impl Core {
    fn new(options: Options) -> Result<Self, Error> {
        options.validate()?;
        Ok(Core {
            cache: cache::LocalCache::new(options.cache_capacity),
            options,
        })
    }

    /// The decision from the local cache, when it holds a reading that settles it.
    fn lookup(&self, cache: &VerifiedCache, now: i64) -> Option<Decision> {
        let reading = self.cache.get(cache.payload().session_token(), now)?;
        match decide(cache, &reading, &self.options.revocation, now) {
            Decision::Unknown(Unknown::Stale { .. }) => None,
            d => Some(d),
        }
    }

    /// Whether concurrent misses of one session share a read (they need the local
    /// cache to hand the reading over).
    fn coalesces(&self) -> bool {
        self.cache.enabled()
    }

    /// The keys of a reading for `cache`.
    fn keys(&self, cache: &VerifiedCache) -> (String, Vec<String>) {
        keys_for(&self.options.keys, cache)
    }

    /// Judges (and keeps) a fresh reading, or the failure to make one.
    fn record(
        &self,
        cache: &VerifiedCache,
        answers: Result<Answers, StoreError>,
        now: i64,
    ) -> Decision {
        let reading: Result<StoreReading, StoreError> = answers
            .and_then(|(exists, values)| reading_from(&self.options.keys, exists, &values, now));
        match reading {
            Ok(reading) => {
                let decision = decide(cache, &reading, &self.options.revocation, now);
                let keep_for = if decision.is_final() {
                    duration_ms(self.options.revoked_ttl)
                        .max(self.options.revocation.max_staleness_ms)
                } else {
                    self.options.revocation.max_staleness_ms
                };
                self.cache
                    .insert(cache.payload().session_token(), reading, keep_for, now);
                decision
            }
            Err(e) => {
                self.cache.stats.count_error();
                Decision::Unknown(Unknown::Unavailable(e))
            }
        }
    }

    fn finish(&self, decision: Decision) -> Result<Revocation, Error> {
        decision.into_result(self.options.on_unknown)
    }
}

/// The Rust examples of `README.md`, compiled as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
