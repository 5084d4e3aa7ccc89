//! V8's `Date` parsing of ISO strings and `toISOString`: what parses writes a string of
//! the same shape that parses to the same time.
#![no_main]
use libfuzzer_sys::fuzz_target;
use session_cache::jsdate::{is_iso_date_shaped, parse_iso_ms, to_iso_string};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let shaped = is_iso_date_shaped(&text);
    if let Some(ms) = parse_iso_ms(&text) {
        assert!(shaped);
        let iso = to_iso_string(ms).expect("a parsed time writes");
        // Four-digit years only: V8 writes others as `+YYYYYY`, which is not this shape.
        if (0..=253_402_300_799_999).contains(&ms) {
            assert!(is_iso_date_shaped(&iso), "{iso}");
            assert_eq!(parse_iso_ms(&iso), Some(ms));
        }
    }
    if data.len() >= 8 {
        let ms = i64::from_le_bytes(data[..8].try_into().unwrap_or_default());
        if let Some(iso) = to_iso_string(ms).filter(|_| (0..=253_402_300_799_999).contains(&ms)) {
            assert_eq!(parse_iso_ms(&iso), Some(ms));
        }
    }
});
