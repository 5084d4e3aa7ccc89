//! `session-cache session`: the offline session check on a Cookie header.

use std::process::ExitCode;

use clap::Args;
use session_cache::cookie::Spelling;
use session_cache::session::{check_session, SessionConfig, SessionKeys};
use session_cache::{Strategy, VerifyWith};

/// Arguments of `session-cache session`.
#[derive(Args)]
pub(crate) struct SessionArgs {
    #[command(flatten)]
    keys: crate::KeyArgs,
    /// Verify a JWT plugin session cache with this JWKS file (no secret needed; with a
    /// secret too, the session token's signature is checked as well).
    #[arg(long, value_name = "FILE")]
    jwks: Option<String>,
    #[command(flatten)]
    jwt: crate::jwks::JwtArgs,
    /// The request's Cookie header, or `-` to read it from standard input (at most 1 MiB;
    /// trailing newlines removed): a header of 100 chunks is about 400 KB, more than one
    /// argument may hold.
    #[arg(long = "cookie-header", value_name = "HEADER")]
    cookie_header: String,
    /// The cookie cache's strategy: compact (default), jwt or jwe.
    #[arg(long, default_value = "compact")]
    strategy: Strategy,
    /// The expected cache version (default "1", as Better Auth's getSession).
    #[arg(long = "cache-version", value_name = "V", default_value = "1")]
    cache_version: String,
    /// The cookie prefix (advanced.cookiePrefix).
    #[arg(
        long = "cookie-prefix",
        value_name = "P",
        default_value = "better-auth"
    )]
    cookie_prefix: String,
    /// Only accept `__Secure-` cookie names (default: either spelling).
    #[arg(long)]
    secure: bool,
    /// session.freshAge in seconds (0: always fresh).
    #[arg(long = "fresh-age", value_name = "S", default_value_t = 86_400)]
    fresh_age: u64,
    /// cookieCache.refreshCache.updateAge in seconds (default: no refresh).
    #[arg(long = "update-age", value_name = "S")]
    update_age: Option<u64>,
    /// Also accept a token or cache signed by an older secret of the keyring.
    #[arg(long)]
    older_secrets: bool,
    /// The time to check at, Unix milliseconds (default: now).
    #[arg(long, value_name = "MS")]
    now: Option<i64>,
}

/// Runs the check.
pub(crate) fn run(args: SessionArgs) -> ExitCode {
    let jwks = match &args.jwks {
        Some(_) if args.strategy != Strategy::Jwt => {
            return crate::usage_error("--jwks verifies the jwt strategy only (--strategy jwt)")
        }
        Some(path) => match crate::jwks::load_jwks(path) {
            Ok(j) => Some(j),
            Err(e) => return crate::usage_error(&e),
        },
        None => None,
    };
    let given = args.keys.secret.is_some()
        || args.keys.secrets.is_some()
        || ["BETTER_AUTH_SECRETS", "BETTER_AUTH_SECRET", "AUTH_SECRET"]
            .iter()
            .any(|v| std::env::var(v).is_ok_and(|s| !s.is_empty()));
    // With a JWKS a secret is optional.
    let keys = match args.keys.keyring() {
        Ok(k) => Some(k),
        Err(_) if jwks.is_some() && !given => None,
        Err(e) => return crate::usage_error(&e),
    };
    let mut config = SessionConfig::new(args.strategy)
        .with_version(args.cache_version)
        .with_prefix(&args.cookie_prefix)
        .with_fresh_age(args.fresh_age);
    if args.secure {
        config = config.with_spelling(Spelling::Secure);
    }
    if let Some(age) = args.update_age {
        config = config.with_update_age(age);
    }
    if args.older_secrets {
        config = config.with_secrets(VerifyWith::AnySecret);
    }
    config.jwt = args.jwt.session_cache();
    let session_keys = match (&jwks, &keys) {
        (Some(j), k) => SessionKeys::jwks(j, k.as_ref()),
        (None, Some(k)) => SessionKeys::Secrets(k),
        (None, None) => return crate::usage_error("no secret"),
    };
    let header = match crate::arg_or_stdin(args.cookie_header, "the Cookie header") {
        Ok(header) => header,
        Err(e) => return crate::print_invalid(&e),
    };
    match check_session(&header, session_keys, &config, crate::now_ms(args.now)) {
        Ok(check) => {
            let cache = check.cache();
            println!(
                "{{\"valid\":true,\"strategy\":\"{}\",\"expiresAt\":{},\"fresh\":{},\"needsRefresh\":{},\"dontRemember\":{},\"payload\":{}}}",
                cache.strategy(),
                cache.expires_at(),
                check.is_fresh(),
                check.needs_refresh(),
                check.remember().is_no(),
                cache.payload().to_json()
            );
            ExitCode::SUCCESS
        }
        Err(e) => crate::print_invalid(&e),
    }
}
