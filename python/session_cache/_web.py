"""What the web integrations share: the decision a protected route takes on a request's
verification result, and the JSON body of a refusal. The verification itself is the
library's (``Verifier.verify_session``)."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, Iterable, Optional, Tuple, Union

from ._native import Failure, VerifiedSession, Verifier

#: The message of a refusal for a session that is not fresh enough (as the library's
#: ``SessionCheck::require_fresh`` words it).
NOT_FRESH_MESSAGE = "the session is not fresh enough"


def verifier_from(verifier: Optional[Verifier], options: Dict[str, Any]) -> Verifier:
    """The verifier given, or one built from ``Verifier`` keyword options."""
    if verifier is not None:
        if options:
            raise TypeError("pass either a Verifier or Verifier options, not both")
        if not isinstance(verifier, Verifier):
            raise TypeError("verifier must be a session_cache.Verifier")
        return verifier
    return Verifier(**options)


def verify(verifier: Verifier, header: Any) -> Union[VerifiedSession, Failure]:
    """The check of a protected request: with an ``is_revoked`` hook,
    ``verify_session_live`` (the store is asked too); else the offline ``verify_session``."""
    if verifier.checks_revocation:
        return verifier.verify_session_live(header)
    return verifier.verify_session(header)


async def verify_async(verifier: Verifier, header: Any) -> Union[VerifiedSession, Failure]:
    """``verify`` from an event loop: a check that asks the store (the hook's I/O blocks)
    runs in a worker thread; the offline one, microseconds, runs in the loop."""
    if verifier.checks_revocation:
        return await asyncio.to_thread(verifier.verify_session_live, header)
    return verifier.verify_session(header)


def decide(
    result: Union[VerifiedSession, Failure], fresh: bool
) -> Tuple[int, Optional[Dict[str, str]]]:
    """``(200, None)`` when the route may run; else the status (401 without a valid
    session, 403 for a valid one that is not fresh when ``fresh`` is required) and the
    JSON body ``{"error": kind, "message": ...}``."""
    if not result:
        return 401, {"error": result.error, "message": result.message}
    if fresh and not result.fresh:
        return 403, {"error": "not_fresh", "message": NOT_FRESH_MESSAGE}
    return 200, None


def cookie_header_of_asgi(headers: Iterable[Tuple[bytes, bytes]]) -> bytes:
    """Every ``Cookie`` header of an ASGI scope, joined with ``"; "`` (HTTP/2 clients may
    split cookies over several), as bytes (the library reads them as Latin-1)."""
    values = [value for name, value in headers if name.lower() == b"cookie"]
    if len(values) == 1:
        return values[0]
    return b"; ".join(values)
