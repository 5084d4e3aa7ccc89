//! The JWKS commands and flags: public key sets, signing keys, access tokens.

use std::process::ExitCode;

use clap::Args;
use session_cache::jwks::access_token::{self, AccessTokenOptions};
use session_cache::jwks::{Algorithm, Jwks, JwtOptions, SigningKey};
use session_cache::Keyring;
use zeroize::Zeroizing;

/// The largest key file read.
const MAX_FILE: u64 = 1 << 20;

/// Reads a file of at most 1 MiB, zeroized on drop (it may hold a private key).
pub(crate) fn read_file(path: &str) -> Result<Zeroizing<String>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let mut text = Zeroizing::new(String::new());
    file.take(MAX_FILE + 1)
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read {path}: {e}"))?;
    if text.len() as u64 > MAX_FILE {
        return Err(format!("{path} is larger than 1 MiB"));
    }
    Ok(text)
}

/// The JWKS in `path` (what `/api/auth/jwks` serves).
pub(crate) fn load_jwks(path: &str) -> Result<Jwks, String> {
    Jwks::from_json(&read_file(path)?).map_err(|e| format!("{path}: {e}"))
}

/// The signing key in `path`: a private JWK, or a row of Better Auth's `jwks` table
/// (opened with the secrets, which `keys` gives).
pub(crate) fn load_signing_key(
    path: &str,
    keys: impl FnOnce() -> Result<Keyring, String>,
) -> Result<SigningKey, String> {
    let text = read_file(path)?;
    let is_row = session_cache::json::parse_object(text.as_bytes())
        .map(|o| o.contains_key("privateKey"))
        .unwrap_or(false);
    let key = if is_row {
        let keys = keys().map_err(|e| format!("{path} is a Better Auth jwks row: {e}"))?;
        SigningKey::from_better_auth_row(&text, &keys, None)
    } else {
        SigningKey::from_jwk(&text)
    };
    key.map_err(|e| format!("{path}: {e}"))
}

/// The issuer and audience a JWT must show.
#[derive(Args, Clone, Default)]
pub(crate) struct JwtArgs {
    /// The expected `iss` (the auth server's origin); session caches: default any.
    #[arg(long, value_name = "ISS")]
    pub(crate) issuer: Option<String>,
    /// The expected `aud` (session caches: default better-auth:session-cache).
    #[arg(long, value_name = "AUD")]
    pub(crate) audience: Option<String>,
}

impl JwtArgs {
    pub(crate) fn session_cache(&self) -> JwtOptions {
        let mut options = JwtOptions::default();
        if let Some(i) = &self.issuer {
            options = options.with_issuer(i.clone());
        }
        if let Some(a) = &self.audience {
            options = options.with_audience(a.clone());
        }
        options
    }
}

/// Arguments of `session-cache token`.
#[derive(Args)]
pub(crate) struct TokenArgs {
    /// The JWKS file (what /api/auth/jwks serves).
    #[arg(long, value_name = "FILE")]
    jwks: String,
    #[command(flatten)]
    jwt: JwtArgs,
    /// Clock tolerance in seconds (default 0, as the JWT plugin).
    #[arg(long, value_name = "S", default_value_t = 0)]
    leeway: u64,
    /// The time to check at, Unix milliseconds (default: now).
    #[arg(long, value_name = "MS")]
    now: Option<i64>,
    /// The access token (without "Bearer ").
    token: String,
}

/// `session-cache token`: verifies an access token.
pub(crate) fn token(args: TokenArgs) -> ExitCode {
    let jwks = match load_jwks(&args.jwks) {
        Ok(j) => j,
        Err(e) => return crate::usage_error(&e),
    };
    let mut options = AccessTokenOptions::default().with_leeway(args.leeway);
    if let Some(i) = args.jwt.issuer {
        options = options.with_issuer(i);
    }
    if let Some(a) = args.jwt.audience {
        options = options.with_audience(a);
    }
    let token = args.token.trim();
    let token = token.strip_prefix("Bearer ").unwrap_or(token);
    match access_token::verify(token, &jwks, &options, crate::now_ms(args.now)) {
        Ok(t) => {
            println!(
                "{{\"valid\":true,\"subject\":{},\"expiresAt\":{},\"kid\":{},\"payload\":{}}}",
                serde_json::Value::from(t.subject()),
                t.expires_at(),
                serde_json::Value::from(t.kid()),
                t.to_json()
            );
            ExitCode::SUCCESS
        }
        Err(e) => crate::print_invalid(&e),
    }
}

/// `session-cache keygen --alg ALG`: a private JWK with `kid` and `alg`.
pub(crate) fn keygen(alg: Algorithm) -> ExitCode {
    match SigningKey::generate(alg) {
        Ok(key) => {
            println!("{}", key.to_jwk().as_str());
            ExitCode::SUCCESS
        }
        Err(e) => crate::usage_error(&e.to_string()),
    }
}

/// `session-cache jwks FILE…`: the public JWKS of private JWK files (or Better Auth
/// rows, with the secrets).
pub(crate) fn public_jwks(files: &[String], keys: &crate::KeyArgs) -> ExitCode {
    let mut signing = Vec::new();
    for path in files {
        match load_signing_key(path, || keys.keyring()) {
            Ok(k) => signing.push(k),
            Err(e) => return crate::usage_error(&e),
        }
    }
    println!("{}", Jwks::from_signing_keys(&signing).to_json());
    ExitCode::SUCCESS
}
