//! The one error type of the crate, with a stable machine-readable kind.

use core::fmt;

/// Declares [`ErrorKind`] from one list: each variant with its stable name, so that
/// the enum, [`ErrorKind::as_str`], [`ErrorKind::ALL`] and parsing cannot drift apart.
macro_rules! error_kinds {
    ($($(#[doc = $doc:expr])* $variant:ident => $name:literal,)*) => {
        /// Why a value, a key or an option was refused.
        ///
        /// Every kind has a stable snake_case name ([`ErrorKind::as_str`]) that the CLI
        /// and the JavaScript package print, so that callers can branch on it and log it.
        #[non_exhaustive]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorKind {
            $($(#[doc = $doc])* $variant,)*
        }

        impl ErrorKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [ErrorKind] = &[$(ErrorKind::$variant,)*];

            /// The stable, machine-readable name of this kind (`"bad_signature"`, …).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ErrorKind::$variant => $name,)*
                }
            }

            /// The kind named `name` (the inverse of [`as_str`](Self::as_str)).
            pub fn from_name(name: &str) -> Option<ErrorKind> {
                match name {
                    $($name => Some(ErrorKind::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

error_kinds! {
    /// The value is not of the expected shape: bad base64, bad JSON, missing parts.
    Malformed => "malformed",
    /// The value is longer than the configured limit.
    TooLarge => "too_large",
    /// A MAC or signature does not verify with the keys of the keyring.
    BadSignature => "bad_signature",
    /// A JWE failed to authenticate or decrypt.
    DecryptFailed => "decrypt_failed",
    /// A JWE names (by `kid`) a key that the keyring does not hold.
    UnknownKey => "unknown_key",
    /// The value uses an algorithm or header that is not accepted.
    UnsupportedAlgorithm => "unsupported_algorithm",
    /// The value verifies but its payload lacks a field every session has, or holds one
    /// of the wrong type.
    InvalidPayload => "invalid_payload",
    /// The cache itself has expired (`expiresAt`, or the JWT `exp`).
    Expired => "expired",
    /// The JWT is not valid yet (`nbf` in the future).
    NotYetValid => "not_yet_valid",
    /// The session embedded in the cache has expired (`session.expiresAt`).
    SessionExpired => "session_expired",
    /// The cache was written for another cache version.
    VersionMismatch => "version_mismatch",
    /// A secret or keyring is not acceptable (empty secret, duplicate version, …).
    InvalidKey => "invalid_key",
    /// An option is not acceptable.
    InvalidOptions => "invalid_options",
    /// The cache belongs to another session than the session token cookie.
    TokenMismatch => "token_mismatch",
    /// The request carries no session token cookie.
    NoToken => "no_token",
    /// The session token cookie's signature does not verify.
    BadTokenSignature => "bad_token_signature",
    /// The request carries no cookie-cache cookie.
    NoCache => "no_cache",
    /// The session is older than the required freshness.
    NotFresh => "not_fresh",
    /// The payload cannot be written as a cookie (for instance it needs more than 100
    /// chunks).
    TooLargeToWrite => "too_large_to_write",
    /// The operating system's random generator failed.
    Random => "random",
    /// The JWT is of another kind than the one expected (its `typ` header): an access
    /// token presented as a session cache, or the reverse.
    WrongTokenType => "wrong_token_type",
    /// The JWT's `iss` is missing, not the expected issuer, or (for a session cache) not
    /// a non-empty string.
    WrongIssuer => "wrong_issuer",
    /// The JWT's `aud` is missing or does not name the expected audience.
    WrongAudience => "wrong_audience",
    /// The JWT's `sub` is missing, or is not the user of the session it carries.
    WrongSubject => "wrong_subject",
    /// A session-cache JWT's `sid` is not the token of the session it carries.
    WrongSessionId => "wrong_session_id",
    /// The session was revoked at the auth server (signed out, revoked, all sessions of
    /// its user revoked): its session store says so, though the cookie still verifies.
    Revoked => "revoked",
    /// Whether the session was revoked could not be learned (the session store
    /// unreachable or too slow, or unable to tell), and the check fails closed.
    RevocationUnknown => "revocation_unknown",
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error: a [kind](ErrorKind) and a short human-readable message.
///
/// The message names what is wrong; it never contains a secret, and never echoes the
/// value that was being decoded.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: Box<str>,
}

impl Error {
    /// A new error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into().into_boxed_str(),
        }
    }

    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The human-readable message (without the kind).
    pub fn message(&self) -> &str {
        &self.message
    }

    pub(crate) fn malformed(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Malformed, message)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error({}: {})", self.kind, self.message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

impl std::error::Error for Error {}

impl From<crate::json::JsonError> for Error {
    /// A JSON text that does not parse: [`ErrorKind::Malformed`], with the offset and
    /// what was wrong (never the text).
    fn from(e: crate::json::JsonError) -> Self {
        Error::malformed(e.to_string())
    }
}

/// How a message shows a piece of outside text: quoted and escaped as `Debug` writes
/// it, and cut after 32 characters, so that no input makes a message long or spans lines.
pub(crate) fn shown(text: &str) -> String {
    const MAX: usize = 32;
    match text.char_indices().nth(MAX) {
        None => format!("{text:?}"),
        Some((cut, _)) => format!("{:?}…", &text[..cut]),
    }
}

/// `Result<T, Error>`.
pub type Result<T, E = Error> = core::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for &kind in ErrorKind::ALL {
            let name = kind.as_str();
            assert!(seen.insert(name), "{name} twice");
            assert!(
                name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{name}"
            );
            assert_eq!(ErrorKind::from_name(name), Some(kind));
            assert_eq!(kind.to_string(), name);
        }
        assert_eq!(ErrorKind::from_name("nope"), None);
    }

    #[test]
    fn outside_text_is_cut_and_escaped() {
        assert_eq!(shown("HS1"), "\"HS1\"");
        assert_eq!(shown("a\nb"), "\"a\\nb\"");
        let long = "é".repeat(10_000);
        let s = shown(&long);
        assert!(s.len() < 80, "{s}");
        assert!(s.ends_with('…'));
    }
}
