//! RSA keys for `RS256` and `PS256`: `{"kty":"RSA","n":…,"e":…}` of
//! [`RSA_MIN_BITS`](crate::defaults::RSA_MIN_BITS) to
//! [`RSA_MAX_BITS`](crate::defaults::RSA_MAX_BITS) bits (`jose` refuses keys under 2048
//! bits for both), and private keys with `d`, `p`, `q` (two primes; `dp`, `dq`, `qi` are
//! recomputed and checked).
//!
//! Signing is blinded (the `rsa` crate's `sign_with_rng`). The `rsa` crate's private-key
//! operations are not constant-time (RUSTSEC-2023-0071): prefer EdDSA or ECDSA for a key
//! that signs where an attacker can time it.

#[cfg(feature = "rsa-sign")]
use rsa::traits::PrivateKeyParts;
use rsa::traits::PublicKeyParts;
use rsa::traits::SignatureScheme;
#[cfg(feature = "rsa-sign")]
use rsa::RsaPrivateKey;
use rsa::{BigUint, RsaPublicKey};
use sha2::{Digest, Sha256};
#[cfg(feature = "rsa-sign")]
use zeroize::Zeroizing;

use crate::defaults::{RSA_MAX_BITS, RSA_MIN_BITS};
use crate::error::Result;
#[cfg(feature = "rsa-sign")]
use crate::error::{Error, ErrorKind};
use crate::json::Object;
#[cfg(feature = "rsa-sign")]
use crate::jwks::jwk::put_secret_b64;
use crate::jwks::jwk::{put_b64, put_str, Members};

/// An RSA public key of an accepted size.
#[derive(Clone)]
pub(crate) struct Public(pub(super) RsaPublicKey);

#[cfg(feature = "rsa-sign")]
/// An RSA private key (zeroized on drop by `rsa`).
pub(crate) struct Private(pub(super) RsaPrivateKey);

fn check_size(m: &Members<'_>, n: &BigUint) -> Result<()> {
    let bits = n.bits();
    if bits < RSA_MIN_BITS {
        return Err(m.invalid(&format!(
            "is an RSA key of {bits} bits, under the minimum of {RSA_MIN_BITS}"
        )));
    }
    if bits > RSA_MAX_BITS {
        return Err(m.invalid(&format!(
            "is an RSA key of {bits} bits, above the maximum of {RSA_MAX_BITS}"
        )));
    }
    Ok(())
}

impl Public {
    pub(crate) fn from_members(m: &Members<'_>) -> Result<Public> {
        let n = BigUint::from_bytes_be(&m.bytes("n")?);
        let e = BigUint::from_bytes_be(&m.bytes("e")?);
        check_size(m, &n)?;
        RsaPublicKey::new_with_max_size(n, e, RSA_MAX_BITS)
            .map(Public)
            .map_err(|_| m.invalid("has an unacceptable RSA modulus or exponent"))
    }

    pub(crate) fn write_members(&self, out: &mut Object) {
        put_str(out, "kty", "RSA");
        put_b64(out, "n", &self.0.n().to_bytes_be());
        put_b64(out, "e", &self.0.e().to_bytes_be());
    }

    /// The modulus size in bytes: the length of every signature.
    pub(super) fn size(&self) -> usize {
        self.0.size()
    }

    /// Whether `signature`, exactly as long as the modulus, signs SHA-256(`message`)
    /// under `scheme`.
    pub(super) fn verify_sha256(
        &self,
        scheme: impl SignatureScheme,
        message: &[u8],
        signature: &[u8],
    ) -> bool {
        signature.len() == self.size()
            && self
                .0
                .verify(scheme, &Sha256::digest(message), signature)
                .is_ok()
    }
}

#[cfg(feature = "rsa-sign")]
impl Private {
    /// The blinded signature of SHA-256(`message`) under `scheme`; `alg` names it in an
    /// error.
    pub(super) fn sign_sha256(
        &self,
        scheme: impl SignatureScheme,
        alg: &str,
        message: &[u8],
    ) -> Result<Vec<u8>> {
        self.0
            .sign_with_rng(&mut rand_core::OsRng, scheme, &Sha256::digest(message))
            .map_err(|e| Error::new(ErrorKind::InvalidKey, format!("{alg} signing failed: {e}")))
    }
}

#[cfg(feature = "rsa-sign")]
impl Private {
    #[cfg(feature = "rsa-keygen")]
    pub(crate) fn generate() -> Result<Private> {
        RsaPrivateKey::new(&mut rand_core::OsRng, RSA_MIN_BITS)
            .map(Private)
            .map_err(|e| Error::new(ErrorKind::Random, format!("RSA key generation failed: {e}")))
    }

    /// RSA key generation (prime search) is the feature `rsa-keygen`.
    #[cfg(not(feature = "rsa-keygen"))]
    pub(crate) fn generate() -> Result<Private> {
        Err(Error::new(
            ErrorKind::UnsupportedAlgorithm,
            "this build of session-cache cannot generate RSA keys (feature rsa-keygen)",
        ))
    }

    pub(crate) fn from_members(m: &Members<'_>) -> Result<Private> {
        if m.has_member("oth") {
            return Err(m.invalid("is a multi-prime RSA key, which is not supported"));
        }
        let n = BigUint::from_bytes_be(&m.bytes("n")?);
        let e = BigUint::from_bytes_be(&m.bytes("e")?);
        check_size(m, &n)?;
        let secret =
            |name: &str| -> Result<BigUint> { Ok(BigUint::from_bytes_be(&m.secret(name)?)) };
        let d = secret("d")?;
        let p = secret("p")?;
        let q = secret("q")?;
        let key = RsaPrivateKey::from_components(n, e, d, vec![p, q])
            .map_err(|_| m.invalid("is not a consistent RSA private key"))?;
        key.validate()
            .map_err(|_| m.invalid("is not a consistent RSA private key"))?;
        for (name, value) in [
            ("dp", key.dp()),
            ("dq", key.dq()),
            ("qi", key.crt_coefficient().as_ref()),
        ] {
            if m.has_member(name) {
                let given = secret(name)?;
                if value != Some(&given) {
                    return Err(m.invalid(&format!("has a \"{name}\" that does not match")));
                }
            }
        }
        Ok(Private(key))
    }

    pub(crate) fn public(&self) -> Public {
        Public(self.0.to_public_key())
    }

    pub(crate) fn write_private_members(&self, out: &mut Object) {
        let put = |out: &mut Object, name: &str, v: Option<&BigUint>| {
            if let Some(v) = v {
                put_secret_b64(out, name, &Zeroizing::new(v.to_bytes_be()));
            }
        };
        put(out, "d", Some(self.0.d()));
        let primes = self.0.primes();
        put(out, "p", primes.first());
        put(out, "q", primes.get(1));
        put(out, "dp", self.0.dp());
        put(out, "dq", self.0.dq());
        put(out, "qi", self.0.crt_coefficient().as_ref());
    }
}
