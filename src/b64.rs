//! Base64 helpers shared by every format (constant-time, strict decoding).

use base64ct::{Base64, Base64UrlUnpadded, Encoding};

use crate::error::{Error, Result};

/// Base64url without padding.
pub(crate) fn url_encode(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

/// Appends base64url without padding of `bytes` to `out`.
pub(crate) fn url_encode_into(bytes: &[u8], out: &mut String) {
    let mut buf = [0u8; 128];
    if Base64UrlUnpadded::encoded_len(bytes) <= buf.len() {
        if let Ok(s) = Base64UrlUnpadded::encode(bytes, &mut buf) {
            out.push_str(s);
            return;
        }
    }
    out.push_str(&Base64UrlUnpadded::encode_string(bytes));
}

/// Decodes canonical base64url without padding; `what` names the part for the error.
pub(crate) fn url_decode(text: &str, what: &str) -> Result<Vec<u8>> {
    Base64UrlUnpadded::decode_vec(text)
        .map_err(|_| Error::malformed(format!("{what} is not base64url")))
}

/// Decodes base64url into `out`, returning the decoded slice length.
pub(crate) fn url_decode_into<'a>(text: &str, out: &'a mut [u8], what: &str) -> Result<&'a [u8]> {
    Base64UrlUnpadded::decode(text, out)
        .map_err(|_| Error::malformed(format!("{what} is not base64url of the expected length")))
}

/// Standard base64 with padding.
pub(crate) fn std_encode(bytes: &[u8]) -> String {
    Base64::encode_string(bytes)
}

/// Decodes canonical standard base64 with padding into `out`.
pub(crate) fn std_decode_into<'a>(text: &str, out: &'a mut [u8]) -> Option<&'a [u8]> {
    Base64::decode(text, out).ok()
}
