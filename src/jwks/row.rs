//! Rows of Better Auth's `jwks` table: `{id, publicKey, privateKey, createdAt,
//! expiresAt, alg, crv}`.
//!
//! `publicKey` is the public JWK as JSON. `privateKey` is `JSON.stringify` of the
//! sealed private JWK (so it carries its own quotes): XChaCha20-Poly1305 under
//! SHA-256 of the secret's UTF-8 bytes, no associated data, written as hex of the
//! 24-byte nonce, the ciphertext and the 16-byte tag (`symmetricEncrypt` of
//! `better-auth/crypto`). With a single `secret` that hex is bare; with `secrets` it is
//! the envelope `$ba$<version>$<hex>` under that version's secret, and a bare hex row
//! (written before the move to `secrets`) opens with the legacy secret. With
//! `disablePrivateKeyEncryption` the private JWK is stored as it is.

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result};
use crate::json::{self, Value};
use crate::keys::{Keyring, Secret};

use super::alg::Algorithm;
use super::SigningKey;

fn invalid(what: &str) -> Error {
    Error::new(ErrorKind::InvalidKey, format!("the jwks row {what}"))
}

/// Opens `row` (its JSON text) with `keys`; see [`SigningKey::from_better_auth_row`].
pub(crate) fn open(
    row: &str,
    keys: &Keyring,
    default_alg: Option<Algorithm>,
) -> Result<SigningKey> {
    let row = json::parse_object(row.as_bytes()).map_err(|_| invalid("is not a JSON object"))?;
    let text = |name: &str| -> Result<Option<&str>> {
        match row.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v
                .as_str()
                .map(Some)
                .ok_or_else(|| invalid(&format!("has a \"{name}\" that is not a string"))),
        }
    };
    let id = text("id")?
        .filter(|id| !id.is_empty())
        .ok_or_else(|| invalid("has no \"id\""))?;
    let alg = match text("alg")? {
        Some(name) => Algorithm::named(name)
            .map(|(_, a)| a)
            .ok_or_else(|| invalid(&format!("has an unsupported \"alg\" {name:?}")))?,
        None => default_alg.unwrap_or(Algorithm::EdDsa),
    };
    let stored = text("privateKey")?.ok_or_else(|| invalid("has no \"privateKey\""))?;
    let jwk = match json::parse(stored.as_bytes()) {
        Ok(Value::String(sealed)) => {
            let sealed = sealed
                .as_str()
                .ok_or_else(|| invalid("has an unreadable \"privateKey\""))?;
            unseal(sealed, keys)?
        }
        // disablePrivateKeyEncryption: the JWK itself.
        Ok(Value::Object(_)) => Zeroizing::new(stored.to_owned()),
        _ => {
            return Err(invalid(
                "has a \"privateKey\" that is neither sealed nor a JWK",
            ))
        }
    };
    let key = SigningKey::from_jwk_with(&jwk, Some(id), Some(alg))?;
    if let Some(public) = text("publicKey")? {
        let given = json::parse_object(public.as_bytes())
            .map_err(|_| invalid("has a \"publicKey\" that is not JSON"))?;
        let mine = json::parse_object(key.public_jwk().as_bytes())?;
        let same = ["kty", "crv", "x", "y", "n", "e"]
            .iter()
            .all(|m| given.get(m) == mine.get(m));
        if !same {
            return Err(invalid(
                "has a \"publicKey\" that does not match its private key",
            ));
        }
    }
    Ok(key)
}

/// The private JWK sealed in `sealed`: a bare hex or a `$ba$<version>$<hex>` envelope.
fn unseal(sealed: &str, keys: &Keyring) -> Result<Zeroizing<String>> {
    let (secret, hex, which): (&Secret, &str, String) = match parse_envelope(sealed) {
        Some((version, hex)) => {
            if keys.is_single() {
                return Err(invalid(
                    "is sealed in a versioned envelope: open it with the versioned secrets (BETTER_AUTH_SECRETS)",
                ));
            }
            let secret = keys.secret_of_version(version).ok_or_else(|| {
                invalid(&format!(
                    "is sealed with secret version {version}, which the keyring does not hold"
                ))
            })?;
            (secret, hex, format!("secret version {version}"))
        }
        None if keys.is_single() => (&keys.current().secret, sealed, "the secret".to_owned()),
        None => {
            let secret = keys.legacy_secret().ok_or_else(|| {
                invalid("is bare hex, sealed before versioned secrets: it opens with the legacy secret (BETTER_AUTH_SECRET), which the keyring does not hold")
            })?;
            (secret, sealed, "the legacy secret".to_owned())
        }
    };
    let bytes = Zeroizing::new(
        decode_hex(hex).ok_or_else(|| invalid("has a \"privateKey\" that is not hex"))?,
    );
    if bytes.len() < 24 + 16 {
        return Err(invalid("has a \"privateKey\" too short to be sealed"));
    }
    let cipher = cipher_for(secret)?;
    let plain = cipher
        .decrypt(XNonce::from_slice(&bytes[..24]), &bytes[24..])
        .map_err(|_| {
            Error::new(
                ErrorKind::DecryptFailed,
                format!("the jwks row's private key does not open with {which}"),
            )
        })?;
    let plain = Zeroizing::new(plain);
    String::from_utf8(plain.to_vec())
        .map(Zeroizing::new)
        .map_err(|_| invalid("has a private key that is not UTF-8"))
}

/// XChaCha20-Poly1305 keyed with SHA-256 of the secret (the key zeroized after use).
fn cipher_for(secret: &Secret) -> Result<XChaCha20Poly1305> {
    let mut key = Zeroizing::new([0u8; 32]);
    let mut hash = Sha256::new();
    hash.update(secret.expose());
    hash.finalize_into(sha2::digest::generic_array::GenericArray::from_mut_slice(
        &mut key[..],
    ));
    XChaCha20Poly1305::new_from_slice(&key[..])
        .map_err(|_| Error::new(ErrorKind::InvalidKey, "the XChaCha20 key is not 32 bytes"))
}

/// `$ba$<version>$<rest>` as Better Auth's `parseEnvelope` reads it (a version of
/// decimal digits here; `parseInt` would also take `2x`).
fn parse_envelope(data: &str) -> Option<(u32, &str)> {
    let rest = data.strip_prefix("$ba$")?;
    let (version, hex) = rest.split_once('$')?;
    if version.is_empty() || !version.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((version.parse().ok()?, hex))
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    let nibble = |b: u8| match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    };
    text.as_bytes()
        .chunks_exact(2)
        .map(|p| Some(nibble(p[0])? << 4 | nibble(p[1])?))
        .collect()
}

/// Seals a private JWK as Better Auth's `symmetricEncrypt` does with `keys` (bare hex
/// with a single secret, the envelope of the current version with `secrets`); the
/// `privateKey` column is `JSON.stringify` of the result.
pub(crate) fn seal(jwk: &str, keys: &Keyring) -> Result<String> {
    let entry = keys.current();
    let mut nonce = [0u8; 24];
    crate::keys::fill_random(&mut nonce)?;
    let sealed = cipher_for(&entry.secret)?
        .encrypt(XNonce::from_slice(&nonce), jwk.as_bytes())
        .map_err(|_| Error::new(ErrorKind::InvalidKey, "sealing the private key failed"))?;
    let mut hex = String::with_capacity(2 * (24 + sealed.len()) + 12);
    if !keys.is_single() {
        hex.push_str(&format!("$ba${}$", entry.version));
    }
    for b in nonce.iter().chain(&sealed) {
        hex.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
        hex.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
    }
    Ok(hex)
}
