//! Better Auth 1.7.24's defaults, one named constant each, and this crate's own limits.
//! Every other module refers to these; none repeats the numbers.

/// `session.cookieCache.maxAge`: the cache's lifetime, in seconds (5 minutes).
pub const CACHE_MAX_AGE: u64 = 300;

/// `session.expiresIn`: the session's and the token cookie's lifetime, in seconds (7
/// days).
pub const SESSION_EXPIRES_IN: u64 = 604_800;

/// `session.freshAge`: how long after sign-in a session counts as fresh, in seconds (1
/// day).
pub const FRESH_AGE: u64 = 86_400;

/// The longest `Max-Age` a cookie may have, in seconds: 400 days, the most a browser keeps
/// a cookie and the most better-call's `serializeCookie` writes. Also the longest cache
/// lifetime accepted when encoding.
pub const MAX_COOKIE_AGE: u64 = 400 * 86_400;

/// The cache's lifetime without "remember me" in `compact`, in seconds: Better Auth then
/// ignores `maxAge` and falls back to 60 s.
pub const COMPACT_MAX_AGE_NOT_REMEMBERED: u64 = 60;

/// The cache's lifetime without "remember me" in `jwt` and `jwe`, in seconds: their
/// fallback for a missing `maxAge`, 300 s.
pub const JOSE_MAX_AGE_NOT_REMEMBERED: u64 = 300;

/// The clock tolerance Better Auth gives `jwe` decryption (`jwtDecrypt`), in seconds.
pub const JWE_CLOCK_TOLERANCE: u64 = 15;

/// The cookie prefix (`advanced.cookiePrefix`).
pub const COOKIE_PREFIX: &str = "better-auth";

/// The cache version when none is configured, and of a cache that names none.
pub const CACHE_VERSION: &str = "1";

/// The longest cache value accepted, in bytes, after chunks are joined: 512 KiB, above
/// the 100 chunks of 4050 bytes Better Auth can write. Longer values are refused with
/// [`ErrorKind::TooLarge`](crate::ErrorKind::TooLarge) before any other work.
pub const MAX_VALUE_LEN: usize = 512 * 1024;

/// The key prefix `@better-auth/redis-storage` adds to every key Better Auth writes to
/// its `secondaryStorage` (its `keyPrefix` option). Better Auth itself adds none.
pub const REDIS_STORAGE_KEY_PREFIX: &str = "better-auth:";

/// How old a reading of the session store may be and still accept a session, in ms (5
/// s): the longest a revocation takes to reach a verifier that caches readings.
pub const REVOCATION_MAX_STALENESS_MS: u64 = 5_000;
