//! `session-cache`: inspect, mint and check Better Auth session cookies from a shell.
//!
//! Every command is a thin shell over the `session_cache` library: it translates
//! arguments into library calls and library results into JSON and exit codes.

use std::io::Read;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::{Args, Parser, Subcommand};
use session_cache::{
    DecodeOptions, EncodeOptions, Error, ErrorKind, Keyring, Payload, Strategy, VerifyWith,
};

mod demo;
mod jwks;
mod session;

/// Issue, inspect and verify Better Auth cookie-cache session cookies.
#[derive(Parser)]
#[command(name = "session-cache", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Verify a `session_data` cookie value and print its payload as JSON.
    #[command(after_help = "Examples:\n  \
        session-cache decode --secret \"$BETTER_AUTH_SECRET\" eyJzZXNzaW9uIjp7...\n  \
        BETTER_AUTH_SECRETS=2:new,1:old session-cache decode --strategy jwe --cache-version 2 eyJhbGciOi...\n  \
        session-cache decode - < value.txt\n  \
        session-cache decode --strategy jwt --jwks jwks.json --issuer https://auth.example.com eyJhbGciOiJFZERTQSIs...\n\n\
        With --jwks (the JWT plugin's asymmetric session cache) no secret is needed.\n\n\
        Exit status: 0 valid, 1 invalid (the JSON says why), 2 usage error.")]
    Decode {
        #[command(flatten)]
        keys: KeyArgs,
        /// Verify a JWT plugin session cache with this JWKS file (what /api/auth/jwks
        /// serves) instead of a secret.
        #[arg(long, value_name = "FILE")]
        jwks: Option<String>,
        #[command(flatten)]
        jwt: jwks::JwtArgs,
        /// compact, jwt or jwe; guessed from the value's shape when absent.
        #[arg(long)]
        strategy: Option<Strategy>,
        /// The expected cache version (no check when absent).
        #[arg(long = "cache-version", value_name = "V")]
        cache_version: Option<String>,
        /// Also verify compact and jwt values with older secrets of the keyring.
        #[arg(long)]
        older_secrets: bool,
        /// The time to check at, Unix milliseconds (default: now).
        #[arg(long, value_name = "MS")]
        now: Option<i64>,
        /// The cookie value, or `-` to read it from standard input (at most 1 MiB; trailing
        /// newlines removed).
        value: String,
    },
    /// Read `{"session":…,"user":…}` JSON on stdin and print a `session_data` cookie value.
    #[command(after_help = "Example:\n  \
        echo '{\"session\":{…},\"user\":{…}}' | session-cache encode --strategy jwe --max-age 300 --secret S\n  \
        echo '{\"session\":{…},\"user\":{…}}' | session-cache encode --strategy jwt --signing-key key.json --issuer https://auth.example.com\n\n\
        `updatedAt` (ms) and `version` are taken from the input when present; \
        --cache-version overrides the version (default \"1\"). --signing-key takes a private \
        JWK (session-cache keygen --alg) or a row of Better Auth's jwks table (opened with the secret).")]
    Encode {
        #[command(flatten)]
        keys: KeyArgs,
        /// Sign a JWT plugin session cache with this private key file (strategy jwt).
        #[arg(long = "signing-key", value_name = "FILE")]
        signing_key: Option<String>,
        /// The `iss` of a --signing-key cache (the auth server's origin).
        #[arg(long, value_name = "ISS", default_value = "better-auth:session-cache")]
        issuer: String,
        /// compact (default), jwt or jwe.
        #[arg(long, default_value = "compact")]
        strategy: Strategy,
        /// The cache's lifetime in seconds.
        #[arg(long = "max-age", value_name = "S", default_value_t = 300)]
        max_age: u64,
        /// The cache version to write.
        #[arg(long = "cache-version", value_name = "V")]
        cache_version: Option<String>,
        /// The issue time, Unix milliseconds (default: now).
        #[arg(long, value_name = "MS")]
        now: Option<i64>,
    },
    /// Check a request's Cookie header as Better Auth's getSession would from the cache.
    #[command(after_help = "Example:\n  \
        session-cache session --secret S --cookie-header 'better-auth.session_token=…; better-auth.session_data=…'\n  \
        session-cache session --secret S --strategy jwe --cookie-header - < header.txt\n  \
        session-cache session --secret S --cookie-header '…' --redis redis://127.0.0.1:6379   # also: revoked?\n\n\
        With --redis, a session the cookie vouches for is also looked up in Better Auth's \
        secondaryStorage: error `revoked` when it was signed out or revoked, \
        `revocation_unknown` when Redis cannot tell (unless --fail-open).\n\n\
        Exit status: 0 valid, 1 invalid (the JSON says why), 2 usage error.")]
    Session(session::SessionArgs),
    /// Verify a JWT plugin access token (Authorization: Bearer) with a JWKS file.
    #[command(after_help = "Example:\n  \
        session-cache token --jwks jwks.json --issuer https://auth.example.com --audience https://auth.example.com eyJhbGciOi...\n\n\
        Exit status: 0 valid, 1 invalid (the JSON says why), 2 usage error.")]
    Token(jwks::TokenArgs),
    /// Print a new random secret fit for Better Auth (64 hex characters), or with --alg a
    /// private JWK (with kid and alg) for the JWT plugin's algorithms.
    Keygen {
        /// EdDSA, ES256, ES512, RS256 or PS256: print a private JWK.
        #[arg(long, value_name = "ALG")]
        alg: Option<session_cache::jwks::Algorithm>,
    },
    /// Print the public JWKS of private JWK files (or Better Auth jwks rows, with the
    /// secret), as /api/auth/jwks serves it.
    Jwks {
        #[command(flatten)]
        keys: KeyArgs,
        /// Private JWK files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
    },
    /// Mint, verify and break sessions with every strategy: a short tour.
    Demo,
}

/// Where secrets come from.
#[derive(Args, Clone)]
pub(crate) struct KeyArgs {
    /// The secret (default: $BETTER_AUTH_SECRET, then $AUTH_SECRET).
    #[arg(long, value_name = "SECRET", hide_env_values = true)]
    pub(crate) secret: Option<String>,
    /// Versioned secrets, current first: "2:new,1:old" (default: $BETTER_AUTH_SECRETS).
    #[arg(long, value_name = "LIST", hide_env_values = true)]
    pub(crate) secrets: Option<String>,
}

impl KeyArgs {
    /// The keyring, as Better Auth builds it from its environment
    /// ([`Keyring::from_env_with`]), each flag taking the place of its variable:
    /// `--secrets` of `BETTER_AUTH_SECRETS`, `--secret` of `BETTER_AUTH_SECRET`.
    pub(crate) fn keyring(&self) -> Result<Keyring, String> {
        let flag = |name: &str| match name {
            "BETTER_AUTH_SECRETS" => self.secrets.clone(),
            "BETTER_AUTH_SECRET" => self.secret.clone(),
            _ => None,
        };
        Keyring::from_env_with(|name| {
            flag(name)
                .filter(|v| !v.is_empty())
                .or_else(|| std::env::var(name).ok())
        })
        .map_err(|e| match e.kind() {
            ErrorKind::InvalidKey if self.secret.is_none() && self.secrets.is_none() => {
                format!("{}; or pass --secret or --secrets", e.message())
            }
            _ => e.to_string(),
        })
    }
}

/// The most that `-` reads from standard input, in bytes (1 MiB): room for a Cookie
/// header of 100 chunks (about 400 KB), more than one argument may hold on Linux
/// (128 KiB).
pub(crate) const STDIN_LIMIT: usize = 1 << 20;

/// Standard input, at most [`STDIN_LIMIT`] bytes: [`ErrorKind::TooLarge`] beyond.
fn read_stdin(what: &str) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(STDIN_LIMIT as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            Error::new(
                ErrorKind::Malformed,
                format!("cannot read standard input: {e}"),
            )
        })?;
    if bytes.len() > STDIN_LIMIT {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!("{what} on standard input is above the limit of {STDIN_LIMIT} bytes"),
        ));
    }
    Ok(bytes)
}

/// `arg` itself, or for `-` the text on standard input: at most [`STDIN_LIMIT`] bytes
/// ([`ErrorKind::TooLarge`]), UTF-8 ([`ErrorKind::Malformed`]), trailing newlines
/// (`\n`, `\r\n`) removed.
pub(crate) fn arg_or_stdin(arg: String, what: &str) -> Result<String, Error> {
    if arg != "-" {
        return Ok(arg);
    }
    let mut text = String::from_utf8(read_stdin(what)?).map_err(|_| {
        Error::new(
            ErrorKind::Malformed,
            format!("{what} on standard input is not UTF-8"),
        )
    })?;
    text.truncate(text.trim_end_matches(['\r', '\n']).len());
    Ok(text)
}

pub(crate) fn now_ms(now: Option<i64>) -> i64 {
    now.unwrap_or_else(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0)
    })
}

/// Prints `{"valid":false,"error":kind,"message":…}` and returns exit code 1.
pub(crate) fn print_invalid(err: &Error) -> ExitCode {
    let out =
        serde_json::json!({"valid": false, "error": err.kind().as_str(), "message": err.message()});
    println!("{out}");
    ExitCode::from(1)
}

pub(crate) fn usage_error(message: &str) -> ExitCode {
    eprintln!("session-cache: {message}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Decode {
            jwks: Some(path),
            jwt,
            strategy,
            cache_version,
            now,
            value,
            ..
        } => {
            if strategy.is_some_and(|s| s != Strategy::Jwt) {
                return usage_error("--jwks verifies the jwt strategy only");
            }
            let set = match jwks::load_jwks(&path) {
                Ok(s) => s,
                Err(e) => return usage_error(&e),
            };
            let mut policy = session_cache::Policy::cookie_cache();
            if let Some(v) = cache_version {
                policy = policy.with_version(v);
            }
            let value = value.trim();
            match session_cache::jwks::decode(
                value,
                &set,
                &jwt.session_cache(),
                &policy,
                now_ms(now),
            ) {
                Ok(verified) => {
                    println!(
                        "{{\"valid\":true,\"strategy\":\"jwt\",\"expiresAt\":{},\"kid\":{},\"payload\":{}}}",
                        verified.expires_at(),
                        serde_json::Value::from(verified.verified_by().kid().unwrap_or_default()),
                        verified.payload().to_json()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => print_invalid(&e),
            }
        }
        Command::Decode {
            keys,
            jwks: None,
            strategy,
            cache_version,
            older_secrets,
            now,
            value,
            ..
        } => {
            let keys = match keys.keyring() {
                Ok(k) => k,
                Err(e) => return usage_error(&e),
            };
            let value = match arg_or_stdin(value, "the value") {
                Ok(v) => v,
                Err(e) => return print_invalid(&e),
            };
            let value = value.trim();
            let Some(strategy) = strategy.or_else(|| Strategy::detect(value)) else {
                return print_invalid(&Error::new(
                    ErrorKind::Malformed,
                    "the value is not shaped like a compact, jwt or jwe cache",
                ));
            };
            let mut options = DecodeOptions::default();
            if older_secrets {
                options = options.with_secrets(VerifyWith::AnySecret);
            }
            if let Some(v) = cache_version {
                options = options.with_version(v);
            }
            match strategy.decode(value, &keys, &options, now_ms(now)) {
                Ok(verified) => {
                    println!(
                        "{{\"valid\":true,\"strategy\":\"{}\",\"expiresAt\":{},\"payload\":{}}}",
                        strategy,
                        verified.expires_at(),
                        verified.payload().to_json()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => print_invalid(&e),
            }
        }
        Command::Encode {
            keys,
            signing_key,
            issuer,
            strategy,
            max_age,
            cache_version,
            now,
        } => {
            let signer = match signing_key {
                Some(_) if strategy != Strategy::Jwt => {
                    return usage_error("--signing-key signs the jwt strategy only")
                }
                Some(path) => match jwks::load_signing_key(&path, || keys.keyring()) {
                    Ok(k) => Signer::Key(Box::new(k), issuer),
                    Err(e) => return usage_error(&e),
                },
                None => match keys.keyring() {
                    Ok(k) => Signer::Secrets(k),
                    Err(e) => return usage_error(&e),
                },
            };
            let input = match read_stdin("the payload") {
                Ok(input) => input,
                Err(e) => return usage_error(&e.to_string()),
            };
            let now = now_ms(now);
            match encode(
                &input,
                strategy,
                &signer,
                max_age,
                cache_version.as_deref(),
                now,
            ) {
                Ok(value) => {
                    println!("{value}");
                    ExitCode::SUCCESS
                }
                Err(e) => usage_error(&e.to_string()),
            }
        }
        Command::Session(args) => session::run(args),
        Command::Token(args) => jwks::token(args),
        Command::Keygen { alg: Some(alg) } => jwks::keygen(alg),
        Command::Jwks { keys, files } => jwks::public_jwks(&files, &keys),
        Command::Keygen { alg: None } => match session_cache::Secret::generate() {
            Ok(secret) => {
                println!("{}", secret.expose_str());
                ExitCode::SUCCESS
            }
            Err(e) => usage_error(&e.to_string()),
        },
        Command::Demo => demo::run(),
    }
}

/// What signs a new cache: the deployment's secrets, or a JWT plugin key and issuer.
enum Signer {
    Secrets(Keyring),
    Key(Box<session_cache::jwks::SigningKey>, String),
}

/// Builds the payload from stdin's `{"session":…,"user":…}` and encodes it.
fn encode(
    input: &[u8],
    strategy: Strategy,
    signer: &Signer,
    max_age: u64,
    version: Option<&str>,
    now: i64,
) -> Result<String, Error> {
    use session_cache::json::{self, Value};
    let mut obj = json::parse_object(input).map_err(|e| {
        Error::new(
            ErrorKind::InvalidPayload,
            format!("stdin is not a JSON object: {e}"),
        )
    })?;
    if obj.get("updatedAt").is_none() {
        obj.insert("updatedAt", Value::Number(now as f64));
    }
    match version {
        Some(v) => {
            obj.insert("version", Value::String(v.into()));
        }
        None if obj.get("version").is_none() => {
            obj.insert("version", Value::String("1".into()));
        }
        None => {}
    }
    let payload = Payload::from_object(obj)?;
    let options = EncodeOptions::default().with_max_age(max_age);
    match signer {
        Signer::Secrets(keys) => strategy.encode(&payload, keys, &options, now),
        Signer::Key(key, issuer) => {
            session_cache::jwks::encode(&payload, key, issuer, &options, now)
        }
    }
}
