//! RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt (`"PS256"`, the salt length
//! WebCrypto and `jose` use). The signature must be exactly as long as the modulus.

use rsa::Pss;
use sha2::{Digest, Sha256};

use super::rsa_key::{Private, Public};
use crate::error::{Error, ErrorKind, Result};

pub(crate) fn verify(key: &Public, message: &[u8], signature: &[u8]) -> bool {
    signature.len() == key.size()
        && key
            .0
            .verify(Pss::new::<Sha256>(), &Sha256::digest(message), signature)
            .is_ok()
}

pub(crate) fn sign(key: &Private, message: &[u8]) -> Result<Vec<u8>> {
    key.0
        .sign_with_rng(
            &mut rand_core::OsRng,
            Pss::new_blinded::<Sha256>(),
            &Sha256::digest(message),
        )
        .map_err(|e| Error::new(ErrorKind::InvalidKey, format!("PS256 signing failed: {e}")))
}
