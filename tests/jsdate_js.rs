//! `session_cache::jsdate` against V8: the vectors in
//! `vectors/json/dates.json` (written by `vectors/json/make-dates.mjs` with
//! Node), plus property tests.

use proptest::prelude::*;
use serde::Deserialize;
use session_cache::jsdate::{is_iso_date_shaped, parse_iso_ms, to_iso_string, MAX_TIME_MS};

#[derive(Deserialize)]
struct ParseCase {
    input: String,
    shaped: bool,
    ms: Option<i64>,
}

#[derive(Deserialize)]
struct FormatCase {
    ms: f64,
    iso: Option<String>,
}

#[derive(Deserialize)]
struct Vectors {
    parse: Vec<ParseCase>,
    format: Vec<FormatCase>,
}

fn vectors() -> Vectors {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/vectors/json/dates.json");
    let text = std::fs::read_to_string(path).expect("vectors/json/dates.json");
    serde_json::from_str(&text).expect("dates.json")
}

#[test]
fn v8_parse_vectors() {
    let v = vectors();
    assert!(v.parse.len() >= 300);
    let mut failures = Vec::new();
    for c in &v.parse {
        if is_iso_date_shaped(&c.input) != c.shaped {
            failures.push(format!(
                "{:?}: shaped {} expected {}",
                c.input, !c.shaped, c.shaped
            ));
        }
        let got = parse_iso_ms(&c.input);
        if got != c.ms {
            failures.push(format!("{:?}: got {got:?} expected {:?}", c.input, c.ms));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let valid = v.parse.iter().filter(|c| c.ms.is_some()).count();
    println!("{} parse cases ({valid} valid)", v.parse.len());
}

#[test]
fn v8_format_vectors() {
    let v = vectors();
    assert!(v.format.len() >= 100);
    let mut failures = Vec::new();
    for c in &v.format {
        assert_eq!(c.ms.fract(), 0.0);
        let ms = c.ms as i64;
        let got = to_iso_string(ms);
        if got != c.iso {
            failures.push(format!("{ms}: got {got:?} expected {:?}", c.iso));
        }
        // What toISOString writes for years 0..=9999 is shaped and reads back.
        if let Some(iso) = &c.iso {
            if is_iso_date_shaped(iso) {
                assert_eq!(parse_iso_ms(iso), Some(ms), "{iso}");
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("{} format cases", v.format.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn never_panics(s in "[0-9T:.Z-]{0,40}") {
        let _ = is_iso_date_shaped(&s);
        let _ = parse_iso_ms(&s);
    }

    #[test]
    fn never_panics_shaped(
        head in "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}",
        frac in proptest::option::of("[0-9]{1,40}"),
    ) {
        let s = match frac {
            Some(f) => format!("{head}.{f}Z"),
            None => format!("{head}Z"),
        };
        prop_assert!(is_iso_date_shaped(&s));
        if let Some(ms) = parse_iso_ms(&s) {
            prop_assert!(ms.abs() <= MAX_TIME_MS);
        }
    }

    #[test]
    fn format_then_parse(ms in -62_167_219_200_000i64..253_402_300_800_000) {
        let iso = to_iso_string(ms).unwrap();
        prop_assert!(is_iso_date_shaped(&iso), "{}", iso);
        prop_assert_eq!(parse_iso_ms(&iso), Some(ms));
    }

    #[test]
    fn format_any(ms in any::<i64>()) {
        let iso = to_iso_string(ms);
        prop_assert_eq!(iso.is_some(), ms.unsigned_abs() <= MAX_TIME_MS as u64);
    }
}
