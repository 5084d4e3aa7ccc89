"""Verify and issue Better Auth's stateless session cookies (the cookie cache:
``compact``, ``jwt``, ``jwe``) from Python, through the Rust library ``session-cache``.

>>> from session_cache import Verifier
>>> auth = Verifier(secret="a-long-random-secret-of-32-chars!!", strategy="jwe")
>>> result = auth.verify_session("better-auth.session_token=…; better-auth.session_data=…")
>>> result.valid, result.error
(False, 'bad_token_signature')

A bad cookie is never an exception: ``verify_session`` returns a ``VerifiedSession`` or
a ``Failure`` whose ``error`` is a stable kind (``ERROR_KINDS``). A bad configuration
raises ``SessionCacheError`` (a ``ValueError`` with ``kind``).
"""

from ._native import (
    ERROR_KINDS,
    STRATEGIES,
    DecodedCache,
    Failure,
    SessionCacheError,
    VerifiedSession,
    Verifier,
    __version__,
    generate_secret,
)

__all__ = [
    "ERROR_KINDS",
    "STRATEGIES",
    "DecodedCache",
    "Failure",
    "SessionCacheError",
    "VerifiedSession",
    "Verifier",
    "__version__",
    "generate_secret",
]
