//! `session-cache demo`: mint a session with each strategy, verify it, then show what a
//! rotation, a version bump, expiry and a tampered byte do.

use std::process::ExitCode;

use session_cache::json::{self, Value};
use session_cache::{
    DecodeOptions, EncodeOptions, Keyring, Payload, Policy, Result, Strategy, VerifyOptions,
    VerifyWith,
};

fn outcome(result: Result<session_cache::VerifiedCache>) -> String {
    match result {
        Ok(v) => format!("accepted (user {})", v.payload().user().email),
        Err(e) => format!("rejected: {}", e.kind()),
    }
}

fn sample(now: i64) -> Result<Payload> {
    let iso = |ms: i64| session_cache::jsdate::to_iso_string(ms).unwrap_or_default();
    let text = format!(
        r#"{{"session":{{"id":"sess_demo","token":"tok_demo_0123456789","userId":"user_ada",
        "expiresAt":"{}","createdAt":"{}","updatedAt":"{}","ipAddress":"127.0.0.1","userAgent":"demo"}},
        "user":{{"id":"user_ada","email":"ada@example.com","name":"Ada Lovelace","emailVerified":true,
        "image":null,"createdAt":"{}","updatedAt":"{}","role":"admin"}}}}"#,
        iso(now + 7 * 86_400_000),
        iso(now - 120_000),
        iso(now - 120_000),
        iso(now - 30 * 86_400_000),
        iso(now - 30 * 86_400_000),
    );
    let obj = json::parse_object(text.as_bytes())?;
    let get = |k: &str| match obj.get(k) {
        Some(Value::Object(o)) => o.clone(),
        _ => json::Object::new(),
    };
    Payload::new(get("session"), get("user"), now, "1")
}

fn tamper(value: &str) -> String {
    let mut bytes = value.as_bytes().to_vec();
    let mid = bytes.len() / 2;
    if let Some(i) = (mid..bytes.len()).find(|&i| bytes[i] != b'.') {
        bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
    }
    String::from_utf8(bytes).unwrap_or_default()
}

fn run_inner() -> Result<()> {
    let now = crate::now_ms(None);
    let old = Keyring::from_secrets([(1, "demo-old-secret-0123456789abcdefghij")], None)?;
    let rotated = Keyring::from_secrets(
        [
            (2, "demo-new-secret-0123456789abcdefghij"),
            (1, "demo-old-secret-0123456789abcdefghij"),
        ],
        None,
    )?;
    let payload = sample(now)?;
    let max_age = 300;
    let options = EncodeOptions::default().with_max_age(max_age);
    let plain = DecodeOptions::default();

    println!("session-cache demo: Better Auth's cookie cache, without a database\n");
    println!(
        "Session {} for {} <{}>, cache lifetime {max_age} s.\n",
        payload.session().id,
        payload.user().name,
        payload.user().email
    );
    println!("1. Mint and verify with each strategy (secret version 1)");
    let mut minted = Vec::new();
    for strategy in Strategy::ALL {
        let value = strategy.encode(&payload, &old, &options, now)?;
        // Verify (authentic, unexpired), then judge (version, freshness, refresh).
        let verified = strategy.verify(&value, &old, &VerifyOptions::default(), now)?;
        let verdict = Policy::get_session()
            .with_update_age(60)
            .check(&verified, now)?;
        println!(
            "   {:<8} {:>5} bytes  {}  fresh={}  refresh-needed={}",
            strategy.as_str(),
            value.len(),
            outcome(Ok(verified.clone())),
            verdict.is_fresh(),
            verdict.needs_refresh(),
        );
        minted.push((strategy, value));
    }

    println!("\n2. Rotate to secret version 2 (keyring \"2:new,1:old\")");
    for (strategy, value) in &minted {
        println!(
            "   {:<8} {}",
            strategy.as_str(),
            outcome(strategy.decode(value, &rotated, &plain, now))
        );
    }
    let lenient = DecodeOptions::default().with_secrets(VerifyWith::AnySecret);
    for (strategy, value) in minted.iter().filter(|(s, _)| *s != Strategy::Jwe) {
        println!(
            "   {:<8} with VerifyWith::AnySecret: {}",
            strategy.as_str(),
            outcome(strategy.decode(value, &rotated, &lenient, now))
        );
    }
    println!("   (jwe finds the old key by its kid, as Better Auth does; compact and jwt use the current secret only)");

    println!("\n3. Bump the cache version: the reader expects \"2\"");
    let v2 = DecodeOptions::default().with_version("2");
    for (strategy, value) in &minted {
        println!(
            "   {:<8} {}",
            strategy.as_str(),
            outcome(strategy.decode(value, &old, &v2, now))
        );
    }

    println!("\n4. Expiry: {max_age} s and 16 s later (jwe allows 15 s of clock skew)");
    let later = now + (max_age as i64) * 1000 + 16_000;
    for (strategy, value) in &minted {
        println!(
            "   {:<8} {}",
            strategy.as_str(),
            outcome(strategy.decode(value, &old, &plain, later))
        );
    }

    println!("\n5. Tamper with one character");
    for (strategy, value) in &minted {
        let bad = tamper(value);
        println!(
            "   {:<8} {}",
            strategy.as_str(),
            outcome(strategy.decode(&bad, &old, &plain, now))
        );
    }
    println!("\nEvery rejection above has a stable kind a program can branch on.");
    Ok(())
}

/// Runs the demo.
pub(crate) fn run() -> ExitCode {
    match run_inner() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("session-cache demo failed: {e}");
            ExitCode::from(1)
        }
    }
}
