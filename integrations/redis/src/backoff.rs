//! The pause after a failed attempt to reach Redis: for [`Options::reconnect_backoff`]
//! no new attempt is made, and every read fails at once instead of waiting out its
//! timeouts again.
//!
//! [`Options::reconnect_backoff`]: crate::Options::reconnect_backoff

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::{Duration, Instant};

use session_cache::revocation::{StoreError, StoreErrorKind};

use crate::duration_ms;

pub(crate) struct Backoff {
    pause_ms: u64,
    /// Milliseconds since `epoch` before which Redis is not tried again (0: none).
    retry_at: AtomicU64,
    epoch: Instant,
}

impl Backoff {
    pub(crate) fn new(pause: Duration) -> Self {
        Backoff {
            pause_ms: duration_ms(pause),
            retry_at: AtomicU64::new(0),
            epoch: Instant::now(),
        }
    }

    fn elapsed_ms(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// `Err` while paused.
    pub(crate) fn check(&self) -> Result<(), StoreError> {
        if self.elapsed_ms() < self.retry_at.load(Relaxed) {
            return Err(StoreError::new(
                StoreErrorKind::Unreachable,
                "Redis could not be reached a moment ago; not tried again yet",
            ));
        }
        Ok(())
    }

    /// An attempt failed: pause from now.
    pub(crate) fn failed(&self) {
        if self.pause_ms > 0 {
            self.retry_at
                .store(self.elapsed_ms().saturating_add(self.pause_ms), Relaxed);
        }
    }
}
