//! Check a key rotation: which secret verifies a cookie cache once a new secret is
//! added (`VerifiedCache::verified_by`), under Better Auth's rule and with any secret.
//!
//! ```sh
//! cargo run --example rotation                 # a demo with two secrets, every strategy
//! BETTER_AUTH_SECRETS=2:new,1:old cargo run --example rotation -- --strategy jwe VALUE
//! ```

use std::time::{SystemTime, UNIX_EPOCH};

use session_cache::{
    EncodeOptions, Keyring, Payload, Strategy, VerifiedCache, VerifyOptions, VerifyWith,
};

/// `verified by secret N`, or the error kind.
fn verdict(value: &str, strategy: Strategy, keys: &Keyring, with: VerifyWith, now: i64) -> String {
    let options = VerifyOptions::default().with_secrets(with);
    match strategy.verify(value, keys, &options, now) {
        Ok(cache) => verified(&cache),
        Err(e) => format!("refused ({})", e.kind()),
    }
}

fn verified(cache: &VerifiedCache) -> String {
    format!("verified by secret {}", cache.verified_by())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis() as i64;
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, strategy, value] = args.as_slice() {
        // A real check: the environment's keyring against a cookie value.
        if flag != "--strategy" {
            return Err("usage: rotation [--strategy compact|jwt|jwe VALUE]".into());
        }
        let (strategy, keys) = (strategy.parse::<Strategy>()?, Keyring::from_env()?);
        let versions: Vec<String> = keys.versions().map(|v| v.to_string()).collect();
        println!("keyring: secrets {}", versions.join(", "));
        for (rule, with) in [
            ("current secret only", VerifyWith::CurrentSecret),
            ("any secret", VerifyWith::AnySecret),
        ] {
            println!("{rule}: {}", verdict(value, strategy, &keys, with, now));
        }
        return Ok(());
    }
    if !args.is_empty() {
        return Err("usage: rotation [--strategy compact|jwt|jwe VALUE]".into());
    }

    // BETTER_AUTH_SECRET=old, then BETTER_AUTH_SECRETS=2:new,1:old.
    let before = Keyring::from_secrets([(1, "the-old-secret-of-this-deployment-123")], None)?;
    let after = Keyring::from_secrets(
        [
            (2, "the-new-secret-of-this-deployment-456"),
            (1, "the-old-secret-of-this-deployment-123"),
        ],
        None,
    )?;
    let payload = Payload::from_json(&format!(
        r#"{{"session":{{"id":"s1","token":"tok","userId":"u1","expiresAt":"2100-01-01T00:00:00.000Z"}},
            "user":{{"id":"u1","email":"ada@example.com","name":"Ada"}},"updatedAt":{now},"version":"1"}}"#
    ))?;
    println!("minted with secret 1, read after secret 2 was added:");
    for strategy in Strategy::ALL {
        let old = strategy.encode(&payload, &before, &EncodeOptions::default(), now)?;
        let new = strategy.encode(&payload, &after, &EncodeOptions::default(), now)?;
        println!(
            "  {:<7} Better Auth's rule: {}; any secret: {}; re-issued: {}",
            strategy.as_str(),
            verdict(&old, strategy, &after, VerifyWith::CurrentSecret, now),
            verdict(&old, strategy, &after, VerifyWith::AnySecret, now),
            verdict(&new, strategy, &after, VerifyWith::CurrentSecret, now),
        );
    }
    Ok(())
}
