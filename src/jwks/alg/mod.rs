//! The five signature algorithms of Better Auth's JWT plugin, one file each, and the
//! key types they use: Ed25519 ([`eddsa`]), P-256 ([`es256`]), P-521 ([`es512`]) and RSA
//! ([`rsa_key`], signed with [`rs256`] or [`ps256`]).
//!
//! Everything here is RustCrypto (`ed25519-dalek`, `p256`, `p521`, `rsa`) and builds for
//! `wasm32-unknown-unknown`. Verification follows WebCrypto, which `jose` uses: an
//! ECDSA signature is `r || s` of fixed length (high `s` accepted, DER refused), an
//! Ed25519 signature needs a canonical `S`, an RSA signature is exactly as long as the
//! modulus, and PSS uses SHA-256 with a 32-byte salt.

pub(crate) mod eddsa;
pub(crate) mod es256;
pub(crate) mod es512;
pub(crate) mod ps256;
pub(crate) mod rs256;
pub(crate) mod rsa_key;

use core::fmt;
use core::str::FromStr;

use crate::error::{Error, ErrorKind, Result};
use crate::json::Object;

use super::jwk::Members;

/// A signature algorithm of Better Auth's JWT plugin (`jwks.keyPairConfig.alg`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// Ed25519 (the plugin's default), `"EdDSA"`.
    EdDsa,
    /// ECDSA on P-256 with SHA-256, `"ES256"`.
    Es256,
    /// ECDSA on P-521 with SHA-512, `"ES512"`.
    Es512,
    /// RSASSA-PKCS1-v1_5 with SHA-256, `"RS256"` (2048-bit keys or larger).
    Rs256,
    /// RSASSA-PSS with SHA-256 and a 32-byte salt, `"PS256"` (2048-bit keys or larger).
    Ps256,
}

/// Every `alg` name accepted, and its algorithm. `Ed25519` is the fully-specified name
/// (RFC 9864) of `EdDSA` over Ed25519, which `jose` also accepts.
const NAMES: [(&str, Algorithm); 6] = [
    ("EdDSA", Algorithm::EdDsa),
    ("Ed25519", Algorithm::EdDsa),
    ("ES256", Algorithm::Es256),
    ("ES512", Algorithm::Es512),
    ("RS256", Algorithm::Rs256),
    ("PS256", Algorithm::Ps256),
];

impl Algorithm {
    /// The five algorithms.
    pub const ALL: [Algorithm; 5] = [
        Algorithm::EdDsa,
        Algorithm::Es256,
        Algorithm::Es512,
        Algorithm::Rs256,
        Algorithm::Ps256,
    ];

    /// The JOSE name: `"EdDSA"`, `"ES256"`, `"ES512"`, `"RS256"` or `"PS256"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Algorithm::EdDsa => "EdDSA",
            Algorithm::Es256 => "ES256",
            Algorithm::Es512 => "ES512",
            Algorithm::Rs256 => "RS256",
            Algorithm::Ps256 => "PS256",
        }
    }

    /// The accepted spelling equal to `name` (`"EdDSA"`, `"Ed25519"`, `"ES256"`, …) as
    /// a static string, with its algorithm.
    pub(crate) fn named(name: &str) -> Option<(&'static str, Algorithm)> {
        NAMES.iter().find(|(n, _)| *n == name).copied()
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Algorithm {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Algorithm::ALL
            .into_iter()
            .find(|a| a.as_str() == s)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidOptions,
                    format!(
                        "unknown algorithm {s:?}: expected EdDSA, ES256, ES512, RS256 or PS256"
                    ),
                )
            })
    }
}

/// A public key of a supported type.
#[derive(Clone)]
pub(crate) enum PublicKey {
    Ed25519(eddsa::Public),
    P256(es256::Public),
    P521(es512::Public),
    Rsa(rsa_key::Public),
}

impl PublicKey {
    /// Whether `alg` signs with this type of key (what `jose`'s `importJWK` accepts).
    pub(crate) fn fits(&self, alg: Algorithm) -> bool {
        matches!(
            (self, alg),
            (PublicKey::Ed25519(_), Algorithm::EdDsa)
                | (PublicKey::P256(_), Algorithm::Es256)
                | (PublicKey::P521(_), Algorithm::Es512)
                | (PublicKey::Rsa(_), Algorithm::Rs256 | Algorithm::Ps256)
        )
    }

    /// Verifies `signature` over `message` with `alg`, which must [fit](Self::fits).
    pub(crate) fn verify(&self, alg: Algorithm, message: &[u8], signature: &[u8]) -> bool {
        match (self, alg) {
            (PublicKey::Ed25519(k), Algorithm::EdDsa) => eddsa::verify(k, message, signature),
            (PublicKey::P256(k), Algorithm::Es256) => es256::verify(k, message, signature),
            (PublicKey::P521(k), Algorithm::Es512) => es512::verify(k, message, signature),
            (PublicKey::Rsa(k), Algorithm::Rs256) => rs256::verify(k, message, signature),
            (PublicKey::Rsa(k), Algorithm::Ps256) => ps256::verify(k, message, signature),
            _ => false,
        }
    }

    /// Appends the key's members in the order `jose`'s `exportJWK` writes them (OKP
    /// `crv, x, kty`; EC `kty, x, y, crv`; RSA `kty, n, e`).
    pub(crate) fn write_members(&self, out: &mut Object) {
        match self {
            PublicKey::Ed25519(k) => k.write_members(out),
            PublicKey::P256(k) => k.write_members(out),
            PublicKey::P521(k) => k.write_members(out),
            PublicKey::Rsa(k) => k.write_members(out),
        }
    }

    /// The `crv` member, for OKP and EC keys.
    pub(crate) fn crv(&self) -> Option<&'static str> {
        match self {
            PublicKey::Ed25519(_) => Some("Ed25519"),
            PublicKey::P256(_) => Some("P-256"),
            PublicKey::P521(_) => Some("P-521"),
            PublicKey::Rsa(_) => None,
        }
    }

    /// The RFC 7638 members, in the lexicographic order the thumbprint hashes them.
    pub(crate) fn thumbprint_input(&self) -> String {
        let mut required = Object::new();
        let mut all = Object::new();
        self.write_members(&mut all);
        let names: &[&str] = match self {
            PublicKey::Ed25519(_) => &["crv", "kty", "x"],
            PublicKey::P256(_) | PublicKey::P521(_) => &["crv", "kty", "x", "y"],
            PublicKey::Rsa(_) => &["e", "kty", "n"],
        };
        for name in names {
            if let Some(v) = all.get(name) {
                required.insert(*name, v.clone());
            }
        }
        required.to_js_string()
    }

    /// Parses the public members of a JWK of a supported type; `Ok(None)` for a key
    /// type or curve this crate does not implement (skipped in a key set).
    pub(crate) fn from_members(m: &Members<'_>) -> Result<Option<PublicKey>> {
        Ok(match (m.kty()?, m.crv()?) {
            ("OKP", Some("Ed25519")) => Some(PublicKey::Ed25519(eddsa::Public::from_members(m)?)),
            ("EC", Some("P-256")) => Some(PublicKey::P256(es256::Public::from_members(m)?)),
            ("EC", Some("P-521")) => Some(PublicKey::P521(es512::Public::from_members(m)?)),
            ("RSA", _) => Some(PublicKey::Rsa(rsa_key::Public::from_members(m)?)),
            ("OKP" | "EC", None) => return Err(m.invalid("has no \"crv\"")),
            _ => None,
        })
    }
}

/// A private key of a supported type. Its secret parts are zeroized on drop and never
/// shown.
pub(crate) enum PrivateKey {
    Ed25519(eddsa::Private),
    P256(es256::Private),
    P521(es512::Private),
    Rsa(rsa_key::Private),
}

impl PrivateKey {
    /// A new random key for `alg` (RSA: 2048 bits, e = 65537, as `jose` generates).
    pub(crate) fn generate(alg: Algorithm) -> Result<PrivateKey> {
        Ok(match alg {
            Algorithm::EdDsa => PrivateKey::Ed25519(eddsa::Private::generate()?),
            Algorithm::Es256 => PrivateKey::P256(es256::Private::generate()),
            Algorithm::Es512 => PrivateKey::P521(es512::Private::generate()),
            Algorithm::Rs256 | Algorithm::Ps256 => PrivateKey::Rsa(rsa_key::Private::generate()?),
        })
    }

    /// The matching public key.
    pub(crate) fn public(&self) -> PublicKey {
        match self {
            PrivateKey::Ed25519(k) => PublicKey::Ed25519(k.public()),
            PrivateKey::P256(k) => PublicKey::P256(k.public()),
            PrivateKey::P521(k) => PublicKey::P521(k.public()),
            PrivateKey::Rsa(k) => PublicKey::Rsa(k.public()),
        }
    }

    /// Signs `message` with `alg`, which must fit the key.
    pub(crate) fn sign(&self, alg: Algorithm, message: &[u8]) -> Result<Vec<u8>> {
        match (self, alg) {
            (PrivateKey::Ed25519(k), Algorithm::EdDsa) => Ok(eddsa::sign(k, message)),
            (PrivateKey::P256(k), Algorithm::Es256) => Ok(es256::sign(k, message)),
            (PrivateKey::P521(k), Algorithm::Es512) => Ok(es512::sign(k, message)),
            (PrivateKey::Rsa(k), Algorithm::Rs256) => rs256::sign(k, message),
            (PrivateKey::Rsa(k), Algorithm::Ps256) => ps256::sign(k, message),
            _ => Err(Error::new(
                ErrorKind::InvalidKey,
                format!("{alg} does not sign with this type of key"),
            )),
        }
    }

    /// Appends the private members (`d`, and for RSA `p`, `q`, `dp`, `dq`, `qi`) after
    /// the public ones.
    pub(crate) fn write_private_members(&self, out: &mut Object) {
        match self {
            PrivateKey::Ed25519(k) => k.write_private_members(out),
            PrivateKey::P256(k) => k.write_private_members(out),
            PrivateKey::P521(k) => k.write_private_members(out),
            PrivateKey::Rsa(k) => k.write_private_members(out),
        }
    }

    /// Parses a private JWK of a supported type; its public members, when present, must
    /// match the private ones.
    pub(crate) fn from_members(m: &Members<'_>) -> Result<PrivateKey> {
        Ok(match (m.kty()?, m.crv()?) {
            ("OKP", Some("Ed25519")) => PrivateKey::Ed25519(eddsa::Private::from_members(m)?),
            ("EC", Some("P-256")) => PrivateKey::P256(es256::Private::from_members(m)?),
            ("EC", Some("P-521")) => PrivateKey::P521(es512::Private::from_members(m)?),
            ("RSA", _) => PrivateKey::Rsa(rsa_key::Private::from_members(m)?),
            (kty, crv) => {
                return Err(Error::new(
                    ErrorKind::InvalidKey,
                    format!(
                        "unsupported private key type {kty:?}{}: expected OKP Ed25519, EC P-256, EC P-521 or RSA",
                        crv.map(|c| format!(" ({c:?})")).unwrap_or_default()
                    ),
                ))
            }
        })
    }
}
