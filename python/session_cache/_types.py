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
    "wrong_token_type",
    "wrong_issuer",
    "wrong_audience",
    "wrong_subject",
    "wrong_session_id",
    "revoked",
    "revocation_unknown",
]
"""The stable kind of every failure: the Rust library's ``ErrorKind`` names (the tests
check this list against ``ERROR_KINDS``, which the library provides)."""

# The shapes of arguments and results (``typing`` objects: usable in annotations on
# every supported Python).
import datetime as _datetime
from typing import Any, Callable, Mapping, Protocol, Sequence, Tuple, Union


class HeadersLike(Protocol):
    """A mapping of request headers (``dict``, Starlette's ``Headers``, Django's
    ``HttpHeaders``, a WSGI environ): ``get("cookie")``."""

    def get(self, key: str, /) -> Any: ...


class RequestLike(Protocol):
    """A request object with ``headers`` (Starlette, FastAPI, Django, Flask, ...)."""

    @property
    def headers(self) -> HeadersLike: ...


Request = Union[str, bytes, None, Sequence[Union[str, bytes]], HeadersLike, RequestLike]
"""What carries a ``Cookie`` header: the header itself (``str``, or ``bytes`` read as
Latin-1), a list of header values, a mapping of headers (``"cookie"``, ``"Cookie"`` or
WSGI's ``"HTTP_COOKIE"``), or a request object with ``headers``."""

Time = Union[int, float, _datetime.datetime, None]
"""Unix milliseconds, an aware ``datetime``, or ``None`` for the clock."""

Payload = dict[str, Any]
"""A cookie-cache payload ``{"session": {...}, "user": {...}, "updatedAt": ms, "version": str}``."""

Secrets = Union[str, Sequence[Tuple[int, str]], Sequence[Mapping[str, Any]]]
"""Versioned secrets, current first: ``"2:new,1:old"``, ``[(2, "new"), (1, "old")]`` or
``[{"version": 2, "value": "new"}, ...]``."""

VersionFunction = Callable[[dict[str, Any], dict[str, Any]], str]
"""A cache version computed from the session and the user rows."""
