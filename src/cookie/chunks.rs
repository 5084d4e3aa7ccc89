//! Chunked cookies (`NAME.0`, `NAME.1`, …), as Better Auth's session store
//! (`dist/cookies/session-store.mjs`) writes, reads and expires them.

use std::collections::{HashMap, HashSet};

use crate::error::{Error, ErrorKind, Result};
use crate::json::{array_index, canonical_integer};

use super::parse::CookieJar;
use super::set_cookie::{serialize, CookieAttributes, SetCookie};

/// The largest serialized cookie Better Auth writes, in UTF-16 code units
/// (`MAX_COOKIE_SIZE`).
pub const MAX_COOKIE_SIZE: usize = 4050;

/// The most chunks Better Auth writes for one cookie (`MAX_COOKIE_CHUNKS`).
pub const MAX_COOKIE_CHUNKS: usize = 100;

/// `Number.MAX_SAFE_INTEGER`.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// The chunk index of the cookie `name` if it is a chunk of `cookie_name`
/// (`parseCookieChunkIndex`): `name` is `cookie_name` + `.` + a canonical non-negative
/// safe integer (`0`, `1`, … — not `01`, `+1`, `1e2` or `9007199254740992`).
pub fn chunk_index(cookie_name: &str, name: &str) -> Option<u64> {
    let suffix = name.strip_prefix(cookie_name)?.strip_prefix('.')?;
    canonical_integer(suffix.as_bytes(), MAX_SAFE_INTEGER)
}

/// The value of a possibly chunked cookie, read from one jar: the cookie `name` itself
/// when it is present and not empty, else its chunks `name.0`, `name.1`, … joined in
/// index order (canonical indices only; gaps are not an error), else `None`.
///
/// Better Auth's `getChunkedCookie` reads the unchunked cookie with better-call's
/// parser and the chunks with its own; [`RequestCookies::chunked`] does exactly that.
///
/// [`RequestCookies::chunked`]: super::RequestCookies::chunked
pub fn read_chunked(jar: &CookieJar, name: &str) -> Option<String> {
    if let Some(value) = jar.get(name).filter(|v| !v.is_empty()) {
        return Some(value.to_owned());
    }
    join_chunks(jar, name)
}

/// The chunks of `name` in `jar`, joined in index order, if there is any.
pub(crate) fn join_chunks(jar: &CookieJar, name: &str) -> Option<String> {
    let mut chunks: Vec<(u64, &str)> = jar
        .iter()
        .filter_map(|(n, v)| chunk_index(name, n).map(|i| (i, v)))
        .collect();
    if chunks.is_empty() {
        return None;
    }
    chunks.sort_by_key(|&(i, _)| i);
    Some(chunks.into_iter().map(|(_, v)| v).collect())
}

/// The names of `jar` that belong to the cookie `name`: `name` itself and its
/// canonical chunks, in jar order (`readExistingChunks`; Better Auth reads them with
/// [`CookieJar::parse_filtered`]).
pub fn existing_chunks<'a>(jar: &'a CookieJar, name: &str) -> Vec<&'a str> {
    jar.names()
        .filter(|n| *n == name || chunk_index(name, n).is_some())
        .collect()
}

/// The largest value (in UTF-16 code units) of one chunk of `name` with `attributes`:
/// 4050 minus the length of the serialized empty cookie `name.99`. Zero or negative
/// when the name and attributes alone are too long.
pub fn chunk_size(name: &str, attributes: &CookieAttributes) -> Result<i64> {
    let probe = serialize(&format!("{name}.99"), "", attributes)?;
    let overhead = i64::try_from(utf16_len(&probe)).unwrap_or(i64::MAX);
    Ok(MAX_COOKIE_SIZE as i64 - overhead)
}

/// The cookies that write `value` under `name` (Better Auth's `chunkCookie`): the
/// cookie `name` itself when the value fits in one chunk of [`chunk_size`] UTF-16 code
/// units (the empty value included), else `name.0`, `name.1`, … each holding the next
/// [`chunk_size`] code units of the value, every one with `attributes`.
///
/// Sizes count the value *before* percent-encoding, as Better Auth does: a value with
/// characters that encode (none in the three cache formats) can give longer cookies.
///
/// Fails with [`ErrorKind::TooLargeToWrite`] when more than [`MAX_COOKIE_CHUNKS`] would
/// be needed or the name and attributes leave no room (Better Auth then skips the
/// cookie cache), or when a chunk boundary would split a UTF-16 surrogate pair (Better
/// Auth then throws); with [`ErrorKind::InvalidOptions`] for attributes better-call
/// refuses.
pub fn chunk(name: &str, value: &str, attributes: &CookieAttributes) -> Result<Vec<SetCookie>> {
    // Check what the header writer will refuse, before any work.
    SetCookie::new(name, "", attributes.clone()).to_header_value()?;
    let size = chunk_size(name, attributes)?;
    let too_large = || {
        Error::new(
            ErrorKind::TooLargeToWrite,
            format!("the {name} cookie would need more than {MAX_COOKIE_CHUNKS} chunks"),
        )
    };
    let Ok(size) = usize::try_from(size) else {
        return Err(too_large());
    };
    if size == 0 {
        return Err(too_large());
    }
    let len = utf16_len(value);
    let count = len.div_ceil(size);
    if count <= 1 {
        return Ok(vec![SetCookie::new(name, value, attributes.clone())]);
    }
    if count > MAX_COOKIE_CHUNKS {
        return Err(too_large());
    }
    let mut cookies = Vec::with_capacity(count);
    let mut rest = value;
    for i in 0..count {
        let (head, tail) = split_utf16(rest, size).ok_or_else(|| {
            Error::new(
                ErrorKind::TooLargeToWrite,
                "a chunk boundary falls inside a UTF-16 surrogate pair",
            )
        })?;
        cookies.push(SetCookie::new(
            format!("{name}.{i}"),
            head,
            attributes.clone(),
        ));
        rest = tail;
    }
    Ok(cookies)
}

/// What Better Auth's session store sends to write `value` under `name` when the
/// request holds the cookies `existing` (see [`existing_chunks`]): every existing name
/// expired (empty, `Max-Age=0`, `attributes` otherwise) unless rewritten, and the
/// cookies of [`chunk`], in JavaScript object-key order (existing names first, in
/// request order, each rewritten one in its place; then the new names).
///
/// On error (see [`chunk`]) Better Auth sends [`expire_chunks`]`(existing, attributes)`
/// alone, and no value.
pub fn chunk_replacing(
    name: &str,
    value: &str,
    attributes: &CookieAttributes,
    existing: &[&str],
) -> Result<Vec<SetCookie>> {
    let written = chunk(name, value, attributes)?;
    let mut out = expire_chunks(existing, attributes);
    let mut position: HashMap<String, usize> = out
        .iter()
        .enumerate()
        .map(|(i, c)| (c.name.clone(), i))
        .collect();
    for cookie in written {
        match position.get(&cookie.name).and_then(|&i| out.get_mut(i)) {
            Some(slot) => *slot = cookie,
            None => {
                position.insert(cookie.name.clone(), out.len());
                out.push(cookie);
            }
        }
    }
    js_key_order(&mut out);
    Ok(out)
}

/// The cookies that delete every name of `existing` (empty value, `Max-Age=0`,
/// `attributes` otherwise), in JavaScript object-key order (the session store's
/// `clean()`).
pub fn expire_chunks(existing: &[&str], attributes: &CookieAttributes) -> Vec<SetCookie> {
    let mut seen: HashSet<&str> = HashSet::with_capacity(existing.len());
    let mut out: Vec<SetCookie> = Vec::with_capacity(existing.len());
    for name in existing {
        if seen.insert(name) {
            out.push(SetCookie::expired(*name, attributes));
        }
    }
    js_key_order(&mut out);
    out
}

/// Orders cookies as the values of a JavaScript object keyed by name: array-index keys
/// (`"0"` … `"4294967294"`) first, ascending, then the others in insertion order.
fn js_key_order(cookies: &mut [SetCookie]) {
    cookies.sort_by_key(|c| array_index(c.name.as_bytes()).map_or(u64::MAX, u64::from));
}

pub(crate) fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// Splits `s` after `units` UTF-16 code units (all of `s` when shorter); `None` when
/// the split point falls between the two halves of a surrogate pair.
fn split_utf16(s: &str, units: usize) -> Option<(&str, &str)> {
    let mut count = 0usize;
    for (at, c) in s.char_indices() {
        if count == units {
            return Some(s.split_at(at));
        }
        count += c.len_utf16();
        if count > units {
            return None;
        }
    }
    Some((s, ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_are_canonical() {
        assert_eq!(chunk_index("a", "a.0"), Some(0));
        assert_eq!(chunk_index("a", "a.12"), Some(12));
        assert_eq!(
            chunk_index("a", "a.9007199254740991"),
            Some(9_007_199_254_740_991)
        );
        for bad in [
            "a",
            "a.",
            "a.01",
            "a.-0",
            "a.+1",
            "a.1e2",
            "a. 1",
            "a.9007199254740992",
            "b.1",
            "a.1.2",
        ] {
            assert_eq!(chunk_index("a", bad), None, "{bad}");
        }
    }

    #[test]
    fn sizes() {
        let attributes = CookieAttributes::better_auth(false, None).with_max_age(Some(300));
        let name = "better-auth.session_data";
        // "better-auth.session_data.99=; Max-Age=300; Path=/; HttpOnly; SameSite=Lax"
        assert_eq!(chunk_size(name, &attributes).unwrap(), 4050 - 73);
        let size = 4050 - 73;
        let one = chunk(name, &"x".repeat(size), &attributes).unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].name, name);
        let two = chunk(name, &"x".repeat(size + 1), &attributes).unwrap();
        assert_eq!(
            two.iter().map(|c| c.value.len()).collect::<Vec<_>>(),
            [size, 1]
        );
        assert_eq!(two[1].name, "better-auth.session_data.1");
        assert!(chunk(name, &"x".repeat(size * 100), &attributes).is_ok());
        let err = chunk(name, &"x".repeat(size * 100 + 1), &attributes).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TooLargeToWrite);
    }

    #[test]
    fn replacing_keeps_request_order() {
        let attributes = CookieAttributes::better_auth(false, None);
        let out = chunk_replacing("d", "v", &attributes, &["d.1", "d", "d.0"]).unwrap();
        let names: Vec<_> = out
            .iter()
            .map(|c| (c.name.as_str(), c.value.as_str()))
            .collect();
        assert_eq!(names, [("d.1", ""), ("d", "v"), ("d.0", "")]);
    }
}
