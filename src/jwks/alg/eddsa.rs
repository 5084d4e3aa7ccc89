//! EdDSA over Ed25519 (`"EdDSA"`, also named `"Ed25519"`): the JWT plugin's default.
//! OKP keys `{"crv":"Ed25519","x":…}` (32 bytes), 64-byte signatures with a canonical
//! `S` (`ed25519-dalek`, as WebCrypto requires).

use ed25519_dalek::{Signer, Verifier};

use crate::error::Result;
use crate::json::Object;
use crate::jwks::jwk::{put_b64, put_secret_b64, put_str, Members};

/// An Ed25519 public key.
#[derive(Clone)]
pub(crate) struct Public(ed25519_dalek::VerifyingKey);

/// An Ed25519 private key (zeroized on drop by `ed25519-dalek`).
pub(crate) struct Private(ed25519_dalek::SigningKey);

impl Public {
    pub(crate) fn from_members(m: &Members<'_>) -> Result<Public> {
        let x = m.fixed::<32>("x")?;
        ed25519_dalek::VerifyingKey::from_bytes(&x)
            .map(Public)
            .map_err(|_| m.invalid("has an \"x\" that is not an Ed25519 point"))
    }

    pub(crate) fn write_members(&self, out: &mut Object) {
        put_str(out, "crv", "Ed25519");
        put_b64(out, "x", self.0.as_bytes());
        put_str(out, "kty", "OKP");
    }
}

impl Private {
    pub(crate) fn generate() -> Result<Private> {
        let mut seed = zeroize::Zeroizing::new([0u8; 32]);
        crate::keys::fill_random(&mut seed[..])?;
        Ok(Private(ed25519_dalek::SigningKey::from_bytes(&seed)))
    }

    pub(crate) fn from_members(m: &Members<'_>) -> Result<Private> {
        let d = m.secret("d")?;
        let seed: &[u8; 32] = d[..]
            .try_into()
            .map_err(|_| m.invalid("has a \"d\" that is not 32 bytes"))?;
        let key = Private(ed25519_dalek::SigningKey::from_bytes(seed));
        if m.bytes("x")? != key.0.verifying_key().as_bytes() {
            return Err(m.invalid("has an \"x\" that does not match its \"d\""));
        }
        Ok(key)
    }

    pub(crate) fn public(&self) -> Public {
        Public(self.0.verifying_key())
    }

    pub(crate) fn write_private_members(&self, out: &mut Object) {
        put_secret_b64(out, "d", self.0.as_bytes());
    }
}

pub(crate) fn verify(key: &Public, message: &[u8], signature: &[u8]) -> bool {
    let Ok(bytes) = <[u8; 64]>::try_from(signature) else {
        return false;
    };
    key.0
        .verify(message, &ed25519_dalek::Signature::from_bytes(&bytes))
        .is_ok()
}

pub(crate) fn sign(key: &Private, message: &[u8]) -> Vec<u8> {
    key.0.sign(message).to_bytes().to_vec()
}
