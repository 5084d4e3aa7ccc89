"""An ASGI middleware for Starlette (and FastAPI, Litestar, Quart, any ASGI app) over a
``Verifier`` (the ``starlette`` extra for ``request.state``; the middleware itself needs
nothing but ASGI).

::

    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from session_cache.starlette import SessionMiddleware

    app = Starlette(routes=..., middleware=[
        Middleware(SessionMiddleware, strategy="jwe", secure=True),   # or verifier=Verifier(...)
    ])

    async def me(request):
        session = request.state.better_auth_session      # VerifiedSession or None
        error = request.state.better_auth_error          # Failure or None

With ``required=True`` the middleware answers ``401`` (``{"error": kind, "message": ...}``)
itself for HTTP requests without a valid session (and closes WebSockets with code 1008),
except for the paths in ``exempt`` (each path and what is under it, such as ``"/health"``).
"""

from __future__ import annotations

import json
from typing import Any, Awaitable, Callable, Iterable, MutableMapping, Optional

from ._native import Verifier
from ._web import cookie_header_of_asgi, decide, verifier_from, verify_async

__all__ = ["SessionMiddleware"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class SessionMiddleware:
    """Verifies the session of every HTTP and WebSocket connection into
    ``scope["state"]`` (``request.state.better_auth_session`` / ``better_auth_error``)."""

    def __init__(
        self,
        app: ASGIApp,
        verifier: Optional[Verifier] = None,
        *,
        required: bool = False,
        fresh: bool = False,
        exempt: Iterable[str] = (),
        **options: Any,
    ) -> None:
        self.app = app
        self.verifier = verifier_from(verifier, options)
        self.required = required
        self.fresh = fresh
        self.exempt = tuple(exempt)

    def _exempt(self, path: str) -> bool:
        return any(path == p or path.startswith(p.rstrip("/") + "/") for p in self.exempt)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        header = cookie_header_of_asgi(scope.get("headers") or ())
        result = await verify_async(self.verifier, header)
        state = scope.setdefault("state", {})
        state["better_auth_session"] = result if result else None
        state["better_auth_error"] = None if result else result
        if self.required and not self._exempt(scope.get("path", "")):
            status, body = decide(result, self.fresh)
            if body is not None:
                if scope["type"] == "websocket":
                    await send({"type": "websocket.close", "code": 1008, "reason": body["error"]})
                    return
                data = json.dumps(body).encode()
                await send(
                    {
                        "type": "http.response.start",
                        "status": status,
                        "headers": [
                            (b"content-type", b"application/json"),
                            (b"content-length", str(len(data)).encode()),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": data})
                return
        await self.app(scope, receive, send)
