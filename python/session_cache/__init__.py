"""Verify and issue Better Auth's stateless session cookies (the cookie cache:
``compact``, ``jwt``, ``jwe``) from Python, through the Rust library ``session-cache``.

A ``Verifier`` is built once (its keys are derived once) and shared by every request
and thread; each verification releases the GIL::

    from session_cache import Verifier

    auth = Verifier(strategy="jwe")           # secret from BETTER_AUTH_SECRET(S)
    result = auth.verify_session(request)     # a Cookie header, or a request object
    if result:                                # result.valid
        print(result.user["email"], result.fresh, result.needs_refresh)
    else:
        print(result.error)                   # "no_token", "expired", "bad_signature", ...

A bad cookie is never an exception: ``verify_session`` returns a ``VerifiedSession`` or
a ``Failure`` whose ``error`` is a stable kind (``ERROR_KINDS``). A bad configuration
raises ``SessionCacheError`` (a ``ValueError`` with ``kind``). Integrations:
``session_cache.fastapi`` (dependencies), ``session_cache.starlette`` (ASGI middleware),
``session_cache.django`` (middleware and a view decorator).
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
from ._types import ErrorKind, Payload, Request, Secrets, Strategy, Time, VersionFunction

__all__ = [
    "ERROR_KINDS",
    "STRATEGIES",
    "DecodedCache",
    "ErrorKind",
    "Failure",
    "Payload",
    "Request",
    "Secrets",
    "SessionCacheError",
    "Strategy",
    "Time",
    "VerifiedSession",
    "Verifier",
    "VersionFunction",
    "__version__",
    "generate_secret",
]
