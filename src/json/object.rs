//! [`Object`]: a JavaScript object's own properties in JavaScript's enumeration order,
//! and the rule that orders them ([`array_index`]).

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::BuildHasher;

use super::string::JsString;
use super::value::Value;
use super::write::write_object_with;

/// Objects with more properties than this get a hash index for key lookup;
/// smaller ones are scanned linearly.
const HASH_THRESHOLD: usize = 16;

/// A JavaScript object's own enumerable properties, in JavaScript's
/// enumeration order: array-index keys (`"0"` ..= `"4294967294"`, canonical
/// decimal) first in ascending numeric order, then every other key in
/// insertion order.
///
/// Lookups scan linearly while the object is small and use a hash index
/// (with a per-object random seed) once it has more than 16 properties.
#[derive(Clone, Default)]
pub struct Object {
    pub(super) entries: Vec<(JsString, Value)>,
    index: Option<Box<HashIndex>>,
}

impl Object {
    /// Overwrites every key and string value with zeros, then empties the object: for
    /// an object that held secret material (a private JWK).
    pub(crate) fn zeroize(&mut self) {
        for (k, v) in &mut self.entries {
            k.zeroize();
            v.zeroize();
        }
        self.entries.clear();
        self.index = None;
    }

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
        write_object_with(self, &[], out);
    }

    /// `JSON.stringify(obj)` (no indentation).
    pub fn to_js_string(&self) -> String {
        let mut out = Vec::with_capacity(128);
        self.write_js(&mut out);
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    /// Appends `JSON.stringify({...obj, k1: v1, k2: v2, …})` to `out`, as JavaScript's
    /// spread then assignment order it: a key the object has keeps its place and takes
    /// the new value, a new array-index key goes among the index keys in numeric
    /// order, and any other new key goes last, in the order given. The object is not
    /// copied (unless an extra key is an array index or repeats).
    ///
    /// ```
    /// use session_cache::json::{parse_object, Value};
    /// let obj = parse_object(br#"{"b":1,"a":2}"#).unwrap();
    /// let mut out = Vec::new();
    /// obj.write_js_with(&[("a", Value::Number(3.0)), ("exp", Value::Number(9.0))], &mut out);
    /// assert_eq!(out, br#"{"b":1,"a":3,"exp":9}"#);
    /// ```
    pub fn write_js_with(&self, extra: &[(&str, Value)], out: &mut Vec<u8>) {
        write_object_with(self, extra, out);
    }

    // -- internals ---------------------------------------------------------

    pub(super) fn find(&self, key: &[u8]) -> Option<usize> {
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
    pub(super) fn define_parsed(&mut self, key: JsString, value: Value) -> bool {
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
    pub(super) fn finish_parsed(&mut self, needs_sort: bool) {
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

/// The array index a property key denotes, as JavaScript decides it: canonical decimal
/// `0` ..= `4294967294` (`"0"`, `"7"`, not `"07"`, `"+7"`, `"7.0"` or `"4294967295"`).
/// Such keys enumerate first, in numeric order.
///
/// ```
/// use session_cache::json::array_index;
/// assert_eq!(array_index(b"42"), Some(42));
/// assert_eq!(array_index(b"042"), None);
/// assert_eq!(array_index(b"4294967295"), None);
/// ```
pub fn array_index(key: &[u8]) -> Option<u32> {
    canonical_integer(key, 4_294_967_294).map(|n| n as u32)
}

/// The value of `text` if it is a canonical non-negative decimal integer no greater than
/// `max`: `"0"`, or digits without a leading zero (no sign, no point, no exponent) —
/// the form `String(n)` gives. The rule behind [`array_index`] and the chunk index of a
/// cookie name.
pub fn canonical_integer(text: &[u8], max: u64) -> Option<u64> {
    match text {
        [] => None,
        [b'0'] => Some(0),
        [b'0', ..] => None,
        _ if text.len() > 20 => None,
        _ => {
            let mut n: u64 = 0;
            for &b in text {
                if !b.is_ascii_digit() {
                    return None;
                }
                n = n.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
            }
            (n <= max).then_some(n)
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
