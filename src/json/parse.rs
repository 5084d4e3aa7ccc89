//! The parser: `JSON.parse`'s grammar and results, iterative, depth-bounded.

use super::error::{JsonError, JsonErrorKind};
use super::object::Object;
use super::string::{first_special, push_code_point, JsString};
use super::value::Value;
use super::MAX_DEPTH;

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
                            let s = JsString::from_wtf8_parts(w.clone(), true);
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
