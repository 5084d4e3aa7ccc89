"""Revocation through the store Better Auth writes: a real redis-server started here on a
free port, the real Better Auth 1.7.24 on it (`vectors/redis/ba-redis.mjs`, its
`secondaryStorage` through @better-auth/redis-storage), and `verify_session_live` with
the redis-py hook of `session_cache.redis`. Sign-out and `revokeSessions` reach the
verifier; with Redis stopped it fails closed (`revocation_unknown`), or open when told.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
from typing import Any, Iterator

import pytest
import redis

from conftest import ROOT, node_skipped
from session_cache import SessionCacheError, Verifier
from session_cache.redis import redis_hook

SECRET = "redis-live-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz"

pytestmark = pytest.mark.skipif(
    node_skipped(), reason="SESSION_CACHE_SKIP_NODE is set (no Node or no Redis here)"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RedisServer:
    def __init__(self) -> None:
        binary = shutil.which("redis-server")
        assert binary, "redis-server is not installed (./test.sh installs it)"
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class BetterAuth:
    """The harness: one JSON command per line on stdin, one answer per line."""

    def __init__(self, url: str, strategy: str) -> None:
        self.process = subprocess.Popen(
            ["node", "redis/ba-redis.mjs", "--redis", url, "--secret", SECRET,
             "--strategy", strategy],
            cwd=ROOT / "vectors",
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        ready = json.loads(self._line())
        assert ready.get("ready") is True, ready
        self.config = ready["config"]

    def _line(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line, "the harness stopped (did you run `npm ci` in vectors/?)"
        return line

    def call(self, **command: Any) -> Any:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self._line())
        assert answer["ok"] is True, (command["cmd"], answer)
        return answer["result"]

    def close(self) -> None:
        try:
            self.call(cmd="quit")
        except (AssertionError, BrokenPipeError, OSError):
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture()
def live() -> Iterator[tuple[RedisServer, BetterAuth]]:
    server = RedisServer()
    ba = BetterAuth(server.url, "jwe")
    try:
        yield server, ba
    finally:
        ba.close()
        server.stop()


def sign_up(ba: BetterAuth, email: str) -> dict[str, Any]:
    return ba.call(cmd="signUp", email=email, password="password1234", name="Ada")


def test_revocations_reach_the_verifier(live: tuple[RedisServer, BetterAuth]) -> None:
    server, ba = live
    assert ba.config["keyPrefix"] == "better-auth:"
    store = redis.Redis.from_url(server.url, socket_timeout=0.5, socket_connect_timeout=0.5)
    auth = Verifier(
        secret=SECRET,
        strategy="jwe",
        is_revoked=redis_hook(store),
        revocation={"max_staleness": 0},
    )

    # Signed in: live in the store.
    s1 = sign_up(ba, "ada@example.test")
    r = auth.verify_session_live(s1["cookieHeader"])
    assert r.valid and r.revocation == "checked", r
    assert auth.verify_session(s1["cookieHeader"]).revocation is None

    # Sign-out deletes the token key: refused, though the cookie alone still verifies.
    ba.call(cmd="signOut", cookieHeader=s1["cookieHeader"])
    r = auth.verify_session_live(s1["cookieHeader"])
    assert not r and r.error == "revoked", r
    assert auth.verify_session(s1["cookieHeader"]).valid

    # revokeSessions writes revoked-sessions-before-<userId>: every session of the user.
    s2 = ba.call(cmd="signIn", email="ada@example.test", password="password1234")
    s3 = ba.call(cmd="signIn", email="ada@example.test", password="password1234")
    assert auth.verify_session_live(s3["cookieHeader"]).valid
    ba.call(cmd="revokeSessions", cookieHeader=s2["cookieHeader"])
    for s in (s2, s3):
        r = auth.verify_session_live(s["cookieHeader"])
        assert not r and r.error == "revoked", r

    # A session created afterwards is live.
    time.sleep(0.01)
    s4 = ba.call(cmd="signIn", email="ada@example.test", password="password1234")
    assert auth.verify_session_live(s4["cookieHeader"]).revocation == "checked"

    # FastAPI's dependency asks the store too (in a worker thread).
    from fastapi import Depends, FastAPI
    from fastapi.testclient import TestClient

    from session_cache.fastapi import SessionAuth

    guard = SessionAuth(secret=SECRET, strategy="jwe", is_revoked=redis_hook(store),
                        revocation={"max_staleness": 0})
    app = FastAPI()

    @app.get("/me")
    def me(session: Any = Depends(guard.required)) -> dict[str, Any]:
        return {"email": session.user["email"], "revocation": session.revocation}

    client = TestClient(app)
    s5 = ba.call(cmd="signIn", email="ada@example.test", password="password1234")
    ok = client.get("/me", headers={"cookie": s5["cookieHeader"]})
    assert ok.status_code == 200 and ok.json()["revocation"] == "checked", ok.text
    ba.call(cmd="signOut", cookieHeader=s5["cookieHeader"])
    refused = client.get("/me", headers={"cookie": s5["cookieHeader"]})
    assert refused.status_code == 401 and refused.json()["detail"]["error"] == "revoked"

    # Redis gone: failing closed by default, open when told.
    server.stop()
    r = auth.verify_session_live(s4["cookieHeader"])
    assert not r and r.error == "revocation_unknown", r
    assert "redis" not in r.message.lower() and str(server.port) not in r.message
    lenient = Verifier(
        secret=SECRET,
        strategy="jwe",
        is_revoked=redis_hook(store),
        revocation={"fail_open": True},
    )
    r = lenient.verify_session_live(s4["cookieHeader"])
    assert r.valid and r.revocation == "unchecked", r


def test_what_a_hook_may_answer() -> None:
    """Offline, on a session minted here: the query the hook gets, and the library's
    decision on each kind of answer."""
    now = 1_795_328_965_877
    created = "2026-11-22T06:00:00.000Z"  # 1_795_327_200_000
    payload = {
        "session": {"id": "s1", "token": "tok_live", "userId": "u1", "createdAt": created,
                    "updatedAt": created, "expiresAt": "2036-11-29T06:29:25.877Z"},
        "user": {"id": "u1", "email": "ada@example.com", "name": "Ada"},
    }
    signer = Verifier(secret=SECRET, strategy="jwe")
    header = (
        f"better-auth.session_token={signer.sign_session_token('tok_live')}; "
        f"better-auth.session_data={signer.encode_cookie_cache(payload, now=now)}"
    )
    queries: list[dict[str, Any]] = []

    def verdict(answer: Any, **revocation: Any) -> tuple[str, Any]:
        def hook(query: dict[str, Any]) -> Any:
            queries.append(query)
            if isinstance(answer, Exception):
                raise answer
            return answer

        auth = Verifier(secret=SECRET, strategy="jwe", is_revoked=hook,
                        revocation=revocation or None)
        r = auth.verify_session_live(header, now=now)
        return (r.revocation if r else r.error), r

    assert verdict({"token": True})[0] == "checked"
    assert queries[-1] == {
        "token": "tok_live",
        "user_id": "u1",
        "token_key": "better-auth:tok_live",
        "revoked_before_key": "better-auth:revoked-sessions-before-u1",
    }
    verdict({"token": 1}, key_prefix="")
    assert queries[-1]["token_key"] == "tok_live"
    # The token key: a bool, EXISTS's count, or GET's value (None: gone).
    assert verdict({"token": 1})[0] == "checked"
    assert verdict({"token": b"{}"})[0] == "checked"
    assert verdict({"token": "{}"})[0] == "checked"
    assert verdict({"token": 0})[0] == "revoked"
    assert verdict({"token": None})[0] == "revoked"
    assert verdict({})[0] == "revoked"
    # revoked-sessions-before-<userId>: a session created strictly earlier is revoked.
    assert verdict({"token": 1, "revoked_before": str(1_795_327_200_001)})[0] == "revoked"
    assert verdict({"token": 1, "revoked_before": 1_795_327_200_001})[0] == "revoked"
    assert verdict({"token": 1, "revoked_before": b"1795327200000"})[0] == "checked"
    # An answer too old for the staleness bound, a hook that raises, a wrong answer.
    assert verdict({"token": 1, "read_at": now - 6000})[0] == "revocation_unknown"
    assert verdict({"token": 1, "read_at": now - 6000}, max_staleness=10)[0] == "checked"
    kind, r = verdict(ConnectionError("redis://secret@10.0.0.1:6379 refused"))
    assert kind == "revocation_unknown" and "10.0.0.1" not in r.message, r.message
    assert verdict(ConnectionError("down"), fail_open=True)[0] == "unchecked"
    assert verdict([True, None])[0] == "revocation_unknown"
    assert verdict({"token": object()})[0] == "revocation_unknown"
    # A refusal offline is reported before the store is asked.
    before = len(queries)
    auth = Verifier(secret=SECRET, strategy="jwe", is_revoked=lambda q: queries.append(q))
    assert auth.verify_session_live("better-auth.session_token=x", now=now).error == "bad_token_signature"
    assert len(queries) == before


def test_configuration_errors() -> None:
    with pytest.raises(SessionCacheError) as e:
        Verifier(secret=SECRET).verify_session_live("")
    assert e.value.kind == "invalid_options"
    with pytest.raises(SessionCacheError) as e:
        Verifier(secret=SECRET, revocation={"max_staleness": 1})
    assert e.value.kind == "invalid_options"
    with pytest.raises(SessionCacheError) as e:
        Verifier(secret=SECRET, is_revoked=lambda q: {}, revocation={"nope": 1})
    assert e.value.kind == "invalid_options"
    with pytest.raises(TypeError):
        Verifier(secret=SECRET, is_revoked="not a function")
    with pytest.raises(TypeError):
        Verifier(secret=SECRET, is_revoked=lambda q: {}, revocation={"max_staleness": "5"})
