//! ECDSA on P-521 with SHA-512 (`"ES512"`): EC keys `{"crv":"P-521","x":…,"y":…}` (66
//! bytes each), 132-byte `r || s` signatures (signing uses a random nonce, as `p521`
//! implements it). As in WebCrypto, a high `s` verifies and a
//! DER signature does not.

use p521::ecdsa::signature::{RandomizedSigner, Verifier};
use p521::elliptic_curve::sec1::FromEncodedPoint;

use crate::error::Result;
use crate::json::Object;
use crate::jwks::jwk::{put_b64, put_secret_b64, put_str, Members};

/// A P-521 public key.
#[derive(Clone)]
pub(crate) struct Public(p521::ecdsa::VerifyingKey);

/// A P-521 private key (zeroized on drop by `p521`).
pub(crate) struct Private(p521::ecdsa::SigningKey);

impl Public {
    pub(crate) fn from_members(m: &Members<'_>) -> Result<Public> {
        let x = m.fixed::<66>("x")?;
        let y = m.fixed::<66>("y")?;
        let point = p521::EncodedPoint::from_affine_coordinates(
            &p521::FieldBytes::clone_from_slice(&x),
            &p521::FieldBytes::clone_from_slice(&y),
            false,
        );
        Option::<p521::PublicKey>::from(p521::PublicKey::from_encoded_point(&point))
            .and_then(|k| p521::ecdsa::VerifyingKey::from_affine(*k.as_affine()).ok())
            .map(Public)
            .ok_or_else(|| m.invalid("is not a point of P-521"))
    }

    pub(crate) fn write_members(&self, out: &mut Object) {
        let point = self.0.to_encoded_point(false);
        put_str(out, "kty", "EC");
        put_b64(out, "x", point.x().map(|x| &x[..]).unwrap_or_default());
        put_b64(out, "y", point.y().map(|y| &y[..]).unwrap_or_default());
        put_str(out, "crv", "P-521");
    }
}

impl Private {
    pub(crate) fn generate() -> Private {
        Private(p521::ecdsa::SigningKey::random(&mut rand_core::OsRng))
    }

    pub(crate) fn from_members(m: &Members<'_>) -> Result<Private> {
        let d = m.secret("d")?;
        if d.len() != 66 {
            return Err(m.invalid("has a \"d\" that is not 66 bytes"));
        }
        let key = p521::ecdsa::SigningKey::from_slice(&d)
            .map(Private)
            .map_err(|_| m.invalid("has a \"d\" that is not a P-521 scalar"))?;
        let public = Public::from_members(m)?;
        if public.0.as_affine() != p521::ecdsa::VerifyingKey::from(&key.0).as_affine() {
            return Err(m.invalid("has an \"x\", \"y\" that do not match its \"d\""));
        }
        Ok(key)
    }

    pub(crate) fn public(&self) -> Public {
        Public(p521::ecdsa::VerifyingKey::from(&self.0))
    }

    pub(crate) fn write_private_members(&self, out: &mut Object) {
        put_secret_b64(out, "d", &zeroize::Zeroizing::new(self.0.to_bytes())[..]);
    }
}

pub(crate) fn verify(key: &Public, message: &[u8], signature: &[u8]) -> bool {
    if signature.len() != 132 {
        return false;
    }
    match p521::ecdsa::Signature::from_slice(signature) {
        Ok(sig) => key.0.verify(message, &sig).is_ok(),
        Err(_) => false,
    }
}

pub(crate) fn sign(key: &Private, message: &[u8]) -> Vec<u8> {
    let sig: p521::ecdsa::Signature = key.0.sign_with_rng(&mut rand_core::OsRng, message);
    sig.to_bytes().to_vec()
}
