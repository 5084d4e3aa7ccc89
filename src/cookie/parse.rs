//! `Cookie` request-header parsing, exactly as Better Auth's two parsers do it.
//!
//! Better Auth reads request cookies through two different functions:
//! - better-call's `parseCookies` (`dist/cookies.mjs`), behind `ctx.getCookie` and
//!   `ctx.getSignedCookie`: what the endpoints use for the session token, the
//!   `dont_remember` cookie and the unchunked `session_data` cookie
//!   ([`CookieJar::parse`]);
//! - Better Auth's own `parseCookies` (`dist/cookies/cookie-utils.mjs`), behind the chunk
//!   reader, the stale-chunk cleaner and the `getSessionCookie` / `getCookieCache`
//!   helpers ([`CookieJar::parse_filtered`]).
//!
//! They disagree on purpose-built inputs (duplicates, quotes, characters outside the
//! cookie grammar), so both are reproduced.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

/// The cookies of a request, by name, in the order of their first appearance.
///
/// Names and values live in one buffer; a jar of more than a few cookies gets a hash
/// index, so lookups stay cheap whatever the header holds.
///
/// `Debug` shows the names only: values may be session tokens.
#[derive(Clone, Default)]
pub struct CookieJar {
    /// Every name and value, one after the other.
    buf: String,
    /// `(name start, value start, value end)` in `buf`; the name ends where the value
    /// starts.
    entries: Vec<(usize, usize, usize)>,
    /// Name → entry, once the jar has more than [`INDEX_AFTER`] cookies.
    index: Option<HashMap<Box<str>, usize>>,
}

/// Jars with more cookies than this are indexed by a hash map; smaller ones are scanned.
const INDEX_AFTER: usize = 16;

impl CookieJar {
    /// Parses a `Cookie` header exactly as better-call 1.4.5's `parseCookies`:
    ///
    /// - a pair runs up to the next `;`; the first `=` splits name and value, and a pair
    ///   without `=` is skipped (the scan resumes after the last `;` before the next `=`);
    /// - name and value are trimmed of JavaScript white space (`String.prototype.trim`:
    ///   tab, LF, VT, FF, CR, space, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029,
    ///   U+202F, U+205F, U+3000, U+FEFF);
    /// - the empty name is a name like any other;
    /// - a value that *starts* with `"` loses its first and its last character (even
    ///   when the last one is not a quote: `"abc` gives `ab`);
    /// - a value containing `%` is percent-decoded as `decodeURIComponent` does, and
    ///   kept as it is when that fails (bad escape, invalid UTF-8);
    /// - the first occurrence of a name wins.
    ///
    /// Where JavaScript would keep half of a surrogate pair (a quoted value ending in a
    /// character above U+FFFF loses only its low half), the lone half becomes U+FFFD,
    /// which is also what JavaScript's `TextEncoder` makes of it before any HMAC.
    ///
    /// Memory is linear in the length of `header`; nothing panics.
    pub fn parse(header: &str) -> Self {
        let mut jar = CookieJar::with_capacity(header.len());
        for_each_pair(header, |key, raw| {
            if jar.position(key).is_none() {
                jar.push(key, &cookie_value(raw));
            }
        });
        jar
    }

    /// Parses a `Cookie` header exactly as Better Auth 1.7.24's own `parseCookies`
    /// (`dist/cookies/cookie-utils.mjs`), which reads the chunked cookies and serves
    /// `getSessionCookie` and `getCookieCache`:
    ///
    /// - the header is split on every `;`; a part without `=` is skipped;
    /// - name and value are trimmed of spaces and tabs only;
    /// - a value both starting and ending with `"` (and at least 2 long) is unquoted;
    /// - the pair is dropped unless the name is an RFC 7230 token and the (unquoted)
    ///   value is made of RFC 6265 cookie-octets, space and comma;
    /// - a value containing `%` is percent-decoded, kept as is when that fails;
    /// - the *last* occurrence of a name wins, at the position of its first occurrence.
    pub fn parse_filtered(header: &str) -> Self {
        let mut jar = CookieJar::with_capacity(header.len());
        // `if (cookie.length < 2) return cookieMap`: such a header cannot hold a pair
        // with a non-empty name anyway.
        for part in header.split(';') {
            let Some((name, value)) = part.split_once('=') else {
                continue;
            };
            let name = trim_ows(name);
            let value = unquote_strict(trim_ows(value));
            if is_token(name) && is_cookie_value(value) {
                jar.push_last(name, &try_decode(value));
            }
        }
        jar
    }

    fn with_capacity(len: usize) -> Self {
        CookieJar {
            buf: String::with_capacity(len),
            entries: Vec::new(),
            index: None,
        }
    }

    fn name_at(&self, i: usize) -> &str {
        let (n, v, _) = self.entries[i];
        &self.buf[n..v]
    }

    fn value_at(&self, i: usize) -> &str {
        let (_, v, e) = self.entries[i];
        &self.buf[v..e]
    }

    fn position(&self, name: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(name).copied(),
            None => (0..self.entries.len()).find(|&i| self.name_at(i) == name),
        }
    }

    /// Appends a cookie whose name is not in the jar yet.
    fn push(&mut self, name: &str, value: &str) {
        let start = self.buf.len();
        self.buf.push_str(name);
        let value_start = self.buf.len();
        self.buf.push_str(value);
        self.entries.push((start, value_start, self.buf.len()));
        let i = self.entries.len() - 1;
        if let Some(index) = &mut self.index {
            index.insert(name.into(), i);
        } else if self.entries.len() > INDEX_AFTER {
            let index = (0..self.entries.len())
                .map(|i| (Box::from(self.name_at(i)), i))
                .collect();
            self.index = Some(index);
        }
    }

    /// A cookie whose last value wins, at the position of its first appearance.
    fn push_last(&mut self, name: &str, value: &str) {
        match self.position(name) {
            Some(i) => {
                // Name and new value go at the end of the buffer; the old ones stay
                // unused (each repeat adds its own bytes once: linear in the header).
                let name_start = self.buf.len();
                self.buf.push_str(name);
                let value_start = self.buf.len();
                self.buf.push_str(value);
                self.entries[i] = (name_start, value_start, self.buf.len());
            }
            None => self.push(name, value),
        }
    }

    /// The value of the cookie `name`, if the header has it.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.position(name).map(|i| self.value_at(i))
    }

    /// Whether the header has a cookie `name`.
    pub fn contains(&self, name: &str) -> bool {
        self.position(name).is_some()
    }

    /// The number of distinct names.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no cookie was found.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The `(name, value)` pairs, in the order of each name's first appearance.
    pub fn iter(&self) -> Iter<'_> {
        Iter { jar: self, next: 0 }
    }

    /// The names, in the order of their first appearance.
    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.entries.len()).map(|i| self.name_at(i))
    }
}

impl fmt::Debug for CookieJar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CookieJar")
            .field("names", &self.names().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// Iterator over the `(name, value)` pairs of a [`CookieJar`].
#[derive(Clone, Debug)]
pub struct Iter<'a> {
    jar: &'a CookieJar,
    next: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let i = self.next;
        if i >= self.jar.entries.len() {
            return None;
        }
        self.next += 1;
        Some((self.jar.name_at(i), self.jar.value_at(i)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.jar.entries.len() - self.next;
        (n, Some(n))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a CookieJar {
    type Item = (&'a str, &'a str);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// Calls `f(name, raw value)` for each pair of a `Cookie` header, in order, split as
/// better-call's `parseCookies` splits them (see [`CookieJar::parse`]): the name trimmed,
/// the value trimmed but not yet unquoted or decoded ([`cookie_value`] does that).
pub(crate) fn for_each_pair<'h>(header: &'h str, mut f: impl FnMut(&'h str, &'h str)) {
    let bytes = header.as_bytes();
    let len = bytes.len();
    let mut index = 0usize;
    while index < len {
        let Some(eq) = find_byte(bytes, b'=', index) else {
            break;
        };
        let end = match find_byte(bytes, b';', index) {
            None => len,
            Some(semi) if semi < eq => {
                // `str.lastIndexOf(";", eqIdx - 1) + 1`: a `;` exists in [index, eq).
                index = rfind_byte(bytes, b';', eq).map_or(index, |p| p + 1);
                continue;
            }
            Some(semi) => semi,
        };
        f(js_trim(&header[index..eq]), js_trim(&header[eq + 1..end]));
        index = end + 1;
    }
}

/// A raw value of [`for_each_pair`] as better-call reads it: a value starting with `"`
/// loses its first and last characters, then `%` escapes are decoded when they all are.
pub(crate) fn cookie_value(raw: &str) -> Cow<'_, str> {
    let value = match raw.strip_prefix('"') {
        Some(rest) => js_unquote_tail(rest),
        None => Cow::Borrowed(raw),
    };
    match value {
        Cow::Borrowed(v) => try_decode(v),
        Cow::Owned(v) => Cow::Owned(try_decode(&v).into_owned()),
    }
}

/// The first `needle` at or after `from`. Eight bytes at a time: a Cookie header is
/// mostly one long value, scanned here for its `;`.
fn find_byte(bytes: &[u8], needle: u8, from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let rest = bytes.get(from..)?;
    let splat = ONES * u64::from(needle);
    let mut words = rest.chunks_exact(8);
    let mut at = from;
    for word in &mut words {
        let x = u64::from_le_bytes(word.try_into().unwrap_or([0; 8])) ^ splat;
        // A zero byte of `x` is a `needle`; the lowest set high bit marks the first
        // (borrows only run upwards, from a zero byte, so the lowest mark is exact).
        let found = x.wrapping_sub(ONES) & !x & HIGHS;
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&b| b == needle)
        .map(|p| p + at)
}

/// The last `needle` strictly before `before`.
fn rfind_byte(bytes: &[u8], needle: u8, before: usize) -> Option<usize> {
    bytes.get(..before)?.iter().rposition(|&b| b == needle)
}

/// `String.prototype.trim` white space (WhiteSpace and LineTerminator of ECMAScript).
fn is_js_whitespace(c: char) -> bool {
    matches!(
        c,
        '\u{9}' | '\u{A}' | '\u{B}' | '\u{C}' | '\u{D}' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}'
                | '\u{FEFF}'
    )
}

/// `String.prototype.trim`.
pub(crate) fn js_trim(s: &str) -> &str {
    s.trim_matches(is_js_whitespace)
}

/// `val.slice(1, -1)` where the leading `"` is already removed: drops the last UTF-16
/// code unit of `rest`.
fn js_unquote_tail(rest: &str) -> Cow<'_, str> {
    match rest.chars().next_back() {
        None => Cow::Borrowed(""),
        Some(last) => {
            let cut = &rest[..rest.len() - last.len_utf8()];
            if last.len_utf16() == 2 {
                // Only the low surrogate goes: the high one stays alone, which every
                // later step (TextEncoder, JSON) turns into U+FFFD.
                let mut owned = String::with_capacity(cut.len() + 3);
                owned.push_str(cut);
                owned.push('\u{FFFD}');
                Cow::Owned(owned)
            } else {
                Cow::Borrowed(cut)
            }
        }
    }
}

/// `tryDecode`: `decodeURIComponent` when the text contains `%`, the text itself when
/// it does not or when decoding fails.
pub(crate) fn try_decode(s: &str) -> Cow<'_, str> {
    if !s.as_bytes().contains(&b'%') {
        return Cow::Borrowed(s);
    }
    match decode_uri_component(s) {
        Some(decoded) => Cow::Owned(decoded),
        None => Cow::Borrowed(s),
    }
}

/// `decodeURIComponent`, `None` where it throws a `URIError`.
///
/// Equivalent to collecting the bytes (`%XX` gives one byte, any other character its
/// UTF-8 bytes) and requiring valid UTF-8: a literal character always starts with a
/// non-continuation byte, exactly where JavaScript requires another `%XX`.
fn decode_uri_component(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hi = hex_value(*bytes.get(i + 1)?)?;
            let lo = hex_value(*bytes.get(i + 2)?)?;
            out.push(hi << 4 | lo);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// `trimOWS`: spaces and tabs.
fn trim_ows(s: &str) -> &str {
    s.trim_matches([' ', '\t'])
}

/// `unquoteCookieValue`.
fn unquote_strict(s: &str) -> &str {
    if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') {
        &s[1..s.len() - 1]
    } else {
        s
    }
}

/// `cookieNameRegex`: `^[\x21\x23-\x27\x2A\x2B\x2D\x2E\x30-\x39\x41-\x5A\x5E-\x7A\x7C\x7E]+$`.
pub(crate) fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| {
            matches!(b,
                0x21 | 0x23..=0x27 | 0x2A | 0x2B | 0x2D | 0x2E | 0x30..=0x39 | 0x41..=0x5A
                    | 0x5E..=0x7A | 0x7C | 0x7E)
        })
}

/// `cookieValueRegex`: `^[\x20\x21\x23-\x3A\x3C-\x5B\x5D-\x7E]*$`.
fn is_cookie_value(s: &str) -> bool {
    s.bytes()
        .all(|b| matches!(b, 0x20 | 0x21 | 0x23..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn find_byte_is_the_first_occurrence(
            bytes in proptest::collection::vec(prop_oneof![Just(b';'), Just(0u8), Just(0xffu8), any::<u8>()], 0..80),
            needle in prop_oneof![Just(b';'), Just(0u8), Just(0xffu8), any::<u8>()],
            from in 0usize..90,
        ) {
            let naive = bytes
                .get(from..)
                .and_then(|rest| rest.iter().position(|&b| b == needle))
                .map(|p| p + from);
            prop_assert_eq!(find_byte(&bytes, needle, from), naive);
        }
    }

    fn pairs(jar: &CookieJar) -> Vec<(&str, &str)> {
        jar.iter().collect()
    }

    #[test]
    fn better_call_basics() {
        let jar = CookieJar::parse("a=1; b = 2 ;c=\"x\"; a=3; =e; d=%41%zz; f=%41");
        assert_eq!(
            pairs(&jar),
            [
                ("a", "1"),
                ("b", "2"),
                ("c", "x"),
                ("", "e"),
                ("d", "%41%zz"),
                ("f", "A")
            ]
        );
        assert_eq!(jar.get("a"), Some("1"));
    }

    #[test]
    fn better_call_skips_pairs_without_eq() {
        let jar = CookieJar::parse("x; y; a=1; z");
        assert_eq!(pairs(&jar), [("a", "1")]);
        let jar = CookieJar::parse("a=\"\u{1F600}");
        assert_eq!(pairs(&jar), [("a", "\u{FFFD}")]);
    }

    #[test]
    fn filtered_basics() {
        let jar = CookieJar::parse_filtered("a=1; b=\"2\"; a=3; c=\u{e9}; d e=4; f=%41");
        assert_eq!(pairs(&jar), [("a", "3"), ("b", "2"), ("f", "A")]);
    }
}
