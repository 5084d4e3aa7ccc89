//! The JSON parser and the JavaScript-exact writer: whatever parses writes a text that
//! parses and writes the same text again (`JSON.stringify(JSON.parse(·))` is a fixed
//! point on its own output), and that parses to the same value as the input unless the
//! input held a number too large for a double (JavaScript's `Infinity`, written `null`);
//! what does not parse fails with an offset inside the input.
#![no_main]
use libfuzzer_sys::fuzz_target;
use session_cache::json;

fuzz_target!(|data: &[u8]| {
    match json::parse(data) {
        Ok(value) => {
            let text = value.to_js_string();
            let again = json::parse(text.as_bytes())
                .unwrap_or_else(|e| panic!("the writer's output must parse: {e}"));
            assert_eq!(again.to_js_string(), text, "write is a fixed point");
            if !has_non_finite(&value) {
                assert_eq!(again, value, "parse(write(v)) == v");
            }
        }
        Err(e) => {
            assert!(e.offset() <= data.len());
            assert!(e.to_string().len() <= 200);
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(payload) = session_cache::Payload::from_json(text) {
            let written = payload.to_json();
            let again = session_cache::Payload::from_json(&written).expect("a payload re-reads");
            assert_eq!(again.to_json(), written);
        }
    }
});

fn has_non_finite(v: &json::Value) -> bool {
    match v {
        json::Value::Number(n) => !n.is_finite(),
        json::Value::Array(items) => items.iter().any(has_non_finite),
        json::Value::Object(o) => o.values().any(has_non_finite),
        _ => false,
    }
}
