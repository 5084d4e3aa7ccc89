//! Verify a request's session with the secrets of the environment, read as Better Auth
//! reads them (`BETTER_AUTH_SECRETS`, `BETTER_AUTH_SECRET`, `AUTH_SECRET`).
//!
//! ```sh
//! export BETTER_AUTH_SECRET=…
//! cargo run --example verify_env -- --strategy jwe 'better-auth.session_token=…; better-auth.session_data=…'
//! cargo run --example mint | sed -n 's/^Cookie: //p' | cargo run --example verify_env -- -
//! ```
//!
//! Prints `valid: <email> …` and exits 0, or `invalid: <kind> (<message>)` and exits 1.

use std::io::Read;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use session_cache::session::{check_session, SessionConfig};
use session_cache::{Keyring, Strategy};

fn main() -> ExitCode {
    let mut strategy = Strategy::Compact;
    let mut header = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--strategy" => match args.next().map(|s| s.parse::<Strategy>()) {
                Some(Ok(s)) => strategy = s,
                _ => return usage("--strategy takes compact, jwt or jwe"),
            },
            _ => header = Some(arg),
        }
    }
    let header = match header.as_deref() {
        None => return usage("give the Cookie header, or - to read it from stdin"),
        Some("-") => {
            let mut text = String::new();
            // A Cookie header of 100 chunks is about 400 KB.
            if std::io::stdin()
                .take(1 << 20)
                .read_to_string(&mut text)
                .is_err()
            {
                return usage("stdin is not UTF-8 text");
            }
            text.trim_end_matches(['\r', '\n']).to_owned()
        }
        Some(h) => h.to_owned(),
    };
    // Every key is derived here, once.
    let keys = match Keyring::from_env() {
        Ok(keys) => keys,
        Err(e) => return usage(e.message()),
    };
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);
    match check_session(&header, &keys, &SessionConfig::new(strategy), now) {
        Ok(check) => {
            let user = check.cache().payload().user();
            println!(
                "valid: {} (user {}), {} cache verified by secret {}, fresh: {}, needs refresh: {}",
                user.email,
                user.id,
                check.cache().strategy(),
                check.cache().verified_by(),
                check.is_fresh(),
                check.needs_refresh()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            println!("invalid: {} ({})", e.kind(), e.message());
            ExitCode::from(1)
        }
    }
}

fn usage(message: &str) -> ExitCode {
    eprintln!("verify_env: {message}");
    ExitCode::from(2)
}
