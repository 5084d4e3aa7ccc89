//! RSASSA-PKCS1-v1_5 with SHA-256 (`"RS256"`). The signature must be exactly as long as
//! the modulus (a 257-byte signature for a 2048-bit key is refused, as WebCrypto
//! refuses it).

use rsa::Pkcs1v15Sign;
use sha2::Sha256;

#[cfg(feature = "rsa-sign")]
use super::rsa_key::Private;
use super::rsa_key::Public;
#[cfg(feature = "rsa-sign")]
use crate::error::Result;

pub(crate) fn verify(key: &Public, message: &[u8], signature: &[u8]) -> bool {
    key.verify_sha256(Pkcs1v15Sign::new::<Sha256>(), message, signature)
}

#[cfg(feature = "rsa-sign")]
pub(crate) fn sign(key: &Private, message: &[u8]) -> Result<Vec<u8>> {
    key.sign_sha256(Pkcs1v15Sign::new::<Sha256>(), "RS256", message)
}
