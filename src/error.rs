//! The one error type of the crate, with a stable machine-readable kind.

use core::fmt;

/// Why a value, a key or an option was refused.
///
/// Every kind has a stable snake_case name ([`ErrorKind::as_str`]) that the CLI and
/// the JavaScript package print, so that callers can branch on it and log it.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The value is not of the expected shape: bad base64, bad JSON, missing parts.
    Malformed,
    /// The value is longer than the configured limit.
    TooLarge,
    /// A MAC or signature does not verify with the keys of the keyring.
    BadSignature,
    /// A JWE failed to authenticate or decrypt.
    DecryptFailed,
    /// A JWE names (by `kid`) a key that the keyring does not hold.
    UnknownKey,
    /// The value uses an algorithm or header that is not accepted.
    UnsupportedAlgorithm,
    /// The value verifies but its payload lacks a field every session has, or holds one
    /// of the wrong type.
    InvalidPayload,
    /// The cache itself has expired (`expiresAt`, or the JWT `exp`).
    Expired,
    /// The JWT is not valid yet (`nbf` in the future).
    NotYetValid,
    /// The session embedded in the cache has expired (`session.expiresAt`).
    SessionExpired,
    /// The cache was written for another cache version.
    VersionMismatch,
    /// A secret or keyring is not acceptable (empty secret, duplicate version, …).
    InvalidKey,
    /// An option is not acceptable.
    InvalidOptions,
    /// The cache belongs to another session than the session token cookie.
    TokenMismatch,
    /// The request carries no session token cookie.
    NoToken,
    /// The session token cookie's signature does not verify.
    BadTokenSignature,
    /// The request carries no cookie-cache cookie.
    NoCache,
    /// The session is older than the required freshness.
    NotFresh,
    /// The payload cannot be written as a cookie (for instance it needs more than 100
    /// chunks).
    TooLargeToWrite,
    /// The operating system's random generator failed.
    Random,
}

impl ErrorKind {
    /// The stable, machine-readable name of this kind (`"bad_signature"`, …).
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Malformed => "malformed",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::BadSignature => "bad_signature",
            ErrorKind::DecryptFailed => "decrypt_failed",
            ErrorKind::UnknownKey => "unknown_key",
            ErrorKind::UnsupportedAlgorithm => "unsupported_algorithm",
            ErrorKind::InvalidPayload => "invalid_payload",
            ErrorKind::Expired => "expired",
            ErrorKind::NotYetValid => "not_yet_valid",
            ErrorKind::SessionExpired => "session_expired",
            ErrorKind::VersionMismatch => "version_mismatch",
            ErrorKind::InvalidKey => "invalid_key",
            ErrorKind::InvalidOptions => "invalid_options",
            ErrorKind::TokenMismatch => "token_mismatch",
            ErrorKind::NoToken => "no_token",
            ErrorKind::BadTokenSignature => "bad_token_signature",
            ErrorKind::NoCache => "no_cache",
            ErrorKind::NotFresh => "not_fresh",
            ErrorKind::TooLargeToWrite => "too_large_to_write",
            ErrorKind::Random => "random",
        }
    }

    /// Every kind, in declaration order.
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::Malformed,
        ErrorKind::TooLarge,
        ErrorKind::BadSignature,
        ErrorKind::DecryptFailed,
        ErrorKind::UnknownKey,
        ErrorKind::UnsupportedAlgorithm,
        ErrorKind::InvalidPayload,
        ErrorKind::Expired,
        ErrorKind::NotYetValid,
        ErrorKind::SessionExpired,
        ErrorKind::VersionMismatch,
        ErrorKind::InvalidKey,
        ErrorKind::InvalidOptions,
        ErrorKind::TokenMismatch,
        ErrorKind::NoToken,
        ErrorKind::BadTokenSignature,
        ErrorKind::NoCache,
        ErrorKind::NotFresh,
        ErrorKind::TooLargeToWrite,
        ErrorKind::Random,
    ];
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

/// `Result<T, Error>`.
pub type Result<T, E = Error> = core::result::Result<T, E>;
