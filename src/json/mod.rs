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
//! * [`Object::write_js_with`]: `JSON.stringify({...obj, key: value, …})`, what
//!   every strategy signs or encrypts.
//!
//! Input must be valid UTF-8. Error messages ([`JsonError`]) name what was
//! wrong and the byte offset, and never quote the input.
//!
//! The map of this folder, one concern a file:
//!
//! | file | what it owns |
//! | --- | --- |
//! | `string.rs` | [`JsString`] (UTF-8, or WTF-8 with lone surrogates) and the bytes a JSON string cannot hold as is |
//! | `value.rs` | [`Value`] |
//! | `object.rs` | [`Object`], its enumeration order and [`array_index`] |
//! | `parse.rs` | [`parse`], [`parse_object`] |
//! | `write.rs` | `JSON.stringify`: strings, numbers, values, objects with extra keys |
//! | `canonical.rs` | [`is_canonical`]: is a text what `JSON.stringify` would write for it? (the fast path of every strategy) |
//! | `error.rs` | [`JsonError`], [`JsonErrorKind`] |
//! | `serde_bridge.rs` | `serde::Serialize` for the three types |

mod canonical;
mod error;
mod object;
mod parse;
mod serde_bridge;
mod string;
mod value;
mod write;

pub use canonical::is_canonical;
pub(crate) use canonical::{number as canonical_number, scan};
pub use error::{JsonError, JsonErrorKind};
pub use object::{array_index, canonical_integer, Object};
pub use parse::{parse, parse_object};
pub use string::JsString;
pub use value::Value;

/// The deepest nesting of arrays and objects [`parse`] accepts.
///
/// A text whose value is nested `MAX_DEPTH` arrays/objects deep is accepted;
/// one more level is rejected with [`JsonErrorKind::TooDeep`]. (V8 itself has
/// no such limit; this one keeps parsing and dropping values cheap and
/// bounded.)
pub const MAX_DEPTH: usize = crate::defaults::MAX_JSON_DEPTH;
