//! Better Auth's cookies on the wire: `Cookie` header parsing, cookie names, chunks,
//! the signed session token and `Set-Cookie` writing — byte for byte as better-call
//! 1.4.5 and Better Auth 1.7.24 do them.
//!
//! - [`CookieJar`]: a parsed `Cookie` header ([`CookieJar::parse`] as better-call,
//!   [`CookieJar::parse_filtered`] as Better Auth's own parser), and
//!   [`RequestCookies`], both at once with the reads Better Auth's endpoints do.
//! - [`CookieNames`], [`CookieKind`], [`find_cookie`]: `[__Secure-]better-auth.session_token`
//!   and friends; [`CookieNaming`] and [`Spelling`]: which names a reader looks for.
//! - [`read_chunked`], [`chunk`], [`chunk_replacing`], [`expire_chunks`]: values cut
//!   into `NAME.0`, `NAME.1`, … under the 4050-byte cookie limit.
//! - [`sign_cookie_value`], [`verify_signed_value`]: the signed session token.
//! - [`SetCookie`], [`CookieAttributes`]: `Set-Cookie` header values.
//! - [`AuthCookies`]: the whole cookie set with Better Auth's attributes, and what its
//!   sign-in and sign-out send.
//!
//! ```
//! use session_cache::cookie::{AuthCookies, RequestCookies};
//!
//! let request = RequestCookies::parse(
//!     "theme=dark; better-auth.session_data.1=def; better-auth.session_data.0=abc",
//! );
//! let cookies = AuthCookies::default();
//! assert_eq!(cookies.read_session_data(&request)?, "abcdef");
//! # Ok::<(), session_cache::Error>(())
//! ```

mod auth;
mod chunks;
mod names;
mod parse;
#[cfg(test)]
mod proptests;
mod request;
mod set_cookie;
mod signed;

pub use auth::{AuthCookies, SignIn, SignOutOptions};
pub use chunks::{
    chunk, chunk_index, chunk_replacing, chunk_size, existing_chunks, expire_chunks, read_chunked,
    MAX_COOKIE_CHUNKS, MAX_COOKIE_SIZE,
};
pub use names::{find_cookie, CookieKind, CookieNames, CookieNaming, Spelling};
pub(crate) use parse::{cookie_value, for_each_pair, js_trim};
pub use parse::{CookieJar, Iter};
pub use request::RequestCookies;
pub use set_cookie::{encode_uri_component, CookieAttributes, SameSite, SetCookie};
pub use signed::{sign_cookie_value, signed_value, verify_signed_value};
