//! JSON exactly as JavaScript's `JSON.parse` and `JSON.stringify` see it.
//!
//! Better Auth signs `JSON.stringify(JSON.parse(text))`, so to verify such a
//! signature we must reproduce V8's output byte for byte. This module gives:
//!
//! * [`parse`] / [`parse_object`]: the `JSON.parse` grammar (RFC 8259, no
//!   extensions), numbers rounded to `f64` exactly as JavaScript does, `\u`
//!   escapes including lone surrogates (kept, see [`JsString`]), duplicate keys
//!   resolved as JavaScript does (first position, last value) and properties
//!   in JavaScript's enumeration order (array-index keys first, ascending,
//!   then the other keys in insertion order). Nesting is limited to
//!   [`MAX_DEPTH`] levels; the parser is iterative, so no input can overflow
//!   the stack.
//! * [`Value::write_js`] / [`Value::to_js_string`]: `JSON.stringify` with no
//!   indentation: numbers as JavaScript's `Number.prototype.toString` writes
//!   them (non-finite numbers as `null`), strings escaped exactly like V8
//!   (well-formed `JSON.stringify`: lone surrogates as lowercase `\udxxx`).
//!
//! Input must be valid UTF-8. Error messages ([`JsonError`]) name what was
//! wrong and the byte offset, and never quote the input.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::BuildHasher;

/// The deepest nesting of arrays and objects [`parse`] accepts.
///
/// A text whose value is nested `MAX_DEPTH` arrays/objects deep is accepted;
/// one more level is rejected with [`JsonErrorKind::TooDeep`]. (V8 itself has
/// no such limit; this one keeps parsing and dropping values cheap and
/// bounded.)
pub const MAX_DEPTH: usize = 256;

/// Objects with more properties than this get a hash index for key lookup;
/// smaller ones are scanned linearly.
const HASH_THRESHOLD: usize = 16;

// ---------------------------------------------------------------------------
// JsString
// ---------------------------------------------------------------------------

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
    fn from_wtf8_parts(bytes: Vec<u8>, lone: bool) -> Self {
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
fn push_code_point(out: &mut Vec<u8>, cp: u32) {
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

// ---------------------------------------------------------------------------
// Value
// ---------------------------------------------------------------------------

/// A JSON value as JavaScript holds it after `JSON.parse`.
///
/// Equality is structural; numbers compare as `f64` (so `0 == -0`).
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Value {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number. Non-finite values (from overflowing literals like `1e400`)
    /// are written as `null`, as JavaScript does.
    Number(f64),
    /// A string.
    String(JsString),
    /// An array.
    Array(Vec<Value>),
    /// An object, properties in JavaScript enumeration order.
    Object(Object),
}

impl Value {
    /// The string, if this is a string without lone surrogates.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => s.as_str(),
            _ => None,
        }
    }

    /// The string, if this is a string (lone surrogates included).
    pub fn as_js_string(&self) -> Option<&JsString> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number, if this is a number.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The boolean, if this is a boolean.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The object, if this is an object.
    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The object, mutably, if this is an object.
    pub fn as_object_mut(&mut self) -> Option<&mut Object> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The elements, mutably, if this is an array.
    pub fn as_array_mut(&mut self) -> Option<&mut Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Appends `JSON.stringify(value)` (no indentation) to `out`.
    ///
    /// Iterative: any nesting depth is fine.
    pub fn write_js(&self, out: &mut Vec<u8>) {
        write_value(self, out);
    }

    /// `JSON.stringify(value)` (no indentation).
    pub fn to_js_string(&self) -> String {
        let mut out = Vec::with_capacity(128);
        self.write_js(&mut out);
        // Everything written is UTF-8: string contents are copied from valid
        // UTF-8 and lone surrogates are written as ASCII escapes.
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Self {
        Value::Number(n)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.into())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s.into())
    }
}

impl From<JsString> for Value {
    fn from(s: JsString) -> Self {
        Value::String(s)
    }
}

impl From<Vec<Value>> for Value {
    fn from(a: Vec<Value>) -> Self {
        Value::Array(a)
    }
}

impl From<Object> for Value {
    fn from(o: Object) -> Self {
        Value::Object(o)
    }
}

impl From<serde_json::Value> for Value {
    /// Converts a `serde_json` value; numbers become `f64` (as in
    /// JavaScript). Object keys are inserted in the map's iteration order
    /// (sorted, unless serde_json's `preserve_order` feature is on) with
    /// [`Object::insert`] semantics.
    fn from(v: serde_json::Value) -> Self {
        match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
            serde_json::Value::String(s) => Value::String(s.into()),
            serde_json::Value::Array(a) => Value::Array(a.into_iter().map(Value::from).collect()),
            serde_json::Value::Object(m) => {
                let mut o = Object::new();
                for (k, v) in m {
                    o.insert(k, Value::from(v));
                }
                Value::Object(o)
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Object
// ---------------------------------------------------------------------------

/// A JavaScript object's own enumerable properties, in JavaScript's
/// enumeration order: array-index keys (`"0"` ..= `"4294967294"`, canonical
/// decimal) first in ascending numeric order, then every other key in
/// insertion order.
///
/// Lookups scan linearly while the object is small and use a hash index
/// (with a per-object random seed) once it has more than 16 properties.
#[derive(Clone, Default)]
pub struct Object {
    entries: Vec<(JsString, Value)>,
    index: Option<Box<HashIndex>>,
}

impl Object {
    /// Creates an empty object.
    pub fn new() -> Self {
        Object {
            entries: Vec::new(),
            index: None,
        }
    }

    /// The number of properties.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no properties.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The value of property `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.find(key.as_bytes()).map(|i| &self.entries[i].1)
    }

    /// The value of property `key`, mutably.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.find(key.as_bytes())
            .map(move |i| &mut self.entries[i].1)
    }

    /// The value of property `key`, which may hold lone surrogates.
    pub fn get_js(&self, key: &JsString) -> Option<&Value> {
        self.find(key.as_wtf8_bytes()).map(|i| &self.entries[i].1)
    }

    /// Whether property `key` exists.
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key.as_bytes()).is_some()
    }

    /// Sets property `key` as JavaScript assignment (`obj[key] = value`)
    /// does, returning the previous value if there was one.
    ///
    /// An existing key keeps its position. A new array-index key goes among
    /// the other index keys in ascending numeric order (all index keys come
    /// before the other keys); any other new key is appended.
    pub fn insert(&mut self, key: impl Into<JsString>, value: Value) -> Option<Value> {
        let key = key.into();
        if let Some(i) = self.find(key.as_wtf8_bytes()) {
            return Some(std::mem::replace(&mut self.entries[i].1, value));
        }
        match array_index(key.as_wtf8_bytes()) {
            None => self.push_new(key, value),
            Some(n) => {
                let pos = self.index_insert_position(n);
                if pos == self.entries.len() {
                    self.push_new(key, value);
                } else {
                    self.entries.insert(pos, (key, value));
                    self.rebuild_index();
                }
            }
        }
        None
    }

    /// Removes property `key` (like `delete obj[key]`), returning its value.
    /// The other properties keep their order.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let i = self.find(key.as_bytes())?;
        let (_, v) = self.entries.remove(i);
        if self.index.is_some() {
            self.rebuild_index();
        }
        Some(v)
    }

    /// The properties in enumeration order.
    pub fn iter(&self) -> impl Iterator<Item = (&JsString, &Value)> + '_ {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// The properties in enumeration order, values mutable.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&JsString, &mut Value)> + '_ {
        self.entries.iter_mut().map(|(k, v)| (&*k, v))
    }

    /// The keys in enumeration order.
    pub fn keys(&self) -> impl Iterator<Item = &JsString> + '_ {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values in enumeration order.
    pub fn values(&self) -> impl Iterator<Item = &Value> + '_ {
        self.entries.iter().map(|(_, v)| v)
    }

    /// Appends `JSON.stringify(obj)` (no indentation) to `out`.
    pub fn write_js(&self, out: &mut Vec<u8>) {
        write_object_with_extra(self, None, out);
    }

    /// `JSON.stringify(obj)` (no indentation).
    pub fn to_js_string(&self) -> String {
        let mut out = Vec::with_capacity(128);
        self.write_js(&mut out);
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    /// Appends `JSON.stringify({...obj, [key]: extra})` to `out` without
    /// copying the object: if `key` exists its value is replaced in place,
    /// else a new array-index key goes in numeric position among the index
    /// keys and any other key is written last.
    pub fn write_js_with_extra(&self, key: &str, extra: &Value, out: &mut Vec<u8>) {
        write_object_with_extra(self, Some((key, extra)), out);
    }

    // -- internals ---------------------------------------------------------

    fn find(&self, key: &[u8]) -> Option<usize> {
        match &self.index {
            Some(ix) => ix.find(key, &self.entries),
            None => self
                .entries
                .iter()
                .position(|(k, _)| k.as_wtf8_bytes() == key),
        }
    }

    /// Where a new index key `n` goes: after every index key below `n`.
    fn index_insert_position(&self, n: u32) -> usize {
        self.entries
            .partition_point(|(k, _)| matches!(array_index(k.as_wtf8_bytes()), Some(m) if m < n))
    }

    /// Appends a key known to be absent.
    fn push_new(&mut self, key: JsString, value: Value) {
        self.entries.push((key, value));
        let i = self.entries.len() - 1;
        match &mut self.index {
            Some(ix) => {
                if !ix.try_add(i, &self.entries) {
                    self.rebuild_index();
                }
            }
            None => {
                if self.entries.len() > HASH_THRESHOLD {
                    self.rebuild_index();
                }
            }
        }
    }

    fn rebuild_index(&mut self) {
        if self.entries.len() > HASH_THRESHOLD {
            let hasher = match self.index.take() {
                Some(ix) => ix.hasher,
                None => RandomState::new(),
            };
            self.index = Some(Box::new(HashIndex::build(hasher, &self.entries)));
        } else {
            self.index = None;
        }
    }

    /// `JSON.parse` property definition: a duplicate key keeps its first
    /// position and takes the new value; a new key is appended (the order is
    /// fixed in [`Object::finish_parsed`]). Returns whether the order needs
    /// fixing afterwards.
    fn define_parsed(&mut self, key: JsString, value: Value) -> bool {
        if let Some(i) = self.find(key.as_wtf8_bytes()) {
            self.entries[i].1 = value;
            return false;
        }
        let out_of_order = match array_index(key.as_wtf8_bytes()) {
            None => false,
            Some(n) => match self.entries.last() {
                None => false,
                Some((prev, _)) => match array_index(prev.as_wtf8_bytes()) {
                    Some(m) => m > n,
                    None => true,
                },
            },
        };
        self.push_new(key, value);
        out_of_order
    }

    /// Puts parsed properties in enumeration order.
    fn finish_parsed(&mut self, needs_sort: bool) {
        if needs_sort {
            // Keys are unique, so index keys have distinct numbers; the sort
            // is stable, so the other keys keep insertion order.
            self.entries
                .sort_by_key(|(k, _)| array_index(k.as_wtf8_bytes()).map_or(u64::MAX, u64::from));
            if self.index.is_some() {
                self.rebuild_index();
            }
        }
    }
}

impl PartialEq for Object {
    /// Same properties with equal values in the same order.
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl fmt::Debug for Object {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.entries.iter().map(|(k, v)| (k, v)))
            .finish()
    }
}

impl<'a> IntoIterator for &'a Object {
    type Item = (&'a JsString, &'a Value);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (JsString, Value)>,
        fn(&'a (JsString, Value)) -> (&'a JsString, &'a Value),
    >;
    fn into_iter(self) -> Self::IntoIter {
        fn split(e: &(JsString, Value)) -> (&JsString, &Value) {
            (&e.0, &e.1)
        }
        self.entries
            .iter()
            .map(split as fn(&'a (JsString, Value)) -> (&'a JsString, &'a Value))
    }
}

impl<K: Into<JsString>> FromIterator<(K, Value)> for Object {
    /// Inserts each pair in turn with [`Object::insert`] semantics.
    fn from_iter<I: IntoIterator<Item = (K, Value)>>(iter: I) -> Self {
        let mut o = Object::new();
        for (k, v) in iter {
            o.insert(k, v);
        }
        o
    }
}

/// The array index a key denotes (canonical decimal `0..=4294967294`).
fn array_index(key: &[u8]) -> Option<u32> {
    match key {
        [] => None,
        [b'0'] => Some(0),
        [b'0', ..] => None,
        _ if key.len() > 10 => None,
        _ => {
            let mut n: u64 = 0;
            for &b in key {
                if !b.is_ascii_digit() {
                    return None;
                }
                n = n * 10 + u64::from(b - b'0');
            }
            if n <= 4_294_967_294 {
                Some(n as u32)
            } else {
                None
            }
        }
    }
}

/// Open-addressing table of entry positions (plus one; 0 = empty slot).
#[derive(Clone)]
struct HashIndex {
    hasher: RandomState,
    slots: Box<[u32]>,
    used: usize,
}

impl HashIndex {
    fn build(hasher: RandomState, entries: &[(JsString, Value)]) -> Self {
        let cap = (entries.len() * 2).next_power_of_two().max(32);
        let mut ix = HashIndex {
            hasher,
            slots: vec![0; cap].into_boxed_slice(),
            used: 0,
        };
        for i in 0..entries.len() {
            ix.place(i, entries);
        }
        ix
    }

    fn place(&mut self, i: usize, entries: &[(JsString, Value)]) {
        let mask = self.slots.len() - 1;
        let mut s = (self.hasher.hash_one(entries[i].0.as_wtf8_bytes()) as usize) & mask;
        while self.slots[s] != 0 {
            s = (s + 1) & mask;
        }
        self.slots[s] = (i + 1) as u32;
        self.used += 1;
    }

    /// Adds entry `i` (known absent); false if the table must be rebuilt.
    fn try_add(&mut self, i: usize, entries: &[(JsString, Value)]) -> bool {
        if (self.used + 1) * 2 > self.slots.len() || i >= u32::MAX as usize - 1 {
            return false;
        }
        self.place(i, entries);
        true
    }

    fn find(&self, key: &[u8], entries: &[(JsString, Value)]) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut s = (self.hasher.hash_one(key) as usize) & mask;
        loop {
            let slot = self.slots[s];
            if slot == 0 {
                return None;
            }
            let i = (slot - 1) as usize;
            if entries
                .get(i)
                .is_some_and(|(k, _)| k.as_wtf8_bytes() == key)
            {
                return Some(i);
            }
            s = (s + 1) & mask;
        }
    }
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// What was wrong with a JSON text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonErrorKind {
    /// The text ended early.
    UnexpectedEnd,
    /// A byte that cannot start a value appeared where a value was expected.
    ExpectedValue,
    /// Something other than a string key appeared where a key was expected.
    ExpectedKey,
    /// A key was not followed by `:`.
    ExpectedColon,
    /// An array element was not followed by `,` or `]`.
    ExpectedCommaOrBracket,
    /// An object property was not followed by `,` or `}`.
    ExpectedCommaOrBrace,
    /// A malformed number (leading zero, missing digits, ...).
    InvalidNumber,
    /// A misspelled `true`, `false` or `null`.
    InvalidLiteral,
    /// A backslash escape other than `\" \\ \/ \b \f \n \r \t \uXXXX`.
    InvalidEscape,
    /// A raw control character (U+0000 to U+001F) inside a string.
    ControlCharacterInString,
    /// Bytes that are not valid UTF-8.
    InvalidUtf8,
    /// Non-whitespace after the value.
    TrailingCharacters,
    /// Arrays/objects nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// [`parse_object`] got a value that is not an object.
    NotAnObject,
}

impl JsonErrorKind {
    fn describe(self) -> &'static str {
        match self {
            JsonErrorKind::UnexpectedEnd => "unexpected end of input",
            JsonErrorKind::ExpectedValue => "expected a value",
            JsonErrorKind::ExpectedKey => "expected a string key",
            JsonErrorKind::ExpectedColon => "expected ':'",
            JsonErrorKind::ExpectedCommaOrBracket => "expected ',' or ']'",
            JsonErrorKind::ExpectedCommaOrBrace => "expected ',' or '}'",
            JsonErrorKind::InvalidNumber => "invalid number",
            JsonErrorKind::InvalidLiteral => "invalid literal",
            JsonErrorKind::InvalidEscape => "invalid escape sequence",
            JsonErrorKind::ControlCharacterInString => "control character in string",
            JsonErrorKind::InvalidUtf8 => "invalid UTF-8",
            JsonErrorKind::TrailingCharacters => "unexpected data after the value",
            JsonErrorKind::TooDeep => "nesting too deep",
            JsonErrorKind::NotAnObject => "expected an object",
        }
    }
}

/// A JSON text was rejected: what was wrong and at which byte offset. The
/// message never contains any of the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    kind: JsonErrorKind,
    offset: usize,
}

impl JsonError {
    /// What was wrong.
    pub fn kind(&self) -> JsonErrorKind {
        self.kind
    }

    /// The byte offset in the input where the problem was found.
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid JSON: {} at byte {}",
            self.kind.describe(),
            self.offset
        )
    }
}

impl std::error::Error for JsonError {}

// ---------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------

/// Parses `input` exactly as JavaScript's `JSON.parse` does.
///
/// Differences from V8: the input must be valid UTF-8 (V8 gets an already
/// decoded string), and nesting deeper than [`MAX_DEPTH`] is rejected.
pub fn parse(input: &[u8]) -> Result<Value, JsonError> {
    Parser::new(input).parse_document()
}

/// Parses `input` like [`parse`] and requires the value to be an object.
pub fn parse_object(input: &[u8]) -> Result<Object, JsonError> {
    match parse(input)? {
        Value::Object(o) => Ok(o),
        _ => {
            let start = input
                .iter()
                .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                .unwrap_or(0);
            Err(JsonError {
                kind: JsonErrorKind::NotAnObject,
                offset: start,
            })
        }
    }
}

/// An array or object under construction.
enum Frame {
    Array(Vec<Value>),
    Object {
        obj: Object,
        key: JsString,
        needs_sort: bool,
    },
}

struct Parser<'a> {
    input: &'a [u8],
    pos: usize,
    /// Scratch for strings with escapes.
    buf: String,
    /// Scratch for strings with lone surrogates.
    wtf8: Vec<u8>,
}

/// Bytes that end a run of plain string content.
static STRING_SPECIAL: [bool; 256] = {
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

impl<'a> Parser<'a> {
    fn new(input: &'a [u8]) -> Self {
        Parser {
            input,
            pos: 0,
            buf: String::new(),
            wtf8: Vec::new(),
        }
    }

    fn err<T>(&self, kind: JsonErrorKind, offset: usize) -> Result<T, JsonError> {
        Err(JsonError { kind, offset })
    }

    #[inline]
    fn skip_ws(&mut self) {
        while let Some(&b) = self.input.get(self.pos) {
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.input.get(self.pos).copied()
    }

    fn parse_document(&mut self) -> Result<Value, JsonError> {
        let mut stack: Vec<Frame> = Vec::new();
        'value: loop {
            self.skip_ws();
            let Some(b) = self.peek() else {
                return self.err(JsonErrorKind::UnexpectedEnd, self.pos);
            };
            let mut value = match b {
                b'{' | b'[' => {
                    if stack.len() >= MAX_DEPTH {
                        return self.err(JsonErrorKind::TooDeep, self.pos);
                    }
                    self.pos += 1;
                    self.skip_ws();
                    if b == b'[' {
                        if self.peek() == Some(b']') {
                            self.pos += 1;
                            Value::Array(Vec::new())
                        } else {
                            stack.push(Frame::Array(Vec::new()));
                            continue 'value;
                        }
                    } else if self.peek() == Some(b'}') {
                        self.pos += 1;
                        Value::Object(Object::new())
                    } else {
                        let key = self.parse_key()?;
                        stack.push(Frame::Object {
                            obj: Object::new(),
                            key,
                            needs_sort: false,
                        });
                        continue 'value;
                    }
                }
                b'"' => Value::String(self.parse_string()?),
                b't' => self.parse_literal(b"true", Value::Bool(true))?,
                b'f' => self.parse_literal(b"false", Value::Bool(false))?,
                b'n' => self.parse_literal(b"null", Value::Null)?,
                b'-' | b'0'..=b'9' => Value::Number(self.parse_number()?),
                _ => return self.err(JsonErrorKind::ExpectedValue, self.pos),
            };
            // A value is complete: hand it to its container, closing
            // containers as long as they end.
            loop {
                self.skip_ws();
                match stack.last_mut() {
                    None => {
                        if self.pos != self.input.len() {
                            return self.err(JsonErrorKind::TrailingCharacters, self.pos);
                        }
                        return Ok(value);
                    }
                    Some(Frame::Array(items)) => {
                        items.push(value);
                        match self.peek() {
                            Some(b',') => {
                                self.pos += 1;
                                continue 'value;
                            }
                            Some(b']') => {
                                self.pos += 1;
                                match stack.pop() {
                                    Some(Frame::Array(items)) => value = Value::Array(items),
                                    _ => unreachable!("top frame is an array"),
                                }
                            }
                            None => return self.err(JsonErrorKind::UnexpectedEnd, self.pos),
                            Some(_) => {
                                return self.err(JsonErrorKind::ExpectedCommaOrBracket, self.pos)
                            }
                        }
                    }
                    Some(Frame::Object {
                        obj,
                        key,
                        needs_sort,
                    }) => {
                        let k = std::mem::take(key);
                        *needs_sort |= obj.define_parsed(k, value);
                        match self.peek() {
                            Some(b',') => {
                                self.pos += 1;
                                self.skip_ws();
                                *key = self.parse_key()?;
                                continue 'value;
                            }
                            Some(b'}') => {
                                self.pos += 1;
                                match stack.pop() {
                                    Some(Frame::Object {
                                        mut obj,
                                        needs_sort,
                                        ..
                                    }) => {
                                        obj.finish_parsed(needs_sort);
                                        value = Value::Object(obj);
                                    }
                                    _ => unreachable!("top frame is an object"),
                                }
                            }
                            None => return self.err(JsonErrorKind::UnexpectedEnd, self.pos),
                            Some(_) => {
                                return self.err(JsonErrorKind::ExpectedCommaOrBrace, self.pos)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Parses `"key"` `:` (whitespace already skipped before the key).
    fn parse_key(&mut self) -> Result<JsString, JsonError> {
        match self.peek() {
            Some(b'"') => {}
            None => return self.err(JsonErrorKind::UnexpectedEnd, self.pos),
            Some(_) => return self.err(JsonErrorKind::ExpectedKey, self.pos),
        }
        let key = self.parse_string()?;
        self.skip_ws();
        match self.peek() {
            Some(b':') => {
                self.pos += 1;
                Ok(key)
            }
            None => self.err(JsonErrorKind::UnexpectedEnd, self.pos),
            Some(_) => self.err(JsonErrorKind::ExpectedColon, self.pos),
        }
    }

    fn parse_literal(&mut self, word: &'static [u8], value: Value) -> Result<Value, JsonError> {
        let end = self.pos + word.len();
        match self.input.get(self.pos..end) {
            Some(s) if s == word => {
                self.pos = end;
                Ok(value)
            }
            _ => {
                // Point at the first byte that differs (or the end).
                let mut p = self.pos;
                while p < end && self.input.get(p) == word.get(p - self.pos) {
                    p += 1;
                }
                if p >= self.input.len() {
                    self.err(JsonErrorKind::UnexpectedEnd, p)
                } else {
                    self.err(JsonErrorKind::InvalidLiteral, p)
                }
            }
        }
    }

    fn number_error(&self, p: usize) -> Result<f64, JsonError> {
        if p >= self.input.len() {
            self.err(JsonErrorKind::UnexpectedEnd, p)
        } else {
            self.err(JsonErrorKind::InvalidNumber, p)
        }
    }

    fn parse_number(&mut self) -> Result<f64, JsonError> {
        let input = self.input;
        let start = self.pos;
        let mut p = start;
        let neg = input.get(p) == Some(&b'-');
        if neg {
            p += 1;
        }
        // Integer part: 0 | [1-9][0-9]*
        let int_start = p;
        match input.get(p) {
            Some(b'0') => p += 1,
            Some(b'1'..=b'9') => {
                while matches!(input.get(p), Some(b'0'..=b'9')) {
                    p += 1;
                }
            }
            _ => return self.number_error(p),
        }
        let int_end = p;
        let mut simple = true;
        if input.get(p) == Some(&b'.') {
            simple = false;
            p += 1;
            if !matches!(input.get(p), Some(b'0'..=b'9')) {
                return self.number_error(p);
            }
            while matches!(input.get(p), Some(b'0'..=b'9')) {
                p += 1;
            }
        }
        if matches!(input.get(p), Some(b'e' | b'E')) {
            simple = false;
            p += 1;
            if matches!(input.get(p), Some(b'+' | b'-')) {
                p += 1;
            }
            if !matches!(input.get(p), Some(b'0'..=b'9')) {
                return self.number_error(p);
            }
            while matches!(input.get(p), Some(b'0'..=b'9')) {
                p += 1;
            }
        }
        self.pos = p;
        if simple && int_end - int_start <= 15 {
            // Exactly representable: at most 15 digits < 2^53.
            let mut n: u64 = 0;
            for &d in &input[int_start..int_end] {
                n = n * 10 + u64::from(d - b'0');
            }
            let f = n as f64;
            return Ok(if neg { -f } else { f });
        }
        // The slice is ASCII, and it matches the JSON number grammar, which
        // Rust's correctly rounded float parser accepts (overflow gives
        // infinity, underflow gives zero, as in JavaScript).
        let text = std::str::from_utf8(&input[start..p]).unwrap_or("");
        match text.parse::<f64>() {
            Ok(f) => Ok(f),
            Err(_) => self.err(JsonErrorKind::InvalidNumber, start),
        }
    }

    /// Parses a string starting at the opening quote.
    fn parse_string(&mut self) -> Result<JsString, JsonError> {
        let input = self.input;
        self.pos += 1; // opening quote
        let start = self.pos;
        // Fast path: no escapes.
        let p = start + first_special(&input[start..]);
        match input.get(p) {
            Some(b'"') => {
                let s = self.utf8_run(start, p)?;
                self.pos = p + 1;
                return Ok(JsString::from(s));
            }
            Some(b'\\') => {}
            Some(_) => return self.err(JsonErrorKind::ControlCharacterInString, p),
            None => {
                self.utf8_run(start, p)?;
                return self.err(JsonErrorKind::UnexpectedEnd, p);
            }
        }
        // Slow path: build the string in scratch space.
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        let result = self.parse_string_escaped(start, p, &mut buf);
        self.buf = buf;
        result
    }

    fn utf8_run(&self, from: usize, to: usize) -> Result<&'a str, JsonError> {
        let input: &'a [u8] = self.input;
        std::str::from_utf8(&input[from..to]).map_err(|e| JsonError {
            kind: JsonErrorKind::InvalidUtf8,
            offset: from + e.valid_up_to(),
        })
    }

    /// Continues a string whose content from `start` to `p` (a backslash)
    /// is plain. Builds UTF-8 in `buf`, switching to WTF-8 in `self.wtf8` at
    /// the first lone surrogate.
    fn parse_string_escaped(
        &mut self,
        start: usize,
        mut p: usize,
        buf: &mut String,
    ) -> Result<JsString, JsonError> {
        let input = self.input;
        buf.push_str(self.utf8_run(start, p)?);
        // Once a lone surrogate is seen, everything goes to `wtf8`.
        let mut wtf8: Option<Vec<u8>> = None;
        loop {
            // At a special byte.
            match input.get(p) {
                Some(b'"') => {
                    self.pos = p + 1;
                    return Ok(match wtf8 {
                        None => JsString::from(buf.as_str()),
                        Some(w) => {
                            let s = JsString(Repr::Wtf8(w.as_slice().into()));
                            self.wtf8 = w;
                            s
                        }
                    });
                }
                Some(b'\\') => {
                    let esc_at = p;
                    let unit: u32 = match input.get(p + 1) {
                        Some(b'"') => u32::from(b'"'),
                        Some(b'\\') => u32::from(b'\\'),
                        Some(b'/') => u32::from(b'/'),
                        Some(b'b') => 0x08,
                        Some(b'f') => 0x0C,
                        Some(b'n') => u32::from(b'\n'),
                        Some(b'r') => u32::from(b'\r'),
                        Some(b't') => u32::from(b'\t'),
                        Some(b'u') => self.hex4(p + 2)?,
                        None => return self.err(JsonErrorKind::UnexpectedEnd, p + 1),
                        Some(_) => return self.err(JsonErrorKind::InvalidEscape, esc_at),
                    };
                    p += if input[p + 1] == b'u' { 6 } else { 2 };
                    let mut cp = unit;
                    let mut lone = false;
                    if (0xD800..0xDC00).contains(&unit) {
                        // A high surrogate pairs with an immediately
                        // following low-surrogate escape.
                        let low = if input.get(p) == Some(&b'\\') && input.get(p + 1) == Some(&b'u')
                        {
                            self.hex4(p + 2)
                                .ok()
                                .filter(|l| (0xDC00..0xE000).contains(l))
                        } else {
                            None
                        };
                        match low {
                            Some(l) => {
                                cp = 0x10000 + ((unit - 0xD800) << 10) + (l - 0xDC00);
                                p += 6;
                            }
                            None => lone = true,
                        }
                    } else if (0xDC00..0xE000).contains(&unit) {
                        lone = true;
                    }
                    if lone && wtf8.is_none() {
                        let mut w = std::mem::take(&mut self.wtf8);
                        w.clear();
                        w.extend_from_slice(buf.as_bytes());
                        wtf8 = Some(w);
                    }
                    match &mut wtf8 {
                        Some(w) => push_code_point(w, cp),
                        // Not a surrogate here, so a valid char.
                        None => buf.push(char::from_u32(cp).unwrap_or('\u{FFFD}')),
                    }
                }
                Some(_) => return self.err(JsonErrorKind::ControlCharacterInString, p),
                None => return self.err(JsonErrorKind::UnexpectedEnd, p),
            }
            // Plain run up to the next special byte.
            let run_start = p;
            p += first_special(&input[p..]);
            if run_start < p {
                let s = self.utf8_run(run_start, p)?;
                match &mut wtf8 {
                    Some(w) => w.extend_from_slice(s.as_bytes()),
                    None => buf.push_str(s),
                }
            }
        }
    }

    /// Reads 4 hex digits at `p`.
    fn hex4(&self, p: usize) -> Result<u32, JsonError> {
        let mut n = 0u32;
        for i in 0..4 {
            let d = match self.input.get(p + i) {
                Some(&c @ b'0'..=b'9') => c - b'0',
                Some(&c @ b'a'..=b'f') => c - b'a' + 10,
                Some(&c @ b'A'..=b'F') => c - b'A' + 10,
                Some(_) => return self.err(JsonErrorKind::InvalidEscape, p + i),
                None => return self.err(JsonErrorKind::UnexpectedEnd, p + i),
            };
            n = (n << 4) | u32::from(d);
        }
        Ok(n)
    }
}

// ---------------------------------------------------------------------------
// Writer
// ---------------------------------------------------------------------------

/// How to write each ASCII byte inside a string: 0 = as is, else the escape
/// letter (`u` for `\u00XX`).
static ESCAPE: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 0x20 {
        t[i] = b'u';
        i += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0A] = b'n';
    t[0x0C] = b'f';
    t[0x0D] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Writes a string as `JSON.stringify` does.
/// The index of the first byte of `bytes` that a JSON string cannot hold as is — a
/// control character below U+0020, `"` or `\\` — or `bytes.len()` when there is none.
/// Eight bytes at a time: the lowest flagged byte of each word is exact.
#[inline]
fn first_special(bytes: &[u8]) -> usize {
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

fn write_js_str(s: &JsString, out: &mut Vec<u8>) {
    let bytes = s.as_wtf8_bytes();
    let lone = s.has_lone_surrogates();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    if !lone && first_special(bytes) == bytes.len() {
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            let e = ESCAPE[b as usize];
            if e != 0 {
                out.extend_from_slice(&bytes[run..i]);
                out.push(b'\\');
                out.push(e);
                if e == b'u' {
                    out.extend_from_slice(&[
                        b'0',
                        b'0',
                        HEX[(b >> 4) as usize],
                        HEX[(b & 15) as usize],
                    ]);
                }
                run = i + 1;
            }
            i += 1;
        } else if lone && b == 0xED && bytes.get(i + 1).is_some_and(|&c| c >= 0xA0) {
            // A lone surrogate: ED A0..BF 80..BF.
            out.extend_from_slice(&bytes[run..i]);
            let c1 = bytes[i + 1];
            let c2 = bytes.get(i + 2).copied().unwrap_or(0x80);
            let unit = 0xD000u32 | (u32::from(c1 & 0x3F) << 6) | u32::from(c2 & 0x3F);
            out.extend_from_slice(b"\\u");
            for shift in [12, 8, 4, 0] {
                out.push(HEX[((unit >> shift) & 15) as usize]);
            }
            i += 3;
            run = i;
        } else {
            i += 1;
        }
    }
    out.extend_from_slice(&bytes[run.min(bytes.len())..]);
    out.push(b'"');
}

/// Writes a number as `JSON.stringify` does.
fn write_js_number(n: f64, out: &mut Vec<u8>) {
    if !n.is_finite() {
        out.extend_from_slice(b"null");
    } else if n.fract() == 0.0 && n.abs() < 1e15 {
        // Integers (and -0, written "0"): plain decimal digits.
        let mut v = n as i64;
        if v < 0 {
            out.push(b'-');
            v = -v;
        }
        let mut digits = [0u8; 20];
        let mut k = digits.len();
        loop {
            k -= 1;
            digits[k] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        out.extend_from_slice(&digits[k..]);
    } else {
        let mut buf = ryu_js::Buffer::new();
        out.extend_from_slice(buf.format_finite(n).as_bytes());
    }
}

/// One open container while writing.
enum WriteFrame<'a> {
    Array(std::slice::Iter<'a, Value>),
    Object(std::slice::Iter<'a, (JsString, Value)>),
}

/// Writes `value`, iteratively.
fn write_value(value: &Value, out: &mut Vec<u8>) {
    let mut stack: Vec<WriteFrame<'_>> = Vec::new();
    let mut next: Option<&Value> = Some(value);
    loop {
        if let Some(v) = next.take() {
            match v {
                Value::Null => out.extend_from_slice(b"null"),
                Value::Bool(true) => out.extend_from_slice(b"true"),
                Value::Bool(false) => out.extend_from_slice(b"false"),
                Value::Number(n) => write_js_number(*n, out),
                Value::String(s) => write_js_str(s, out),
                Value::Array(a) => {
                    out.push(b'[');
                    let mut it = a.iter();
                    match it.next() {
                        None => out.push(b']'),
                        Some(first) => {
                            next = Some(first);
                            stack.push(WriteFrame::Array(it));
                            continue;
                        }
                    }
                }
                Value::Object(o) => {
                    out.push(b'{');
                    let mut it = o.entries.iter();
                    match it.next() {
                        None => out.push(b'}'),
                        Some((k, first)) => {
                            write_js_str(k, out);
                            out.push(b':');
                            next = Some(first);
                            stack.push(WriteFrame::Object(it));
                            continue;
                        }
                    }
                }
            }
        }
        // The last value is written: continue its container.
        match stack.last_mut() {
            None => return,
            Some(WriteFrame::Array(it)) => match it.next() {
                Some(v) => {
                    out.push(b',');
                    next = Some(v);
                }
                None => {
                    out.push(b']');
                    stack.pop();
                }
            },
            Some(WriteFrame::Object(it)) => match it.next() {
                Some((k, v)) => {
                    out.push(b',');
                    write_js_str(k, out);
                    out.push(b':');
                    next = Some(v);
                }
                None => {
                    out.push(b'}');
                    stack.pop();
                }
            },
        }
    }
}

fn write_object_with_extra(obj: &Object, extra: Option<(&str, &Value)>, out: &mut Vec<u8>) {
    out.push(b'{');
    let mut first = true;
    let mut prop = |k: &JsString, v: &Value, out: &mut Vec<u8>| {
        if !first {
            out.push(b',');
        }
        first = false;
        write_js_str(k, out);
        out.push(b':');
        write_value(v, out);
    };
    match extra {
        None => {
            for (k, v) in &obj.entries {
                prop(k, v, out);
            }
        }
        Some((key, extra)) => {
            if let Some(i) = obj.find(key.as_bytes()) {
                for (j, (k, v)) in obj.entries.iter().enumerate() {
                    prop(k, if j == i { extra } else { v }, out);
                }
            } else {
                let pos = match array_index(key.as_bytes()) {
                    Some(n) => obj.index_insert_position(n),
                    None => obj.entries.len(),
                };
                for (k, v) in &obj.entries[..pos] {
                    prop(k, v, out);
                }
                prop(&JsString::from(key), extra, out);
                for (k, v) in &obj.entries[pos..] {
                    prop(k, v, out);
                }
            }
        }
    }
    out.push(b'}');
}

// ---------------------------------------------------------------------------
// serde
// ---------------------------------------------------------------------------

impl serde::Serialize for JsString {
    /// Serializes as a string; lone surrogates become U+FFFD (serde strings
    /// are UTF-8), so such strings do not round-trip through serde.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.as_str() {
            Some(s) => serializer.serialize_str(s),
            None => serializer.serialize_str(&self.to_string_lossy()),
        }
    }
}

impl serde::Serialize for Object {
    /// Serializes as a map in enumeration order.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (k, v) in &self.entries {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl serde::Serialize for Value {
    /// Serializes the value so that `serde_json::to_string` gives JSON equal
    /// in meaning to [`Value::to_js_string`]: integral numbers below 2^63 as
    /// integers (the same digits JavaScript writes), other finite numbers as `f64`, non-finite numbers as `null`.
    /// Lone surrogates become U+FFFD (see [`JsString`]'s impl). Unlike
    /// [`Value::write_js`] this recurses once per nesting level, as serde
    /// does; values from [`parse`] are at most [`MAX_DEPTH`] deep.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Number(n) => {
                if !n.is_finite() {
                    serializer.serialize_unit()
                } else if n.fract() == 0.0 && n.abs() < 9_223_372_036_854_775_808.0 {
                    // Exact: an integral f64 below 2^63 fits an i64, and
                    // JavaScript writes it as plain digits too.
                    serializer.serialize_i64(*n as i64)
                } else {
                    serializer.serialize_f64(*n)
                }
            }
            Value::String(s) => s.serialize(serializer),
            Value::Array(a) => serializer.collect_seq(a),
            Value::Object(o) => o.serialize(serializer),
        }
    }
}

#[cfg(test)]
mod first_special_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn matches_the_table(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let expected = bytes.iter().position(|&b| STRING_SPECIAL[b as usize]).unwrap_or(bytes.len());
            prop_assert_eq!(first_special(&bytes), expected);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rt(s: &str) -> String {
        parse(s.as_bytes()).unwrap().to_js_string()
    }

    #[test]
    fn numbers_like_js() {
        let cases = [
            ("1.0", "1"),
            ("1e21", "1e+21"),
            ("1e20", "100000000000000000000"),
            ("1e-7", "1e-7"),
            ("0.000001", "0.000001"),
            ("5e-324", "5e-324"),
            ("-0", "0"),
            ("-0.0", "0"),
            ("73786976294838210000", "73786976294838210000"),
            ("123456789012345678901234567890", "1.2345678901234568e+29"),
            ("1e400", "null"),
            ("-1e400", "null"),
            ("1e-400", "0"),
            ("0.1", "0.1"),
            ("1E+2", "100"),
            ("123e-20", "1.23e-18"),
            ("999999999999999", "999999999999999"),
            ("1e15", "1000000000000000"),
            ("-1.5", "-1.5"),
            ("1e99999999999999999999", "null"),
        ];
        for (i, o) in cases {
            assert_eq!(rt(i), o, "input {i}");
        }
        let v = parse(b"-0").unwrap().as_f64().unwrap();
        assert!(v == 0.0 && v.is_sign_negative());
    }

    #[test]
    fn strings_like_js() {
        assert_eq!(rt(r#""\ud800""#), r#""\ud800""#);
        assert_eq!(rt(r#""\uDC00x\uD83D\uDE00""#), "\"\\udc00x\u{1F600}\"");
        assert_eq!(rt(r#""\ud800\ud800\udc00""#), "\"\\ud800\u{10000}\"");
        assert_eq!(
            rt(r#""\u0000\u001F\u007f\/\b""#),
            "\"\\u0000\\u001f\u{7f}/\\b\""
        );
        let s = parse(br#""a\ud800b""#).unwrap();
        let js = s.as_js_string().unwrap();
        assert_eq!(js.as_str(), None);
        assert_eq!(js.to_string_lossy(), "a\u{FFFD}b");
        assert_eq!(
            js.encode_utf16().collect::<Vec<_>>(),
            vec![0x61, 0xD800, 0x62]
        );
        assert_eq!(&JsString::from_utf16(&[0x61, 0xD800, 0x62]), js);
    }

    #[test]
    fn errors() {
        for bad in [
            "",
            " ",
            "[1,]",
            "{\"a\":1,}",
            "01",
            ".5",
            "5.",
            "+1",
            "-",
            "1e",
            "1e+",
            "\"\\x\"",
            "\"abc",
            "[1 2]",
            "nul",
            "NaN",
            "'a'",
            "{a:1}",
            "1 2",
            "\"\u{1}\"",
            "\u{feff}1",
        ] {
            assert!(parse(bad.as_bytes()).is_err(), "{bad:?}");
        }
        assert_eq!(parse(b"[1] x").unwrap_err().offset(), 4);
        assert_eq!(
            parse(b"\"\xff\"").unwrap_err().kind(),
            JsonErrorKind::InvalidUtf8
        );
        let e = parse(b"{\"secret\":tru}").unwrap_err();
        assert!(!e.to_string().contains("secret"));
        assert_eq!(
            parse_object(b" [1]").unwrap_err().kind(),
            JsonErrorKind::NotAnObject
        );
    }

    #[test]
    fn depth_limit() {
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(ok.as_bytes()).is_ok());
        let bad = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(
            parse(bad.as_bytes()).unwrap_err().kind(),
            JsonErrorKind::TooDeep
        );
        let bad = "{\"a\":".repeat(100_000);
        assert_eq!(
            parse(bad.as_bytes()).unwrap_err().kind(),
            JsonErrorKind::TooDeep
        );
    }

    #[test]
    fn big_object_dedup_and_order() {
        let mut s = String::from("{");
        for i in (0..2000).rev() {
            s.push_str(&format!("\"{i}\":{i},\"k{i}\":{i},"));
        }
        s.push_str("\"5\":\"last\",\"k7\":\"last\"}");
        let o = parse_object(s.as_bytes()).unwrap();
        assert_eq!(o.len(), 4000);
        let keys: Vec<_> = o.keys().take(3).map(|k| k.to_string()).collect();
        assert_eq!(keys, ["0", "1", "2"]);
        assert_eq!(o.keys().nth(2000).unwrap(), "k1999");
        assert_eq!(o.get("5").and_then(Value::as_str), Some("last"));
        assert_eq!(o.get("k7").and_then(Value::as_str), Some("last"));
        assert_eq!(o.get("k1500").and_then(Value::as_f64), Some(1500.0));
        assert!(o.get("k2000").is_none());
    }
}
