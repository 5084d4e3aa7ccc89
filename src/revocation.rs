//! Revocation across many verifiers: whether a session the cookie cache vouches for was
//! revoked since, decided from what Better Auth's `secondaryStorage` (Redis, in most
//! deployments) says about it.
//!
//! A cookie cache stays valid until it expires, whatever happens at the auth server:
//! after a sign-out, a "revoke all sessions" or a ban, the old cookies still pass every
//! offline check (and Better Auth's own `getSession` on its cookie-cache path) until
//! the cache runs out. Better Auth 1.7.24 already writes what a verifier needs to know
//! better into its secondary storage (`dist/db/internal-adapter.mjs`):
//!
//! - **`<token>`**: one key per live session, deleted when that session is revoked
//!   (sign-out, `revokeSession`, `revokeOtherSessions`, `revokeSessions`, bans, …);
//! - **`revoked-sessions-before-<userId>`**: a Unix-ms timestamp; every session of that
//!   user created strictly before it is revoked (written by the "all sessions of a user"
//!   revocations: `revokeSessions`, `changePassword` with `revokeOtherSessions`, bans,
//!   user deletion, …). It only moves forward.
//!
//! (`active-sessions-<userId>` is updated with non-atomic read-modify-writes and is not
//! a source of truth: it is never read here.) Those two keys are exactly the two reads
//! Better Auth's own `findSession` makes.
//!
//! This module is pure, like the rest of the crate: [`decide`] takes what the store
//! said — a [`StoreReading`], with the time it was read — and the verified cache, and
//! answers a [`Decision`]: accept, [revoked](Decision::Revoked), or
//! [unknown](Decision::Unknown) (the reading is too old, or the store cannot tell).
//! The store is reached through the small synchronous [`KeyStore`] trait ("get these
//! keys"), which an implementation crate provides (`session-cache-redis` for Redis);
//! [`read`] and [`check`] run one round trip through it and decide.
//!
//! Two rules make a small local cache of readings safe:
//!
//! - **Revocation is final.** A deleted token key is never written again and
//!   `revoked-sessions-before-*` never moves backwards, so a reading that revoked a
//!   session revokes it at any age.
//! - **Acceptance expires.** A reading accepts a session only while it is at most
//!   [`RevocationOptions::max_staleness_ms`] old: that is the bound on how long a
//!   revocation takes to reach a verifier.
//!
//! The same store can also hold a per-user cache version ([`StoreKeys::with_user_version`]):
//! when Better Auth's `cookieCache.version` is a function that reads a counter from the
//! store, bumping the counter invalidates every cache of that user, at Better Auth and
//! here, with the same staleness bound.
//!
//! ```
//! use session_cache::revocation::{decide, Decision, RevocationOptions, StoreKeys, StoreReading};
//! # use session_cache::{EncodeOptions, Keyring, Payload, Strategy, VerifyOptions};
//! # let keys = Keyring::from_secret("a-long-random-secret-of-32-chars!!")?;
//! # let payload = Payload::from_json(r#"{"session":{"id":"s1","token":"tok","userId":"u1",
//! #   "expiresAt":"2026-11-29T06:29:25.877Z","createdAt":"2026-11-22T06:29:25.877Z"},
//! #   "user":{"id":"u1","email":"a@example.com","name":"Ada"},"updatedAt":1795328965877,"version":"1"}"#)?;
//! # let now = 1_795_328_965_877;
//! # let value = Strategy::Jwe.encode(&payload, &keys, &EncodeOptions::default(), now)?;
//! let cache = Strategy::Jwe.verify(&value, &keys, &VerifyOptions::default(), now)?;
//! let names = StoreKeys::default(); // "better-auth:" as @better-auth/redis-storage
//! assert_eq!(names.token(cache.session().token.as_str()), "better-auth:tok");
//! assert_eq!(names.revoked_before("u1"), "better-auth:revoked-sessions-before-u1");
//!
//! // GET of both keys, as the store answered them:
//! let options = RevocationOptions::default();
//! let live = StoreReading::from_values(true, None, now);
//! assert_eq!(decide(&cache, &live, &options, now), Decision::Accept);
//! let signed_out = StoreReading::from_values(false, None, now);
//! assert!(decide(&cache, &signed_out, &options, now).is_revoked());
//! let revoke_all = StoreReading::from_values(true, Some(b"1795328965878"), now);
//! let err = decide(&cache, &revoke_all, &options, now).into_result(Default::default()).unwrap_err();
//! assert_eq!(err.kind().as_str(), "revoked");
//! # Ok::<(), session_cache::Error>(())
//! ```

use core::fmt;

use crate::defaults;
use crate::error::{Error, ErrorKind, Result};
use crate::payload::Payload;
use crate::verified::VerifiedCache;

/// The names of the keys a verifier reads, as the storage sees them: Better Auth's own
/// names (it adds no prefix) behind the prefix the `secondaryStorage` implementation
/// adds.
///
/// The default prefix is [`defaults::REDIS_STORAGE_KEY_PREFIX`] (`"better-auth:"`),
/// what `@better-auth/redis-storage` adds unless told otherwise (`keyPrefix`). A
/// hand-written `secondaryStorage` over `ioredis` usually adds none: use
/// `StoreKeys::new("")`. A wrong prefix fails loudly: no token key is ever found, so
/// every session reads as revoked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreKeys {
    prefix: String,
    user_version: Option<String>,
}

impl Default for StoreKeys {
    fn default() -> Self {
        StoreKeys::new(defaults::REDIS_STORAGE_KEY_PREFIX)
    }
}

impl StoreKeys {
    /// Keys behind `prefix` (`""`: Better Auth's names as they are).
    pub fn new(prefix: &str) -> Self {
        StoreKeys {
            prefix: prefix.to_owned(),
            user_version: None,
        }
    }

    /// The same names, and a per-user cache version read from
    /// `<prefix><name><userId>` (for example `name = "cache-version-"`): the expected
    /// cache version is that key's value, or `"1"` when it does not exist.
    #[must_use]
    pub fn with_user_version(mut self, name: &str) -> Self {
        self.user_version = Some(name.to_owned());
        self
    }

    /// The prefix.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The per-user version key's name between the prefix and the user id, when
    /// configured.
    pub fn user_version_name(&self) -> Option<&str> {
        self.user_version.as_deref()
    }

    /// `<prefix><token>`: present while the session is live.
    pub fn token(&self, token: &str) -> String {
        format!("{}{token}", self.prefix)
    }

    /// `<prefix>revoked-sessions-before-<userId>`.
    pub fn revoked_before(&self, user_id: &str) -> String {
        format!("{}{}{user_id}", self.prefix, REVOKED_BEFORE)
    }

    /// `<prefix><name><userId>`, when a per-user version is configured.
    pub fn user_version(&self, user_id: &str) -> Option<String> {
        self.user_version
            .as_ref()
            .map(|name| format!("{}{name}{user_id}", self.prefix))
    }
}

/// Better Auth's name for "every session of this user created before T is revoked"
/// (`revokedBeforeKey`, `internal-adapter.mjs`), before the user id.
pub const REVOKED_BEFORE: &str = "revoked-sessions-before-";

/// What the store said of one session's keys, and when (Unix ms).
#[derive(Clone, Debug, PartialEq)]
pub struct StoreReading {
    /// Whether `<token>` exists.
    pub token_present: bool,
    /// `revoked-sessions-before-<userId>` as JavaScript's `Number()` reads it: `None`
    /// when the key does not exist, NaN for a value that is not a number.
    pub revoked_before: Option<f64>,
    /// The per-user cache version key, when one was read.
    pub user_version: UserVersion,
    /// When the store answered, Unix ms (the verifier's clock).
    pub read_at: i64,
}

/// The per-user cache version key, as read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum UserVersion {
    /// Not configured, so not read.
    #[default]
    NotRead,
    /// Configured, and the key does not exist: version `"1"`.
    Absent,
    /// The key's value.
    Value(String),
}

impl UserVersion {
    /// The version the store expects, when one was read: the value, or `"1"` for a
    /// missing key (Better Auth's default version).
    pub fn expected(&self) -> Option<&str> {
        match self {
            UserVersion::NotRead => None,
            UserVersion::Absent => Some(defaults::CACHE_VERSION),
            UserVersion::Value(v) => Some(v),
        }
    }
}

impl StoreReading {
    /// A reading from the store's answers: whether `<token>` exists, and the raw value
    /// of `revoked-sessions-before-<userId>` (`None`: no such key), read at `read_at`.
    pub fn from_values(token_present: bool, revoked_before: Option<&[u8]>, read_at: i64) -> Self {
        StoreReading {
            token_present,
            revoked_before: revoked_before.map(js_number),
            user_version: UserVersion::NotRead,
            read_at,
        }
    }

    /// The same reading with the per-user version key's raw value (`None`: no such
    /// key). A value that is not UTF-8 matches no cache version.
    #[must_use]
    pub fn with_user_version(mut self, value: Option<&[u8]>) -> Self {
        self.user_version = match value {
            None => UserVersion::Absent,
            Some(v) => UserVersion::Value(String::from_utf8_lossy(v).into_owned()),
        };
        self
    }

    /// How old the reading is at `now`, in ms (0 for a reading from the future).
    pub fn age(&self, now: i64) -> u64 {
        (now as i128 - self.read_at as i128).clamp(0, u64::MAX as i128) as u64
    }
}

/// What a missing `<token>` key means: Better Auth's `storeSessionInDatabase` rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum MissingToken {
    /// The session was revoked: Better Auth without `storeSessionInDatabase` (its
    /// default), or with `preserveSessionInDatabase` too — `findSession` then answers
    /// `null` for a token it does not find in the store.
    #[default]
    Revoked,
    /// The store cannot tell: with `storeSessionInDatabase: true` (and no
    /// `preserveSessionInDatabase`) `findSession` falls back to the database row, which
    /// a verifier does not read. The decision is [`Decision::Unknown`].
    Unknown,
}

/// What is done when the decision is [`Decision::Unknown`] (the store unreachable or
/// timed out, or unable to tell).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum OnUnknown {
    /// Refuse the session ([`ErrorKind::RevocationUnknown`]): for routes that must not
    /// serve a revoked session. The default.
    #[default]
    FailClosed,
    /// Accept the session on the strength of the cookie alone, as if there were no
    /// store ([`Revocation::Unchecked`]).
    FailOpen,
}

/// How readings are judged.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RevocationOptions {
    /// The oldest reading that may accept a session, in ms
    /// ([`defaults::REVOCATION_MAX_STALENESS_MS`]): a revocation reaches the verifier
    /// within this time. 0: only a reading made at `now` accepts.
    pub max_staleness_ms: u64,
    /// What a missing `<token>` key means (`storeSessionInDatabase`).
    pub missing_token: MissingToken,
}

impl Default for RevocationOptions {
    fn default() -> Self {
        RevocationOptions {
            max_staleness_ms: defaults::REVOCATION_MAX_STALENESS_MS,
            missing_token: MissingToken::Revoked,
        }
    }
}

impl RevocationOptions {
    /// The same options with a staleness bound of `ms` milliseconds.
    #[must_use]
    pub fn with_max_staleness_ms(mut self, ms: u64) -> Self {
        self.max_staleness_ms = ms;
        self
    }

    /// The same options for Better Auth's `session.storeSessionInDatabase` (and
    /// `preserveSessionInDatabase`): with the first and not the second, a missing token
    /// key is [`MissingToken::Unknown`], else [`MissingToken::Revoked`].
    #[must_use]
    pub fn with_store_session_in_database(mut self, store: bool, preserve: bool) -> Self {
        self.missing_token = if store && !preserve {
            MissingToken::Unknown
        } else {
            MissingToken::Revoked
        };
        self
    }
}

/// Why a session is revoked.
#[derive(Clone, Debug, PartialEq)]
pub enum Revoked {
    /// Its `<token>` key is gone: signed out, or revoked by one of Better Auth's
    /// revocation endpoints.
    TokenDeleted,
    /// Its user's sessions created before `revoked_before` (Unix ms) are revoked, and
    /// it was created at `created_at` (`None`: the cache has no `session.createdAt`,
    /// which cannot be shown to be later).
    RevokedBefore {
        /// The value of `revoked-sessions-before-<userId>`.
        revoked_before: f64,
        /// The session's `createdAt`, Unix ms.
        created_at: Option<i64>,
    },
}

/// Why the store's answer does not settle it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unknown {
    /// The reading is older than the staleness bound (by `age_ms`): read again.
    Stale {
        /// The reading's age, ms.
        age_ms: u64,
    },
    /// The token key is missing and sessions are stored in the database too
    /// ([`MissingToken::Unknown`]).
    NotInStore,
    /// The store could not be read.
    Unavailable(StoreError),
}

/// The answer of [`decide`].
#[derive(Clone, Debug, PartialEq)]
pub enum Decision {
    /// Not revoked, by a reading within the staleness bound.
    Accept,
    /// Revoked (final: no later reading changes it).
    Revoked(Revoked),
    /// The cache's version is not the one the store holds for its user.
    VersionMismatch {
        /// The version the store expects.
        expected: String,
    },
    /// Not known.
    Unknown(Unknown),
}

/// Whether the store was consulted, for a session [`Decision::into_result`] lets
/// through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Revocation {
    /// The store said the session is live.
    Checked,
    /// The store could not tell and [`OnUnknown::FailOpen`] let it through.
    Unchecked,
}

impl Decision {
    /// Whether the session is revoked.
    pub fn is_revoked(&self) -> bool {
        matches!(self, Decision::Revoked(_))
    }

    /// Whether this answer stays true at any later time: a revocation does.
    pub fn is_final(&self) -> bool {
        self.is_revoked()
    }

    /// The decision as a result: [`Decision::Accept`] →
    /// [`Revocation::Checked`]; revoked → [`ErrorKind::Revoked`]; a version mismatch →
    /// [`ErrorKind::VersionMismatch`]; unknown → [`ErrorKind::RevocationUnknown`] when
    /// failing closed, [`Revocation::Unchecked`] when failing open.
    pub fn into_result(self, on_unknown: OnUnknown) -> Result<Revocation> {
        match self {
            Decision::Accept => Ok(Revocation::Checked),
            Decision::Revoked(Revoked::TokenDeleted) => Err(Error::new(
                ErrorKind::Revoked,
                "the session was revoked: its token is no longer in the session store",
            )),
            Decision::Revoked(Revoked::RevokedBefore { .. }) => Err(Error::new(
                ErrorKind::Revoked,
                "the session was revoked: every session of its user created before a \
                 later time was revoked",
            )),
            Decision::VersionMismatch { expected } => Err(Error::new(
                ErrorKind::VersionMismatch,
                format!("the session store expects cache version {expected:?} for this user"),
            )),
            Decision::Unknown(_) if on_unknown == OnUnknown::FailOpen => Ok(Revocation::Unchecked),
            Decision::Unknown(why) => Err(Error::new(
                ErrorKind::RevocationUnknown,
                match why {
                    Unknown::Stale { .. } => {
                        "whether the session was revoked is not known: the reading is too old"
                            .to_owned()
                    }
                    Unknown::NotInStore => "whether the session was revoked is not known: \
                         its token is not in the session store, and sessions are stored in \
                         the database"
                        .to_owned(),
                    Unknown::Unavailable(e) => format!(
                        "whether the session was revoked is not known: the session store is \
                         unavailable ({e})"
                    ),
                },
            )),
        }
    }
}

/// Decides, from what the store said, whether the session of `cache` is still live at
/// `now` (Unix ms).
///
/// In order:
/// 1. `revoked-sessions-before-<userId>` is a number and `session.createdAt` is strictly
///    earlier (Better Auth's `isRevokedSession`: equal is not revoked; a missing key or
///    a value that is not a number revokes nothing; a cache without `createdAt` is
///    revoked by any positive value) → [`Revoked::RevokedBefore`], whatever the age;
/// 2. `<token>` is missing: [`MissingToken::Revoked`] → [`Revoked::TokenDeleted`],
///    whatever the age;
/// 3. the reading is older than the staleness bound → [`Unknown::Stale`];
/// 4. `<token>` is missing with [`MissingToken::Unknown`] → [`Unknown::NotInStore`];
/// 5. a per-user version was read and differs from the cache's → [`Decision::VersionMismatch`];
/// 6. else [`Decision::Accept`].
pub fn decide(
    cache: &VerifiedCache,
    reading: &StoreReading,
    options: &RevocationOptions,
    now: i64,
) -> Decision {
    decide_payload(cache.payload(), reading, options, now)
}

/// [`decide`] on the payload of a cache already verified (for a shell that holds the
/// verified payload's text rather than the [`VerifiedCache`], such as the JavaScript
/// package across an `await`). It reads `session.createdAt` and the cache version.
pub fn decide_payload(
    payload: &Payload,
    reading: &StoreReading,
    options: &RevocationOptions,
    now: i64,
) -> Decision {
    let created_at = payload.session_created_at();
    if let Some(revoked_before) = reading.revoked_before {
        let revoked = match created_at {
            // new Date(createdAt).getTime() < Number(value); NaN compares false.
            Some(created) => (created as f64) < revoked_before,
            None => revoked_before > 0.0,
        };
        if revoked {
            return Decision::Revoked(Revoked::RevokedBefore {
                revoked_before,
                created_at,
            });
        }
    }
    if !reading.token_present && options.missing_token == MissingToken::Revoked {
        return Decision::Revoked(Revoked::TokenDeleted);
    }
    let age_ms = reading.age(now);
    if age_ms > options.max_staleness_ms {
        return Decision::Unknown(Unknown::Stale { age_ms });
    }
    if !reading.token_present {
        return Decision::Unknown(Unknown::NotInStore);
    }
    if let Some(expected) = reading.user_version.expected() {
        if payload.effective_version() != expected {
            return Decision::VersionMismatch {
                expected: expected.to_owned(),
            };
        }
    }
    Decision::Accept
}

/// Why a store could not be read. The message never holds a key, a value, a URL or a
/// password.
#[derive(Clone, PartialEq, Eq)]
pub struct StoreError {
    kind: StoreErrorKind,
    message: Box<str>,
}

/// What kind of store failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StoreErrorKind {
    /// No connection could be made (refused, unreachable, authentication failed).
    Unreachable,
    /// The store did not answer in time.
    Timeout,
    /// The store answered something unexpected (a wrong type, a protocol error).
    Protocol,
}

impl StoreError {
    /// A new error of `kind`; `message` must not hold secrets or keys.
    pub fn new(kind: StoreErrorKind, message: impl Into<String>) -> Self {
        StoreError {
            kind,
            message: message.into().into_boxed_str(),
        }
    }

    /// The kind of failure.
    pub fn kind(&self) -> StoreErrorKind {
        self.kind
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Debug for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "StoreError({:?}: {})", self.kind, self.message)
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            StoreErrorKind::Unreachable => "unreachable",
            StoreErrorKind::Timeout => "timed out",
            StoreErrorKind::Protocol => "protocol error",
        };
        write!(f, "{kind}: {}", self.message)
    }
}

impl std::error::Error for StoreError {}

/// The values of a [`KeyStore::get`], in order of the keys (`None`: no such key).
pub type Values = Vec<Option<Vec<u8>>>;

/// A key-value store a verifier reads: "get these keys", synchronously. Implemented
/// over Redis by the `session-cache-redis` crate; anything with `GET` semantics fits.
pub trait KeyStore {
    /// The value of each of `keys`, in order (`None`: no such key), in one round trip
    /// where the store allows it.
    fn get(&self, keys: &[&str]) -> core::result::Result<Values, StoreError>;

    /// Whether `key` exists, and the value of each of `keys`, in one round trip. The
    /// default reads `key` with [`get`](Self::get) too; a store with an `EXISTS`
    /// spares transferring the value.
    fn exists_and_get(
        &self,
        key: &str,
        keys: &[&str],
    ) -> core::result::Result<(bool, Values), StoreError> {
        let mut all = Vec::with_capacity(keys.len() + 1);
        all.push(key);
        all.extend_from_slice(keys);
        let mut values = self.get(&all)?;
        if values.len() != all.len() {
            return Err(StoreError::new(
                StoreErrorKind::Protocol,
                "the store answered a different number of values",
            ));
        }
        let exists = values.remove(0).is_some();
        Ok((exists, values))
    }
}

/// The keys [`read`] asks for: `<token>` (existence), `revoked-sessions-before-<userId>`
/// and, when configured, the per-user version key.
pub fn keys_for(names: &StoreKeys, cache: &VerifiedCache) -> (String, Vec<String>) {
    let payload = cache.payload();
    keys_of(names, payload.session_token(), &payload.session().user_id)
}

/// [`keys_for`] a session token and user id.
pub fn keys_of(names: &StoreKeys, token: &str, user_id: &str) -> (String, Vec<String>) {
    let mut gets = vec![names.revoked_before(user_id)];
    gets.extend(names.user_version(user_id));
    (names.token(token), gets)
}

/// Builds the reading from the answers to [`keys_for`]'s keys, read at `read_at`.
pub fn reading_from(
    names: &StoreKeys,
    token_present: bool,
    values: &[Option<Vec<u8>>],
    read_at: i64,
) -> core::result::Result<StoreReading, StoreError> {
    let wanted = 1 + usize::from(names.user_version.is_some());
    if values.len() != wanted {
        return Err(StoreError::new(
            StoreErrorKind::Protocol,
            "the store answered a different number of values",
        ));
    }
    let reading = StoreReading::from_values(token_present, values[0].as_deref(), read_at);
    Ok(match names.user_version {
        Some(_) => reading.with_user_version(values[1].as_deref()),
        None => reading,
    })
}

/// Reads what `store` says of the session of `cache`, in one round trip, at `now`.
pub fn read(
    store: &impl KeyStore,
    names: &StoreKeys,
    cache: &VerifiedCache,
    now: i64,
) -> core::result::Result<StoreReading, StoreError> {
    let (token, gets) = keys_for(names, cache);
    let gets: Vec<&str> = gets.iter().map(String::as_str).collect();
    let (present, values) = store.exists_and_get(&token, &gets)?;
    reading_from(names, present, &values, now)
}

/// [`read`], then [`decide`]; a store that cannot be read gives
/// [`Unknown::Unavailable`].
pub fn check(
    store: &impl KeyStore,
    names: &StoreKeys,
    cache: &VerifiedCache,
    options: &RevocationOptions,
    now: i64,
) -> Decision {
    match read(store, names, cache, now) {
        Ok(reading) => decide(cache, &reading, options, now),
        Err(e) => Decision::Unknown(Unknown::Unavailable(e)),
    }
}

/// JavaScript's `Number(string)` (ECMAScript's StringToNumber) of a stored value: what
/// Better Auth's `Number(await secondaryStorage.get(key))` gives. Surrounding white
/// space is ignored, an empty value is 0, `0x`/`0o`/`0b` integers and `Infinity` are
/// read, anything else that is not a decimal literal is NaN. A value that is not UTF-8
/// is NaN.
pub fn js_number(value: &[u8]) -> f64 {
    let Ok(text) = core::str::from_utf8(value) else {
        return f64::NAN;
    };
    let text = crate::cookie::js_trim(text); // StringToNumber trims as String.prototype.trim
    if text.is_empty() {
        return 0.0;
    }
    let bytes = text.as_bytes();
    if bytes.len() > 2 && bytes[0] == b'0' {
        let radix = match bytes[1] {
            b'x' | b'X' => Some(16),
            b'o' | b'O' => Some(8),
            b'b' | b'B' => Some(2),
            _ => None,
        };
        if let Some(radix) = radix {
            let mut n = 0f64;
            for c in text[2..].chars() {
                match c.to_digit(radix) {
                    Some(d) => n = n * f64::from(radix) + f64::from(d),
                    None => return f64::NAN,
                }
            }
            return n;
        }
    }
    let (sign, unsigned) = match bytes[0] {
        b'-' => (-1.0, &text[1..]),
        b'+' => (1.0, &text[1..]),
        _ => (1.0, text),
    };
    if unsigned == "Infinity" {
        return sign * f64::INFINITY;
    }
    if !is_decimal_literal(unsigned.as_bytes()) {
        return f64::NAN;
    }
    unsigned.parse::<f64>().map_or(f64::NAN, |n| sign * n)
}

/// ECMAScript's StrUnsignedDecimalLiteral without `Infinity`: `1`, `1.`, `1.5`, `.5`,
/// each with an optional exponent.
fn is_decimal_literal(b: &[u8]) -> bool {
    let digits = |mut i: usize| {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        (i, i - start)
    };
    let (mut i, int) = digits(0);
    let mut frac = 0;
    if i < b.len() && b[i] == b'.' {
        (i, frac) = digits(i + 1);
    }
    if int + frac == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let (end, exp) = digits(i);
        if exp == 0 {
            return false;
        }
        i = end;
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EncodeOptions, Keyring, Payload, Strategy, VerifyOptions};
    use std::cell::RefCell;
    use std::collections::HashMap;

    const NOW: i64 = 1_795_328_965_877;
    // 2026-11-22T06:29:25.877Z
    const CREATED: i64 = 1_795_328_965_877;

    fn cache_with(created_at: Option<&str>, version: &str) -> VerifiedCache {
        let keys = Keyring::from_secret("a-long-random-secret-of-32-chars!!").unwrap();
        let created = created_at
            .map(|c| format!(r#","createdAt":"{c}""#))
            .unwrap_or_default();
        let payload = Payload::from_json(&format!(
            r#"{{"session":{{"id":"s1","token":"tok","userId":"u1",
              "expiresAt":"2026-11-29T06:29:25.877Z"{created}}},
              "user":{{"id":"u1","email":"a@example.com","name":"Ada"}},
              "updatedAt":{NOW},"version":"{version}"}}"#
        ))
        .unwrap();
        let value = Strategy::Compact
            .encode(&payload, &keys, &EncodeOptions::default(), NOW)
            .unwrap();
        Strategy::Compact
            .verify(&value, &keys, &VerifyOptions::default(), NOW)
            .unwrap()
    }

    fn cache() -> VerifiedCache {
        cache_with(Some("2026-11-22T06:29:25.877Z"), "1")
    }

    fn reading(present: bool, revoked_before: Option<&str>) -> StoreReading {
        StoreReading::from_values(present, revoked_before.map(str::as_bytes), NOW)
    }

    #[test]
    fn created_at_is_read() {
        assert_eq!(cache().payload().session_created_at(), Some(CREATED));
    }

    #[test]
    fn live_session_is_accepted() {
        let o = RevocationOptions::default();
        assert_eq!(
            decide(&cache(), &reading(true, None), &o, NOW),
            Decision::Accept
        );
        assert_eq!(
            decide(&cache(), &reading(true, None), &o, NOW).into_result(OnUnknown::FailClosed),
            Ok(Revocation::Checked)
        );
    }

    #[test]
    fn revoked_before_boundary_is_strict() {
        let o = RevocationOptions::default();
        let c = cache();
        // createdAt == revokedBefore: not revoked (Better Auth's `<`).
        let equal = CREATED.to_string();
        assert_eq!(
            decide(&c, &reading(true, Some(&equal)), &o, NOW),
            Decision::Accept
        );
        // One ms later: revoked.
        let later = (CREATED + 1).to_string();
        assert_eq!(
            decide(&c, &reading(true, Some(&later)), &o, NOW),
            Decision::Revoked(Revoked::RevokedBefore {
                revoked_before: (CREATED + 1) as f64,
                created_at: Some(CREATED)
            })
        );
        // One ms earlier: a session created after the revocation.
        let earlier = (CREATED - 1).to_string();
        assert_eq!(
            decide(&c, &reading(true, Some(&earlier)), &o, NOW),
            Decision::Accept
        );
        // Fractions compare as numbers do.
        assert!(decide(&c, &reading(true, Some("1795328965877.5")), &o, NOW).is_revoked());
        let err = decide(&c, &reading(true, Some(&later)), &o, NOW)
            .into_result(OnUnknown::FailOpen)
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Revoked);
    }

    #[test]
    fn revoked_values_that_are_not_numbers_revoke_nothing() {
        let o = RevocationOptions::default();
        for v in ["abc", "12x", "0x", "1e", "--1", "NaN", "infinity"] {
            assert_eq!(
                decide(&cache(), &reading(true, Some(v)), &o, NOW),
                Decision::Accept,
                "{v}"
            );
        }
        // Number("") is 0; "Infinity" is larger than every date.
        assert_eq!(
            decide(&cache(), &reading(true, Some("")), &o, NOW),
            Decision::Accept
        );
        assert!(decide(&cache(), &reading(true, Some(" Infinity ")), &o, NOW).is_revoked());
    }

    #[test]
    fn without_created_at_any_revocation_revokes() {
        let o = RevocationOptions::default();
        let c = cache_with(None, "1");
        assert!(decide(&c, &reading(true, Some("1")), &o, NOW).is_revoked());
        assert_eq!(
            decide(&c, &reading(true, Some("0")), &o, NOW),
            Decision::Accept
        );
        assert_eq!(decide(&c, &reading(true, None), &o, NOW), Decision::Accept);
    }

    #[test]
    fn missing_token_is_revoked_at_any_age() {
        let o = RevocationOptions::default().with_max_staleness_ms(1000);
        let old = StoreReading::from_values(false, None, NOW - 3_600_000);
        assert_eq!(
            decide(&cache(), &old, &o, NOW),
            Decision::Revoked(Revoked::TokenDeleted)
        );
        let err = decide(&cache(), &old, &o, NOW)
            .into_result(OnUnknown::FailOpen)
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Revoked);
        assert!(decide(&cache(), &old, &o, NOW).is_final());
    }

    #[test]
    fn revoked_before_is_final_too() {
        let o = RevocationOptions::default().with_max_staleness_ms(1000);
        let old = StoreReading::from_values(true, Some(b"1795328965999"), NOW - 3_600_000);
        assert!(decide(&cache(), &old, &o, NOW).is_revoked());
    }

    #[test]
    fn staleness_boundary() {
        let o = RevocationOptions::default().with_max_staleness_ms(2000);
        let at = |age: i64| StoreReading::from_values(true, None, NOW - age);
        assert_eq!(decide(&cache(), &at(2000), &o, NOW), Decision::Accept);
        assert_eq!(
            decide(&cache(), &at(2001), &o, NOW),
            Decision::Unknown(Unknown::Stale { age_ms: 2001 })
        );
        // A reading from the future (clock steps) is not stale.
        assert_eq!(decide(&cache(), &at(-5000), &o, NOW), Decision::Accept);
        // max_staleness 0: only a reading made now accepts.
        let zero = RevocationOptions::default().with_max_staleness_ms(0);
        assert_eq!(decide(&cache(), &at(0), &zero, NOW), Decision::Accept);
        assert!(matches!(
            decide(&cache(), &at(1), &zero, NOW),
            Decision::Unknown(Unknown::Stale { .. })
        ));
        // Stale: fail closed or open.
        let err = decide(&cache(), &at(2001), &o, NOW)
            .into_result(OnUnknown::FailClosed)
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::RevocationUnknown);
        assert_eq!(
            decide(&cache(), &at(2001), &o, NOW).into_result(OnUnknown::FailOpen),
            Ok(Revocation::Unchecked)
        );
    }

    #[test]
    fn store_session_in_database() {
        let o = RevocationOptions::default().with_store_session_in_database(true, false);
        assert_eq!(o.missing_token, MissingToken::Unknown);
        assert_eq!(
            decide(&cache(), &reading(false, None), &o, NOW),
            Decision::Unknown(Unknown::NotInStore)
        );
        // A present token is live; revoked-before still revokes.
        assert_eq!(
            decide(&cache(), &reading(true, None), &o, NOW),
            Decision::Accept
        );
        assert!(decide(&cache(), &reading(false, Some("1795328965878")), &o, NOW).is_revoked());
        // A stale reading of a missing token: unknown because stale.
        let old = StoreReading::from_values(false, None, NOW - 60_000);
        assert!(matches!(
            decide(&cache(), &old, &o, NOW),
            Decision::Unknown(Unknown::Stale { .. })
        ));
        let err = decide(&cache(), &reading(false, None), &o, NOW)
            .into_result(OnUnknown::FailClosed)
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::RevocationUnknown);
        // preserveSessionInDatabase turns the fallback off again.
        let p = RevocationOptions::default().with_store_session_in_database(true, true);
        assert_eq!(p.missing_token, MissingToken::Revoked);
        let n = RevocationOptions::default().with_store_session_in_database(false, false);
        assert_eq!(n.missing_token, MissingToken::Revoked);
    }

    #[test]
    fn user_version() {
        let o = RevocationOptions::default();
        let c2 = cache_with(Some("2026-11-22T06:29:25.877Z"), "2");
        let r = |v: Option<&str>| reading(true, None).with_user_version(v.map(str::as_bytes));
        assert_eq!(decide(&c2, &r(Some("2")), &o, NOW), Decision::Accept);
        assert_eq!(
            decide(&c2, &r(Some("3")), &o, NOW),
            Decision::VersionMismatch {
                expected: "3".into()
            }
        );
        // A missing key means version "1".
        assert_eq!(
            decide(&c2, &r(None), &o, NOW),
            Decision::VersionMismatch {
                expected: "1".into()
            }
        );
        assert_eq!(decide(&cache(), &r(None), &o, NOW), Decision::Accept);
        let err = decide(&c2, &r(Some("3")), &o, NOW)
            .into_result(OnUnknown::FailOpen)
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::VersionMismatch);
        // Revocation comes first.
        let revoked = StoreReading::from_values(false, None, NOW).with_user_version(Some(b"3"));
        assert!(decide(&c2, &revoked, &o, NOW).is_revoked());
        // Not configured: no version check.
        assert_eq!(UserVersion::NotRead.expected(), None);
        // The offline policy leaves the comparison to the store.
        let policy = crate::Policy::get_session().with_version(crate::ExpectedVersion::InStore);
        assert!(policy.check(&c2, NOW).is_ok());
        assert!(crate::Policy::get_session().check(&c2, NOW).is_err());
    }

    #[test]
    fn unavailable_store() {
        let e = StoreError::new(StoreErrorKind::Timeout, "no answer within 200 ms");
        let d = Decision::Unknown(Unknown::Unavailable(e));
        assert!(!d.is_revoked() && !d.is_final());
        let err = d.clone().into_result(OnUnknown::FailClosed).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::RevocationUnknown);
        assert!(err.message().contains("timed out"), "{}", err.message());
        assert_eq!(
            d.into_result(OnUnknown::FailOpen),
            Ok(Revocation::Unchecked)
        );
    }

    #[test]
    fn key_names() {
        let k = StoreKeys::default();
        assert_eq!(k.prefix(), "better-auth:");
        assert_eq!(k.token("abc"), "better-auth:abc");
        assert_eq!(
            k.revoked_before("u"),
            "better-auth:revoked-sessions-before-u"
        );
        assert_eq!(k.user_version("u"), None);
        let k = StoreKeys::new("").with_user_version("cache-version-");
        assert_eq!(k.token("abc"), "abc");
        assert_eq!(k.revoked_before("u"), "revoked-sessions-before-u");
        assert_eq!(k.user_version("u").as_deref(), Some("cache-version-u"));
    }

    /// A store over a map, counting round trips.
    #[derive(Default)]
    struct MapStore {
        map: HashMap<String, Vec<u8>>,
        calls: RefCell<Vec<Vec<String>>>,
        down: bool,
    }

    impl KeyStore for MapStore {
        fn get(&self, keys: &[&str]) -> core::result::Result<Values, StoreError> {
            if self.down {
                return Err(StoreError::new(
                    StoreErrorKind::Unreachable,
                    "connection refused",
                ));
            }
            self.calls
                .borrow_mut()
                .push(keys.iter().map(|k| k.to_string()).collect());
            Ok(keys.iter().map(|k| self.map.get(*k).cloned()).collect())
        }
    }

    #[test]
    fn check_through_a_store() {
        let names = StoreKeys::default().with_user_version("cache-version-");
        let mut store = MapStore::default();
        store.map.insert("better-auth:tok".into(), b"{}".to_vec());
        let o = RevocationOptions::default();
        assert_eq!(check(&store, &names, &cache(), &o, NOW), Decision::Accept);
        // One round trip, for exactly these keys.
        assert_eq!(
            store.calls.borrow().as_slice(),
            &[vec![
                "better-auth:tok".to_string(),
                "better-auth:revoked-sessions-before-u1".to_string(),
                "better-auth:cache-version-u1".to_string()
            ]]
        );
        store
            .map
            .insert("better-auth:cache-version-u1".into(), b"7".to_vec());
        assert_eq!(
            check(&store, &names, &cache(), &o, NOW),
            Decision::VersionMismatch {
                expected: "7".into()
            }
        );
        store.map.remove("better-auth:cache-version-u1");
        store.map.insert(
            "better-auth:revoked-sessions-before-u1".into(),
            (CREATED + 1).to_string().into_bytes(),
        );
        assert!(check(&store, &names, &cache(), &o, NOW).is_revoked());
        store.map.clear();
        assert_eq!(
            check(&store, &names, &cache(), &o, NOW),
            Decision::Revoked(Revoked::TokenDeleted)
        );
        store.down = true;
        assert!(matches!(
            check(&store, &names, &cache(), &o, NOW),
            Decision::Unknown(Unknown::Unavailable(_))
        ));
        assert!(reading_from(&names, true, &[None], NOW).is_err());
    }

    #[test]
    fn number_like_javascript() {
        let n = |s: &str| js_number(s.as_bytes());
        assert_eq!(n("1796158631134"), 1_796_158_631_134.0);
        assert_eq!(n("  42\n"), 42.0);
        assert_eq!(n("\u{feff}\u{a0}7\u{3000}"), 7.0);
        assert_eq!(n(""), 0.0);
        assert_eq!(n("   "), 0.0);
        assert_eq!(n("+5"), 5.0);
        assert_eq!(n("-5"), -5.0);
        assert_eq!(n("1."), 1.0);
        assert_eq!(n(".5"), 0.5);
        assert_eq!(n("1e3"), 1000.0);
        assert_eq!(n("1E+3"), 1000.0);
        assert_eq!(n("2e-1"), 0.2);
        assert_eq!(n("0x1F"), 31.0);
        assert_eq!(n("0o17"), 15.0);
        assert_eq!(n("0B101"), 5.0);
        assert_eq!(n("Infinity"), f64::INFINITY);
        assert_eq!(n("-Infinity"), f64::NEG_INFINITY);
        assert_eq!(n("007"), 7.0);
        for bad in [
            "abc",
            ".",
            "e5",
            "1e",
            "1e+",
            "0x",
            "-0x10",
            "0x1g",
            "1_000",
            "inf",
            "nan",
            "infinity",
            "1 2",
            "+",
            "++1",
            "1..2",
            "Infinityx",
        ] {
            assert!(n(bad).is_nan(), "{bad:?}");
        }
        assert!(js_number(b"\xff12").is_nan());
    }
}
