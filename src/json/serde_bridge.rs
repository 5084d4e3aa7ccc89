//! The serde bridge: [`Value`], [`Object`] and [`JsString`] implement `Serialize`.

use super::object::Object;
use super::string::JsString;
use super::value::Value;

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
    /// does; values from [`parse`](super::parse) are at most [`MAX_DEPTH`](super::MAX_DEPTH) deep.
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
