//! The async checker: redis's multiplexed `ConnectionManager` on tokio.

use std::fmt;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use session_cache::revocation::{Decision, Revocation, StoreError, StoreErrorKind, Unknown};
use session_cache::session::SessionCheck;
use session_cache::{Error, VerifiedCache};

use crate::backoff::Backoff;
use crate::{
    answers, open_client, pipeline, store_error, unavailable, Core, InFlight, Options, Stats,
};

/// Checks sessions against Redis without blocking: the same rules, local cache and
/// options as [`RevocationChecker`](crate::RevocationChecker), over one multiplexed
/// connection that many concurrent checks share (redis's `ConnectionManager`, which
/// reconnects by itself). Every read is bounded by `connect_timeout + io_timeout`.
/// Cheap to share: wrap it in an `Arc`.
pub struct AsyncRevocationChecker {
    connection: ConnectionManager,
    core: Core,
    inflight: InFlight<tokio::sync::OnceCell<Result<(), StoreError>>>,
    backoff: Backoff,
}

impl fmt::Debug for AsyncRevocationChecker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AsyncRevocationChecker")
            .field("core", &self.core)
            .finish_non_exhaustive()
    }
}

impl AsyncRevocationChecker {
    /// A checker for the Redis at `url`. Nothing is connected yet (the first check
    /// connects), so this succeeds while Redis is down; it must be called within a
    /// tokio runtime.
    pub fn open(url: &str, options: Options) -> Result<Self, Error> {
        let core = Core::new(options)?;
        let client = open_client(url)?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(core.options.connect_timeout))
            .set_response_timeout(Some(core.options.io_timeout))
            .set_number_of_retries(1)
            .set_max_delay(core.options.connect_timeout);
        let connection = ConnectionManager::new_lazy_with_config(client, config).map_err(|e| {
            Error::new(
                session_cache::ErrorKind::InvalidOptions,
                store_error(&e).to_string(),
            )
        })?;
        Ok(AsyncRevocationChecker {
            connection,
            backoff: Backoff::new(core.options.reconnect_backoff),
            core,
            inflight: InFlight::new(),
        })
    }

    /// Whether the session of `cache` was revoked, at `now` (Unix ms): the same answers
    /// as [`RevocationChecker::check`](crate::RevocationChecker::check).
    pub async fn check(&self, cache: &VerifiedCache, now: i64) -> Result<Revocation, Error> {
        let decision = self.decide(cache, now).await;
        self.core.finish(decision)
    }

    /// [`check`](Self::check) of a session from
    /// [`check_session`](session_cache::session::check_session).
    pub async fn check_session(
        &self,
        session: &SessionCheck,
        now: i64,
    ) -> Result<Revocation, Error> {
        self.check(session.cache(), now).await
    }

    /// The library's decision, before the policy for unknowns is applied.
    pub async fn decide(&self, cache: &VerifiedCache, now: i64) -> Decision {
        self.core.cache.stats.count_check();
        if let Some(decision) = self.core.lookup(cache, now) {
            return decision;
        }
        if !self.core.coalesces() {
            return self.fetch(cache, now).await;
        }
        // One read per session at a time (see `RevocationChecker::decide`); a leader
        // dropped mid-read hands the read over to the next waiter.
        let token = cache.payload().session_token();
        let flight = self.inflight.join(token);
        let mut led = None;
        let outcome = flight
            .get_or_init(|| async {
                let decision = match self.core.lookup(cache, now) {
                    Some(decision) => decision,
                    None => self.fetch(cache, now).await,
                };
                let outcome = unavailable(&decision);
                led = Some(decision);
                outcome
            })
            .await
            .clone();
        self.inflight.leave(token, &flight);
        if let Some(decision) = led {
            return decision;
        }
        match outcome {
            Ok(()) => match self.core.lookup(cache, now) {
                Some(decision) => decision,
                None => self.fetch(cache, now).await,
            },
            Err(e) => Decision::Unknown(Unknown::Unavailable(e)),
        }
    }

    /// One round trip, judged and kept.
    async fn fetch(&self, cache: &VerifiedCache, now: i64) -> Decision {
        let (token, gets) = self.core.keys(cache);
        let answers = self.read(pipeline(&token, &gets)).await;
        self.core.record(cache, answers, now)
    }

    async fn read(&self, pipe: redis::Pipeline) -> Result<crate::Answers, StoreError> {
        self.backoff.check()?;
        let mut con = self.connection.clone();
        let limit = self.core.options.connect_timeout + self.core.options.io_timeout;
        let result = match tokio::time::timeout(
            limit,
            pipe.query_async::<Vec<redis::Value>>(&mut con),
        )
        .await
        {
            Ok(Ok(values)) => return answers(values),
            Ok(Err(e)) => store_error(&e),
            Err(_) => StoreError::new(StoreErrorKind::Timeout, "Redis did not answer in time"),
        };
        if result.kind() != StoreErrorKind::Protocol {
            self.backoff.failed();
        }
        Err(result)
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
