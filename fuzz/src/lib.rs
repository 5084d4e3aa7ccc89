//! What the fuzz targets share: the text format of their inputs, the oracles every
//! result is held to, and builders of authentic values around fuzzed contents.
//!
//! Inputs are text so that seeds made from the vectors stay readable:
//!
//! ```text
//! <keys>\n<params>\n<rest…>
//! ```
//!
//! `<keys>` is a `BETTER_AUTH_SECRETS` list (`2:new,1:old`), optionally followed by
//! `|legacy`, or else a single secret; `<params>` is target-specific (it starts with the
//! time, Unix ms); `<rest>` is the value, header or text under test.

use hmac::{Hmac, Mac};
use session_cache::json::{self, Value};
use session_cache::{jwe, VerifyOptions, VerifyWith};
use session_cache::{EncodeOptions, Error, ErrorKind, Keyring, Strategy, VerifiedCache};
use sha2::{Sha256, Sha512};

/// The time of inputs that give none.
pub const NOW: i64 = 1_795_328_965_877;

/// The keyring of inputs whose keys line builds none.
pub fn default_keys() -> Keyring {
    Keyring::from_secrets_env(
        "2:fuzz-current-secret-0123456789abcdef,1:fuzz-older-secret-0123456789abcdef",
        Some("fuzz-legacy-secret-0123456789abcdef"),
    )
    .expect("the default keyring")
}

/// An input split into its lines.
pub struct Input<'a> {
    /// The keyring of the first line.
    pub keys: Keyring,
    /// The text of its current secret.
    pub current: String,
    /// The words of the second line.
    pub params: Vec<&'a str>,
    /// Everything after the second line.
    pub rest: &'a [u8],
}

impl<'a> Input<'a> {
    /// Splits `data`; `None` when it has fewer than two lines or they are not UTF-8.
    pub fn parse(data: &'a [u8]) -> Option<Self> {
        let mut it = data.splitn(3, |&b| b == b'\n');
        let keys = std::str::from_utf8(it.next()?).ok()?;
        let params = std::str::from_utf8(it.next()?).ok()?;
        let rest = it.next().unwrap_or_default();
        let (keys, current) = keys_from_line(keys);
        Some(Input {
            keys,
            current,
            params: params.split(' ').collect(),
            rest,
        })
    }

    /// The time: the first parameter, else [`NOW`].
    pub fn now(&self) -> i64 {
        self.param(0).and_then(|p| p.parse().ok()).unwrap_or(NOW)
    }

    /// The parameter at `index`, when present and not `-`.
    pub fn param(&self, index: usize) -> Option<&'a str> {
        self.params
            .get(index)
            .copied()
            .filter(|p| !p.is_empty() && *p != "-")
    }

    /// The rest, as text (invalid UTF-8 replaced, as a `&str` API must be given).
    pub fn rest_str(&self) -> std::borrow::Cow<'a, str> {
        String::from_utf8_lossy(self.rest)
    }
}

/// The keyring a keys line names (see the module docs), and its current secret's text.
pub fn keys_from_line(line: &str) -> (Keyring, String) {
    let (list, legacy) = match line.split_once('|') {
        Some((list, legacy)) => (list, Some(legacy)),
        None => (line, None),
    };
    if let Ok(keys) = Keyring::from_secrets_env(list, legacy) {
        // The parser trims entries and values; the first entry is the current one.
        let current = list
            .split(',')
            .next()
            .and_then(|e| e.split_once(':'))
            .map(|(_, s)| s.trim().to_owned())
            .unwrap_or_default();
        return (keys, current);
    }
    match Keyring::from_secret(line) {
        Ok(keys) => (keys, line.to_owned()),
        Err(_) => (
            default_keys(),
            "fuzz-current-secret-0123456789abcdef".to_owned(),
        ),
    }
}

/// What every error must be: a kind of the list, and a short message (never the input,
/// which can be megabytes).
pub fn check_error(e: &Error) {
    assert!(ErrorKind::ALL.contains(&e.kind()));
    assert!(
        e.message().len() <= 256,
        "an error message of {} bytes: {:?}",
        e.message().len(),
        e.kind()
    );
    let shown = format!("{e} {e:?}");
    assert!(shown.len() <= 512);
}

/// What every verified cache must satisfy: its payload re-encodes with the same strategy
/// and keys, and that value verifies to the very same payload; with `VerifyWith::AnySecret`
/// the re-encoded value is signed by the current secret, so it verifies with the default
/// options too.
pub fn check_verified(cache: &VerifiedCache, keys: &Keyring, now: i64) {
    let strategy = cache.strategy();
    let payload = cache.payload();
    let text = payload.to_json();
    let reparsed = json::parse(text.as_bytes()).expect("a verified payload writes valid JSON");
    assert_eq!(
        reparsed.to_js_string(),
        text,
        "the payload's JSON is stable"
    );
    let value = match strategy {
        Strategy::Jwe => {
            jwe::encode_with_rng(payload, keys, &EncodeOptions::default(), now, &mut |buf| {
                buf.fill(7);
                Ok(())
            })
        }
        other => other.encode(payload, keys, &EncodeOptions::default(), now),
    };
    let value = match value {
        Ok(v) => v,
        // A time so far out that `now + maxAge` cannot be written is the one refusal.
        Err(e) => {
            check_error(&e);
            return;
        }
    };
    let again = strategy
        .verify(&value, keys, &VerifyOptions::default(), now)
        .unwrap_or_else(|e| panic!("a re-encoded verified payload must verify: {e}"));
    assert_eq!(again.payload().to_json(), text);
    assert_eq!(again.strategy(), strategy);
}

/// Verifies `value` with `strategy` under both secret choices, holding each result to
/// the oracles; returns whether the default options accepted it.
pub fn verify_all(strategy: Strategy, value: &str, keys: &Keyring, now: i64) -> bool {
    let mut accepted = false;
    for with in [VerifyWith::CurrentSecret, VerifyWith::AnySecret] {
        let options = VerifyOptions::default().with_secrets(with);
        match strategy.verify(value, keys, &options, now) {
            Ok(cache) => {
                check_verified(&cache, keys, now);
                if with == VerifyWith::CurrentSecret {
                    accepted = true;
                }
            }
            Err(e) => {
                check_error(&e);
                assert!(
                    !(accepted && with == VerifyWith::AnySecret),
                    "more secrets must not refuse what the current one accepts"
                );
            }
        }
    }
    match strategy.decode(value, keys, &Default::default(), now) {
        Ok(cache) => assert!(
            accepted,
            "decode accepts only what verify accepts: {cache:?}"
        ),
        Err(e) => check_error(&e),
    }
    accepted
}

/// Base64url without padding.
pub fn b64url(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for c in bytes.chunks(3) {
        let v = u32::from(c[0]) << 16
            | u32::from(*c.get(1).unwrap_or(&0)) << 8
            | u32::from(*c.get(2).unwrap_or(&0));
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= c.len() {
                out.push(char::from(A[((v >> shift) & 63) as usize]));
            }
        }
    }
    out
}

/// HMAC-SHA256 of `msg` under `key`.
pub fn hmac_sha256(key: &[u8], msg: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("any key length");
    mac.update(msg);
    mac.finalize().into_bytes().to_vec()
}

/// A compact value around the payload text `payload`, signed as Better Auth verifies:
/// the HMAC over `JSON.stringify({...JSON.parse(payload), expiresAt})`.
pub fn forge_compact(payload: &[u8], expires_at: f64, secret: &[u8]) -> String {
    let signed = match json::parse_object(payload) {
        Ok(obj) => {
            let mut out = Vec::new();
            obj.write_js_with(&[("expiresAt", Value::Number(expires_at))], &mut out);
            out
        }
        Err(_) => payload.to_vec(),
    };
    let signature = b64url(&hmac_sha256(secret, &signed));
    let mut outer = b"{\"session\":".to_vec();
    outer.extend_from_slice(payload);
    outer.extend_from_slice(b",\"expiresAt\":");
    outer.extend_from_slice(Value::Number(expires_at).to_js_string().as_bytes());
    outer.extend_from_slice(b",\"signature\":\"");
    outer.extend_from_slice(signature.as_bytes());
    outer.extend_from_slice(b"\"}");
    b64url(&outer)
}

/// A JWS `b64url(header).b64url(claims).HMAC-SHA256` under `secret`.
pub fn forge_jwt(header: &[u8], claims: &[u8], secret: &[u8]) -> String {
    let mut out = b64url(header);
    out.push('.');
    out.push_str(&b64url(claims));
    let sig = hmac_sha256(secret, out.as_bytes());
    out.push('.');
    out.push_str(&b64url(&sig));
    out
}

/// The JWE key Better Auth derives from `secret` (HKDF-SHA256, 64 bytes).
pub fn jwe_key(secret: &[u8]) -> [u8; 64] {
    let mut key = [0u8; 64];
    hkdf::Hkdf::<Sha256>::new(Some(b"better-auth-session"), secret)
        .expand(b"BetterAuth.js Generated Encryption Key", &mut key)
        .expect("64 bytes");
    key
}

/// A `dir` + A256CBC-HS512 JWE of `plaintext` with the protected header `header`, under
/// the 64-byte `key`, with a fixed IV.
pub fn forge_jwe(header: &[u8], plaintext: &[u8], key: &[u8; 64]) -> String {
    use aes::cipher::{block_padding::Pkcs7, BlockEncryptMut, KeyIvInit};
    let iv = [0x42u8; 16];
    let aad = b64url(header);
    let ciphertext = cbc::Encryptor::<aes::Aes256>::new_from_slices(&key[32..], &iv)
        .expect("key and IV lengths")
        .encrypt_padded_vec_mut::<Pkcs7>(plaintext);
    let mut mac = <Hmac<Sha512> as Mac>::new_from_slice(&key[..32]).expect("any key length");
    mac.update(aad.as_bytes());
    mac.update(&iv);
    mac.update(&ciphertext);
    mac.update(&((aad.len() as u64) * 8).to_be_bytes());
    let tag = mac.finalize().into_bytes();
    format!(
        "{aad}..{}.{}.{}",
        b64url(&iv),
        b64url(&ciphertext),
        b64url(&tag[..32])
    )
}
