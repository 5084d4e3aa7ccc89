//! `Set-Cookie` header values, byte for byte as better-call's `serializeCookie` writes
//! them.

use std::fmt;

use crate::error::{Error, ErrorKind, Result};

/// The `SameSite` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SameSite {
    /// `SameSite=Lax`, Better Auth's default.
    Lax,
    /// `SameSite=Strict`.
    Strict,
    /// `SameSite=None` (which makes better-call add `Secure`).
    None,
}

impl SameSite {
    /// The attribute value as written: `Lax`, `Strict` or `None`.
    pub const fn as_str(self) -> &'static str {
        match self {
            SameSite::Lax => "Lax",
            SameSite::Strict => "Strict",
            SameSite::None => "None",
        }
    }
}

/// The attributes of a cookie, as Better Auth passes them to better-call.
///
/// `Expires` is not offered: Better Auth never sets it on its session cookies.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CookieAttributes {
    /// `Max-Age`, in seconds; at most [`defaults::MAX_COOKIE_AGE`](crate::defaults::MAX_COOKIE_AGE).
    pub max_age: Option<u64>,
    /// `Domain` (omitted when empty).
    pub domain: Option<String>,
    /// `Path` (omitted when empty).
    pub path: Option<String>,
    /// `HttpOnly`.
    pub http_only: bool,
    /// `Secure` (also implied by a `__Secure-` or `__Host-` name, `SameSite=None` and
    /// `Partitioned`).
    pub secure: bool,
    /// `SameSite`.
    pub same_site: Option<SameSite>,
    /// `Partitioned` (CHIPS).
    pub partitioned: bool,
}

impl CookieAttributes {
    /// Better Auth's default attributes (`createCookieGetter`): `Path=/`, `HttpOnly`,
    /// `SameSite=Lax`, `Secure` when `secure`, and `Domain` when cross-subdomain
    /// cookies are on. No `Max-Age`.
    pub fn better_auth(secure: bool, domain: Option<&str>) -> Self {
        CookieAttributes {
            max_age: None,
            domain: domain.map(str::to_owned),
            path: Some("/".to_owned()),
            http_only: true,
            secure,
            same_site: Some(SameSite::Lax),
            partitioned: false,
        }
    }

    /// The same attributes with `Max-Age` set to `max_age`.
    #[must_use]
    pub fn with_max_age(mut self, max_age: Option<u64>) -> Self {
        self.max_age = max_age;
        self
    }
}

/// A cookie to set: name, value (as the application sees it, before encoding) and
/// attributes.
///
/// `Debug` does not show the value, which may be a session token.
#[derive(Clone, PartialEq, Eq)]
pub struct SetCookie {
    /// The cookie's name, written as is.
    pub name: String,
    /// The value before encoding: [`to_header_value`](Self::to_header_value) writes
    /// `encodeURIComponent(value)`.
    pub value: String,
    /// The attributes.
    pub attributes: CookieAttributes,
}

impl SetCookie {
    /// A cookie named `name` holding `value`.
    pub fn new(
        name: impl Into<String>,
        value: impl Into<String>,
        attributes: CookieAttributes,
    ) -> Self {
        SetCookie {
            name: name.into(),
            value: value.into(),
            attributes,
        }
    }

    /// The cookie that deletes `name`: the empty value, `Max-Age=0`, the other
    /// attributes kept (Better Auth's `expireCookie`).
    pub fn expired(name: impl Into<String>, attributes: &CookieAttributes) -> Self {
        SetCookie::new(name, "", attributes.clone().with_max_age(Some(0)))
    }

    /// The value as it appears on the wire: `encodeURIComponent(value)`.
    pub fn wire_value(&self) -> String {
        encode_uri_component(&self.value)
    }

    /// The `Set-Cookie` header value, exactly as better-call 1.4.5's `serializeCookie`
    /// writes it:
    ///
    /// `name=encodeURIComponent(value)`, then `; Max-Age=…`, `; Domain=…`, `; Path=…`,
    /// `; HttpOnly`, `; Secure`, `; SameSite=…`, `; Partitioned`, in that order. A name
    /// starting with `__Secure-` (any case) adds `Secure`; one starting with `__Host-`
    /// adds `Secure`, forces `Path=/` and drops `Domain`; `SameSite=None` and
    /// `Partitioned` add `Secure`.
    ///
    /// Fails with [`ErrorKind::InvalidOptions`] where Better Auth throws: a `Max-Age`
    /// above 400 days ([`defaults::MAX_COOKIE_AGE`](crate::defaults::MAX_COOKIE_AGE)), or a name, `Domain` or
    /// `Path` that a fetch `Headers` object refuses (NUL, CR, LF, or a character above
    /// U+00FF).
    pub fn to_header_value(&self) -> Result<String> {
        check_header_text(&self.name, "the cookie name")?;
        if let Some(domain) = &self.attributes.domain {
            check_header_text(domain, "the Domain attribute")?;
        }
        if let Some(path) = &self.attributes.path {
            check_header_text(path, "the Path attribute")?;
        }
        serialize(&self.name, &self.value, &self.attributes)
    }
}

impl fmt::Debug for SetCookie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SetCookie")
            .field("name", &self.name)
            .field("value_len", &self.value.len())
            .field("attributes", &self.attributes)
            .finish()
    }
}

fn check_header_text(text: &str, what: &str) -> Result<()> {
    if text
        .chars()
        .any(|c| matches!(c, '\0' | '\r' | '\n') || u32::from(c) > 0xFF)
    {
        return Err(Error::new(
            ErrorKind::InvalidOptions,
            format!("{what} holds a character a Set-Cookie header cannot carry"),
        ));
    }
    Ok(())
}

/// better-call's `serializeCookie(name, value, attributes)` (after `resolveCookie`),
/// without the `Headers` checks.
pub(crate) fn serialize(name: &str, value: &str, attributes: &CookieAttributes) -> Result<String> {
    let lower_starts = |prefix: &str| {
        name.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    let host = lower_starts("__host-");
    let mut secure = attributes.secure || host || lower_starts("__secure-");
    if attributes.partitioned || attributes.same_site == Some(SameSite::None) {
        secure = true;
    }
    let mut out = String::with_capacity(name.len() + value.len() + 80);
    out.push_str(name);
    out.push('=');
    encode_uri_component_into(value, &mut out);
    if let Some(max_age) = attributes.max_age {
        if max_age > crate::defaults::MAX_COOKIE_AGE {
            return Err(Error::new(
                ErrorKind::InvalidOptions,
                "cookie Max-Age cannot be greater than 400 days (34560000 seconds)",
            ));
        }
        out.push_str("; Max-Age=");
        out.push_str(&max_age.to_string());
    }
    let (domain, path) = if host {
        (None, Some("/"))
    } else {
        (attributes.domain.as_deref(), attributes.path.as_deref())
    };
    if let Some(domain) = domain.filter(|d| !d.is_empty()) {
        out.push_str("; Domain=");
        out.push_str(domain);
    }
    if let Some(path) = path.filter(|p| !p.is_empty()) {
        out.push_str("; Path=");
        out.push_str(path);
    }
    if attributes.http_only {
        out.push_str("; HttpOnly");
    }
    if secure {
        out.push_str("; Secure");
    }
    if let Some(same_site) = attributes.same_site {
        out.push_str("; SameSite=");
        out.push_str(same_site.as_str());
    }
    if attributes.partitioned {
        out.push_str("; Partitioned");
    }
    Ok(out)
}

/// JavaScript's `encodeURIComponent` (of a string without lone surrogates): every byte
/// of the UTF-8 form except `A–Z a–z 0–9 - _ . ! ~ * ' ( )` becomes `%XX` (upper case).
pub fn encode_uri_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    encode_uri_component_into(value, &mut out);
    out
}

fn encode_uri_component_into(value: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in value.as_bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')'
            )
        {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn better_auth_default_shape() {
        let attributes = CookieAttributes::better_auth(false, None).with_max_age(Some(604_800));
        let cookie = SetCookie::new("better-auth.session_token", "abc.d/e+f=", attributes);
        assert_eq!(
            cookie.to_header_value().unwrap(),
            "better-auth.session_token=abc.d%2Fe%2Bf%3D; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax"
        );
    }

    #[test]
    fn host_prefix_rules() {
        let mut attributes = CookieAttributes::better_auth(false, Some("example.com"));
        attributes.path = Some("/x".into());
        let cookie = SetCookie::new("__HOST-a", "", attributes);
        assert_eq!(
            cookie.to_header_value().unwrap(),
            "__HOST-a=; Path=/; HttpOnly; Secure; SameSite=Lax"
        );
    }

    #[test]
    fn refuses_what_better_auth_throws_on() {
        let too_long = CookieAttributes::default().with_max_age(Some(34_560_001));
        let err = SetCookie::new("a", "b", too_long)
            .to_header_value()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidOptions);
        let err = SetCookie::new("a\r\n", "b", CookieAttributes::default())
            .to_header_value()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidOptions);
    }
}
