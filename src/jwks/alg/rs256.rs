//! RSASSA-PKCS1-v1_5 with SHA-256 (`"RS256"`). The signature must be exactly as long as
//! the modulus (a 257-byte signature for a 2048-bit key is refused, as WebCrypto
//! refuses it).

use rsa::Pkcs1v15Sign;
use sha2::{Digest, Sha256};

use super::rsa_key::{Private, Public};
use crate::error::{Error, ErrorKind, Result};

pub(crate) fn verify(key: &Public, message: &[u8], signature: &[u8]) -> bool {
    signature.len() == key.size()
        && key
            .0
            .verify(
                Pkcs1v15Sign::new::<Sha256>(),
                &Sha256::digest(message),
                signature,
            )
            .is_ok()
}

pub(crate) fn sign(key: &Private, message: &[u8]) -> Result<Vec<u8>> {
    key.0
        .sign_with_rng(
            &mut rand_core::OsRng,
            Pkcs1v15Sign::new::<Sha256>(),
            &Sha256::digest(message),
        )
        .map_err(|e| Error::new(ErrorKind::InvalidKey, format!("RS256 signing failed: {e}")))
}
