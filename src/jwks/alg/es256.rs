//! ECDSA on P-256 with SHA-256 (`"ES256"`): EC keys `{"crv":"P-256","x":…,"y":…}` (32
//! bytes each), 64-byte `r || s` signatures. As in WebCrypto, a high `s` verifies and a
//! DER signature does not.

use p256::ecdsa::signature::{Signer, Verifier};
use p256::elliptic_curve::sec1::FromEncodedPoint;

use crate::error::Result;
use crate::json::Object;
use crate::jwks::jwk::{put_b64, put_secret_b64, put_str, Members};

/// A P-256 public key.
#[derive(Clone)]
pub(crate) struct Public(p256::ecdsa::VerifyingKey);

/// A P-256 private key (zeroized on drop by `p256`).
pub(crate) struct Private(p256::ecdsa::SigningKey);

impl Public {
    pub(crate) fn from_members(m: &Members<'_>) -> Result<Public> {
        let x = m.fixed::<32>("x")?;
        let y = m.fixed::<32>("y")?;
        let point = p256::EncodedPoint::from_affine_coordinates(&x.into(), &y.into(), false);
        Option::<p256::PublicKey>::from(p256::PublicKey::from_encoded_point(&point))
            .map(|k| Public(k.into()))
            .ok_or_else(|| m.invalid("is not a point of P-256"))
    }

    pub(crate) fn write_members(&self, out: &mut Object) {
        let point = self.0.to_encoded_point(false);
        put_str(out, "kty", "EC");
        put_b64(out, "x", point.x().map(|x| &x[..]).unwrap_or_default());
        put_b64(out, "y", point.y().map(|y| &y[..]).unwrap_or_default());
        put_str(out, "crv", "P-256");
    }
}

impl Private {
    pub(crate) fn generate() -> Private {
        Private(p256::ecdsa::SigningKey::random(&mut rand_core::OsRng))
    }

    pub(crate) fn from_members(m: &Members<'_>) -> Result<Private> {
        let d = m.secret("d")?;
        if d.len() != 32 {
            return Err(m.invalid("has a \"d\" that is not 32 bytes"));
        }
        let key = p256::ecdsa::SigningKey::from_slice(&d)
            .map(Private)
            .map_err(|_| m.invalid("has a \"d\" that is not a P-256 scalar"))?;
        let public = Public::from_members(m)?;
        if public.0 != *key.0.verifying_key() {
            return Err(m.invalid("has an \"x\", \"y\" that do not match its \"d\""));
        }
        Ok(key)
    }

    pub(crate) fn public(&self) -> Public {
        Public(*self.0.verifying_key())
    }

    pub(crate) fn write_private_members(&self, out: &mut Object) {
        put_secret_b64(out, "d", &zeroize::Zeroizing::new(self.0.to_bytes())[..]);
    }
}

pub(crate) fn verify(key: &Public, message: &[u8], signature: &[u8]) -> bool {
    if signature.len() != 64 {
        return false;
    }
    match p256::ecdsa::Signature::from_slice(signature) {
        Ok(sig) => key.0.verify(message, &sig).is_ok(),
        Err(_) => false,
    }
}

pub(crate) fn sign(key: &Private, message: &[u8]) -> Vec<u8> {
    let sig: p256::ecdsa::Signature = key.0.sign(message);
    sig.to_bytes().to_vec()
}
