"""Type aliases of the package (runtime objects, so that ``from session_cache import
ErrorKind`` works outside type checking too)."""

from typing import Literal

Strategy = Literal["compact", "jwt", "jwe"]
"""The cookie-cache strategies (``session.cookieCache.strategy``)."""

ErrorKind = Literal[
    "malformed",
    "too_large",
    "bad_signature",
    "decrypt_failed",
    "unknown_key",
    "unsupported_algorithm",
    "invalid_payload",
    "expired",
    "not_yet_valid",
    "session_expired",
    "version_mismatch",
    "invalid_key",
    "invalid_options",
    "token_mismatch",
    "no_token",
    "bad_token_signature",
    "no_cache",
    "not_fresh",
    "too_large_to_write",
    "random",
]
"""The stable kind of every failure: the Rust library's ``ErrorKind`` names (the tests
check this list against ``ERROR_KINDS``, which the library provides)."""
