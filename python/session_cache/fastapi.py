"""FastAPI dependencies over a ``Verifier`` (the ``fastapi`` extra).

::

    from typing import Annotated, Optional
    from fastapi import Depends, FastAPI
    from session_cache import VerifiedSession
    from session_cache.fastapi import SessionAuth

    auth = SessionAuth(strategy="jwe", secure=True)      # Verifier options, or SessionAuth(verifier)
    Session = Annotated[VerifiedSession, Depends(auth.required)]

    app = FastAPI()

    @app.get("/me")
    def me(session: Session):
        return {"email": session.user["email"]}

- ``auth.required``: the ``VerifiedSession``, or ``401`` with
  ``{"detail": {"error": kind, "message": ...}}`` (``no_token``, ``expired``, ...);
- ``auth.optional``: the ``VerifiedSession`` or ``None``, never a refusal;
- ``auth.fresh``: as ``required``, and ``403`` (``not_fresh``) for a session older than
  the verifier's ``fresh_age`` (what Better Auth requires for sensitive actions).

They read every ``Cookie`` header of the request or WebSocket (``HTTPConnection``), run
in the event loop (a verification takes microseconds and releases the GIL), and never
log or echo the cookies. With an ``is_revoked`` hook (``SessionAuth(strategy=...,
is_revoked=redis_hook(client))``) they also ask the store (``verify_session_live``), in
a worker thread: a revoked session is ``401`` ``revoked``.
"""

from __future__ import annotations

from typing import Any, Optional, Union

from fastapi import HTTPException
from starlette.requests import HTTPConnection

from ._native import Failure, VerifiedSession, Verifier
from ._web import cookie_header_of_asgi, decide, verifier_from, verify_async

__all__ = ["SessionAuth"]


class SessionAuth:
    """The dependencies of one ``Verifier``: ``required``, ``optional``, ``fresh``."""

    def __init__(self, verifier: Optional[Verifier] = None, **options: Any) -> None:
        self.verifier = verifier_from(verifier, options)

    async def _verify(self, connection: HTTPConnection) -> Union[VerifiedSession, Failure]:
        header = cookie_header_of_asgi(connection.scope.get("headers") or ())
        return await verify_async(self.verifier, header)

    async def _require(self, connection: HTTPConnection, fresh: bool) -> VerifiedSession:
        result = await self._verify(connection)
        status, body = decide(result, fresh)
        if not isinstance(result, VerifiedSession) or body is not None:
            raise HTTPException(status_code=status, detail=body)
        return result

    async def required(self, connection: HTTPConnection) -> VerifiedSession:
        """The request's session, or 401 with the error kind."""
        return await self._require(connection, fresh=False)

    async def fresh(self, connection: HTTPConnection) -> VerifiedSession:
        """The request's session if fresh: 401 without one, 403 (``not_fresh``) if stale."""
        return await self._require(connection, fresh=True)

    async def optional(self, connection: HTTPConnection) -> Optional[VerifiedSession]:
        """The request's session, or ``None``."""
        result = await self._verify(connection)
        return result if result else None
