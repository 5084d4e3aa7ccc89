//! A request's cookies, read the way Better Auth's endpoints read them.

use std::fmt;
use std::sync::OnceLock;

use crate::error::{Error, ErrorKind, Result};
use crate::keys::{Keyring, VerifyWith};

use super::chunks::{existing_chunks, join_chunks};
use super::parse::CookieJar;
use super::signed::verify_signed_value;

/// The `Cookie` header of a request, parsed by both of Better Auth's parsers (see
/// [`CookieJar::parse`] and [`CookieJar::parse_filtered`]), with the reads its endpoints
/// do.
///
/// Several `Cookie` header lines are joined with `"; "` before parsing (as Node does).
///
/// Better Auth's own parse is made only when a read needs it (chunks, stale chunks), so
/// the common request — an unchunked cache — is parsed once.
#[derive(Clone, Default)]
pub struct RequestCookies {
    header: Box<str>,
    jar: CookieJar,
    filtered: OnceLock<CookieJar>,
}

impl fmt::Debug for RequestCookies {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestCookies")
            .field("jar", &self.jar)
            .finish_non_exhaustive()
    }
}

impl RequestCookies {
    /// Parses a `Cookie` header.
    pub fn parse(header: &str) -> Self {
        RequestCookies {
            header: header.into(),
            jar: CookieJar::parse(header),
            filtered: OnceLock::new(),
        }
    }

    /// Parses a `Cookie` header of at most `max_len` bytes
    /// ([`defaults::MAX_HEADER_LEN`](crate::defaults::MAX_HEADER_LEN) is the session
    /// check's): a longer one is refused with [`ErrorKind::TooLarge`] before any parsing.
    pub fn parse_limited(header: &str, max_len: usize) -> Result<Self> {
        if header.len() > max_len {
            return Err(Error::new(
                ErrorKind::TooLarge,
                format!(
                    "the Cookie header is {} bytes, above the limit of {max_len}",
                    header.len()
                ),
            ));
        }
        Ok(Self::parse(header))
    }

    /// Parses a `Cookie` header given as raw bytes, decoded as the fetch `Headers`
    /// object decodes them: one character per byte (Latin-1). Use this to see exactly
    /// what Better Auth sees when a header holds bytes outside ASCII.
    pub fn parse_bytes(header: &[u8]) -> Self {
        let text: String = header.iter().map(|&b| char::from(b)).collect();
        Self::parse(&text)
    }

    /// The cookies as better-call parses them (`ctx.getCookie`).
    pub fn jar(&self) -> &CookieJar {
        &self.jar
    }

    /// The cookies as Better Auth's own parser reads them (chunks, `getSessionCookie`).
    pub fn filtered(&self) -> &CookieJar {
        self.filtered
            .get_or_init(|| CookieJar::parse_filtered(&self.header))
    }

    /// The verified value of the signed cookie `name` (`ctx.getSignedCookie`).
    ///
    /// [`ErrorKind::NoToken`] when the cookie is absent or empty; otherwise as
    /// [`verify_signed_value`].
    pub fn signed(&self, name: &str, keys: &Keyring, with: VerifyWith) -> Result<String> {
        let value = self
            .jar
            .get(name)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| Error::new(ErrorKind::NoToken, format!("no {name} cookie")))?;
        verify_signed_value(value, keys, with)
    }

    /// The value of the possibly chunked cookie `name`, exactly as Better Auth's
    /// `getChunkedCookie`: the cookie itself from better-call's parse when not empty,
    /// else its canonical chunks from Better Auth's parse joined in index order.
    pub fn chunked(&self, name: &str) -> Option<String> {
        if let Some(value) = self.jar.get(name).filter(|v| !v.is_empty()) {
            return Some(value.to_owned());
        }
        join_chunks(self.filtered(), name)
    }

    /// [`chunked`](Self::chunked), refusing with [`ErrorKind::TooLarge`] a cookie in more
    /// than [`defaults::MAX_CHUNKS`](crate::defaults::MAX_CHUNKS) chunks, before they
    /// are joined (Better Auth writes at most that many).
    pub fn chunked_limited(&self, name: &str) -> Result<Option<String>> {
        if self.jar.get(name).filter(|v| !v.is_empty()).is_none() {
            let chunks = self
                .existing_chunks(name)
                .iter()
                .filter(|n| **n != name)
                .count();
            if chunks > crate::defaults::MAX_CHUNKS {
                return Err(Error::new(
                    ErrorKind::TooLarge,
                    format!(
                        "the cookie comes in {chunks} chunks, above the limit of {}",
                        crate::defaults::MAX_CHUNKS
                    ),
                ));
            }
        }
        Ok(self.chunked(name))
    }

    /// The names the request holds for the cookie `name`: itself and its chunks, in
    /// request order (the session store's `readExistingChunks`), the ones Better Auth
    /// expires when it rewrites or clears the cookie.
    pub fn existing_chunks(&self, name: &str) -> Vec<&str> {
        existing_chunks(self.filtered(), name)
    }
}
