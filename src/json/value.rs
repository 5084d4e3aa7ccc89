//! [`Value`]: a JSON value as JavaScript holds it after `JSON.parse`.

use super::object::Object;
use super::string::JsString;
use super::write::write_value;

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
    /// Overwrites every string (keys included) with zeros: for values that held secret
    /// material.
    pub(crate) fn zeroize(&mut self) {
        match self {
            Value::String(s) => s.zeroize(),
            Value::Array(items) => items.iter_mut().for_each(Value::zeroize),
            Value::Object(o) => o.zeroize(),
            _ => {}
        }
    }

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
