//! [`JsString`]: a JavaScript string (UTF-16 code units, lone surrogates included),
//! stored as UTF-8 or, when it holds a lone surrogate, WTF-8; and the byte-level rules
//! of JSON string content the parser and the writer share.

use std::fmt;

use super::write::write_js_str;

/// A JavaScript string.
///
/// JavaScript strings are sequences of UTF-16 code units and may contain
/// unpaired ("lone") surrogates, which `JSON.parse` produces from escapes
/// such as `"\ud800"`. Ordinary strings are stored as UTF-8; a string holding
/// a lone surrogate is stored as [WTF-8](https://simonsapin.github.io/wtf-8/)
/// (UTF-8 extended so that a lone surrogate is encoded like any other code
/// point; surrogate pairs are always combined into one 4-byte sequence). The
/// representation is canonical, so equality and hashing compare the
/// JavaScript strings.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct JsString(Repr);

#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    /// Well-formed UTF-16: valid UTF-8.
    Utf8(Box<str>),
    /// Holds at least one lone surrogate; WTF-8 bytes.
    Wtf8(Box<[u8]>),
}

impl JsString {
    /// Overwrites the string's bytes with zeros (for a string that held secret
    /// material, such as a private key member); it is empty afterwards.
    pub(crate) fn zeroize(&mut self) {
        use zeroize::Zeroize;
        match &mut self.0 {
            Repr::Utf8(s) => s.zeroize(),
            Repr::Wtf8(b) => b.zeroize(),
        }
        *self = JsString::new();
    }

    /// Creates an empty string.
    pub fn new() -> Self {
        JsString(Repr::Utf8(Box::from("")))
    }

    /// The string as `&str`, or `None` if it holds a lone surrogate (which
    /// no Rust string can hold). Constant time.
    pub fn as_str(&self) -> Option<&str> {
        match &self.0 {
            Repr::Utf8(s) => Some(s),
            Repr::Wtf8(_) => None,
        }
    }

    /// The string as UTF-8, with every lone surrogate replaced by U+FFFD.
    pub fn to_string_lossy(&self) -> String {
        match &self.0 {
            Repr::Utf8(s) => String::from(&**s),
            Repr::Wtf8(b) => {
                let mut out = String::with_capacity(b.len());
                let mut rest: &[u8] = b;
                while !rest.is_empty() {
                    match std::str::from_utf8(rest) {
                        Ok(s) => {
                            out.push_str(s);
                            break;
                        }
                        Err(e) => {
                            let (good, bad) = rest.split_at(e.valid_up_to());
                            // `good` is valid by construction of the error.
                            out.push_str(std::str::from_utf8(good).unwrap_or_default());
                            // In canonical WTF-8 the only invalid sequences
                            // are 3-byte surrogate encodings.
                            out.push('\u{FFFD}');
                            rest = bad.get(3..).unwrap_or(&[]);
                        }
                    }
                }
                out
            }
        }
    }

    /// The WTF-8 bytes of the string: its UTF-8 bytes when [`as_str`]
    /// returns `Some`, else UTF-8 with each lone surrogate encoded as the
    /// 3-byte sequence `ED A0..BF 80..BF`.
    ///
    /// [`as_str`]: JsString::as_str
    pub fn as_wtf8_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Utf8(s) => s.as_bytes(),
            Repr::Wtf8(b) => b,
        }
    }

    /// Whether the string holds at least one lone surrogate.
    pub fn has_lone_surrogates(&self) -> bool {
        matches!(self.0, Repr::Wtf8(_))
    }

    /// Whether the string is empty.
    pub fn is_empty(&self) -> bool {
        self.as_wtf8_bytes().is_empty()
    }

    /// The string's UTF-16 code units, as JavaScript sees them.
    pub fn encode_utf16(&self) -> impl Iterator<Item = u16> + '_ {
        Wtf8CodePoints(self.as_wtf8_bytes()).flat_map(|cp| {
            let mut buf = [0u16; 2];
            let n = if cp >= 0x10000 {
                let c = cp - 0x10000;
                buf[0] = 0xD800 | (c >> 10) as u16;
                buf[1] = 0xDC00 | (c & 0x3FF) as u16;
                2
            } else {
                buf[0] = cp as u16;
                1
            };
            buf.into_iter().take(n)
        })
    }

    /// Builds a string from UTF-16 code units, keeping lone surrogates.
    pub fn from_utf16(units: &[u16]) -> Self {
        let mut bytes = Vec::with_capacity(units.len());
        let mut lone = false;
        let mut i = 0;
        while i < units.len() {
            let u = units[i];
            if (0xD800..0xDC00).contains(&u) {
                if let Some(&l) = units.get(i + 1) {
                    if (0xDC00..0xE000).contains(&l) {
                        let cp =
                            0x10000 + ((u32::from(u) - 0xD800) << 10) + (u32::from(l) - 0xDC00);
                        push_code_point(&mut bytes, cp);
                        i += 2;
                        continue;
                    }
                }
                lone = true;
            } else if (0xDC00..0xE000).contains(&u) {
                lone = true;
            }
            push_code_point(&mut bytes, u32::from(u));
            i += 1;
        }
        Self::from_wtf8_parts(bytes, lone)
    }

    /// Builds from WTF-8 bytes produced by this module; `lone` says whether a
    /// lone surrogate was written.
    pub(super) fn from_wtf8_parts(bytes: Vec<u8>, lone: bool) -> Self {
        if lone {
            JsString(Repr::Wtf8(bytes.into_boxed_slice()))
        } else {
            match String::from_utf8(bytes) {
                Ok(s) => JsString(Repr::Utf8(s.into_boxed_str())),
                Err(e) => JsString(Repr::Wtf8(e.into_bytes().into_boxed_slice())),
            }
        }
    }
}

/// Iterates the code points (including lone surrogates) of WTF-8 bytes.
struct Wtf8CodePoints<'a>(&'a [u8]);

impl Iterator for Wtf8CodePoints<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        let b = self.0;
        let b0 = *b.first()?;
        let (cp, n) = if b0 < 0x80 {
            (u32::from(b0), 1)
        } else if b0 < 0xE0 {
            let c1 = b.get(1).copied().unwrap_or(0x80);
            ((u32::from(b0 & 0x1F) << 6) | u32::from(c1 & 0x3F), 2)
        } else if b0 < 0xF0 {
            let c1 = b.get(1).copied().unwrap_or(0x80);
            let c2 = b.get(2).copied().unwrap_or(0x80);
            (
                (u32::from(b0 & 0x0F) << 12) | (u32::from(c1 & 0x3F) << 6) | u32::from(c2 & 0x3F),
                3,
            )
        } else {
            let c1 = b.get(1).copied().unwrap_or(0x80);
            let c2 = b.get(2).copied().unwrap_or(0x80);
            let c3 = b.get(3).copied().unwrap_or(0x80);
            (
                (u32::from(b0 & 0x07) << 18)
                    | (u32::from(c1 & 0x3F) << 12)
                    | (u32::from(c2 & 0x3F) << 6)
                    | u32::from(c3 & 0x3F),
                4,
            )
        };
        self.0 = b.get(n..).unwrap_or(&[]);
        Some(cp)
    }
}

/// Appends the (generalized) UTF-8 encoding of `cp`, surrogates included.
pub(super) fn push_code_point(out: &mut Vec<u8>, cp: u32) {
    if cp < 0x80 {
        out.push(cp as u8);
    } else if cp < 0x800 {
        out.extend_from_slice(&[0xC0 | (cp >> 6) as u8, 0x80 | (cp & 0x3F) as u8]);
    } else if cp < 0x10000 {
        out.extend_from_slice(&[
            0xE0 | (cp >> 12) as u8,
            0x80 | ((cp >> 6) & 0x3F) as u8,
            0x80 | (cp & 0x3F) as u8,
        ]);
    } else {
        out.extend_from_slice(&[
            0xF0 | (cp >> 18) as u8,
            0x80 | ((cp >> 12) & 0x3F) as u8,
            0x80 | ((cp >> 6) & 0x3F) as u8,
            0x80 | (cp & 0x3F) as u8,
        ]);
    }
}

impl Default for JsString {
    fn default() -> Self {
        Self::new()
    }
}

impl From<&str> for JsString {
    fn from(s: &str) -> Self {
        JsString(Repr::Utf8(Box::from(s)))
    }
}

impl From<String> for JsString {
    fn from(s: String) -> Self {
        JsString(Repr::Utf8(s.into_boxed_str()))
    }
}

impl From<&String> for JsString {
    fn from(s: &String) -> Self {
        Self::from(s.as_str())
    }
}

impl From<&JsString> for JsString {
    fn from(s: &JsString) -> Self {
        s.clone()
    }
}

impl PartialEq<str> for JsString {
    fn eq(&self, other: &str) -> bool {
        self.as_wtf8_bytes() == other.as_bytes()
    }
}

impl PartialEq<&str> for JsString {
    fn eq(&self, other: &&str) -> bool {
        self.as_wtf8_bytes() == other.as_bytes()
    }
}

impl fmt::Debug for JsString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Utf8(s) => fmt::Debug::fmt(&**s, f),
            Repr::Wtf8(_) => {
                // Show it as its JSON text, which spells lone surrogates out.
                let mut out = Vec::new();
                write_js_str(self, &mut out);
                f.write_str(&String::from_utf8_lossy(&out))
            }
        }
    }
}

impl fmt::Display for JsString {
    /// Writes the string, lone surrogates as U+FFFD.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_str() {
            Some(s) => f.write_str(s),
            None => f.write_str(&self.to_string_lossy()),
        }
    }
}

/// Bytes that end a run of plain string content: controls below U+0020, `"` and `\\`.
pub(super) static STRING_SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// The index of the first byte of `bytes` that a JSON string cannot hold as is — a
/// control character below U+0020, `"` or `\\` — or `bytes.len()` when there is none.
/// Eight bytes at a time: the lowest flagged byte of each word is exact.
#[inline]
pub(super) fn first_special(bytes: &[u8]) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while let Some(word) = bytes.get(i..i + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        let w = u64::from_le_bytes(w);
        let quote = w ^ (LO * u64::from(b'"'));
        let backslash = w ^ (LO * u64::from(b'\\'));
        let flags = (w.wrapping_sub(LO * 0x20)
            | quote.wrapping_sub(LO) & !quote
            | backslash.wrapping_sub(LO) & !backslash)
            & !w
            & HI;
        // For the control test `!w` keeps ASCII bytes only; for the equality tests a
        // byte equal to `"` or `\\` is ASCII too, so masking with `!w` loses nothing.
        if flags != 0 {
            return i + (flags.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if STRING_SPECIAL[b as usize] {
            return i;
        }
        i += 1;
    }
    bytes.len()
}
#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn first_special_matches_the_table(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let expected = bytes.iter().position(|&b| STRING_SPECIAL[b as usize]).unwrap_or(bytes.len());
            prop_assert_eq!(first_special(&bytes), expected);
        }
    }
}
