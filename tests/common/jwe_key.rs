//! Better Auth's JWE key for a secret, derived independently of the crate (HKDF-SHA-256,
//! the salt and info of `dist/cookies/session-store.mjs`), for the tests that build or
//! tamper with JWE values by hand.

use sha2::Sha256;

/// Better Auth's JWE key for `secret`: the MAC half, then the AES half.
pub fn jwe_key(secret: &str) -> [u8; 64] {
    let mut key = [0u8; 64];
    hkdf::Hkdf::<Sha256>::new(Some(b"better-auth-session"), secret.as_bytes())
        .expand(b"BetterAuth.js Generated Encryption Key", &mut key)
        .unwrap();
    key
}
