//! A private key that signs session-cache JWTs and access tokens.

use core::fmt;

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::b64;
use crate::error::{Error, ErrorKind, Result};
use crate::json::{self, Object};
use crate::keys::Keyring;

use super::alg::{Algorithm, PrivateKey, PublicKey};
use super::jwk::{put_str, Members};

/// A private signing key: an algorithm, a `kid` and the key itself.
///
/// Made by [`generate`](Self::generate), read from a private JWK
/// ([`from_jwk`](Self::from_jwk), what `session-cache keygen` prints), or opened from a
/// row of Better Auth's `jwks` table ([`from_better_auth_row`](Self::from_better_auth_row))
/// so that a Rust service signs exactly as the auth server does. The secret parts are
/// zeroized on drop; `Debug` shows only the algorithm and the `kid`.
///
/// ```
/// use session_cache::jwks::{Algorithm, Jwks, SigningKey};
/// let key = SigningKey::generate(Algorithm::Es256)?;
/// let again = SigningKey::from_jwk(&key.to_jwk())?;
/// assert_eq!((again.kid(), again.algorithm()), (key.kid(), Algorithm::Es256));
/// assert!(!format!("{key:?}").contains("\"d\""));
/// let public = Jwks::from_signing_keys([&key]).to_json(); // what /jwks would serve
/// assert!(public.contains(key.kid()) && !public.contains("\"d\""));
/// # Ok::<(), session_cache::Error>(())
/// ```
pub struct SigningKey {
    kid: String,
    alg: Algorithm,
    key: PrivateKey,
}

impl SigningKey {
    /// A new random key for `alg` (RSA: 2048 bits, e = 65537, as the plugin generates),
    /// whose `kid` is its RFC 7638 thumbprint.
    pub fn generate(alg: Algorithm) -> Result<SigningKey> {
        let key = PrivateKey::generate(alg)?;
        let kid = thumbprint(&key.public());
        Ok(SigningKey { kid, alg, key })
    }

    /// A key from a private JWK's JSON text (`{"kty":…,"d":…,…,"alg":…,"kid":…}`).
    ///
    /// Without `kid`, the kid is the key's RFC 7638 thumbprint. Without `alg`, an OKP
    /// key is `EdDSA` and an EC key `ES256` or `ES512` by its curve; an RSA key needs its
    /// `alg`. The public members must match the private ones.
    pub fn from_jwk(text: &str) -> Result<SigningKey> {
        Self::from_jwk_with(text, None, None)
    }

    /// [`from_jwk`](Self::from_jwk) with the `kid` and `alg` given (they replace the
    /// JWK's own): how a Better Auth row is read, its `id` and `alg` beside the JWK.
    pub fn from_jwk_with(
        text: &str,
        kid: Option<&str>,
        alg: Option<Algorithm>,
    ) -> Result<SigningKey> {
        let mut obj = json::parse_object(text.as_bytes()).map_err(|_| {
            Error::new(
                ErrorKind::InvalidKey,
                "the private key is not a JSON object",
            )
        })?;
        let result = Self::from_object(&obj, kid, alg);
        obj.zeroize();
        result
    }

    fn from_object(obj: &Object, kid: Option<&str>, alg: Option<Algorithm>) -> Result<SigningKey> {
        let m = Members::new(obj, None);
        if !m.has_private() {
            return Err(m.invalid("is a public key: signing needs the private key (\"d\")"));
        }
        let key = PrivateKey::from_members(&m)?;
        let public = key.public();
        let alg = match alg {
            Some(a) => a,
            None => match m.string("alg")? {
                Some(name) => Algorithm::named(name)
                    .map(|(_, a)| a)
                    .ok_or_else(|| m.invalid(&format!("has an unsupported \"alg\" {name:?}")))?,
                None => match public.algorithms() {
                    [only] => *only,
                    _ => return Err(m.invalid("is an RSA key without \"alg\": say RS256 or PS256")),
                },
            },
        };
        if !public.fits(alg) {
            return Err(m.invalid(&format!("does not fit algorithm {alg}")));
        }
        let kid = match kid {
            Some(k) => k.to_owned(),
            None => match m.string("kid")? {
                Some(k) => k.to_owned(),
                None => thumbprint(&public),
            },
        };
        if kid.is_empty() {
            return Err(m.invalid("has an empty \"kid\""));
        }
        Ok(SigningKey { kid, alg, key })
    }

    /// Opens a row of Better Auth's `jwks` table — the JSON object `{"id", "publicKey",
    /// "privateKey", "alg", …}` as the database holds it — with the keyring Better Auth
    /// runs with. `privateKey` is `JSON.stringify` of the sealed private JWK:
    /// XChaCha20-Poly1305 under SHA-256 of the secret, hex of nonce, ciphertext and tag —
    /// bare with a single secret, `$ba$<version>$<hex>` with versioned secrets (a bare
    /// row then opens with the legacy secret); a plain JWK with
    /// `disablePrivateKeyEncryption`. The row's `id` is the
    /// `kid`; its `alg` (or, when null, `default_alg`, else `EdDSA` as the plugin
    /// assumes) the algorithm. The private key must match the row's `publicKey`.
    pub fn from_better_auth_row(
        row: &str,
        keys: &Keyring,
        default_alg: Option<Algorithm>,
    ) -> Result<SigningKey> {
        super::row::open(row, keys, default_alg)
    }

    /// This key as a row of Better Auth's `jwks` table, sealed with `keys`' current
    /// secret as `symmetricEncrypt` seals it (bare hex with a single secret, the
    /// `$ba$<version>$` envelope with versioned ones), created at `now` (Unix ms): the
    /// JSON object `{"id","publicKey","privateKey","createdAt","expiresAt":null,"alg",
    /// "crv"}` an operator can insert so that Better Auth signs with this key.
    pub fn to_better_auth_row(&self, keys: &Keyring, now: i64) -> Result<String> {
        use crate::json::{JsString, Value};
        let string = |s: &str| Value::String(JsString::from(s));
        let mut public = Object::new();
        self.key.public().write_members(&mut public);
        let sealed = super::row::seal(&self.to_jwk(), keys)?;
        let created = crate::jsdate::to_iso_string(now)
            .ok_or_else(|| Error::new(ErrorKind::InvalidOptions, "now is not a valid date"))?;
        let mut row = Object::new();
        row.insert("id", string(&self.kid));
        row.insert("publicKey", string(&public.to_js_string()));
        row.insert("privateKey", string(&string(&sealed).to_js_string()));
        row.insert("createdAt", string(&created));
        row.insert("expiresAt", Value::Null);
        row.insert("alg", string(self.alg.as_str()));
        if let Some(crv) = self.key.public().crv() {
            row.insert("crv", string(crv));
        }
        Ok(row.to_js_string())
    }

    /// The `kid`.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The algorithm.
    pub fn algorithm(&self) -> Algorithm {
        self.alg
    }

    /// The private JWK as JSON (public members, private members, `alg`, `kid`), zeroized
    /// on drop. Keep it secret.
    pub fn to_jwk(&self) -> Zeroizing<String> {
        let mut obj = Object::new();
        self.key.public().write_members(&mut obj);
        self.key.write_private_members(&mut obj);
        put_str(&mut obj, "alg", self.alg.as_str());
        put_str(&mut obj, "kid", &self.kid);
        let text = Zeroizing::new(obj.to_js_string());
        obj.zeroize();
        text
    }

    /// The public JWK as Better Auth's `/jwks` serves it (`{alg, crv, …, kid}`).
    pub fn public_jwk(&self) -> String {
        super::public_jwk(&self.key.public(), Some(self.alg.as_str()), Some(&self.kid))
            .to_js_string()
    }

    pub(crate) fn public_key(&self) -> PublicKey {
        self.key.public()
    }

    /// Signs `message` (a JWS signing input).
    pub(crate) fn sign_bytes(&self, message: &[u8]) -> Result<Vec<u8>> {
        self.key.sign(self.alg, message)
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("alg", &self.alg)
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

/// The RFC 7638 thumbprint of a public key (SHA-256, base64url).
fn thumbprint(key: &PublicKey) -> String {
    b64::url_encode(&Sha256::digest(key.thumbprint_input().as_bytes()))
}
