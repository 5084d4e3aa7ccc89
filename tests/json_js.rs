//! `session_cache::json` against V8: the vectors in `vectors/json/cases.json`
//! (written by `vectors/json/make-cases.mjs` with Node), plus unit and
//! property tests.

use proptest::prelude::*;
use session_cache::json::{self, JsString, JsonErrorKind, Object, Value, MAX_DEPTH};

fn js(text: &str) -> String {
    json::parse(text.as_bytes()).unwrap().to_js_string()
}

fn field<'a>(case: &'a Object, key: &str) -> Option<&'a str> {
    case.get(key).map(|v| {
        v.as_str()
            .unwrap_or_else(|| panic!("field {key} is not a well-formed string"))
    })
}

#[test]
fn v8_vectors() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/vectors/json/cases.json");
    let bytes = std::fs::read(path).expect("vectors/json/cases.json");
    // Read the file with our own parser: serde_json would reject lone
    // surrogates (there are none in this file's strings by construction,
    // but our parser is the one under test anyway).
    let file = json::parse(&bytes).expect("cases.json parses");
    let cases = file.as_array().expect("an array of cases");
    assert!(cases.len() >= 600, "only {} cases", cases.len());
    let (mut ok, mut errors, mut our_limit) = (0, 0, 0);
    let mut failures = Vec::new();
    for case in cases {
        let case = case.as_object().expect("case is an object");
        let name = field(case, "name").expect("name");
        let input = field(case, "input").expect("input");
        let result = json::parse(input.as_bytes());
        if case.get("error").and_then(Value::as_bool) == Some(true) {
            if case.get("ourLimit").and_then(Value::as_bool) == Some(true) {
                our_limit += 1;
                match &result {
                    Err(e) if e.kind() == JsonErrorKind::TooDeep => {}
                    other => failures.push(format!("{name}: expected TooDeep, got {other:?}")),
                }
            } else {
                errors += 1;
                if result.is_ok() {
                    failures.push(format!("{name}: accepted, V8 rejects"));
                }
            }
            continue;
        }
        ok += 1;
        let expected = field(case, "output").expect("output");
        match result {
            Ok(value) => {
                let mut out = Vec::new();
                value.write_js(&mut out);
                if out != expected.as_bytes() {
                    failures.push(format!(
                        "{name}:\n  got      {}\n  expected {expected}",
                        String::from_utf8_lossy(&out)
                    ));
                }
                // Stringify is idempotent and parse of it gives the same value.
                let again = json::parse(&out).expect("our output parses");
                assert_eq!(again.to_js_string().as_bytes(), &out[..], "{name}");
                if let Value::Object(o) = &value {
                    let mut via_object = Vec::new();
                    o.write_js(&mut via_object);
                    assert_eq!(via_object, out, "{name}");
                    assert_eq!(
                        json::parse_object(input.as_bytes()).as_ref(),
                        Ok(o),
                        "{name}"
                    );
                }
            }
            Err(e) => failures.push(format!("{name}: rejected ({e}), V8 accepts")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        ok >= 400 && errors >= 100 && our_limit >= 2,
        "{ok} {errors} {our_limit}"
    );
    println!("{ok} ok cases, {errors} error cases, {our_limit} over our depth limit");
}

#[test]
fn insert_follows_js_assignment_order() {
    let mut o = Object::new();
    for k in [
        "b",
        "10",
        "a",
        "2",
        "01",
        "0",
        "-1",
        "4294967295",
        "4294967294",
        "1.5",
    ] {
        assert_eq!(o.insert(k, Value::from(k)), None);
    }
    let keys: Vec<String> = o.keys().map(|k| k.to_string()).collect();
    assert_eq!(
        keys,
        [
            "0",
            "2",
            "10",
            "4294967294",
            "b",
            "a",
            "01",
            "-1",
            "4294967295",
            "1.5"
        ]
    );
    // Existing keys keep their place.
    assert_eq!(o.insert("b", Value::Null), Some(Value::from("b")));
    assert_eq!(o.insert("2", Value::Null), Some(Value::from("2")));
    assert_eq!(o.keys().nth(1).unwrap(), "2");
    assert_eq!(o.keys().nth(4).unwrap(), "b");
    assert_eq!(o.len(), 10);
    // Remove keeps the rest in order; re-adding appends.
    assert_eq!(o.remove("b"), Some(Value::Null));
    assert_eq!(o.remove("b"), None);
    o.insert("b", Value::Bool(true));
    assert_eq!(o.keys().last().unwrap(), "b");
    assert_eq!(
        o.to_js_string(),
        r#"{"0":"0","2":null,"10":"10","4294967294":"4294967294","a":"a","01":"01","-1":"-1","4294967295":"4294967295","1.5":"1.5","b":true}"#
    );
    assert_eq!(Value::Object(o.clone()).to_js_string(), o.to_js_string());
}

#[test]
fn insert_matches_parse_for_big_objects() {
    // Above the hash threshold, in both directions.
    let mut o = Object::new();
    let mut text = String::from("{");
    for i in 0..300u32 {
        let k = if i % 3 == 0 {
            (1000 - i).to_string()
        } else {
            format!("k{}", i % 97)
        };
        o.insert(k.as_str(), Value::Number(f64::from(i)));
        text.push_str(&format!("\"{k}\":{i},"));
    }
    text.pop();
    text.push('}');
    let parsed = json::parse_object(text.as_bytes()).unwrap();
    assert_eq!(parsed, o);
    assert_eq!(parsed.to_js_string(), o.to_js_string());
    for i in 0..97 {
        let k = format!("k{i}");
        assert_eq!(o.get(&k), parsed.get(&k));
        assert!(o.get(&k).is_some());
    }
    assert!(o.get("k97").is_none());
    for i in 0..300 {
        let k = format!("k{}", i % 97);
        o.remove(&k);
    }
    assert_eq!(o.len(), 100);
    assert_eq!(o.keys().next().unwrap(), "703");
    *o.get_mut("703").unwrap() = Value::Null;
    assert!(o.get("703").unwrap().is_null());
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
        assert_eq!(js(i), o, "input {i}");
    }
    let v = json::parse(b"-0").unwrap().as_f64().unwrap();
    assert!(v == 0.0 && v.is_sign_negative());
}

#[test]
fn strings_like_js() {
    assert_eq!(js(r#""\ud800""#), r#""\ud800""#);
    assert_eq!(js(r#""\uDC00x\uD83D\uDE00""#), "\"\\udc00x\u{1F600}\"");
    assert_eq!(js(r#""\ud800\ud800\udc00""#), "\"\\ud800\u{10000}\"");
    assert_eq!(
        js(r#""\u0000\u001F\u007f\/\b""#),
        "\"\\u0000\\u001f\u{7f}/\\b\""
    );
    let s = json::parse(br#""a\ud800b""#).unwrap();
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
fn write_with_extra() {
    let o = json::parse_object(br#"{"b":1,"5":2,"a":{"x":[1]},"1":3}"#).unwrap();
    let with = |key: &str, extra: Value| {
        let mut out = Vec::new();
        o.write_js_with(&[(key, extra)], &mut out);
        String::from_utf8(out).unwrap()
    };
    // Present: replaced in place.
    assert_eq!(
        with("b", Value::from("x")),
        r#"{"1":3,"5":2,"b":"x","a":{"x":[1]}}"#
    );
    assert_eq!(
        with("5", Value::Null),
        r#"{"1":3,"5":null,"b":1,"a":{"x":[1]}}"#
    );
    // Absent: appended last...
    assert_eq!(
        with("z", Value::Bool(true)),
        r#"{"1":3,"5":2,"b":1,"a":{"x":[1]},"z":true}"#
    );
    assert_eq!(
        with("05", Value::Bool(true)),
        r#"{"1":3,"5":2,"b":1,"a":{"x":[1]},"05":true}"#
    );
    // ...unless it is an array index.
    assert_eq!(
        with("3", Value::from(1.5)),
        r#"{"1":3,"3":1.5,"5":2,"b":1,"a":{"x":[1]}}"#
    );
    assert_eq!(
        with("0", Value::from(0.0)),
        r#"{"0":0,"1":3,"5":2,"b":1,"a":{"x":[1]}}"#
    );
    assert_eq!(
        with("9", Value::from(9.0)),
        r#"{"1":3,"5":2,"9":9,"b":1,"a":{"x":[1]}}"#
    );
    // Same as building the object.
    let mut copy = o.clone();
    copy.insert("3", Value::from(1.5));
    assert_eq!(copy.to_js_string(), with("3", Value::from(1.5)));
    // Empty object.
    let mut out = Vec::new();
    Object::new().write_js_with(&[("k", Value::Array(vec![]))], &mut out);
    assert_eq!(out, br#"{"k":[]}"#);
    // Several extra keys, as the strategies add their claims: a present key in place,
    // the new ones last in the order given, an index key among the index keys, and a
    // repeated key keeping its first place and its last value.
    let with_all = |extra: &[(&str, Value)]| {
        let mut out = Vec::new();
        o.write_js_with(extra, &mut out);
        String::from_utf8(out).unwrap()
    };
    assert_eq!(
        with_all(&[("iat", 1.0.into()), ("b", 2.0.into()), ("exp", 3.0.into())]),
        r#"{"1":3,"5":2,"b":2,"a":{"x":[1]},"iat":1,"exp":3}"#
    );
    assert_eq!(
        with_all(&[("z", 1.0.into()), ("2", 2.0.into()), ("z", 3.0.into())]),
        r#"{"1":3,"2":2,"5":2,"b":1,"a":{"x":[1]},"z":3}"#
    );
    let mut copy = o.clone();
    for (k, v) in [("z", 1.0), ("2", 2.0), ("z", 3.0)] {
        copy.insert(k, Value::from(v));
    }
    assert_eq!(
        copy.to_js_string(),
        with_all(&[("z", 1.0.into()), ("2", 2.0.into()), ("z", 3.0.into())])
    );
}

#[test]
fn accessors() {
    let v = json::parse(br#"{"s":"x","n":1.5,"b":false,"a":[null],"o":{},"l":"\ud800"}"#).unwrap();
    let o = v.as_object().unwrap();
    assert_eq!(o.get("s").and_then(Value::as_str), Some("x"));
    assert_eq!(o.get("n").and_then(Value::as_f64), Some(1.5));
    assert_eq!(o.get("b").and_then(Value::as_bool), Some(false));
    assert!(o.get("a").and_then(Value::as_array).unwrap()[0].is_null());
    assert!(o.get("o").and_then(Value::as_object).unwrap().is_empty());
    assert_eq!(o.get("l").and_then(Value::as_str), None);
    let lone = o.get("l").and_then(Value::as_js_string).unwrap();
    assert!(lone.has_lone_surrogates());
    assert_eq!(lone.to_string_lossy(), "\u{FFFD}");
    assert_eq!(o.get_js(&JsString::from("s")), o.get("s"));
    assert_eq!(v.as_str(), None);
    assert_eq!(JsString::from("é"), JsString::from(String::from("é")));
    assert_eq!(JsString::from("é").as_str(), Some("é"));
}

#[test]
fn serde_interop() {
    let text = r#"{"b":[1,-0,1.5,1e21,"\u00e9\n"],"2":null,"a":{"t":true},"big":9007199254740993}"#;
    let ours = json::parse(text.as_bytes()).unwrap();
    let via_serde = serde_json::to_string(&ours).unwrap();
    // Numbers come out as JavaScript writes them.
    assert_eq!(
        via_serde,
        r#"{"2":null,"b":[1,0,1.5,1e+21,"é\n"],"a":{"t":true},"big":9007199254740992}"#
    );
    let a: serde_json::Value = serde_json::from_str(&via_serde).unwrap();
    let b: serde_json::Value = serde_json::from_str(&ours.to_js_string()).unwrap();
    assert_eq!(Value::from(a.clone()), Value::from(b));
    // serde_json's map (without `preserve_order`) sorts keys, so only the
    // properties, not their order, survive the trip.
    let from_serde = Value::from(a);
    let (x, y) = (from_serde.as_object().unwrap(), ours.as_object().unwrap());
    assert_eq!(x.len(), y.len());
    for (k, v) in x {
        assert_eq!(y.get_js(k), Some(v));
    }
    // Lone surrogates are lossy through serde.
    let lone = json::parse(br#""a\udc00""#).unwrap();
    assert_eq!(serde_json::to_string(&lone).unwrap(), "\"a\u{FFFD}\"");
}

#[test]
fn error_reports_offset_not_input() {
    let e = json::parse(br#"{"password":"hunter2",}"#).unwrap_err();
    assert_eq!(e.kind(), JsonErrorKind::ExpectedKey);
    assert_eq!(e.offset(), 22);
    let msg = e.to_string();
    assert!(
        msg.contains("22") && !msg.contains("hunter2") && !msg.contains("password"),
        "{msg}"
    );
    let e = json::parse(b"[1, 2, \"a\xc3\x28\"]").unwrap_err();
    assert_eq!((e.kind(), e.offset()), (JsonErrorKind::InvalidUtf8, 9));
    let e = json::parse(b"\"\\q\"").unwrap_err();
    assert_eq!((e.kind(), e.offset()), (JsonErrorKind::InvalidEscape, 1));
    // Raw non-UTF-8 and overlong / surrogate encodings are rejected.
    for bad in [
        &b"\"\xed\xa0\x80\""[..],
        b"\"\xc0\xaf\"",
        b"\"\xf4\x90\x80\x80\"",
        b"\xff",
        b"[\"\x80\"]",
    ] {
        assert!(json::parse(bad).is_err(), "{bad:?}");
    }
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
        assert!(json::parse(bad.as_bytes()).is_err(), "{bad:?}");
    }
    assert_eq!(json::parse(b"[1] x").unwrap_err().offset(), 4);
    assert_eq!(
        json::parse(b"\"\xff\"").unwrap_err().kind(),
        JsonErrorKind::InvalidUtf8
    );
    let e = json::parse(b"{\"secret\":tru}").unwrap_err();
    assert!(!e.to_string().contains("secret"));
    assert_eq!(
        json::parse_object(b" [1]").unwrap_err().kind(),
        JsonErrorKind::NotAnObject
    );
}

#[test]
fn deep_nesting_is_bounded() {
    let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
    let v = json::parse(ok.as_bytes()).unwrap();
    assert_eq!(v.to_js_string(), ok);
    let too_deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
    assert_eq!(
        json::parse(too_deep.as_bytes()).unwrap_err().kind(),
        JsonErrorKind::TooDeep
    );
    // A million unclosed brackets: no stack overflow, quick error.
    let huge = "[".repeat(1_000_000);
    assert_eq!(
        json::parse(huge.as_bytes()).unwrap_err().kind(),
        JsonErrorKind::TooDeep
    );
    // Writing is iterative too: build a value deeper than the parser allows.
    let mut v = Value::Null;
    for _ in 0..10_000 {
        v = Value::Array(vec![v]);
    }
    let s = v.to_js_string();
    assert_eq!(s.len(), 4 + 2 * 10_000);
    // Drop iteratively to keep the test itself from overflowing in debug.
    while let Value::Array(mut a) = v {
        v = a.pop().unwrap_or(Value::Null);
    }
    let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
    assert!(json::parse(ok.as_bytes()).is_ok());
    let bad = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
    assert_eq!(
        json::parse(bad.as_bytes()).unwrap_err().kind(),
        JsonErrorKind::TooDeep
    );
    let bad = "{\"a\":".repeat(100_000);
    assert_eq!(
        json::parse(bad.as_bytes()).unwrap_err().kind(),
        JsonErrorKind::TooDeep
    );
}

#[test]
fn large_objects_are_not_quadratic() {
    // 50 000 distinct keys in the worst order for the index keys, plus a
    // run of duplicates: must be fast even in debug builds.
    let mut text = String::from("{");
    for i in (0..25_000).rev() {
        text.push_str(&format!("\"{i}\":0,\"k{i}\":1,"));
    }
    for i in 0..25_000 {
        text.push_str(&format!("\"k{}\":2,", i % 50));
    }
    text.push_str("\"end\":3}");
    let start = std::time::Instant::now();
    let o = json::parse_object(text.as_bytes()).unwrap();
    assert_eq!(o.len(), 50_001);
    assert_eq!(o.keys().next().unwrap(), "0");
    assert_eq!(o.get("k3").and_then(Value::as_f64), Some(2.0));
    assert!(start.elapsed().as_secs() < 10, "took {:?}", start.elapsed());
    let mut s = String::from("{");
    for i in (0..2000).rev() {
        s.push_str(&format!("\"{i}\":{i},\"k{i}\":{i},"));
    }
    s.push_str("\"5\":\"last\",\"k7\":\"last\"}");
    let o = json::parse_object(s.as_bytes()).unwrap();
    assert_eq!(o.len(), 4000);
    let keys: Vec<_> = o.keys().take(3).map(|k| k.to_string()).collect();
    assert_eq!(keys, ["0", "1", "2"]);
    assert_eq!(o.keys().nth(2000).unwrap(), "k1999");
    assert_eq!(o.get("5").and_then(Value::as_str), Some("last"));
    assert_eq!(o.get("k7").and_then(Value::as_str), Some("last"));
    assert_eq!(o.get("k1500").and_then(Value::as_f64), Some(1500.0));
    assert!(o.get("k2000").is_none());
}

// ---------------------------------------------------------------------------
// Property tests
// ---------------------------------------------------------------------------

fn js_string() -> impl Strategy<Value = JsString> {
    let unit = prop_oneof![
        4 => 0x20u16..0x7f,
        1 => 0u16..0x20,
        1 => Just(u16::from(b'"')),
        1 => Just(u16::from(b'\\')),
        1 => 0x80u16..0xd800,
        1 => 0xd800u16..0xe000,
        1 => 0xe000u16..=0xffff,
    ];
    prop::collection::vec(unit, 0..12).prop_map(|units| JsString::from_utf16(&units))
}

fn key() -> impl Strategy<Value = JsString> {
    prop_oneof![
        js_string(),
        (0u32..20).prop_map(|n| JsString::from(n.to_string())),
        prop::sample::select(vec![
            "01",
            "-1",
            "4294967294",
            "4294967295",
            "1.5",
            "__proto__",
            ""
        ])
        .prop_map(JsString::from),
    ]
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |f| f.is_finite()),
        (-1000i64..1000).prop_map(|n| n as f64),
        prop::sample::select(vec![0.0, -0.0, 5e-324, 1e21, 1e-7, f64::MAX, 0.1]),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number().prop_map(Value::Number),
        js_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..24)
                .prop_map(|props| Value::Object(props.into_iter().collect())),
        ]
    })
}

fn jsonish_bytes() -> impl Strategy<Value = Vec<u8>> {
    let b = prop_oneof![
        6 => prop::sample::select(b"[]{}\",:\\u0123456789abcdefABCDEF-+.eE tfnrl\n\t".to_vec()),
        1 => any::<u8>(),
    ];
    prop::collection::vec(b, 0..64)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parse_of_stringify_round_trips(v in value()) {
        let text = v.to_js_string();
        let back = json::parse(text.as_bytes()).unwrap();
        prop_assert_eq!(&back, &v);
        prop_assert_eq!(back.to_js_string(), text);
    }

    #[test]
    fn parse_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        if let Ok(v) = json::parse(&bytes) {
            let text = v.to_js_string();
            prop_assert_eq!(json::parse(text.as_bytes()).unwrap().to_js_string(), text);
        }
    }

    #[test]
    fn parse_never_panics_jsonish(bytes in jsonish_bytes()) {
        if let Ok(v) = json::parse(&bytes) {
            let text = v.to_js_string();
            prop_assert_eq!(json::parse(text.as_bytes()).unwrap().to_js_string(), text);
        }
    }

    #[test]
    fn utf16_round_trip(s in js_string()) {
        let units: Vec<u16> = s.encode_utf16().collect();
        prop_assert_eq!(JsString::from_utf16(&units), s.clone());
        prop_assert_eq!(s.as_str().is_some(), !s.has_lone_surrogates());
        if let Some(t) = s.as_str() {
            prop_assert_eq!(t.encode_utf16().collect::<Vec<_>>(), units);
            prop_assert_eq!(s.to_string_lossy(), t);
        }
    }

    #[test]
    fn numbers_round_trip_exactly(n in number()) {
        // Rust's float formatting and parsing are both exact, so this checks
        // that what we write denotes exactly `n` (serde_json's default float
        // parser is not correctly rounded, so it is not used here).
        let ours = js(&format!("[{n:e}]"));
        let back: f64 = ours[1..ours.len() - 1].parse().unwrap();
        prop_assert_eq!(back, n);
    }
}
