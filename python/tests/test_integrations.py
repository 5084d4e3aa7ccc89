"""The Starlette middleware (required mode, exemptions, WebSockets) through Starlette's
TestClient, and the Django middleware and decorator through Django's test clients (sync
and async views, WSGI and ASGI handlers)."""

import asyncio
import time
import warnings

import django
import pytest
from django.conf import settings
from django.http import JsonResponse
from django.urls import path
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import JSONResponse
from starlette.routing import Route, WebSocketRoute
with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's notice about httpx versions
    from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from session_cache import Verifier
from session_cache.django import session_required
from session_cache.starlette import SessionMiddleware

SECRET = "python-integrations-secret-0123456789abcdef"
NOW = int(time.time() * 1000)


def iso(ms: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms / 1000)) + ".%03dZ" % (ms % 1000)


def cookie(verifier: Verifier, created: int = NOW - 5_000) -> str:
    payload = {
        "session": {"id": "s1", "token": "tok-integrations", "userId": "u1",
                    "expiresAt": iso(NOW + 86_400_000), "createdAt": iso(created)},
        "user": {"id": "u1", "email": "grace@example.com", "name": "Grace"},
    }
    data = verifier.encode_cookie_cache(payload)
    return f"better-auth.session_token={verifier.sign_session_token('tok-integrations')}; better-auth.session_data={data}"


# ------------------------------------------------------------------------ Starlette


async def me(request):
    session = request.state.better_auth_session
    return JSONResponse({"email": session.user["email"] if session else None})


async def ws(websocket):
    await websocket.accept()
    await websocket.send_json({"email": websocket.state.better_auth_session.user["email"]})
    await websocket.close()


def starlette_app(**options):
    return Starlette(
        routes=[Route("/me", me), Route("/health", me), Route("/health/deep", me), Route("/healthz", me),
                WebSocketRoute("/ws", ws)],
        middleware=[Middleware(SessionMiddleware, secret=SECRET, strategy="jwt", **options)],
    )


def test_starlette_required() -> None:
    verifier = Verifier(secret=SECRET, strategy="jwt")
    good = cookie(verifier)
    with TestClient(starlette_app(required=True, exempt=["/health"])) as client:
        assert client.get("/me", headers={"cookie": good}).json() == {"email": "grace@example.com"}
        r = client.get("/me")
        assert r.status_code == 401 and r.json()["error"] == "no_token" and r.json()["message"]
        assert r.headers["content-type"] == "application/json"
        r = client.get("/me", headers={"cookie": good.replace("session_token=tok", "session_token=tak")})
        assert (r.status_code, r.json()["error"]) == (401, "bad_token_signature")
        assert client.get("/health").json() == {"email": None}
        assert client.get("/health/deep").status_code == 200
        assert client.get("/healthz").status_code == 401
        with client.websocket_connect("/ws", headers={"cookie": good}) as s:
            assert s.receive_json() == {"email": "grace@example.com"}
        with pytest.raises(WebSocketDisconnect) as e:
            with client.websocket_connect("/ws") as s:
                s.receive_json()
        assert e.value.code == 1008


def test_starlette_fresh_and_options() -> None:
    verifier = Verifier(secret=SECRET, strategy="jwt")
    stale = cookie(verifier, created=NOW - 10_000_000)
    with TestClient(starlette_app(required=True, fresh=True, fresh_age=60)) as client:
        r = client.get("/me", headers={"cookie": stale})
        assert (r.status_code, r.json()["error"]) == (403, "not_fresh")
        assert client.get("/me", headers={"cookie": cookie(verifier)}).status_code == 200
    with TestClient(starlette_app()) as client:  # not required: the route decides
        assert client.get("/me").json() == {"email": None}
    with pytest.raises(TypeError):
        SessionMiddleware(me, Verifier(secret=SECRET), strategy="jwt")


# ------------------------------------------------------------------------ Django

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="django-test-key-not-a-better-auth-secret",
        ROOT_URLCONF=__name__,
        ALLOWED_HOSTS=["testserver"],
        MIDDLEWARE=["session_cache.django.SessionMiddleware"],
        BETTER_AUTH_SESSION={"secret": SECRET, "strategy": "jwe", "fresh_age": 60},
        INSTALLED_APPS=[],
    )
    django.setup()


@session_required
def django_me(request):
    return JsonResponse({"email": request.better_auth_session.user["email"]})


@session_required(fresh=True)
async def django_sensitive(request):
    return JsonResponse({"email": request.better_auth_session.user["email"]})


def django_open(request):
    error = request.better_auth_error
    return JsonResponse({"error": error.error if error is not None else None})


urlpatterns = [
    path("me", django_me),
    path("sensitive", django_sensitive),
    path("open", django_open),
]


def test_django_sync_and_async() -> None:
    from django.test import AsyncClient, Client

    verifier = Verifier(secret=SECRET, strategy="jwe")
    good, stale = cookie(verifier), cookie(verifier, created=NOW - 10_000_000)
    client = Client()
    r = client.get("/me", HTTP_COOKIE=good)
    assert (r.status_code, r.json()) == (200, {"email": "grace@example.com"})
    r = client.get("/me")
    assert r.status_code == 401 and r.json()["error"] == "no_token"
    assert client.get("/open").json() == {"error": "no_token"}
    assert client.get("/open", HTTP_COOKIE=good).json() == {"error": None}
    assert client.get("/sensitive", HTTP_COOKIE=good).status_code == 200
    r = client.get("/sensitive", HTTP_COOKIE=stale)
    assert (r.status_code, r.json()["error"]) == (403, "not_fresh")

    async def get(url: str, cookies: str):
        aclient = AsyncClient()  # the ASGI handler; cookies from the client's jar
        aclient.cookies.load(cookies)
        return await aclient.get(url)

    async def run() -> None:
        r = await get("/sensitive", good)
        assert (r.status_code, r.json()) == (200, {"email": "grace@example.com"})
        r = await get("/me", stale)
        assert r.status_code == 200  # not fresh, but fresh is not required here
        r = await get("/sensitive", stale)
        assert (r.status_code, r.json()["error"]) == (403, "not_fresh")
        r = await get("/me", good.replace("session_data=", "session_data=x"))
        assert r.status_code == 401 and r.json()["error"] in ("malformed", "decrypt_failed")

    asyncio.run(run())


def test_django_decorator_without_middleware() -> None:
    from django.test import RequestFactory

    with pytest.raises(RuntimeError, match="SessionMiddleware"):
        django_me(RequestFactory().get("/me"))
