//! `session-cache session`: the offline session check on a Cookie header.

use std::process::ExitCode;

use std::time::Duration;

use clap::Args;
use session_cache::cookie::Spelling;
use session_cache::revocation::{OnUnknown, Revocation, RevocationOptions, StoreKeys};
use session_cache::session::{check_session, SessionConfig, SessionKeys};
use session_cache::{ExpectedVersion, Strategy, VerifyWith};
use session_cache_redis::{Options, RevocationChecker};

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
    #[command(flatten)]
    redis: RedisArgs,
}

/// Revocation through Better Auth's secondaryStorage in Redis.
#[derive(Args)]
#[command(next_help_heading = "Revocation (Better Auth's secondaryStorage in Redis)")]
struct RedisArgs {
    /// Also ask this Redis whether the session was revoked (error kind `revoked`):
    /// redis://[user:password@]host[:port][/db] (default: $SESSION_CACHE_REDIS_URL when
    /// set).
    #[arg(
        long,
        value_name = "URL",
        env = "SESSION_CACHE_REDIS_URL",
        hide_env_values = true
    )]
    redis: Option<String>,
    /// The prefix the secondaryStorage adds to Better Auth's keys
    /// (@better-auth/redis-storage: "better-auth:"; "" for none).
    #[arg(
        long = "redis-prefix",
        value_name = "P",
        default_value = "better-auth:"
    )]
    redis_prefix: String,
    /// How old a reading may be to accept, in seconds (a one-shot command reads now).
    #[arg(long = "max-staleness", value_name = "S", default_value_t = 5.0)]
    max_staleness: f64,
    /// Better Auth has session.storeSessionInDatabase: a missing token key is then not
    /// known to be a revocation (`revocation_unknown`).
    #[arg(long = "store-session-in-database")]
    store_session_in_database: bool,
    /// When Redis cannot tell (unreachable, timed out), accept on the cookie alone
    /// ("revocation":"unchecked") instead of failing with `revocation_unknown`.
    #[arg(long = "fail-open")]
    fail_open: bool,
    /// The cache version is the per-user key <prefix><NAME><userId> (absent: "1"), as a
    /// cookieCache.version function reading the store would have it; --cache-version is
    /// then not used.
    #[arg(long = "user-version-key", value_name = "NAME")]
    user_version_key: Option<String>,
    /// Connect and read timeout for Redis, milliseconds.
    #[arg(long = "redis-timeout", value_name = "MS", default_value_t = 1000)]
    redis_timeout: u64,
}

impl RedisArgs {
    /// The checker, when --redis is given; a usage error for bad values.
    fn checker(&self) -> Result<Option<RevocationChecker>, String> {
        let Some(url) = self.redis.as_deref().filter(|u| !u.is_empty()) else {
            return Ok(None);
        };
        if !(self.max_staleness.is_finite() && self.max_staleness >= 0.0) {
            return Err("--max-staleness must be a number of seconds, 0 or more".into());
        }
        if self.redis_timeout == 0 {
            return Err("--redis-timeout must be positive".into());
        }
        let mut keys = StoreKeys::new(&self.redis_prefix);
        if let Some(name) = &self.user_version_key {
            keys = keys.with_user_version(name);
        }
        let timeout = Duration::from_millis(self.redis_timeout);
        let options = Options::default()
            .with_keys(keys)
            .with_revocation(
                RevocationOptions::default()
                    .with_max_staleness_ms((self.max_staleness * 1000.0) as u64)
                    .with_store_session_in_database(self.store_session_in_database, false),
            )
            .with_on_unknown(if self.fail_open {
                OnUnknown::FailOpen
            } else {
                OnUnknown::FailClosed
            })
            .with_timeouts(timeout, timeout)
            .with_cache_capacity(0);
        RevocationChecker::open(url, options)
            .map(Some)
            .map_err(|e| e.message().to_owned())
    }
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
    let revocations = match args.redis.checker() {
        Ok(c) => c,
        Err(e) => return crate::usage_error(&e),
    };
    let version = if args.redis.user_version_key.is_some() && args.redis.redis.is_some() {
        // The store holds the version: the revocation check compares it.
        ExpectedVersion::InStore
    } else {
        ExpectedVersion::Exact(args.cache_version)
    };
    let mut config = SessionConfig::new(args.strategy)
        .with_version(version)
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
    let now = crate::now_ms(args.now);
    let checked = check_session(&header, session_keys, &config, now).and_then(|check| {
        // Offline first; then, with --redis, the session store.
        let revocation = match &revocations {
            Some(r) => Some(r.check(check.cache(), now)?),
            None => None,
        };
        Ok((check, revocation))
    });
    match checked {
        Ok((check, revocation)) => {
            let cache = check.cache();
            let revocation = match revocation {
                None => "",
                Some(Revocation::Checked) => ",\"revocation\":\"checked\"",
                Some(Revocation::Unchecked) => ",\"revocation\":\"unchecked\"",
            };
            println!(
                "{{\"valid\":true,\"strategy\":\"{}\",\"expiresAt\":{},\"fresh\":{},\"needsRefresh\":{},\"dontRemember\":{}{revocation},\"payload\":{}}}",
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
