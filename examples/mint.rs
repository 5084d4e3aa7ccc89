//! Mint a session for a test: the `Set-Cookie` headers Better Auth would send at sign-in
//! (signed session token, cookie cache, chunked when large), and the `Cookie` header a
//! browser would send back — for the tests of an app that reads Better Auth sessions.
//!
//! ```sh
//! BETTER_AUTH_SECRET=… cargo run --example mint -- --strategy jwe --email ada@example.com
//! ```

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::json;
use session_cache::cookie::{AuthCookies, CookieNames, RequestCookies, SignIn};
use session_cache::jsdate::to_iso_string;
use session_cache::{EncodeOptions, Keyring, Payload, Secret, Strategy};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (mut strategy, mut email) = (Strategy::Compact, "ada@example.com".to_owned());
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--strategy", Some(s)) => strategy = s.parse()?,
            ("--email", Some(e)) => email = e,
            _ => return Err("usage: mint [--strategy compact|jwt|jwe] [--email E]".into()),
        }
    }
    let keys = Keyring::from_env()?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis() as i64;
    let iso = |ms| to_iso_string(ms).ok_or("time out of range");
    // A fresh random session token, as Better Auth makes one (32 characters).
    let token = Secret::generate()?.expose_str()[..32].to_owned();
    let payload = Payload::from_json(
        &json!({
            "session": { "id": "test-session", "token": token, "userId": "test-user",
                         "createdAt": iso(now)?, "updatedAt": iso(now)?,
                         "expiresAt": iso(now + 7 * 86_400_000)? },
            "user": { "id": "test-user", "email": email, "name": "Test User",
                      "emailVerified": true, "createdAt": iso(now)?, "updatedAt": iso(now)? },
            "updatedAt": now, "version": "1",
        })
        .to_string(),
    )?;
    // Better Auth's defaults: cache maxAge 300 s, token 7 days.
    let cache = strategy.encode(&payload, &keys, &EncodeOptions::default(), now)?;
    let cookies = AuthCookies::new(CookieNames::default()).sign_in_cookies(
        SignIn::new(&token).with_cache(&cache),
        &RequestCookies::parse(""),
        &keys,
    )?;
    let mut request = Vec::new();
    for cookie in &cookies {
        println!("Set-Cookie: {}", cookie.to_header_value()?);
        request.push(format!("{}={}", cookie.name, cookie.wire_value()));
    }
    println!("Cookie: {}", request.join("; "));
    Ok(())
}
