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

/// The `typ` header of a session-cache JWT signed by the JWT plugin
/// (`jwt({ sessionCookieCache: true })`).
pub const SESSION_CACHE_JWT_TYPE: &str = "better-auth.session-cache+jwt";

/// The `aud` of a session-cache JWT, and the audience `getCookieCache` expects unless
/// told otherwise.
pub const SESSION_CACHE_JWT_AUDIENCE: &str = "better-auth:session-cache";

/// The `iss` of a session-cache JWT signed without a `baseURL`.
pub const SESSION_CACHE_JWT_ISSUER: &str = "better-auth:session-cache";

/// The clock tolerance `getCookieCache` gives a session-cache JWT (`clockTolerance`),
/// in seconds.
pub const SESSION_CACHE_JWT_LEEWAY: u64 = 15;

/// The lifetime of the JWT plugin's access tokens (`jwt.expirationTime`, `"15m"`), in
/// seconds.
pub const ACCESS_TOKEN_EXPIRES_IN: u64 = 900;

/// The fewest bits of an RSA modulus accepted (`jose` refuses smaller keys for `RS256`
/// and `PS256`; the plugin generates 2048-bit keys).
pub const RSA_MIN_BITS: usize = 2048;

/// The most bits of an RSA modulus accepted.
pub const RSA_MAX_BITS: usize = 8192;

/// The most keys a JWKS may hold (Better Auth serves one per live or recently rotated
/// key). A larger set is refused with [`ErrorKind::TooLarge`](crate::ErrorKind::TooLarge).
pub const MAX_JWKS_KEYS: usize = 100;

/// The longest JWKS text accepted, in bytes (256 KiB: 100 RSA-8192 keys fit).
/// A longer one is refused with [`ErrorKind::TooLarge`](crate::ErrorKind::TooLarge)
/// before it is parsed.
pub const MAX_JWKS_LEN: usize = 256 * 1024;

/// How long a fetched JWKS is used before it is fetched again, in seconds (10 minutes,
/// `jose`'s `createRemoteJWKSet` default).
pub const JWKS_MAX_AGE: u64 = 600;

/// The least time between two fetches of a JWKS, in seconds, whatever triggers them (30
/// s, `jose`'s `cooldownDuration`).
pub const JWKS_COOLDOWN: u64 = 30;

// Limits. Each is checked before the work it bounds, and what exceeds it is refused with
// a typed error; SECURITY.md lists them with the tests that prove them.

/// The longest cache value accepted, in bytes, after chunks are joined: 512 KiB, above
/// the 100 chunks of 4050 bytes Better Auth can write. Longer values are refused with
/// [`ErrorKind::TooLarge`](crate::ErrorKind::TooLarge) before any other work
/// ([`VerifyOptions::max_len`](crate::VerifyOptions::max_len)).
pub const MAX_VALUE_LEN: usize = 512 * 1024;

/// The longest `Cookie` header the session check reads, in bytes: 512 KiB, room for the
/// 100 chunks of at most 4050 bytes Better Auth writes and the other cookies of the
/// request (browsers and servers allow far less: Node's default for all headers together
/// is 16 KiB). Longer headers are refused with
/// [`ErrorKind::TooLarge`](crate::ErrorKind::TooLarge) before they are parsed
/// ([`SessionConfig::max_header_len`](crate::session::SessionConfig::max_header_len)).
pub const MAX_HEADER_LEN: usize = 512 * 1024;

/// The most chunks (`NAME.0`, `NAME.1`, …) of one cookie the session check joins: 100,
/// the most Better Auth writes. More are refused with
/// [`ErrorKind::TooLarge`](crate::ErrorKind::TooLarge) before they are joined (Better
/// Auth would join any number).
pub const MAX_CHUNKS: usize = crate::cookie::MAX_COOKIE_CHUNKS;

/// The deepest nesting of JSON arrays and objects accepted, in every JSON text read (the
/// payload, the JOSE header and claims): 256 levels. Deeper texts are refused with
/// [`ErrorKind::Malformed`](crate::ErrorKind::Malformed) as soon as the parser reaches
/// level 257 (V8 has no such limit; no session needs more than a few levels). The parser
/// is iterative, so no depth can overflow the stack.
pub const MAX_JSON_DEPTH: usize = 256;

/// The key prefix `@better-auth/redis-storage` adds to every key Better Auth writes to
/// its `secondaryStorage` (its `keyPrefix` option). Better Auth itself adds none.
pub const REDIS_STORAGE_KEY_PREFIX: &str = "better-auth:";

/// How old a reading of the session store may be and still accept a session, in ms (5
/// s): the longest a revocation takes to reach a verifier that caches readings.
pub const REVOCATION_MAX_STALENESS_MS: u64 = 5_000;
