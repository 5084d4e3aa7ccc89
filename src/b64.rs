//! Base64 for the formats.
//!
//! Cookie values, JOSE parts, IVs, tags and MACs are public: they are decoded by
//! `base64-simd` (SIMD where the target has it) and encoded by the table-driven encoder
//! below, strictly (canonical base64url without padding, the unused bits of the last
//! character zero), so each value has one spelling. Secret
//! material (the JWE key, encoded to compute its thumbprint) goes through `base64ct`,
//! whose timing does not depend on the data.

use base64ct::{Base64, Base64UrlUnpadded, Encoding};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

const URL_ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding.
pub(crate) fn url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    url_encode_into(bytes, &mut out);
    out
}

/// Appends base64url without padding of `bytes` to `out`.
pub(crate) fn url_encode_into(bytes: &[u8], out: &mut String) {
    let mut buf = Vec::with_capacity(bytes.len().div_ceil(3) * 4);
    let sextet = |v: u32| URL_ALPHABET[(v & 63) as usize];
    let mut chunks = bytes.chunks_exact(3);
    for c in &mut chunks {
        let v = u32::from(c[0]) << 16 | u32::from(c[1]) << 8 | u32::from(c[2]);
        buf.extend_from_slice(&[sextet(v >> 18), sextet(v >> 12), sextet(v >> 6), sextet(v)]);
    }
    match *chunks.remainder() {
        [a] => {
            let v = u32::from(a) << 16;
            buf.extend_from_slice(&[sextet(v >> 18), sextet(v >> 12)]);
        }
        [a, b] => {
            let v = u32::from(a) << 16 | u32::from(b) << 8;
            buf.extend_from_slice(&[sextet(v >> 18), sextet(v >> 12), sextet(v >> 6)]);
        }
        _ => {}
    }
    // Every byte pushed is from the ASCII alphabet.
    out.push_str(core::str::from_utf8(&buf).unwrap_or_default());
}

/// Base64url of secret bytes, in constant time; the result is zeroized on drop.
pub(crate) fn url_encode_secret(bytes: &[u8]) -> Zeroizing<String> {
    Zeroizing::new(Base64UrlUnpadded::encode_string(bytes))
}

/// Decodes canonical base64url of secret bytes (a private key member) in constant
/// time; `None` when `text` is not canonical base64url. The result is zeroized on drop.
pub(crate) fn url_decode_secret(text: &str) -> Option<Zeroizing<Vec<u8>>> {
    Base64UrlUnpadded::decode_vec(text).ok().map(Zeroizing::new)
}

/// The length of the bytes that `len` characters of unpadded base64 decode to, or `None`
/// for a length no canonical text has.
fn decoded_len(len: usize) -> Option<usize> {
    match len % 4 {
        1 => None,
        r => Some(len / 4 * 3 + r.saturating_sub(1)),
    }
}

/// Decodes canonical base64url without padding into `out`, which is exactly
/// [`decoded_len`] long; `false` when `text` is not canonical base64url (SIMD where the
/// target has it).
fn url_decode_to(text: &[u8], out: &mut [u8]) -> bool {
    base64_simd::URL_SAFE_NO_PAD
        .decode(text, base64_simd::Out::from_slice(out))
        .is_ok_and(|decoded| {
            decoded.len() == text.len() / 4 * 3 + (text.len() % 4).saturating_sub(1)
        })
}

/// Decodes canonical base64url without padding; `what` names the part for the error.
pub(crate) fn url_decode(text: &str, what: &str) -> Result<Vec<u8>> {
    let err = || Error::malformed(format!("{what} is not base64url"));
    let len = decoded_len(text.len()).ok_or_else(err)?;
    let mut out = vec![0u8; len];
    if url_decode_to(text.as_bytes(), &mut out) {
        Ok(out)
    } else {
        Err(err())
    }
}

/// Decodes canonical base64url into `out`, which must be large enough; returns the
/// decoded bytes.
pub(crate) fn url_decode_into<'a>(text: &str, out: &'a mut [u8], what: &str) -> Result<&'a [u8]> {
    let err = || Error::malformed(format!("{what} is not base64url of the expected length"));
    let len = decoded_len(text.len())
        .filter(|&n| n <= out.len())
        .ok_or_else(err)?;
    if url_decode_to(text.as_bytes(), &mut out[..len]) {
        Ok(&out[..len])
    } else {
        Err(err())
    }
}

/// Standard base64 with padding.
pub(crate) fn std_encode(bytes: &[u8]) -> String {
    Base64::encode_string(bytes)
}

/// Decodes canonical standard base64 with padding into `out`.
pub(crate) fn std_decode_into<'a>(text: &str, out: &'a mut [u8]) -> Option<&'a [u8]> {
    Base64::decode(text, out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn encode_matches_base64ct(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            prop_assert_eq!(url_encode(&bytes), Base64UrlUnpadded::encode_string(&bytes));
        }

        #[test]
        fn decode_accepts_exactly_what_base64ct_accepts(text in "[A-Za-z0-9_=+/-]{0,200}") {
            let ours = url_decode(&text, "x").ok();
            let theirs = Base64UrlUnpadded::decode_vec(&text).ok();
            prop_assert_eq!(ours, theirs);
        }

        #[test]
        fn round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let text = url_encode(&bytes);
            prop_assert_eq!(url_decode(&text, "x").unwrap(), bytes.clone());
            let mut out = [0u8; 300];
            prop_assert_eq!(url_decode_into(&text, &mut out, "x").unwrap(), &bytes[..]);
        }
    }

    #[test]
    fn non_canonical_trailing_bits_are_refused() {
        assert_eq!(url_decode("QQ", "x").unwrap(), b"A");
        assert!(url_decode("QR", "x").is_err());
        assert_eq!(url_decode("QUI", "x").unwrap(), b"AB");
        assert!(url_decode("QUJ", "x").is_err());
        assert!(url_decode("Q", "x").is_err());
        assert!(url_decode("QQ==", "x").is_err());
        assert!(url_decode("Q\u{e9}", "x").is_err());
        let mut small = [0u8; 2];
        assert!(url_decode_into("QUJD", &mut small, "x").is_err());
    }
}
