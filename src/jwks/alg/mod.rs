//! The five signature algorithms of Better Auth's JWT plugin, one file each, and the
//! key types they use: Ed25519 ([`eddsa`]), P-256 ([`es256`]), P-521 ([`es512`]) and RSA
//! ([`rsa_key`], signed with [`rs256`] or [`ps256`]).
//!
//! Everything here is RustCrypto (`ed25519-dalek`, `p256`, `p521`, `rsa`) and builds for
//! `wasm32-unknown-unknown`. Verification follows WebCrypto, which `jose` uses: an
//! ECDSA signature is `r || s` of fixed length (high `s` accepted, DER refused), an
//! Ed25519 signature needs a canonical `S`, an RSA signature is exactly as long as the
//! modulus, and PSS uses SHA-256 with a 32-byte salt.

//!
//! Each algorithm is a cargo feature (`eddsa`, `es256`, `es512`, `rsa`; all on by
//! default, `rsa-keygen` for RSA key generation). A build without one keeps parsing
//! key sets that hold such keys, but never verifies with them
//! ([`ErrorKind::UnsupportedAlgorithm`]).

#[cfg(feature = "eddsa")]
pub(crate) mod eddsa;
#[cfg(feature = "es256")]
pub(crate) mod es256;
#[cfg(feature = "es512")]
pub(crate) mod es512;
#[cfg(feature = "rsa")]
pub(crate) mod ps256;
#[cfg(feature = "rsa")]
pub(crate) mod rs256;
#[cfg(feature = "rsa")]
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

    /// Whether this build verifies and signs with the algorithm (its cargo feature —
    /// `eddsa`, `es256`, `es512`, `rsa` — is on; all are by default).
    pub const fn is_built_in(self) -> bool {
        match self {
            Algorithm::EdDsa => cfg!(feature = "eddsa"),
            Algorithm::Es256 => cfg!(feature = "es256"),
            Algorithm::Es512 => cfg!(feature = "es512"),
            Algorithm::Rs256 | Algorithm::Ps256 => cfg!(feature = "rsa"),
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

fn not_built(alg: Algorithm) -> Error {
    Error::new(
        ErrorKind::UnsupportedAlgorithm,
        format!("this build of session-cache leaves {alg} out"),
    )
}

/// A public key of a supported type.
#[derive(Clone)]
pub(crate) enum PublicKey {
    #[cfg(feature = "eddsa")]
    Ed25519(eddsa::Public),
    #[cfg(feature = "es256")]
    P256(es256::Public),
    #[cfg(feature = "es512")]
    P521(es512::Public),
    #[cfg(feature = "rsa")]
    Rsa(rsa_key::Public),
}

impl PublicKey {
    /// The algorithms that sign with this type of key (what `jose`'s `importJWK`
    /// accepts).
    pub(crate) fn algorithms(&self) -> &'static [Algorithm] {
        match *self {
            #[cfg(feature = "eddsa")]
            PublicKey::Ed25519(_) => &[Algorithm::EdDsa],
            #[cfg(feature = "es256")]
            PublicKey::P256(_) => &[Algorithm::Es256],
            #[cfg(feature = "es512")]
            PublicKey::P521(_) => &[Algorithm::Es512],
            #[cfg(feature = "rsa")]
            PublicKey::Rsa(_) => &[Algorithm::Rs256, Algorithm::Ps256],
        }
    }

    /// Whether `alg` signs with this type of key.
    pub(crate) fn fits(&self, alg: Algorithm) -> bool {
        self.algorithms().contains(&alg)
    }

    /// Verifies `signature` over `message` with `alg`, which must [fit](Self::fits).
    pub(crate) fn verify(&self, alg: Algorithm, message: &[u8], signature: &[u8]) -> bool {
        let _ = (message, signature);
        match (self, alg) {
            #[cfg(feature = "eddsa")]
            (PublicKey::Ed25519(k), Algorithm::EdDsa) => eddsa::verify(k, message, signature),
            #[cfg(feature = "es256")]
            (PublicKey::P256(k), Algorithm::Es256) => es256::verify(k, message, signature),
            #[cfg(feature = "es512")]
            (PublicKey::P521(k), Algorithm::Es512) => es512::verify(k, message, signature),
            #[cfg(feature = "rsa")]
            (PublicKey::Rsa(k), Algorithm::Rs256) => rs256::verify(k, message, signature),
            #[cfg(feature = "rsa")]
            (PublicKey::Rsa(k), Algorithm::Ps256) => ps256::verify(k, message, signature),
            #[allow(unreachable_patterns)]
            _ => false,
        }
    }

    /// Appends the key's members in the order `jose`'s `exportJWK` writes them (OKP
    /// `crv, x, kty`; EC `kty, x, y, crv`; RSA `kty, n, e`).
    pub(crate) fn write_members(&self, out: &mut Object) {
        let _ = &out;
        match *self {
            #[cfg(feature = "eddsa")]
            PublicKey::Ed25519(ref k) => k.write_members(out),
            #[cfg(feature = "es256")]
            PublicKey::P256(ref k) => k.write_members(out),
            #[cfg(feature = "es512")]
            PublicKey::P521(ref k) => k.write_members(out),
            #[cfg(feature = "rsa")]
            PublicKey::Rsa(ref k) => k.write_members(out),
        }
    }

    /// The `crv` member, for OKP and EC keys.
    pub(crate) fn crv(&self) -> Option<&'static str> {
        match *self {
            #[cfg(feature = "eddsa")]
            PublicKey::Ed25519(_) => Some("Ed25519"),
            #[cfg(feature = "es256")]
            PublicKey::P256(_) => Some("P-256"),
            #[cfg(feature = "es512")]
            PublicKey::P521(_) => Some("P-521"),
            #[cfg(feature = "rsa")]
            PublicKey::Rsa(_) => None,
        }
    }

    /// The RFC 7638 members, in the lexicographic order the thumbprint hashes them.
    pub(crate) fn thumbprint_input(&self) -> String {
        let mut required = Object::new();
        let mut all = Object::new();
        self.write_members(&mut all);
        let names: &[&str] = match (all.get("kty").and_then(|v| v.as_str()), self.crv()) {
            (Some("RSA"), _) => &["e", "kty", "n"],
            (_, Some(_)) if all.contains_key("y") => &["crv", "kty", "x", "y"],
            _ => &["crv", "kty", "x"],
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
            #[cfg(feature = "eddsa")]
            ("OKP", Some("Ed25519")) => Some(PublicKey::Ed25519(eddsa::Public::from_members(m)?)),
            #[cfg(feature = "es256")]
            ("EC", Some("P-256")) => Some(PublicKey::P256(es256::Public::from_members(m)?)),
            #[cfg(feature = "es512")]
            ("EC", Some("P-521")) => Some(PublicKey::P521(es512::Public::from_members(m)?)),
            #[cfg(feature = "rsa")]
            ("RSA", _) => Some(PublicKey::Rsa(rsa_key::Public::from_members(m)?)),
            ("OKP" | "EC", None) => return Err(m.invalid("has no \"crv\"")),
            _ => None,
        })
    }
}

/// A private key of a supported type. Its secret parts are zeroized on drop and never
/// shown.
pub(crate) enum PrivateKey {
    #[cfg(feature = "eddsa")]
    Ed25519(eddsa::Private),
    #[cfg(feature = "es256")]
    P256(es256::Private),
    #[cfg(feature = "es512")]
    P521(es512::Private),
    #[cfg(feature = "rsa")]
    Rsa(rsa_key::Private),
}

impl PrivateKey {
    /// A new random key for `alg` (RSA: 2048 bits, e = 65537, as `jose` generates).
    #[allow(unreachable_code)]
    pub(crate) fn generate(alg: Algorithm) -> Result<PrivateKey> {
        Ok(match alg {
            #[cfg(feature = "eddsa")]
            Algorithm::EdDsa => PrivateKey::Ed25519(eddsa::Private::generate()?),
            #[cfg(feature = "es256")]
            Algorithm::Es256 => PrivateKey::P256(es256::Private::generate()),
            #[cfg(feature = "es512")]
            Algorithm::Es512 => PrivateKey::P521(es512::Private::generate()),
            #[cfg(feature = "rsa")]
            Algorithm::Rs256 | Algorithm::Ps256 => PrivateKey::Rsa(rsa_key::Private::generate()?),
            #[allow(unreachable_patterns)]
            other => return Err(not_built(other)),
        })
    }

    /// The matching public key.
    pub(crate) fn public(&self) -> PublicKey {
        match *self {
            #[cfg(feature = "eddsa")]
            PrivateKey::Ed25519(ref k) => PublicKey::Ed25519(k.public()),
            #[cfg(feature = "es256")]
            PrivateKey::P256(ref k) => PublicKey::P256(k.public()),
            #[cfg(feature = "es512")]
            PrivateKey::P521(ref k) => PublicKey::P521(k.public()),
            #[cfg(feature = "rsa")]
            PrivateKey::Rsa(ref k) => PublicKey::Rsa(k.public()),
        }
    }

    /// Signs `message` with `alg`, which must fit the key.
    pub(crate) fn sign(&self, alg: Algorithm, message: &[u8]) -> Result<Vec<u8>> {
        let _ = message;
        match (self, alg) {
            #[cfg(feature = "eddsa")]
            (PrivateKey::Ed25519(k), Algorithm::EdDsa) => Ok(eddsa::sign(k, message)),
            #[cfg(feature = "es256")]
            (PrivateKey::P256(k), Algorithm::Es256) => Ok(es256::sign(k, message)),
            #[cfg(feature = "es512")]
            (PrivateKey::P521(k), Algorithm::Es512) => Ok(es512::sign(k, message)),
            #[cfg(feature = "rsa")]
            (PrivateKey::Rsa(k), Algorithm::Rs256) => rs256::sign(k, message),
            #[cfg(feature = "rsa")]
            (PrivateKey::Rsa(k), Algorithm::Ps256) => ps256::sign(k, message),
            #[allow(unreachable_patterns)]
            _ => Err(Error::new(
                ErrorKind::InvalidKey,
                format!("{alg} does not sign with this type of key"),
            )),
        }
    }

    /// Appends the private members (`d`, and for RSA `p`, `q`, `dp`, `dq`, `qi`) after
    /// the public ones.
    pub(crate) fn write_private_members(&self, out: &mut Object) {
        let _ = &out;
        match *self {
            #[cfg(feature = "eddsa")]
            PrivateKey::Ed25519(ref k) => k.write_private_members(out),
            #[cfg(feature = "es256")]
            PrivateKey::P256(ref k) => k.write_private_members(out),
            #[cfg(feature = "es512")]
            PrivateKey::P521(ref k) => k.write_private_members(out),
            #[cfg(feature = "rsa")]
            PrivateKey::Rsa(ref k) => k.write_private_members(out),
        }
    }

    /// Parses a private JWK of a supported type; its public members, when present, must
    /// match the private ones.
    #[allow(unreachable_code)]
    pub(crate) fn from_members(m: &Members<'_>) -> Result<PrivateKey> {
        Ok(match (m.kty()?, m.crv()?) {
            #[cfg(feature = "eddsa")]
            ("OKP", Some("Ed25519")) => PrivateKey::Ed25519(eddsa::Private::from_members(m)?),
            #[cfg(feature = "es256")]
            ("EC", Some("P-256")) => PrivateKey::P256(es256::Private::from_members(m)?),
            #[cfg(feature = "es512")]
            ("EC", Some("P-521")) => PrivateKey::P521(es512::Private::from_members(m)?),
            #[cfg(feature = "rsa")]
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
