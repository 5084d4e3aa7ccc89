//! Verification: what proves a cache value authentic ([`VerifyOptions`]) and what a
//! successful verification yields ([`VerifiedCache`]).
//!
//! A strategy's `verify` checks the value's structure, its signature (or decrypts it),
//! the payload's schema and the cache's own expiry with the strategy's clock tolerance.
//! Nothing else: what a reader additionally requires (the version, the embedded
//! session's expiry) is a [`Policy`](crate::Policy), applied afterwards.

use crate::defaults;
use crate::error::{Error, ErrorKind, Result};
use crate::keys::{KeyVersion, VerifyWith};
use crate::payload::{Payload, Session};
use crate::policy;
use crate::Strategy;

/// What proves a cache value authentic.
///
/// The defaults are Better Auth's: `compact` and `jwt` verify with the current secret
/// only; values longer than [`defaults::MAX_VALUE_LEN`] are refused.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct VerifyOptions {
    /// Which secrets may verify `compact` and `jwt` values (and, in the session check,
    /// the session token). `jwe` always tries every secret, as Better Auth does.
    pub secrets: VerifyWith,
    /// The longest value accepted, in bytes.
    pub max_len: usize,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        VerifyOptions {
            secrets: VerifyWith::CurrentSecret,
            max_len: defaults::MAX_VALUE_LEN,
        }
    }
}

impl VerifyOptions {
    /// The same options with `secrets`.
    #[must_use]
    pub fn with_secrets(mut self, secrets: VerifyWith) -> Self {
        self.secrets = secrets;
        self
    }

    /// The same options with a length limit of `max_len` bytes.
    #[must_use]
    pub fn with_max_len(mut self, max_len: usize) -> Self {
        self.max_len = max_len;
        self
    }

    /// [`ErrorKind::TooLarge`] when `value` is longer than the limit.
    pub(crate) fn check_len(&self, value: &str) -> Result<()> {
        if value.len() > self.max_len {
            return Err(Error::new(
                ErrorKind::TooLarge,
                format!(
                    "the value is {} bytes, above the limit of {}",
                    value.len(),
                    self.max_len
                ),
            ));
        }
        Ok(())
    }
}

/// What proved a cache authentic: a secret of the keyring, or a public key of a JWKS.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum VerifiedBy {
    /// A secret: the current one, an older version, or the legacy secret (`compact`,
    /// `jwt` with a secret, `jwe`).
    Secret(KeyVersion),
    /// A public key of a JWKS (the JWT plugin's session cache, see
    /// [`jwks`](crate::jwks)): its `kid` and the algorithm that verified.
    PublicKey {
        /// The key's `kid` (the `jwks` row id in Better Auth).
        kid: String,
        /// The signature algorithm.
        algorithm: crate::jwks::Algorithm,
    },
}

impl VerifiedBy {
    /// The keyring slot, when a secret verified.
    pub fn secret_version(&self) -> Option<KeyVersion> {
        match self {
            VerifiedBy::Secret(v) => Some(*v),
            VerifiedBy::PublicKey { .. } => None,
        }
    }

    /// The `kid`, when a public key verified.
    pub fn kid(&self) -> Option<&str> {
        match self {
            VerifiedBy::PublicKey { kid, .. } => Some(kid),
            VerifiedBy::Secret(_) => None,
        }
    }
}

impl core::fmt::Display for VerifiedBy {
    /// A secret's version (`2`, `legacy`), or `<alg> key <kid>`.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            VerifiedBy::Secret(v) => write!(f, "{v}"),
            VerifiedBy::PublicKey { kid, algorithm } => write!(f, "{algorithm} key {kid}"),
        }
    }
}

impl From<KeyVersion> for VerifiedBy {
    fn from(v: KeyVersion) -> Self {
        VerifiedBy::Secret(v)
    }
}

/// A cache value that is authentic and has not expired: its signature (or encryption)
/// verified with a key of the keyring, its payload has Better Auth's schema, and its own
/// expiry (with the strategy's tolerance) has not passed.
///
/// Only verification makes one. A [`Policy`](crate::Policy) then judges it.
#[derive(Debug, Clone)]
pub struct VerifiedCache {
    pub(crate) payload: Payload,
    pub(crate) expires_at: f64,
    pub(crate) strategy: Strategy,
    pub(crate) key: VerifiedBy,
}

impl VerifiedCache {
    /// The verified payload.
    pub fn payload(&self) -> &Payload {
        &self.payload
    }

    /// Takes the verified payload.
    pub fn into_payload(self) -> Payload {
        self.payload
    }

    /// The embedded session (shorthand for `payload().session()`).
    pub fn session(&self) -> &Session {
        self.payload.session()
    }

    /// When the cache expires, Unix milliseconds (`compact`: its `expiresAt`; `jwt` and
    /// `jwe`: `exp × 1000`).
    pub fn expires_at(&self) -> i64 {
        self.expires_at as i64
    }

    /// [`expires_at`](Self::expires_at) as written (a `compact` `expiresAt` may have a
    /// fraction).
    pub(crate) fn expires_at_ms(&self) -> f64 {
        self.expires_at
    }

    /// The strategy the value was written with.
    pub fn strategy(&self) -> Strategy {
        self.strategy
    }

    /// What verified (or decrypted) it: the current secret, an older version, the
    /// legacy secret — what a rotation check wants to know — or a JWKS key.
    pub fn verified_by(&self) -> &VerifiedBy {
        &self.key
    }

    /// Whether the session is fresh: `now - session.createdAt < fresh_age` seconds.
    /// A `fresh_age` of 0 disables the check (always fresh). A session without
    /// `createdAt` is not fresh.
    pub fn is_fresh(&self, fresh_age: u64, now: i64) -> bool {
        policy::fresh_since(self.payload.session_created_at(), fresh_age, now)
    }

    /// Whether the cache should be re-issued: less than `update_age` seconds remain
    /// before it expires (Better Auth's `cookieCache.refreshCache.updateAge`).
    pub fn needs_refresh(&self, update_age: u64, now: i64) -> bool {
        policy::needs_refresh(self.expires_at, update_age, now)
    }
}
