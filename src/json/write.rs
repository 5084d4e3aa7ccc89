//! The writer: `JSON.stringify` (no indentation), byte for byte as V8 writes it.

use super::object::{array_index, Object};
use super::string::{first_special, JsString};
use super::value::Value;

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
pub(super) fn write_js_str(s: &JsString, out: &mut Vec<u8>) {
    write_wtf8_str(s.as_wtf8_bytes(), s.has_lone_surrogates(), out);
}

/// Writes a string given as WTF-8 bytes (`lone`: whether it holds a lone surrogate).
fn write_wtf8_str(bytes: &[u8], lone: bool, out: &mut Vec<u8>) {
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
pub(super) fn write_js_number(n: f64, out: &mut Vec<u8>) {
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
pub(super) fn write_value(value: &Value, out: &mut Vec<u8>) {
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

/// Writes `JSON.stringify({...obj, k1: v1, k2: v2, …})` without copying `obj` in the
/// common case: a key of `extra` that `obj` has keeps its place and takes the new value;
/// a new array-index key goes among the index keys in numeric order; any other new key
/// is written after the object's own, in the order given.
pub(super) fn write_object_with(obj: &Object, extra: &[(&str, Value)], out: &mut Vec<u8>) {
    // Where each extra key already is in `obj` (at most a few extras take this path).
    const MAX_FAST: usize = 4;
    let mut at = [None; MAX_FAST];
    let mut fast = extra.len() <= MAX_FAST;
    if fast {
        for (i, (key, _)) in extra.iter().enumerate() {
            let repeated = extra[..i].iter().any(|(k, _)| k == key);
            if repeated || array_index(key.as_bytes()).is_some() {
                fast = false;
                break;
            }
            at[i] = obj.find(key.as_bytes());
        }
    }
    if !fast {
        let mut copy = obj.clone();
        for (key, value) in extra {
            copy.insert(*key, value.clone());
        }
        return write_object_with(&copy, &[], out);
    }
    out.push(b'{');
    let mut first = true;
    let mut prop = |key: &[u8], lone: bool, v: &Value, out: &mut Vec<u8>| {
        if !first {
            out.push(b',');
        }
        first = false;
        write_wtf8_str(key, lone, out);
        out.push(b':');
        write_value(v, out);
    };
    for (j, (k, v)) in obj.entries.iter().enumerate() {
        let replaced = extra
            .iter()
            .zip(at.iter())
            .find(|(_, pos)| **pos == Some(j))
            .map(|((_, value), _)| value);
        prop(
            k.as_wtf8_bytes(),
            k.has_lone_surrogates(),
            replaced.unwrap_or(v),
            out,
        );
    }
    for ((key, value), pos) in extra.iter().zip(at.iter()) {
        if pos.is_none() {
            prop(key.as_bytes(), false, value, out);
        }
    }
    out.push(b'}');
}
