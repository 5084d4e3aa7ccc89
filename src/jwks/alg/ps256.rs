//! RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt (`"PS256"`, the salt length
//! WebCrypto and `jose` use). The signature must be exactly as long as the modulus.

use rsa::Pss;
use sha2::Sha256;

#[cfg(feature = "rsa-sign")]
use super::rsa_key::Private;
use super::rsa_key::Public;
#[cfg(feature = "rsa-sign")]
use crate::error::Result;

pub(crate) fn verify(key: &Public, message: &[u8], signature: &[u8]) -> bool {
    key.verify_sha256(Pss::new::<Sha256>(), message, signature)
}

#[cfg(feature = "rsa-sign")]
pub(crate) fn sign(key: &Private, message: &[u8]) -> Result<Vec<u8>> {
    key.sign_sha256(Pss::new_blinded::<Sha256>(), "PS256", message)
}
