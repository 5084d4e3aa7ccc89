"""A real FastAPI app (tests/apps/fastapi_app.py) served by uvicorn on 127.0.0.1, asked
over HTTP with cookies minted by the real Better Auth (tests/node/mint.mjs): the
expected statuses and bodies, for every strategy."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Iterator, Optional

import pytest

from conftest import run_node

SECRET = "python-fastapi-secret-0123456789abcdefghij"
STRATEGIES = ("compact", "jwt", "jwe")
APPS = Path(__file__).resolve().parent / "apps"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server() -> Iterator[int]:
    port = free_port()
    env = dict(os.environ, BETTER_AUTH_SECRET=SECRET)
    env.pop("BETTER_AUTH_SECRETS", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "fastapi_app:app", "--app-dir", str(APPS),
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if request(port, "GET", "/health")[0] == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
                pytest.fail(f"uvicorn did not start:\n{out}")
            time.sleep(0.1)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def request(port: int, method: str, path: str, cookies: Optional[list[str]] = None) -> tuple[int, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest(method, path)
        for cookie in cookies or []:
            conn.putheader("Cookie", cookie)
        conn.endheaders()
        res = conn.getresponse()
        return res.status, json.loads(res.read() or b"null")
    finally:
        conn.close()


@pytest.fixture(scope="module")
def minted() -> dict:
    base = {"secret": SECRET, "version": None, "cookiePrefix": None, "secure": False,
            "freshAge": 86400, "updateAge": None}
    cases = []
    for strategy in STRATEGIES:
        cases.append({"config": dict(base, strategy=strategy), "name": f"Grace {strategy}"})
        cases.append({"config": dict(base, strategy=strategy), "name": f"Chunky {strategy}", "bio": "b" * 6000})
    results = run_node("python/tests/node/mint.mjs", {"cases": cases})["results"]
    return {"at": time.time(), "by": {(c["config"]["strategy"], i % 2): r for i, (c, r) in enumerate(zip(cases, results))}}


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_statuses_and_bodies(server: int, minted: dict, strategy: str) -> None:
    m = minted["by"][(strategy, 0)]
    cookie = m["cookieHeader"]

    status, body = request(server, "GET", f"/{strategy}/me", [cookie])
    assert status == 200, body
    assert body == {"email": m["email"], "user_id": m["userId"], "name": m["name"],
                    "fresh": True, "needs_refresh": False, "dont_remember": False}

    status, body = request(server, "GET", f"/{strategy}/me")
    assert (status, body["detail"]["error"]) == (401, "no_token"), body
    assert body["detail"]["message"]

    # The cache tampered with: 401 with the strategy's kind.
    pairs = cookie.split("; ")
    i = next(k for k, p in enumerate(pairs) if "session_data" in p)
    name, value = pairs[i].split("=", 1)
    mid = len(value) // 2
    pairs[i] = f"{name}={value[:mid]}{'A' if value[mid] != 'A' else 'B'}{value[mid + 1:]}"
    status, body = request(server, "GET", f"/{strategy}/me", ["; ".join(pairs)])
    assert status == 401, body
    assert body["detail"]["error"] in ("bad_signature", "decrypt_failed", "malformed"), body

    # Only the token: no cache to trust offline.
    token_only = next(p for p in cookie.split("; ") if "session_token" in p)
    status, body = request(server, "GET", f"/{strategy}/me", [token_only])
    assert (status, body["detail"]["error"]) == (401, "no_cache")

    # Another strategy's route cannot read this cache.
    other = next(s for s in STRATEGIES if s != strategy)
    status, body = request(server, "GET", f"/{other}/me", [cookie])
    assert status == 401 and body["detail"]["error"] != "no_token", body

    # Optional: the session or null, never a refusal.
    assert request(server, "GET", f"/{strategy}/maybe", [cookie]) == (200, {"email": m["email"]})
    assert request(server, "GET", f"/{strategy}/maybe") == (200, {"email": None})
    assert request(server, "GET", f"/{strategy}/maybe", ["; ".join(pairs)]) == (200, {"email": None})

    # The cookies split over two Cookie headers (as HTTP/2 clients send them).
    half = cookie.split("; ")
    status, body = request(server, "GET", f"/{strategy}/me", ["; ".join(half[:1]), "; ".join(half[1:])])
    assert status == 200 and body["email"] == m["email"], body

    # A chunked cache minted by Better Auth.
    big = minted["by"][(strategy, 1)]
    assert "session_data.1=" in big["cookieHeader"]
    status, body = request(server, "GET", f"/{strategy}/me", [big["cookieHeader"]])
    assert status == 200 and body["email"] == big["email"], body

    # A fresh session is required, and with fresh_age=1 s this one is not any more: 403.
    time.sleep(max(0.0, minted["at"] + 1.5 - time.time()))
    status, body = request(server, "POST", f"/{strategy}/sensitive", [cookie])
    assert (status, body["detail"]["error"]) == (403, "not_fresh"), body
    status, body = request(server, "POST", f"/{strategy}/sensitive")
    assert (status, body["detail"]["error"]) == (401, "no_token"), body


def test_middleware_state(server: int, minted: dict) -> None:
    m = minted["by"][("jwe", 0)]
    assert request(server, "GET", "/state", [m["cookieHeader"]]) == (200, {"email": m["email"], "error": None})
    assert request(server, "GET", "/state") == (200, {"email": None, "error": "no_token"})
    compact = minted["by"][("compact", 0)]
    status, body = request(server, "GET", "/state", [compact["cookieHeader"]])
    assert status == 200 and body["email"] is None and body["error"] != "no_token", body
