//! The `Cookie` header parsers (better-call's and Better Auth's), the chunk joiner and
//! the name lookups, on arbitrary headers; and the chunk writer, whose cookies must read
//! back as the value they were cut from.
//!
//! Input: a `Cookie` header (bytes; also read as Latin-1 with `parse_bytes`).
#![no_main]
use libfuzzer_sys::fuzz_target;
use session_cache::cookie::{
    chunk, find_cookie, read_chunked, CookieAttributes, CookieJar, RequestCookies,
};

const NAMES: [&str; 4] = [
    "better-auth.session_data",
    "__Secure-better-auth.session_data",
    "better-auth.session_token",
    "a",
];

fuzz_target!(|data: &[u8]| {
    let header = String::from_utf8_lossy(data);
    for request in [
        RequestCookies::parse(&header),
        RequestCookies::parse_bytes(data),
    ] {
        let jar = request.jar();
        for (name, _) in jar.iter() {
            assert!(
                jar.get(name).is_some(),
                "every parsed name can be looked up"
            );
        }
        assert!(jar.len() <= header.len() / 2 + 1);
        for name in NAMES {
            if let Some(value) = request.chunked(name) {
                assert!(
                    value.len() <= data.len() * 3,
                    "a joined value comes from the header"
                );
            }
            let _ = request.existing_chunks(name);
            let _ = read_chunked(request.filtered(), name);
        }
        let _ = find_cookie(request.filtered(), "better-auth", "session_token");
        let _ = format!("{request:?}");
    }
    let _ = CookieJar::parse_filtered(&header);

    // The writer: a cache-like value (the three formats use base64url and dots) cut into
    // chunks reads back whole, through the header a browser would send.
    let value: String = header
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    let name = "better-auth.session_data";
    let attributes = CookieAttributes::better_auth(false, None).with_max_age(Some(300));
    if let Ok(cookies) = chunk(name, &value, &attributes) {
        let sent: Vec<String> = cookies
            .iter()
            .map(|c| format!("{}={}", c.name, c.value))
            .collect();
        let request = RequestCookies::parse(&sent.join("; "));
        let read = request.chunked(name).unwrap_or_default();
        assert_eq!(read, value, "chunks read back as the value");
    }
});
