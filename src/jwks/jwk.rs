//! Reading the members of one JWK, with errors that name the key and the member but
//! never a value.

use zeroize::Zeroizing;

use crate::b64;
use crate::error::{Error, ErrorKind, Result};
use crate::json::{JsString, Object, Value};

/// The members of one JWK object, and where it sits (for error messages).
pub(crate) struct Members<'a> {
    obj: &'a Object,
    /// `Some(i)`: the `i`-th key of a key set; `None`: a key on its own.
    index: Option<usize>,
}

impl<'a> Members<'a> {
    pub(crate) fn new(obj: &'a Object, index: Option<usize>) -> Self {
        Members { obj, index }
    }

    /// [`ErrorKind::InvalidKey`]: "key 3 `what`" or "the key `what`".
    pub(crate) fn invalid(&self, what: &str) -> Error {
        Error::new(
            ErrorKind::InvalidKey,
            match self.index {
                Some(i) => format!("JWKS key {i} {what}"),
                None => format!("the key {what}"),
            },
        )
    }

    /// A string member, or `None` when absent; any other type is an error.
    pub(crate) fn string(&self, name: &str) -> Result<Option<&'a str>> {
        match self.obj.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => s
                .as_str()
                .map(Some)
                .ok_or_else(|| self.invalid(&format!("has an invalid \"{name}\""))),
            Some(_) => Err(self.invalid(&format!("has a \"{name}\" that is not a string"))),
        }
    }

    pub(crate) fn kty(&self) -> Result<&'a str> {
        self.string("kty")?
            .ok_or_else(|| self.invalid("has no \"kty\""))
    }

    pub(crate) fn crv(&self) -> Result<Option<&'a str>> {
        self.string("crv")
    }

    /// A required base64url member holding public bytes.
    pub(crate) fn bytes(&self, name: &str) -> Result<Vec<u8>> {
        let text = self
            .string(name)?
            .ok_or_else(|| self.invalid(&format!("has no \"{name}\"")))?;
        b64::url_decode(text, name)
            .map_err(|_| self.invalid(&format!("has a \"{name}\" that is not base64url")))
    }

    /// A required base64url member of exactly `len` bytes.
    #[cfg_attr(
        not(any(feature = "eddsa", feature = "es256", feature = "es512")),
        allow(dead_code)
    )]
    pub(crate) fn fixed<const N: usize>(&self, name: &str) -> Result<[u8; N]> {
        self.bytes(name)?
            .try_into()
            .map_err(|_| self.invalid(&format!("has a \"{name}\" that is not {N} bytes")))
    }

    /// A required base64url member holding secret bytes (decoded in constant time,
    /// zeroized on drop).
    pub(crate) fn secret(&self, name: &str) -> Result<Zeroizing<Vec<u8>>> {
        let text = self
            .string(name)?
            .ok_or_else(|| self.invalid(&format!("has no \"{name}\"")))?;
        b64::url_decode_secret(text)
            .ok_or_else(|| self.invalid(&format!("has a \"{name}\" that is not base64url")))
    }

    /// Whether a private member (`d`) is present.
    pub(crate) fn has_private(&self) -> bool {
        self.obj.contains_key("d")
    }

    /// Whether member `name` is present.
    #[cfg_attr(not(feature = "rsa"), allow(dead_code))]
    pub(crate) fn has_member(&self, name: &str) -> bool {
        self.obj.contains_key(name)
    }
}

/// Appends a base64url member.
pub(crate) fn put_b64(out: &mut Object, name: &str, bytes: &[u8]) {
    out.insert(
        name,
        Value::String(JsString::from(b64::url_encode(bytes).as_str())),
    );
}

/// Appends a base64url member holding secret bytes.
pub(crate) fn put_secret_b64(out: &mut Object, name: &str, bytes: &[u8]) {
    let text = b64::url_encode_secret(bytes);
    out.insert(name, Value::String(JsString::from(text.as_str())));
}

/// Appends a string member.
pub(crate) fn put_str(out: &mut Object, name: &str, value: &str) {
    out.insert(name, Value::String(JsString::from(value)));
}
