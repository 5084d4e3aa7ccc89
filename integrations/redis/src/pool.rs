//! The blocking checker: a small pool of `redis::Connection`s, with timeouts.

use std::fmt;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use session_cache::revocation::{Decision, KeyStore, Revocation, StoreError, Unknown, Values};
use session_cache::session::SessionCheck;
use session_cache::{Error, VerifiedCache};

use crate::backoff::Backoff;
use crate::{
    answers, open_client, pipeline, store_error, unavailable, Core, InFlight, Options, Stats,
};

/// Redis as a [`KeyStore`], blocking: connections made with a timeout, each read with
/// a timeout, idle connections kept for reuse (up to the pool size), a connection that
/// failed dropped, and after a failed connection no new attempt for the backoff.
pub struct RedisStore {
    client: redis::Client,
    idle: Mutex<Vec<redis::Connection>>,
    pool_size: usize,
    connect_timeout: Duration,
    io_timeout: Duration,
    backoff: Backoff,
}

impl fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Not the client: its connection info holds the password.
        f.debug_struct("RedisStore")
            .field("pool_size", &self.pool_size)
            .field("connect_timeout", &self.connect_timeout)
            .field("io_timeout", &self.io_timeout)
            .finish_non_exhaustive()
    }
}

impl RedisStore {
    /// A store for `url` (`redis://[user:password@]host[:port][/db]`,
    /// `redis+unix:///path`). Nothing is connected yet.
    pub fn open(url: &str, options: &Options) -> Result<Self, Error> {
        options.validate()?;
        Ok(RedisStore {
            client: open_client(url)?,
            idle: Mutex::new(Vec::new()),
            pool_size: options.pool_size,
            connect_timeout: options.connect_timeout,
            io_timeout: options.io_timeout,
            backoff: Backoff::new(options.reconnect_backoff),
        })
    }

    /// A pooled connection (`true`), or a new one.
    fn connection(&self, pooled: bool) -> Result<(redis::Connection, bool), StoreError> {
        if pooled {
            if let Some(con) = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop() {
                return Ok((con, true));
            }
        }
        self.backoff.check()?;
        let connected = self
            .client
            .get_connection_with_timeout(self.connect_timeout)
            .and_then(|con| {
                con.set_read_timeout(Some(self.io_timeout))?;
                con.set_write_timeout(Some(self.io_timeout))?;
                Ok(con)
            });
        match connected {
            Ok(con) => Ok((con, false)),
            Err(e) => {
                self.backoff.failed();
                Err(store_error(&e))
            }
        }
    }

    /// Runs `pipe` on a pooled connection; the connection goes back to the pool only
    /// when the read succeeded. A pooled connection that turns out broken (Redis
    /// restarted, an idle timeout) is replaced once by a new one.
    fn run(&self, pipe: &redis::Pipeline) -> Result<Vec<redis::Value>, StoreError> {
        let (mut con, pooled) = self.connection(true)?;
        let result = match pipe.query::<Vec<redis::Value>>(&mut con) {
            Err(e)
                if pooled && (e.is_connection_dropped() || e.is_io_error()) && !e.is_timeout() =>
            {
                let (fresh, _) = self.connection(false)?;
                con = fresh;
                pipe.query::<Vec<redis::Value>>(&mut con)
            }
            other => other,
        };
        match result {
            Ok(values) => {
                let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
                if idle.len() < self.pool_size {
                    idle.push(con);
                }
                Ok(values)
            }
            Err(e) => Err(store_error(&e)),
        }
    }
}

impl KeyStore for RedisStore {
    fn get(&self, keys: &[&str]) -> Result<Values, StoreError> {
        let mut pipe = redis::pipe();
        for key in keys {
            pipe.cmd("GET").arg(*key);
        }
        let values = self.run(&pipe)?;
        if values.len() != keys.len() {
            return Err(crate::protocol(
                "Redis answered a different number of values",
            ));
        }
        let mut out = Vec::with_capacity(keys.len());
        for v in values {
            out.push(match v {
                redis::Value::Nil => None,
                redis::Value::BulkString(b) => Some(b),
                redis::Value::SimpleString(s) => Some(s.into_bytes()),
                _ => return Err(crate::protocol("GET did not answer a string")),
            });
        }
        Ok(out)
    }

    fn exists_and_get(&self, key: &str, keys: &[&str]) -> Result<(bool, Values), StoreError> {
        let gets: Vec<String> = keys.iter().map(|k| (*k).to_owned()).collect();
        let values = self.run(&pipeline(key, &gets))?;
        if values.len() != keys.len() + 1 {
            return Err(crate::protocol(
                "Redis answered a different number of values",
            ));
        }
        answers(values)
    }
}

/// Checks sessions against Redis, blocking: the local cache first, else one pipelined
/// round trip, judged by the library ([`session_cache::revocation::decide`]). Share one
/// per process (`&self` methods; `Send + Sync`).
pub struct RevocationChecker {
    store: RedisStore,
    core: Core,
    inflight: InFlight<OnceLock<Result<(), StoreError>>>,
}

impl fmt::Debug for RevocationChecker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RevocationChecker")
            .field("store", &self.store)
            .field("core", &self.core)
            .finish()
    }
}

impl RevocationChecker {
    /// A checker for the Redis at `url` with `options`. Nothing is connected yet, so
    /// this succeeds while Redis is down; a URL that does not parse is
    /// [`ErrorKind::InvalidOptions`](session_cache::ErrorKind::InvalidOptions) (the
    /// message does not repeat it).
    pub fn open(url: &str, options: Options) -> Result<Self, Error> {
        Ok(RevocationChecker {
            store: RedisStore::open(url, &options)?,
            core: Core::new(options)?,
            inflight: InFlight::new(),
        })
    }

    /// Whether the session of `cache` was revoked, at `now` (Unix ms):
    /// `Ok(`[`Revocation::Checked`]`)` when Redis (or a reading at most
    /// `max_staleness` old) says it is live; `Err` of kind
    /// [`Revoked`](session_cache::ErrorKind::Revoked) when revoked;
    /// [`RevocationUnknown`](session_cache::ErrorKind::RevocationUnknown) when Redis
    /// cannot tell and the policy fails closed, `Ok(`[`Revocation::Unchecked`]`)` when
    /// it fails open; [`VersionMismatch`](session_cache::ErrorKind::VersionMismatch)
    /// for a per-user version that differs.
    pub fn check(&self, cache: &VerifiedCache, now: i64) -> Result<Revocation, Error> {
        let decision = self.decide(cache, now);
        self.core.finish(decision)
    }

    /// [`check`](Self::check) of a session from
    /// [`check_session`](session_cache::session::check_session).
    pub fn check_session(&self, session: &SessionCheck, now: i64) -> Result<Revocation, Error> {
        self.check(session.cache(), now)
    }

    /// The library's decision, before the policy for unknowns is applied.
    pub fn decide(&self, cache: &VerifiedCache, now: i64) -> Decision {
        self.core.cache.stats.count_check();
        if let Some(decision) = self.core.lookup(cache, now) {
            return decision;
        }
        if !self.core.coalesces() {
            return self.fetch(cache, now);
        }
        // One read per session at a time: the first miss reads, the others wait for it
        // (at most its timeouts) and take its reading from the local cache.
        let token = cache.payload().session_token();
        let flight = self.inflight.join(token);
        let mut led = None;
        let outcome = flight
            .get_or_init(|| {
                let decision = self
                    .core
                    .lookup(cache, now)
                    .unwrap_or_else(|| self.fetch(cache, now));
                let outcome = unavailable(&decision);
                led = Some(decision);
                outcome
            })
            .clone();
        self.inflight.leave(token, &flight);
        if let Some(decision) = led {
            return decision;
        }
        match outcome {
            Ok(()) => self
                .core
                .lookup(cache, now)
                .unwrap_or_else(|| self.fetch(cache, now)),
            Err(e) => Decision::Unknown(Unknown::Unavailable(e)),
        }
    }

    /// One round trip, judged and kept.
    fn fetch(&self, cache: &VerifiedCache, now: i64) -> Decision {
        let (token, gets) = self.core.keys(cache);
        let answers = self.store.run(&pipeline(&token, &gets)).and_then(answers);
        self.core.record(cache, answers, now)
    }

    /// The store, for other reads (it is a [`KeyStore`]).
    pub fn store(&self) -> &RedisStore {
        &self.store
    }

    /// The options.
    pub fn options(&self) -> &Options {
        &self.core.options
    }

    /// Counters: checks, local-cache hits, round trips, errors.
    pub fn stats(&self) -> Stats {
        self.core.cache.stats()
    }
}
