"""Live interop with the real Better Auth 1.7.24 in Node, both ways:

- Better Auth mints (tests/node/mint.mjs: real sign-ups and sign-ins on a real
  `betterAuth()` instance, at the real clock), the package verifies;
- the package mints, Better Auth's stateless `getSession` and `getCookieCache`
  (vectors/sessions/verify.mjs) and `decodeCookieCache` (vectors/verify.mjs) accept — and
  refuse the same cookies tampered.

Needs Node and `npm ci` in vectors/ (SESSION_CACHE_SKIP_NODE=1 skips).
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import unquote

import pytest

from conftest import run_node, session_config
from session_cache import Verifier

STRATEGIES = ("compact", "jwt", "jwe")
SECRET = "python-interop-secret-0123456789abcdefghij"
ROTATED = [
    {"version": 3, "value": "python-interop-current-0123456789abcdef"},
    {"version": 2, "value": "python-interop-older-0123456789abcdefgh"},
]
BIG = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 150
ODD = 'Zoë "the" \\ 😀 \u2028 \x7f \x01 </script> émoji'


def config(strategy: str, **over: Any) -> dict:
    c = {
        "strategy": strategy,
        "secret": SECRET,
        "version": None,
        "cookiePrefix": None,
        "secure": False,
        "freshAge": 86400,
        "updateAge": None,
    }
    c.update(over)
    if "secrets" in c:
        del c["secret"]
    return c


def flip(s: str, i: int) -> str:
    return s[:i] + ("B" if s[i] == "A" else "A") + s[i + 1 :]


def cookie_pairs(header: str) -> list[list[str]]:
    return [pair.split("=", 1) for pair in header.split("; ")]


def join(pairs: list[list[str]]) -> str:
    return "; ".join(f"{n}={v}" for n, v in pairs)


def scenarios(strategy: str) -> list[dict]:
    return [
        {"label": "default", "config": config(strategy)},
        {"label": "secure, prefix, version", "config": config(strategy, secure=True, cookiePrefix="myapp", version="5")},
        {"label": "versioned secrets", "config": config(strategy, secrets=ROTATED)},
        {"label": "chunked, unusual characters", "config": config(strategy), "name": ODD, "bio": f"{ODD}\n{BIG}"},
        {"label": "dont remember", "config": config(strategy), "rememberMe": False},
    ]


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_better_auth_mints_python_verifies(strategy: str) -> None:
    cases = scenarios(strategy)
    minted = run_node("python/tests/node/mint.mjs", {"cases": [
        {k: c[k] for k in ("config", "name", "bio", "rememberMe") if k in c} for c in cases
    ]})["results"]
    assert len(minted) == len(cases)
    for case, m in zip(cases, minted):
        label = f"{strategy}/{case['label']}"
        verifier = Verifier(**session_config(case["config"]))
        r = verifier.verify_session(m["cookieHeader"])
        assert r.valid, f"{label}: {r!r}"
        assert r.user["email"] == m["email"] and r.user["id"] == m["userId"], label
        assert r.user["name"] == m["name"], label
        assert r.session["userId"] == m["userId"] and r.fresh, label
        assert r.dont_remember == (case.get("rememberMe") is False), label
        assert r.secure == case["config"]["secure"], label
        if "bio" in case:
            assert r.user["bio"] == case["bio"] and "session_data.1=" in m["cookieHeader"], label
        # The token cookie's value is the cache's token.
        token_cookie = next(v for n, v in cookie_pairs(m["cookieHeader"]) if n.endswith("session_token"))
        assert unquote(token_cookie).rsplit(".", 1)[0] == r.session["token"], label
        assert verifier.verify_session_token(unquote(token_cookie)) == r.session["token"], label
        cached = verifier.get_cookie_cache(m["cookieHeader"])
        assert cached is not None and cached["user"]["id"] == m["userId"], label
        # Another secret or strategy: refused, with a kind.
        wrong = dict(session_config(case["config"]), secret=SECRET + "-x")
        wrong.pop("secrets", None)
        assert Verifier(**wrong).verify_session(m["cookieHeader"]).error == "bad_token_signature", label
        other = next(s for s in STRATEGIES if s != strategy)
        other_verifier = Verifier(**dict(session_config(case["config"]), strategy=other))
        assert not other_verifier.verify_session(m["cookieHeader"]).valid, label


def mint(strategy: str, case: dict, now: int) -> dict:
    """The whole cookie set of a sign-in, minted by the package alone."""
    cfg = case["config"]
    verifier = Verifier(**session_config(cfg), max_age=600)
    token = f"PyTok{strategy}{len(case['label'])}".ljust(32, "x")[:32]
    iso = lambda ms: time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms / 1000)) + ".%03dZ" % (ms % 1000)  # noqa: E731
    user = {
        "id": f"pyuser{strategy}", "createdAt": iso(now - 86_400_000), "updatedAt": iso(now - 86_400_000),
        "email": f"{strategy}-py@example.com", "emailVerified": False, "name": case.get("name", "Ada Lovelace"),
        "image": None,
    }
    if "bio" in case:
        user["bio"] = case["bio"]
    payload = {
        "session": {
            "id": f"pysess{strategy}", "createdAt": iso(now - 5_000), "updatedAt": iso(now - 5_000),
            "userId": user["id"], "expiresAt": iso(now + 7 * 86_400_000), "token": token,
            "ipAddress": "203.0.113.7", "userAgent": "Mozilla/5.0 (python interop)",
        },
        "user": user,
    }
    prefix = ("__Secure-" if cfg["secure"] else "") + (cfg["cookiePrefix"] or "better-auth")
    cookies = [[f"{prefix}.session_token", verifier.sign_session_token(token)]]
    for h in verifier.set_cookie_headers(payload, now=now):
        cookies.append(h.split(";")[0].split("=", 1))
    return {"verifier": verifier, "token": token, "user": user, "cookies": cookies, "payload": payload}


def test_python_mints_better_auth_accepts() -> None:
    now = int(time.time() * 1000)
    at = now + 1_000
    minted, cases = [], []
    for strategy in STRATEGIES:
        for case in scenarios(strategy):
            if case.get("rememberMe") is False:
                continue  # set_cookie_headers writes a remembered cache
            m = mint(strategy, case, now)
            m["label"] = f"{strategy}/{case['label']}"
            m["config"] = dict(case["config"], maxAge=600)
            minted.append(m)
            good = join(m["cookies"])
            assert m["verifier"].verify_session(good, now=at).valid, m["label"]
            data_i = next(i for i, (n, _) in enumerate(m["cookies"]) if n.endswith(("session_data", "session_data.0")))
            tampered_cache = [list(p) for p in m["cookies"]]
            value = tampered_cache[data_i][1]
            mid = next(i for i in range(len(value) // 2, len(value)) if value[i] != ".")
            tampered_cache[data_i][1] = flip(value, mid)
            tampered_token = [list(p) for p in m["cookies"]]
            dot = tampered_token[0][1].rfind(".")
            tampered_token[0][1] = flip(tampered_token[0][1], dot + 5)
            for suffix, header in (("", good), (" [tampered cache]", join(tampered_cache)), (" [tampered token]", join(tampered_token))):
                cases.append({"name": m["label"] + suffix, "config": m["config"], "cookieHeader": header, "now": at})
    results = run_node("vectors/sessions/verify.mjs", {"cases": cases})["results"]
    assert len(results) == len(cases)
    failures = []
    for i, m in enumerate(minted):
        good, bad_cache, bad_token = results[3 * i : 3 * i + 3]
        if good["error"]:
            failures.append(f"{m['label']}: verify.mjs: {good['error']}")
        for what in ("session", "cookieCache"):
            got = good[what]
            if got is None:
                failures.append(f"{m['label']}: {what} refuses our cookies")
            elif got["session"]["token"] != m["token"] or got["user"]["id"] != m["user"]["id"] or got["user"]["email"] != m["user"]["email"]:
                failures.append(f"{m['label']}: {what} read {got['user']}")
            elif "bio" in m["user"] and got["user"].get("bio") != m["user"]["bio"]:
                failures.append(f"{m['label']}: {what} bio differs")
        if bad_cache["session"] is not None or bad_cache["cookieCache"] is not None:
            failures.append(f"{m['label']}: Better Auth accepts a tampered cache")
        if m["verifier"].verify_session(cases[3 * i + 1]["cookieHeader"], now=at).valid:
            failures.append(f"{m['label']}: we accept a tampered cache")
        if bad_token["session"] is not None:
            failures.append(f"{m['label']}: getSession accepts a tampered token")
        if m["verifier"].verify_session(cases[3 * i + 2]["cookieHeader"], now=at).error != "bad_token_signature":
            failures.append(f"{m['label']}: we accept a tampered token")
    assert not failures, "\n".join(failures)
    assert len(minted) == 12


def test_decode_cookie_cache_of_python_values() -> None:
    """Bare values from encode_cookie_cache, through Better Auth's decodeCookieCache and
    getCookieCache (vectors/verify.mjs): accepted with the payload as signed; refused
    with another secret or version."""
    now = int(time.time() * 1000)
    cases, expect = [], []
    for strategy in STRATEGIES:
        for version in (None, "9"):
            v = Verifier(secret=SECRET, strategy=strategy, version=version)
            m = mint(strategy, {"label": "bare", "config": config(strategy)}, now)
            value = v.encode_cookie_cache(m["payload"], now=now)
            for keys, accept in (({"secret": SECRET}, True), ({"secret": SECRET + "-other"}, False)):
                cases.append({"name": f"{strategy}/{version}/{accept}", "strategy": strategy, "keys": keys,
                              "version": version, "value": value, "now": None})
                expect.append((accept, v.decode_cookie_cache(value)))
            cases.append({"name": f"{strategy}/{version}/wrong version", "strategy": strategy,
                          "keys": {"secret": SECRET}, "version": "other", "value": value, "now": None})
            expect.append((False, None))
    results = run_node("vectors/verify.mjs", {"cases": cases})["results"]
    import json

    for case, result, (accept, ours) in zip(cases, results, expect):
        assert result["error"] is None, (case["name"], result["error"])
        assert result["accepted"] == accept, case["name"]
        if accept:
            assert ours.valid
            theirs = json.loads(result["payloadJson"])
            assert theirs["user"] == ours.user and theirs["session"] == ours.session, case["name"]
            assert theirs["version"] == ours.payload["version"]
