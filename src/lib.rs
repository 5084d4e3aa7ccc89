//! # session-cache
//!
//! Issue and verify the stateless session cookies of [Better Auth]'s *cookie cache* —
//! in its three strategies, [`compact`], [`jwt`] and [`jwe`] — without a database, with
//! key rotation, version-based invalidation and freshness checks. Byte-compatible with
//! Better Auth 1.7.24 in both directions: what it issues, this crate accepts; what this
//! crate issues, Better Auth accepts.
//!
//! [Better Auth]: https://www.better-auth.com
//!
//! ## A short tour
//! A cookie value becomes a trusted session in two steps: **verify**, then **judge**.
//!
//! - [`Keyring`]: the secrets (a single one, versioned ones as `BETTER_AUTH_SECRETS`
//!   writes them, a legacy one; [`Keyring::from_env`] reads them as Better Auth does),
//!   with every derived key computed once when it is built.
//! - [`Strategy`] and the modules [`compact`], [`jwt`], [`jwe`]: `encode(payload, keys,
//!   options, now)` and `verify(value, keys, options, now)`, pure functions of the time
//!   `now` (Unix milliseconds). Verification ([`VerifyOptions`]: which secrets, the
//!   length limit) checks the structure, the signature or decryption, the payload schema
//!   and the cache's own expiry, and yields a [`VerifiedCache`].
//! - [`Policy`]: what a reader then requires — the cache version, the embedded session's
//!   expiry — and what it wants to know: [`Verdict::is_fresh`],
//!   [`Verdict::needs_refresh`]. [`Policy::cookie_cache`] and [`Policy::get_session`]
//!   are Better Auth's two readers. [`Strategy::decode`] does both steps in one call
//!   ([`DecodeOptions`]).
//! - [`session::check_session`]: the whole offline check of a request's `Cookie` header
//!   (what `getSession` serves from the cache); [`cookie`]: the cookies themselves.
//! - [`jwks`]: the JWT plugin's session cache signed with asymmetric keys, verified with
//!   the public key set alone ([`jwks::Jwks`], [`jwks::verify`]), its access tokens
//!   ([`jwks::access_token`]), signing keys ([`jwks::SigningKey`], also opened from
//!   Better Auth's `jwks` table) and when to refetch a key set ([`jwks::JwksRefresh`]).
//! - [`Payload`]: the cache's `{session, user, updatedAt, version}`, with typed access to
//!   the fields every session has and every other field kept exactly.
//! - [`revocation`]: whether a session was revoked since its cache was issued, decided
//!   from what Better Auth's `secondaryStorage` (Redis) says, within a staleness bound.
//! - [`Error`] and [`ErrorKind`]: one error type with a stable machine-readable kind.
//! - [`defaults`]: Better Auth's defaults, one constant each; [`json`]: JSON exactly as
//!   JavaScript's `JSON.parse` and `JSON.stringify` see it, which is what makes
//!   `compact` signatures verify.
//!
//! ```
//! use session_cache::{EncodeOptions, Keyring, Payload, Policy, Strategy, VerifyOptions};
//!
//! let keys = Keyring::from_secret("a-long-random-secret-of-32-chars!!")?;
//! let payload = Payload::from_json(r#"{
//!   "session": {"id": "s1", "token": "tok", "userId": "u1",
//!               "expiresAt": "2026-11-29T06:29:25.877Z",
//!               "createdAt": "2026-11-22T06:29:25.877Z"},
//!   "user": {"id": "u1", "email": "ada@example.com", "name": "Ada", "emailVerified": true},
//!   "updatedAt": 1795328965877, "version": "1"}"#)?;
//! let now = 1_795_328_965_877;
//! for strategy in Strategy::ALL {
//!     let value = strategy.encode(&payload, &keys, &EncodeOptions::default(), now)?;
//!     // 1. Verify: authentic and unexpired.
//!     let verified = strategy.verify(&value, &keys, &VerifyOptions::default(), now)?;
//!     assert_eq!(verified.payload().user().name, "Ada");
//!     // 2. Judge: the reader's version, the session's expiry, freshness.
//!     let verdict = Policy::get_session().with_version("1").check(&verified, now)?;
//!     assert!(verdict.is_fresh());
//!     // A version bump invalidates every cache of the old version.
//!     let err = Policy::get_session().with_version("2").check(&verified, now).unwrap_err();
//!     assert_eq!(err.kind().as_str(), "version_mismatch");
//! }
//! # Ok::<(), session_cache::Error>(())
//! ```
//!
//! ## Where this crate differs from Better Auth, on purpose
//! - **Date-shaped strings.** Better Auth parses the cache with a reviver that turns
//!   *every* string shaped like an ISO date into a `Date`. A user whose name is
//!   `2026-01-01T00:00:00Z` therefore gets a `compact` cache that Better Auth itself
//!   rejects (the re-serialized date no longer matches what was signed), and a name of
//!   `2026-01-01T00:00:00.000Z` fails its schema in every strategy. This crate checks
//!   signatures over what was signed and returns such strings as they were written: it
//!   accepts these caches. [`Payload::date_shaped_strings`] lists them, for an issuer who
//!   wants to avoid minting caches Better Auth cannot read.
//! - **Strict encodings.** Better Auth's base64 decoder stops at the first `=` (so
//!   `value=anything` verifies), takes either alphabet and ignores the unused bits of the
//!   last character; `jose` ignores those bits too, and better-call's `atob` likewise for
//!   the session token. Values Better Auth writes are always canonical, and only
//!   canonical ones are accepted here: a cookie has exactly one accepted spelling. The
//!   same goes for UTF-8: Better Auth decodes a `compact` value with a lenient decoder
//!   (bad bytes become U+FFFD); here every JSON text must be valid UTF-8.
//! - **Limits** ([`defaults`]): a `Cookie` header of at most 512 KiB, a cache of at most
//!   100 chunks and 512 KiB, JSON nested at most 256 levels, each refused with a typed
//!   error before the work it bounds. Better Auth has none of these (Node's 16 KiB
//!   header limit aside); none is near what it writes.
//! - **`exp` is required** in `jwt` and `jwe` values. Better Auth always writes it, but
//!   `jose` accepts a token without one, with no expiry at all.
//! - **No compressed JWEs.** `jose` inflates a JWE with `"zip":"DEF"`; Better Auth never
//!   writes one, and inflating attacker-chosen data is a risk with no use here.
//! - **Rotation for `compact` and `jwt`** is available on request
//!   ([`VerifyWith::AnySecret`]); Better Auth verifies them with the current secret
//!   only.
//! - **JWKS mode: `exp` is required too**, for session-cache JWTs and access tokens
//!   (`jose` and the plugin accept a token without one forever; the plugin always
//!   writes it).
//! - **An access token with the session cache's `typ`** (`better-auth.session-cache+jwt`)
//!   is refused ([`ErrorKind::WrongTokenType`]); the plugin does not look at an access
//!   token's `typ`, so only the `aud` tells the two apart there. Here both do, and an
//!   `aud` of `better-auth:session-cache` is refused as an access token whatever the
//!   options, so that a session cache never passes as an access token, even for a
//!   verifier configured without an audience.
//! - **JWKS keys are checked when the set is parsed**: a malformed member, a point not
//!   on its curve, an `alg` that does not fit the key, an RSA key under 2048 bits or a
//!   private member make the set invalid ([`ErrorKind::InvalidKey`]); `jose` would only
//!   fail on the key a token names. Keys of other types (`oct`, P-384, …) and
//!   algorithms other than the five are kept but never verify
//!   ([`ErrorKind::UnsupportedAlgorithm`]), where `jose` would verify RS384 or ES384.
//! - **The offline check in JWKS mode without a secret binds** the `session_token`
//!   cookie to the cache's `sid` instead of verifying its signature (see
//!   [`session::check_session`] for what that does and does not prove).
//! - **The payload is returned as signed.** Better Auth's schema lower-cases
//!   `user.email`, fills a missing `emailVerified` with `false` and a missing
//!   `createdAt` with the current time, and writes `userId: 42` as `"42"`; here the
//!   typed view gives the same `user_id` (`"42"`), but the email is as written and a
//!   missing `createdAt` is `None` (a session without one is never fresh).
//!
//! ## Better Auth behaviours pinned by vectors
//! - `A256GCM` is listed among the accepted encryptions, but the derived key is 64 bytes
//!   and an `A256GCM` key is 32, so no such token ever decrypts; refused here too.
//! - `jwt` verification has no algorithm allow-list: `HS384` and `HS512` tokens signed
//!   with the secret verify. So they do here.
//! - A top-level `__proto__` key of a `compact` payload disappears before the MAC is
//!   checked (a zod record assigns it as a prototype); the same happens here, and the
//!   encoder leaves such a key out.
//! - Expiry boundaries: `compact` is valid while `expiresAt >= now`; `jwt` while
//!   `exp > floor(now / 1000)`; `jwe` until 15 s after `exp` — but `getSession` compares
//!   the cache's expiry again with no tolerance, and so does
//!   [`session::check_session`].
//! - Without "remember me" the cache lives 60 s (`compact`) or 300 s (`jwt`, `jwe`,
//!   and the JWT plugin's session cache) whatever `maxAge` says ([`Remember::No`]).
//! - The JWT plugin's session cache (`vectors/jwks/`), as `getCookieCache` with
//!   `jwt: {jwks}` checks it: `typ` compared exactly (`application/…` or another case is
//!   refused); then the `kid` (missing or empty: refused) and the *first* key with that
//!   kid; the algorithm is the key's `alg`, or **the header's when the key has none** (an
//!   RSA key without `alg` then takes RS256 and PS256, an Ed25519 key `EdDSA` and
//!   `Ed25519`); `crit`; the signature; **`iss` before `aud`**; `nbf` and `exp` with 15
//!   s of tolerance; then the schema, `iss` a non-empty string (any issuer when none is
//!   configured), `sub == user.id`, `sid == session.token`; then the version and the
//!   session's expiry. `aud` may be an array holding the audience. A configured
//!   audience replaces `better-auth:session-cache`.
//! - Signatures as WebCrypto takes them: an ECDSA signature with a high `s` verifies
//!   (DER does not); Ed25519 needs a canonical `S`; an RSA signature must be exactly as
//!   long as the modulus.
//! - The plugin's access tokens: no clock tolerance (refused at `exp`); `iss` and `aud`
//!   are the server's origin, both `""` without a `baseURL` — which the plugin's own
//!   verifier then refuses (`aud` must be truthy), as this crate does; `sub` required.
//! - Better Auth's server verifies with every row of its `jwks` table, expired or not,
//!   while `GET /jwks` stops serving a key a grace period after it expires: a cookie the
//!   server still serves is refused by a verifier holding the served set (`unknown_key`).
//! - `jwks` rows: the private JWK sealed with XChaCha20-Poly1305 under SHA-256 of the
//!   secret, as bare hex (single secret) or `$ba$<version>$<hex>` (versioned secrets; a
//!   bare row then opens with the legacy secret).
//!
//! ## Cargo features
//! All on by default. `eddsa`, `es256`, `es512` and `rsa` (RS256 and PS256) are the JWT
//! plugin's algorithms; `rsa-keygen` generates RSA keys (most of RSA's code size);
//! `fast-ed25519` adds Ed25519's precomputed tables (faster, about 30 KB larger). A build
//! without an algorithm still parses key sets that hold its keys, and refuses tokens
//! signed with them ([`ErrorKind::UnsupportedAlgorithm`]); see
//! [`jwks::Algorithm::is_built_in`]. The WebAssembly package leaves out `rsa-keygen` and
//! `fast-ed25519`.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod b64;
pub mod cookie;
mod crypto;
pub mod defaults;
pub mod error;
pub mod jsdate;
pub mod json;
pub mod jwks;
pub mod keys;
mod mac;
mod options;
pub mod payload;
pub mod policy;
pub mod revocation;
pub mod session;
pub mod strategy;
mod verified;

pub use error::{Error, ErrorKind, Result};
pub use keys::{KeyVersion, Keyring, Secret, VerifyWith};
pub use options::{DecodeOptions, EncodeOptions, Remember};
pub use payload::{Payload, Session, User};
pub use policy::{ExpectedVersion, Policy, Reader, Verdict};
pub use strategy::{compact, jwe, jwt, Strategy};
pub use verified::{VerifiedBy, VerifiedCache, VerifyOptions};

/// The Rust examples of `README.md`, compiled as doc tests so that the front door stays
/// true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
