//! Canonical JSON: text that `JSON.stringify(JSON.parse(text))` writes back unchanged.
//!
//! Better Auth signs what `JSON.stringify` writes, so the bytes of a value it wrote are
//! canonical, and a MAC over them is a MAC over the re-serialization it would compute.
//! [`scan`] confirms that without building anything: no whitespace, JavaScript's key
//! order (array-index keys first, ascending), no duplicate keys, numbers spelled as
//! JavaScript spells them, and string escapes exactly as `JSON.stringify` writes them
//! (`\"`, `\\`, `\b \f \n \r \t`, `\u00xx` for other controls, `\udxxx` for lone
//! surrogates; nothing else). On the way it reports the members of the outer object and
//! of the objects directly inside it, which is where a cache payload keeps every field
//! its schema reads.
//!
//! It answers "not canonical" (`None`) for anything unusual it does not want to decide
//! cheaply — objects with many keys, deep nesting — and the caller then takes the exact,
//! slower path (parse, write, compare): a `None` is never wrong, only slower.

use super::object::array_index;
use super::string::first_special;
use super::write::write_js_number;

/// Objects with more keys than this are left to the slow path (duplicate detection here
/// is a linear scan).
const MAX_KEYS: usize = 32;
/// Key spans remembered across every open object.
const MAX_OPEN_KEYS: usize = 64;
/// Nesting deeper than this is left to the slow path.
const MAX_NESTING: usize = 16;

/// A member of the outer object (`depth` 1) or of an object that is a member of it
/// (`depth` 2).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Member<'a> {
    /// 1 for the outer object's members, 2 for those of its member objects.
    pub(crate) depth: u8,
    /// For `depth` 2: the key (as written, without quotes) of the outer member holding
    /// it.
    pub(crate) parent: &'a str,
    /// The key as written, without quotes (escapes as written).
    pub(crate) key: &'a str,
    /// The value's text.
    pub(crate) value: &'a str,
    /// The whole member's text, `"key":value`.
    pub(crate) whole: &'a str,
}

/// A key seen in an open object: where it is, and a cheap fingerprint that equal keys
/// share (their length and first eight bytes), so that only likely duplicates are
/// compared in full.
#[derive(Clone, Copy, Default)]
struct Key {
    start: u32,
    end: u32,
    fingerprint: u64,
}

impl Key {
    fn fingerprint(name: &[u8]) -> u64 {
        let mut word = [0u8; 8];
        let n = name.len().min(8);
        word[..n].copy_from_slice(&name[..n]);
        u64::from_le_bytes(word) ^ (name.len() as u64).rotate_right(8)
    }
}

#[derive(Clone, Copy, Default)]
struct Frame {
    object: bool,
    keys_from: usize,
    member_from: usize,
    key: (usize, usize),
    value_from: usize,
    last_index: Option<u32>,
    named: bool,
    parent: (usize, usize),
}

/// Scans the canonical JSON value that starts at `start`, calling `visit` for the members
/// of depth 1 and 2 (see [`Member`]) in order. Returns the offset just past the value,
/// or `None` when the value is not canonical (or not JSON, or too large to check here).
pub(crate) fn scan<'t>(
    text: &'t str,
    start: usize,
    visit: &mut impl FnMut(Member<'t>),
) -> Option<usize> {
    let b = text.as_bytes();
    let mut stack = [Frame::default(); MAX_NESTING];
    let mut depth = 0usize;
    let mut keys = [Key::default(); MAX_OPEN_KEYS];
    let mut nkeys = 0usize;
    let mut p = start;
    'value: loop {
        // A value starts at `p`.
        let end = match *b.get(p)? {
            b'{' | b'[' => {
                if depth == MAX_NESTING {
                    return None;
                }
                let object = b[p] == b'{';
                let parent = if object && depth == 1 && stack[0].object {
                    stack[0].key
                } else {
                    (0, 0)
                };
                p += 1;
                let close = if object { b'}' } else { b']' };
                if b.get(p) == Some(&close) {
                    p + 1
                } else {
                    stack[depth] = Frame {
                        object,
                        keys_from: nkeys,
                        parent,
                        ..Frame::default()
                    };
                    depth += 1;
                    if object {
                        p = key(b, p, &mut stack[depth - 1], &mut keys, &mut nkeys)?;
                    } else {
                        stack[depth - 1].value_from = p;
                    }
                    continue 'value;
                }
            }
            b'"' => string(b, p)?,
            b't' => literal(b, p, b"true")?,
            b'f' => literal(b, p, b"false")?,
            b'n' => literal(b, p, b"null")?,
            b'-' | b'0'..=b'9' => number(text, p)?,
            _ => return None,
        };
        p = end;
        // The value ends at `p`: hand it to its container, closing containers.
        loop {
            if depth == 0 {
                return Some(p);
            }
            let frame = &mut stack[depth - 1];
            if frame.object && depth <= 2 {
                let parent = if depth == 2 {
                    &text[frame.parent.0..frame.parent.1]
                } else {
                    ""
                };
                visit(Member {
                    depth: depth as u8,
                    parent,
                    key: &text[frame.key.0..frame.key.1],
                    value: &text[frame.value_from..p],
                    whole: &text[frame.member_from..p],
                });
            }
            match b.get(p) {
                Some(b',') => {
                    p += 1;
                    if frame.object {
                        p = key(b, p, frame, &mut keys, &mut nkeys)?;
                    } else {
                        frame.value_from = p;
                    }
                    continue 'value;
                }
                Some(b'}') if frame.object => {}
                Some(b']') if !frame.object => {}
                _ => return None,
            }
            p += 1;
            nkeys = frame.keys_from;
            depth -= 1;
        }
    }
}

/// Whether the whole of `text` is canonical JSON.
pub fn is_canonical(text: &str) -> bool {
    scan(text, 0, &mut |_| {}) == Some(text.len())
}

/// Reads `"key":` at `p` for the object `frame`: a canonical string, not seen before in
/// this object, in JavaScript's order. Returns where the value starts.
fn key(
    b: &[u8],
    p: usize,
    frame: &mut Frame,
    keys: &mut [Key; MAX_OPEN_KEYS],
    nkeys: &mut usize,
) -> Option<usize> {
    if b.get(p) != Some(&b'"') {
        return None;
    }
    let end = string(b, p)?;
    let name = &b[p + 1..end - 1];
    let index = match name.first() {
        Some(b'0'..=b'9') => array_index(name),
        _ => None,
    };
    match index {
        Some(n) => {
            if frame.named || frame.last_index.is_some_and(|m| m >= n) {
                return None;
            }
            frame.last_index = Some(n);
        }
        None => frame.named = true,
    }
    let own = &keys[frame.keys_from..*nkeys];
    if own.len() >= MAX_KEYS || *nkeys >= MAX_OPEN_KEYS {
        return None;
    }
    let fingerprint = Key::fingerprint(name);
    if own
        .iter()
        .any(|k| k.fingerprint == fingerprint && &b[k.start as usize..k.end as usize] == name)
    {
        return None;
    }
    keys[*nkeys] = Key {
        start: u32::try_from(p + 1).ok()?,
        end: u32::try_from(end - 1).ok()?,
        fingerprint,
    };
    *nkeys += 1;
    frame.member_from = p;
    frame.key = (p + 1, end - 1);
    if b.get(end) != Some(&b':') {
        return None;
    }
    frame.value_from = end + 1;
    Some(end + 1)
}

fn literal(b: &[u8], p: usize, word: &[u8]) -> Option<usize> {
    (b.get(p..p + word.len()) == Some(word)).then_some(p + word.len())
}

/// A canonical string starting at its opening quote; returns the offset past the closing
/// quote. The text is valid UTF-8 (it is a `&str`), so only escapes need checking.
fn string(b: &[u8], start: usize) -> Option<usize> {
    let mut p = start + 1;
    loop {
        p += first_special(b.get(p..)?);
        match *b.get(p)? {
            b'"' => return Some(p + 1),
            b'\\' => {
                p = escape(b, p)?;
            }
            _ => return None, // a raw control character: not JSON at all
        }
    }
}

/// A canonical escape at `p` (the backslash); returns the offset past it.
fn escape(b: &[u8], p: usize) -> Option<usize> {
    match *b.get(p + 1)? {
        b'"' | b'\\' | b'b' | b'f' | b'n' | b'r' | b't' => Some(p + 2),
        b'u' => {
            let unit = hex4_lower(b.get(p + 2..p + 6)?)?;
            match unit {
                // Controls without a short form.
                0x00..=0x1f => (!matches!(unit, 0x08 | 0x09 | 0x0a | 0x0c | 0x0d)).then_some(p + 6),
                // A high surrogate is written escaped only when no low surrogate
                // follows it (a pair is written as the character itself).
                0xd800..=0xdbff => {
                    let follows_low = b.get(p + 6..p + 8) == Some(b"\\u")
                        && b.get(p + 8..p + 12)
                            .and_then(hex4_any)
                            .is_some_and(|l| (0xdc00..=0xdfff).contains(&l));
                    (!follows_low).then_some(p + 6)
                }
                // A low surrogate here is lone (a pair would have ended above).
                0xdc00..=0xdfff => Some(p + 6),
                _ => None,
            }
        }
        _ => None,
    }
}

fn hex4_lower(h: &[u8]) -> Option<u32> {
    let mut n = 0u32;
    for &c in h {
        let d = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            _ => return None,
        };
        n = n << 4 | u32::from(d);
    }
    Some(n)
}

fn hex4_any(h: &[u8]) -> Option<u32> {
    let mut n = 0u32;
    for &c in h {
        n = n << 4 | (c as char).to_digit(16)?;
    }
    Some(n)
}

/// A canonical number at `p`: JSON's grammar, and spelled as JavaScript's
/// `Number.prototype.toString` spells its value. Returns the offset past it.
pub(crate) fn number(text: &str, start: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut p = start;
    let neg = *b.get(p)? == b'-';
    if neg {
        p += 1;
    }
    let int_start = p;
    match *b.get(p)? {
        b'0' => p += 1,
        b'1'..=b'9' => {
            while b.get(p).is_some_and(u8::is_ascii_digit) {
                p += 1;
            }
        }
        _ => return None,
    }
    let int_len = p - int_start;
    let mut simple = true;
    if b.get(p) == Some(&b'.') {
        simple = false;
        p += 1;
        if !b.get(p).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        while b.get(p).is_some_and(u8::is_ascii_digit) {
            p += 1;
        }
    }
    if matches!(b.get(p), Some(b'e' | b'E')) {
        simple = false;
        p += 1;
        if matches!(b.get(p), Some(b'+' | b'-')) {
            p += 1;
        }
        if !b.get(p).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        while b.get(p).is_some_and(u8::is_ascii_digit) {
            p += 1;
        }
    }
    if simple && int_len <= 15 {
        // Exact integers: canonical unless "-0".
        return (!(neg && b[int_start] == b'0')).then_some(p);
    }
    let value: f64 = text[start..p].parse().ok()?;
    let mut written = Vec::with_capacity(32);
    write_js_number(value, &mut written);
    (written == b[start..p]).then_some(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    fn canonical_by_definition(text: &str) -> bool {
        parse(text.as_bytes()).is_ok_and(|v| v.to_js_string() == text)
    }

    #[test]
    fn agrees_with_the_definition() {
        let cases = [
            r#"{"a":1,"b":[true,false,null],"c":{"d":"e"}}"#,
            r#"{"a":1, "b":2}"#,
            r#"{"b":1,"a":2}"#,
            r#"{"1":1,"0":2}"#,
            r#"{"0":1,"1":2,"a":3}"#,
            r#"{"a":3,"0":1}"#,
            r#"{"a":1,"a":2}"#,
            r#"{"x":{"a":1,"a":1}}"#,
            r#"[1,2.5,-3,1e+21,1e21,0.1,-0,0,1.0,100,1e2,5e-324,1e-7,0.000001]"#,
            r#"[-0.5,123456789012345,1234567890123456,12345678901234567890,9007199254740993]"#,
            r#""\u0000\u001f\b\f\n\r\t\"\\""#,
            r#""\u0008""#,
            r#""\/""#,
            r#""\u0041""#,
            r#""\u00e9""#,
            r#""\ud800""#,
            r#""\uD800""#,
            r#""\udc00\ud800""#,
            r#""\ud83d\ude00""#,
            r#""\ud83d\uDE00""#,
            "\"\u{1F600}\u{7f}\u{2028}\"",
            r#"{"":""}"#,
            r#"{}"#,
            r#"[]"#,
            r#"[{}]"#,
            r#"{"a":[]}"#,
            "1e400",
            "[1,]",
            "tru",
            r#"{"4294967294":1,"4294967295":2}"#,
            r#"{"4294967295":1,"4294967294":2}"#,
            r#"{"01":1,"1":2}"#,
            r#"{"1":2,"01":1}"#,
        ];
        for text in cases {
            assert_eq!(is_canonical(text), canonical_by_definition(text), "{text}");
        }
    }

    #[test]
    fn reports_members_of_the_first_two_levels() {
        let text = r#"{"session":{"id":"s","n":{"deep":1}},"user":{"id":"u"},"v":[{"x":1}],"k":2}"#;
        let mut seen = Vec::new();
        let end = scan(text, 0, &mut |m| {
            seen.push(format!(
                "{}:{}.{}={}|{}",
                m.depth, m.parent, m.key, m.value, m.whole
            ))
        });
        assert_eq!(end, Some(text.len()));
        assert_eq!(
            seen,
            [
                r#"2:session.id="s"|"id":"s""#,
                r#"2:session.n={"deep":1}|"n":{"deep":1}"#,
                r#"1:.session={"id":"s","n":{"deep":1}}|"session":{"id":"s","n":{"deep":1}}"#,
                r#"2:user.id="u"|"id":"u""#,
                r#"1:.user={"id":"u"}|"user":{"id":"u"}"#,
                r#"1:.v=[{"x":1}]|"v":[{"x":1}]"#,
                r#"1:.k=2|"k":2"#,
            ]
        );
    }

    #[test]
    fn leaves_the_unusual_to_the_slow_path() {
        let many: String = format!(
            "{{{}}}",
            (0..40)
                .map(|i| format!("\"k{i}\":{i}"))
                .collect::<Vec<_>>()
                .join(",")
        );
        assert!(canonical_by_definition(&many));
        assert!(!is_canonical(&many));
        let deep = "[".repeat(40) + &"]".repeat(40);
        assert!(!is_canonical(&deep));
    }

    proptest::proptest! {
        #[test]
        fn never_claims_what_the_definition_denies(text in "[\\[\\]{}\",:0-9a-z\\\\ .e+-]{0,40}") {
            if is_canonical(&text) {
                proptest::prop_assert!(canonical_by_definition(&text), "{}", text);
            }
        }
    }
}
