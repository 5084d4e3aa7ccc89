//! The local cache of readings: bounded, sharded, each entry kept until a deadline.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex};

use session_cache::revocation::StoreReading;

const SHARDS: usize = 16;

type Shard = Mutex<HashMap<Box<str>, Entry>>;

struct Entry {
    reading: StoreReading,
    /// Unix ms after which the entry is dropped.
    keep_until: i64,
}

/// Readings by session token. Entries past their deadline are never returned; a full
/// shard first drops its expired entries, then arbitrary ones.
pub(crate) struct LocalCache {
    shards: Box<[Shard]>,
    per_shard: usize,
    hasher: std::collections::hash_map::RandomState,
    pub(crate) stats: Counters,
}

impl LocalCache {
    pub(crate) fn new(capacity: usize) -> Self {
        let per_shard = capacity.div_ceil(SHARDS);
        LocalCache {
            shards: (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect(),
            per_shard,
            hasher: Default::default(),
            stats: Counters::default(),
        }
    }

    fn shard(&self, token: &str) -> &Shard {
        &self.shards[(self.hasher.hash_one(token) as usize) % SHARDS]
    }

    /// The reading kept for `token`, when its deadline has not passed.
    pub(crate) fn get(&self, token: &str, now: i64) -> Option<StoreReading> {
        if self.per_shard == 0 {
            return None;
        }
        let shard = self.shard(token).lock().unwrap_or_else(|p| p.into_inner());
        match shard.get(token) {
            Some(e) if now <= e.keep_until => {
                self.stats.hits.fetch_add(1, Relaxed);
                Some(e.reading.clone())
            }
            _ => None,
        }
    }

    /// Keeps `reading` for `token` for `keep_for_ms` from when it was read. A reading kept
    /// for 0 ms is not kept at all: a staleness bound of zero means every check reads the
    /// store, even a second one in the same millisecond.
    pub(crate) fn insert(&self, token: &str, reading: StoreReading, keep_for_ms: u64, now: i64) {
        self.stats.round_trips.fetch_add(1, Relaxed);
        if self.per_shard == 0 || keep_for_ms == 0 {
            return;
        }
        let keep_until = reading
            .read_at
            .saturating_add(i64::try_from(keep_for_ms).unwrap_or(i64::MAX));
        let mut shard = self.shard(token).lock().unwrap_or_else(|p| p.into_inner());
        if shard.len() >= self.per_shard && !shard.contains_key(token) {
            shard.retain(|_, e| now <= e.keep_until);
            if shard.len() >= self.per_shard {
                // Full of live entries: drop some (the map's order is random).
                let drop: Vec<Box<str>> = shard
                    .keys()
                    .take((self.per_shard / 8).max(1))
                    .cloned()
                    .collect();
                for k in drop {
                    shard.remove(&k);
                }
            }
        }
        shard.insert(
            token.into(),
            Entry {
                reading,
                keep_until,
            },
        );
    }

    /// Whether readings are kept at all (a capacity above 0).
    pub(crate) fn enabled(&self) -> bool {
        self.per_shard > 0
    }

    /// How many entries are held.
    pub(crate) fn len(&self) -> usize {
        self.shards
            .iter()
            .map(|s| s.lock().unwrap_or_else(|p| p.into_inner()).len())
            .sum()
    }

    pub(crate) fn stats(&self) -> Stats {
        Stats {
            checks: self.stats.checks.load(Relaxed),
            cache_hits: self.stats.hits.load(Relaxed),
            round_trips: self.stats.round_trips.load(Relaxed),
            store_errors: self.stats.errors.load(Relaxed),
            cached: self.len(),
        }
    }
}

#[derive(Default)]
pub(crate) struct Counters {
    checks: AtomicU64,
    hits: AtomicU64,
    round_trips: AtomicU64,
    errors: AtomicU64,
}

impl Counters {
    pub(crate) fn count_error(&self) {
        self.errors.fetch_add(1, Relaxed);
    }

    pub(crate) fn count_check(&self) {
        self.checks.fetch_add(1, Relaxed);
    }
}

/// The reads in flight, by session token: concurrent misses of one session wait for the
/// first one's reading instead of each making a round trip. `C` is a once-cell (blocking
/// or async) holding the outcome of that read.
pub(crate) struct InFlight<C> {
    map: Mutex<HashMap<Box<str>, Arc<C>>>,
}

impl<C: Default> InFlight<C> {
    pub(crate) fn new() -> Self {
        InFlight {
            map: Mutex::new(HashMap::new()),
        }
    }

    /// The read in flight for `token`, or a new one.
    pub(crate) fn join(&self, token: &str) -> Arc<C> {
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        map.entry(token.into()).or_default().clone()
    }

    /// Forgets `flight` (once its outcome is known): later misses read again.
    pub(crate) fn leave(&self, token: &str, flight: &Arc<C>) {
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        if map.get(token).is_some_and(|f| Arc::ptr_eq(f, flight)) {
            map.remove(token);
        }
    }
}

/// What a checker has done since it was built.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Stats {
    /// Sessions checked.
    pub checks: u64,
    /// Checks answered by the local cache.
    pub cache_hits: u64,
    /// Readings made in Redis (one pipelined round trip each).
    pub round_trips: u64,
    /// Reads that failed (unreachable, timed out, refused while backing off).
    pub store_errors: u64,
    /// Readings held in the local cache now.
    pub cached: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(present: bool, at: i64) -> StoreReading {
        StoreReading::from_values(present, None, at)
    }

    #[test]
    fn entries_expire_and_capacity_holds() {
        let c = LocalCache::new(32);
        c.insert("a", r(true, 1000), 500, 1000);
        assert!(c.get("a", 1500).is_some());
        assert!(c.get("a", 1501).is_none());
        for i in 0..10_000 {
            c.insert(&format!("t{i}"), r(true, 2000), 500, 2000);
        }
        assert!(c.len() <= 32, "{}", c.len());
        let s = c.stats();
        assert_eq!((s.checks, s.cache_hits, s.round_trips), (0, 1, 10_001));
        let none = LocalCache::new(0);
        none.insert("a", r(true, 0), 500, 0);
        assert!(none.get("a", 0).is_none());
        assert_eq!(none.len(), 0);
    }

    #[test]
    fn a_zero_staleness_bound_keeps_nothing() {
        let c = LocalCache::new(32);
        c.insert("a", r(true, 1000), 0, 1000);
        assert!(
            c.get("a", 1000).is_none(),
            "served in the millisecond it was read"
        );
        assert_eq!(c.len(), 0);
    }
}
