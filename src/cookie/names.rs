//! The names of Better Auth's cookies (`createCookieGetter` in
//! `dist/cookies/index.mjs`) and the lookups that accept both spellings.

use super::parse::CookieJar;

/// One of Better Auth's cookies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CookieKind {
    /// `session_token`: the signed session token.
    SessionToken,
    /// `session_data`: the cookie cache.
    SessionData,
    /// `dont_remember`: signed `"true"` when "remember me" was not ticked.
    DontRemember,
    /// `account_data`: the account cookie (on by default without a database).
    AccountData,
    /// `oauth_state`: the OAuth state cookie (the state strategy without a database).
    OauthState,
}

impl CookieKind {
    /// Every kind.
    pub const ALL: [CookieKind; 5] = [
        CookieKind::SessionToken,
        CookieKind::SessionData,
        CookieKind::DontRemember,
        CookieKind::AccountData,
        CookieKind::OauthState,
    ];

    /// The name Better Auth gives this cookie after the prefix: `session_token`, …
    pub const fn as_str(self) -> &'static str {
        match self {
            CookieKind::SessionToken => "session_token",
            CookieKind::SessionData => "session_data",
            CookieKind::DontRemember => "dont_remember",
            CookieKind::AccountData => "account_data",
            CookieKind::OauthState => "oauth_state",
        }
    }

    pub(super) const fn slot(self) -> usize {
        match self {
            CookieKind::SessionToken => 0,
            CookieKind::SessionData => 1,
            CookieKind::DontRemember => 2,
            CookieKind::AccountData => 3,
            CookieKind::OauthState => 4,
        }
    }
}

/// The full names of Better Auth's cookies: `[__Secure-]<prefix>.<kind>`, or a custom
/// name (`advanced.cookies.<kind>.name`), which also gets `__Secure-` when secure.
///
/// ```
/// use session_cache::cookie::{CookieKind, CookieNames};
/// let names = CookieNames::new("better-auth", true);
/// assert_eq!(names.session_token(), "__Secure-better-auth.session_token");
/// let names = CookieNames::default().with_custom_name(CookieKind::SessionData, "cache");
/// assert_eq!(names.session_data(), "cache");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CookieNames {
    secure: bool,
    names: [String; 5],
}

impl CookieNames {
    /// The prefix of every name when cookies are secure.
    pub const SECURE_PREFIX: &'static str = "__Secure-";

    /// The names for `prefix` (`advanced.cookiePrefix`; empty means the default, as in
    /// Better Auth) and `secure` (an `https` base URL, or `useSecureCookies`).
    pub fn new(prefix: &str, secure: bool) -> Self {
        let prefix = if prefix.is_empty() {
            crate::defaults::COOKIE_PREFIX
        } else {
            prefix
        };
        let names =
            CookieKind::ALL.map(|kind| Self::full(secure, &format!("{prefix}.{}", kind.as_str())));
        CookieNames { secure, names }
    }

    /// The same names, with `kind` renamed to `name` (then `__Secure-` in front when
    /// secure). An empty `name` is ignored, as in Better Auth.
    #[must_use]
    pub fn with_custom_name(mut self, kind: CookieKind, name: &str) -> Self {
        if !name.is_empty() {
            self.names[kind.slot()] = Self::full(self.secure, name);
        }
        self
    }

    fn full(secure: bool, name: &str) -> String {
        if secure {
            format!("{}{name}", Self::SECURE_PREFIX)
        } else {
            name.to_owned()
        }
    }

    /// Whether the names carry `__Secure-`.
    pub fn is_secure(&self) -> bool {
        self.secure
    }

    /// The full name of the cookie `kind`.
    pub fn get(&self, kind: CookieKind) -> &str {
        &self.names[kind.slot()]
    }

    /// The session token cookie's name.
    pub fn session_token(&self) -> &str {
        self.get(CookieKind::SessionToken)
    }

    /// The cookie cache's name.
    pub fn session_data(&self) -> &str {
        self.get(CookieKind::SessionData)
    }

    /// The `dont_remember` cookie's name.
    pub fn dont_remember(&self) -> &str {
        self.get(CookieKind::DontRemember)
    }
}

impl Default for CookieNames {
    /// `better-auth.*`, not secure.
    fn default() -> Self {
        CookieNames::new(crate::defaults::COOKIE_PREFIX, false)
    }
}

/// Which spelling of the cookie names a reader accepts: `__Secure-` ones (Better Auth
/// on an `https` base URL, or with `useSecureCookies`), plain ones, or either.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Spelling {
    /// Only `__Secure-` names.
    Secure,
    /// Only plain names.
    Plain,
    /// Either, the `__Secure-` ones first (Better Auth's `getSessionCookie` for
    /// middleware). Convenient when the deployment is not known, but it lets a sibling
    /// subdomain that can set cookies for the parent domain plant a valid session of its
    /// own under the plain name ("cookie tossing") for a visitor who has none: set
    /// [`Spelling::Secure`] for an `https` deployment.
    #[default]
    Either,
}

impl Spelling {
    /// `Some(true)`: [`Secure`](Self::Secure); `Some(false)`: [`Plain`](Self::Plain);
    /// `None`: [`Either`](Self::Either) (the JavaScript `isSecure` option).
    pub fn from_is_secure(is_secure: Option<bool>) -> Self {
        match is_secure {
            Some(true) => Spelling::Secure,
            Some(false) => Spelling::Plain,
            None => Spelling::Either,
        }
    }

    /// The `secure` flags to try, in order.
    pub fn candidates(self) -> &'static [bool] {
        match self {
            Spelling::Secure => &[true],
            Spelling::Plain => &[false],
            Spelling::Either => &[true, false],
        }
    }
}

/// How a deployment names its cookies — the prefix, custom names — and which spellings a
/// reader accepts. [`candidates`](Self::candidates) lists the [`CookieNames`] to look
/// for, in order; the session check, the CLI and the WebAssembly package all ask it.
///
/// ```
/// use session_cache::cookie::{CookieNaming, Spelling};
/// let naming = CookieNaming::new("app").with_spelling(Spelling::Either);
/// let tokens: Vec<String> = naming
///     .candidates()
///     .map(|names| names.session_token().to_owned())
///     .collect();
/// assert_eq!(tokens, ["__Secure-app.session_token", "app.session_token"]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct CookieNaming {
    /// The prefix (`advanced.cookiePrefix`; empty means Better Auth's default).
    pub prefix: String,
    /// Which spellings are accepted.
    pub spelling: Spelling,
    /// A custom full name of the session token cookie
    /// (`advanced.cookies.session_token.name`); `__Secure-` still goes in front.
    pub session_token_name: Option<String>,
    /// A custom full name of the cookie cache (`advanced.cookies.session_data.name`).
    pub session_data_name: Option<String>,
}

impl CookieNaming {
    /// Names under `prefix`, either spelling, no custom names.
    pub fn new(prefix: &str) -> Self {
        CookieNaming {
            prefix: prefix.to_owned(),
            ..Self::default()
        }
    }

    /// The same naming accepting `spelling`.
    #[must_use]
    pub fn with_spelling(mut self, spelling: Spelling) -> Self {
        self.spelling = spelling;
        self
    }

    /// The same naming with a custom full name for the cookie `kind` (session token or
    /// cache; other kinds are ignored here).
    #[must_use]
    pub fn with_custom_name(mut self, kind: CookieKind, name: &str) -> Self {
        match kind {
            CookieKind::SessionToken => self.session_token_name = Some(name.to_owned()),
            CookieKind::SessionData => self.session_data_name = Some(name.to_owned()),
            _ => {}
        }
        self
    }

    /// Calls `f` with the full name of the cookie `kind` in the given spelling — the
    /// name [`candidates`](Self::candidates) gives it — built on the stack when short
    /// (the session check asks for a few names on every request).
    pub(crate) fn with_name<R>(
        &self,
        kind: CookieKind,
        secure: bool,
        f: impl FnOnce(&str) -> R,
    ) -> R {
        match self.name(kind, secure) {
            Some(name) => f(name.as_str()),
            None => f(&self.name_parts(kind, secure).concat()),
        }
    }

    /// The full name of the cookie `kind` in the given spelling, on the stack; `None`
    /// when it is too long for [`NameBuf`].
    pub(crate) fn name(&self, kind: CookieKind, secure: bool) -> Option<NameBuf> {
        let parts = self.name_parts(kind, secure);
        let len: usize = parts.iter().map(|p| p.len()).sum();
        let mut name = NameBuf {
            bytes: [0u8; NameBuf::CAPACITY],
            len,
        };
        if len > NameBuf::CAPACITY {
            return None;
        }
        let mut at = 0;
        for part in parts {
            name.bytes[at..at + part.len()].copy_from_slice(part.as_bytes());
            at += part.len();
        }
        Some(name)
    }

    fn name_parts(&self, kind: CookieKind, secure: bool) -> [&str; 4] {
        let custom = match kind {
            CookieKind::SessionToken => self.session_token_name.as_deref(),
            CookieKind::SessionData => self.session_data_name.as_deref(),
            _ => None,
        }
        .filter(|n| !n.is_empty());
        let prefix = if self.prefix.is_empty() {
            crate::defaults::COOKIE_PREFIX
        } else {
            &self.prefix
        };
        let secure_part = if secure {
            CookieNames::SECURE_PREFIX
        } else {
            ""
        };
        match custom {
            Some(name) => [secure_part, name, "", ""],
            None => [secure_part, prefix, ".", kind.as_str()],
        }
    }

    /// The names to look for, in order (the `__Secure-` ones first with
    /// [`Spelling::Either`]).
    pub fn candidates(&self) -> impl Iterator<Item = CookieNames> + '_ {
        self.spelling.candidates().iter().map(move |&secure| {
            let mut names = CookieNames::new(&self.prefix, secure);
            if let Some(n) = &self.session_token_name {
                names = names.with_custom_name(CookieKind::SessionToken, n);
            }
            if let Some(n) = &self.session_data_name {
                names = names.with_custom_name(CookieKind::SessionData, n);
            }
            names
        })
    }
}

/// A cookie name of at most [`NameBuf::CAPACITY`] bytes, held on the stack.
#[derive(Clone, Copy)]
pub(crate) struct NameBuf {
    bytes: [u8; NameBuf::CAPACITY],
    len: usize,
}

impl NameBuf {
    pub(crate) const CAPACITY: usize = 160;

    pub(crate) fn as_str(&self) -> &str {
        // Whole `&str`s one after the other: valid UTF-8.
        core::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }

    /// The name's bytes (comparing these needs no UTF-8 check).
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// Finds a cookie under either spelling, as Better Auth's `getSessionCookie` (for
/// middleware) does: `__Secure-<prefix>.<name>`, then `<prefix>.<name>`, then the same
/// two with a dash, `__Secure-<prefix>-<name>` and `<prefix>-<name>`. An empty value
/// counts as absent, except that a present `__Secure-` cookie hides the plain one of
/// the same spelling even when empty.
///
/// Better Auth does this on a [`CookieJar::parse_filtered`] jar. With `prefix`
/// `"better-auth"` and `name` `"session_token"` this is `getSessionCookie(request)`;
/// the value is the *signed* token, not verified.
pub fn find_cookie<'a>(jar: &'a CookieJar, prefix: &str, name: &str) -> Option<&'a str> {
    let either = |full: &str| {
        jar.get(&format!("{}{full}", CookieNames::SECURE_PREFIX))
            .or_else(|| jar.get(full))
    };
    either(&format!("{prefix}.{name}"))
        .filter(|v| !v.is_empty())
        .or_else(|| either(&format!("{prefix}-{name}")))
        .filter(|v| !v.is_empty())
}
