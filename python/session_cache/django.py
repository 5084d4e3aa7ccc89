"""Django middleware and a view decorator over a ``Verifier`` (the ``django`` extra).

::

    # settings.py
    MIDDLEWARE = [..., "session_cache.django.SessionMiddleware"]
    BETTER_AUTH_SESSION = {"strategy": "jwe", "secure": True}   # Verifier options;
                                                                # secrets from BETTER_AUTH_SECRET(S)

    # views.py
    from session_cache.django import session_required

    @session_required                      # 401 JSON without a valid session
    def me(request):
        return JsonResponse({"email": request.better_auth_session.user["email"]})

    @session_required(fresh=True)          # and 403 (not_fresh) for a stale one
    def delete_account(request): ...

The middleware sets ``request.better_auth_session`` (``VerifiedSession`` or ``None``)
and ``request.better_auth_error`` (``Failure`` or ``None``) on every request; it works in
WSGI and ASGI deployments (sync and async views). It does not touch Django's own
``request.session`` or ``request.user``.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, Optional

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.conf import settings  # type: ignore[import-untyped]
from django.http import JsonResponse  # type: ignore[import-untyped]

from ._native import Verifier
from ._web import decide, verify, verify_async

__all__ = ["SessionMiddleware", "session_required", "verifier_from_settings"]


def verifier_from_settings() -> Verifier:
    """A ``Verifier`` of ``settings.BETTER_AUTH_SESSION`` (a dict of ``Verifier`` options;
    absent: the defaults, secrets from the environment)."""
    options = getattr(settings, "BETTER_AUTH_SESSION", None) or {}
    if isinstance(options, Verifier):
        return options
    return Verifier(**options)


def _header(request: Any) -> Any:
    return request.META.get("HTTP_COOKIE")


class SessionMiddleware:
    """Verifies the session of every request into ``request.better_auth_session``."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Callable[..., Any], verifier: Optional[Verifier] = None) -> None:
        self.get_response = get_response
        self.verifier = verifier if verifier is not None else verifier_from_settings()
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

    @staticmethod
    def _attach(request: Any, result: Any) -> None:
        request.better_auth_session = result if result else None
        request.better_auth_error = None if result else result

    def __call__(self, request: Any) -> Any:
        if self.is_async:
            return self.__acall__(request)
        self._attach(request, verify(self.verifier, _header(request)))
        return self.get_response(request)

    async def __acall__(self, request: Any) -> Any:
        self._attach(request, await verify_async(self.verifier, _header(request)))
        return await self.get_response(request)


def _refusal(request: Any, fresh: bool) -> Optional[JsonResponse]:
    session = getattr(request, "better_auth_session", None)
    if session is None and not hasattr(request, "better_auth_error"):
        raise RuntimeError(
            "session_required needs session_cache.django.SessionMiddleware in MIDDLEWARE"
        )
    status, body = decide(session or request.better_auth_error, fresh)
    return None if status == 200 else JsonResponse(body, status=status)


def session_required(view: Optional[Callable[..., Any]] = None, *, fresh: bool = False) -> Any:
    """A view decorator: 401 (``{"error": kind, "message": ...}``) without a valid
    session, 403 (``not_fresh``) with ``fresh=True`` and a stale one. Sync or async views."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        if iscoroutinefunction(view):

            @functools.wraps(view)
            async def async_wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
                refusal = _refusal(request, fresh)
                return refusal if refusal is not None else await view(request, *args, **kwargs)

            return async_wrapper

        @functools.wraps(view)
        def wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
            refusal = _refusal(request, fresh)
            return refusal if refusal is not None else view(request, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate
