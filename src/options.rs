//! The options of the one-call [`Strategy::decode`](crate::Strategy::decode) (verify,
//! then judge) and of encoding.

use crate::defaults;
use crate::keys::VerifyWith;
use crate::policy::{ExpectedVersion, Policy};
use crate::verified::VerifyOptions;

/// How [`Strategy::decode`](crate::Strategy::decode) verifies and judges a value: a
/// [`VerifyOptions`] and a [`Policy`].
///
/// The defaults are `getCookieCache`'s: the current secret only, no version check, the
/// embedded session's expiry checked.
///
/// ```
/// use session_cache::{DecodeOptions, VerifyWith};
/// let options = DecodeOptions::default()
///     .with_version("2")
///     .with_secrets(VerifyWith::AnySecret);
/// assert_eq!(options.verify.secrets, VerifyWith::AnySecret);
/// ```
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct DecodeOptions {
    /// What proves the value authentic.
    pub verify: VerifyOptions,
    /// What the reader requires of it.
    pub policy: Policy,
}

impl DecodeOptions {
    /// Options from their two halves.
    pub fn new(verify: VerifyOptions, policy: Policy) -> Self {
        DecodeOptions { verify, policy }
    }

    /// The same options expecting cache version `version`.
    #[must_use]
    pub fn with_version(mut self, version: impl Into<ExpectedVersion>) -> Self {
        self.policy.version = version.into();
        self
    }

    /// The same options verifying `compact` and `jwt` with `secrets`.
    #[must_use]
    pub fn with_secrets(mut self, secrets: VerifyWith) -> Self {
        self.verify.secrets = secrets;
        self
    }

    /// The same options with `policy`.
    #[must_use]
    pub fn with_policy(mut self, policy: Policy) -> Self {
        self.policy = policy;
        self
    }
}

/// Whether the user ticked "remember me" when signing in.
///
/// Without it Better Auth writes session cookies without `Max-Age` (they end with the
/// browser session), a signed `dont_remember` cookie, and a cache that lives
/// [`defaults::COMPACT_MAX_AGE_NOT_REMEMBERED`] or
/// [`defaults::JOSE_MAX_AGE_NOT_REMEMBERED`] seconds whatever `maxAge` says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Remember {
    /// "Remember me" ticked (Better Auth's default).
    #[default]
    Yes,
    /// "Remember me" not ticked (`rememberMe: false`).
    No,
}

impl Remember {
    /// `Remember::No` when `dont_remember` is true (the `dont_remember` cookie's sense).
    pub fn from_dont_remember(dont_remember: bool) -> Self {
        if dont_remember {
            Remember::No
        } else {
            Remember::Yes
        }
    }

    /// Whether this is [`Remember::No`].
    pub fn is_no(self) -> bool {
        self == Remember::No
    }
}

/// How a cache value is written.
///
/// ```
/// use session_cache::{EncodeOptions, Remember};
/// let options = EncodeOptions::default().with_max_age(600).with_remember(Remember::No);
/// assert_eq!((options.max_age, options.remember), (600, Remember::No));
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct EncodeOptions {
    /// The cache's lifetime in seconds (`cookieCache.maxAge`,
    /// [`defaults::CACHE_MAX_AGE`]); at most [`defaults::MAX_COOKIE_AGE`].
    pub max_age: u64,
    /// Whether the user asked to be remembered (see [`Remember`]).
    pub remember: Remember,
}

impl Default for EncodeOptions {
    fn default() -> Self {
        EncodeOptions {
            max_age: defaults::CACHE_MAX_AGE,
            remember: Remember::Yes,
        }
    }
}

impl EncodeOptions {
    /// The same options with a lifetime of `max_age` seconds.
    #[must_use]
    pub fn with_max_age(mut self, max_age: u64) -> Self {
        self.max_age = max_age;
        self
    }

    /// The same options with `remember`.
    #[must_use]
    pub fn with_remember(mut self, remember: Remember) -> Self {
        self.remember = remember;
        self
    }
}
