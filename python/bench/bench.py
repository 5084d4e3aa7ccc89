"""The Python package beside the pure-Python code a user would otherwise write, on the
same cookies (minted by the real Better Auth 1.7.24: benches/node/fixtures.mjs), and how
verifying scales over threads now that the GIL is released.

    python python/bench/bench.py [--quick] [--json OUT]

Peers:
- ``jwt``: PyJWT's ``jwt.decode(value, secret, algorithms=["HS256"])``;
- ``compact``: a hand-written ``base64`` + ``json`` + ``hmac`` check of Better Auth's
  format (re-serialize the session with ``json.dumps``, HMAC-SHA256 it, compare);
- the offline check of a whole ``Cookie`` header: ``http.cookies.SimpleCookie``, the
  session token's HMAC, the cache's check as above, and the token match.

Each figure is the median of 7 rounds of per-call time. Ratios are peer ÷ ours. The
threaded figures are total throughput with N threads sharing one Verifier, relative to
one thread (the machine's core count bounds them). Needs Node and `npm ci` in vectors/
for the fixtures, PyJWT for the jwt peer.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any, Callable, Optional
from urllib.parse import unquote

import jwt  # PyJWT

import session_cache
from session_cache import Verifier

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "target" / "python-bench-fixtures.json"


def fixtures() -> dict:
    """Fresh fixtures (their caches live one hour, verified at the real clock)."""
    subprocess.run(["node", str(ROOT / "benches" / "node" / "fixtures.mjs"), str(FIXTURES)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return json.loads(FIXTURES.read_text())


# ------------------------------------------------------------------------ the peers


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def compact_peer(secret: bytes) -> Callable[[str], Optional[dict]]:
    """Better Auth's compact check in plain Python: what a user would write."""

    def decode(value: str) -> Optional[dict]:
        try:
            outer = json.loads(b64url_decode(value))
            session, expires_at, signature = outer["session"], outer["expiresAt"], outer["signature"]
        except (ValueError, KeyError, TypeError):
            return None
        if expires_at < time.time() * 1000:
            return None
        signed = json.dumps({**session, "expiresAt": expires_at}, separators=(",", ":"), ensure_ascii=False)
        mac = hmac.new(secret, signed.encode(), hashlib.sha256).digest()
        expected = base64.urlsafe_b64encode(mac).rstrip(b"=").decode()
        return session if hmac.compare_digest(expected, signature) else None

    return decode


def jwt_peer(secret: str) -> Callable[[str], Optional[dict]]:
    def decode(value: str) -> Optional[dict]:
        try:
            return jwt.decode(value, secret, algorithms=["HS256"])
        except jwt.PyJWTError:
            return None

    return decode


def session_peer(secret: str, decode: Callable[[str], Optional[dict]]) -> Callable[[str], Optional[dict]]:
    """The whole offline check of a Cookie header in plain Python."""
    key = secret.encode()

    def check(header: str) -> Optional[dict]:
        jar = SimpleCookie()
        jar.load(header)
        token_cookie = jar.get("better-auth.session_token")
        data_cookie = jar.get("better-auth.session_data")
        if token_cookie is None or data_cookie is None:
            return None
        token, _, signature = unquote(token_cookie.value).rpartition(".")
        mac = base64.b64encode(hmac.new(key, token.encode(), hashlib.sha256).digest()).decode()
        if not hmac.compare_digest(mac, signature):
            return None
        payload = decode(data_cookie.value)
        if payload is None or payload["session"]["token"] != token:
            return None
        return payload

    return check


# ------------------------------------------------------------------------ timing


def per_call(fn: Callable[[], Any], seconds: float) -> float:
    """Median per-call time in µs over 7 rounds of about `seconds` / 7 each."""
    n = 1
    while True:
        start = time.perf_counter()
        for _ in range(n):
            fn()
        if time.perf_counter() - start > 0.02:
            break
        n *= 2
    per_round = max(1, int(n * (seconds / 7) / 0.02))
    rounds = []
    for _ in range(7):
        start = time.perf_counter_ns()
        for _ in range(per_round):
            fn()
        rounds.append((time.perf_counter_ns() - start) / per_round / 1000)
    return statistics.median(rounds)


def throughput(fn: Callable[[], Any], threads: int, seconds: float) -> float:
    """Calls per second of `threads` threads calling `fn` for about `seconds`."""
    stop = time.perf_counter() + seconds
    counts = [0] * threads
    barrier = threading.Barrier(threads + 1)

    def work(i: int) -> None:
        barrier.wait()
        c = 0
        while time.perf_counter() < stop:
            for _ in range(50):
                fn()
            c += 50
        counts[i] = c

    pool = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    start = time.perf_counter()
    barrier.wait()
    for t in pool:
        t.join()
    return sum(counts) / (time.perf_counter() - start)


# ------------------------------------------------------------------------ main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="short runs (a smoke test, noisy figures)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()
    seconds = 0.35 if args.quick else 2.0

    fx = fixtures()
    secret = fx["secret"]
    values, headers = fx["values"], fx["headers"]
    ours = {s: Verifier(secret=secret, strategy=s) for s in ("compact", "jwt", "jwe")}
    peers = {"compact": compact_peer(secret.encode()), "jwt": jwt_peer(secret)}
    session_peers = {s: session_peer(secret, peers[s]) for s in peers}

    # Everyone accepts the same cookies, and reads the same user.
    email = json.loads(fx["payloadJson"])["user"]["email"]
    for s, v in ours.items():
        assert v.decode_cookie_cache(values[s]).valid, s
        assert v.verify_session(headers[s]).user["email"] == email, s
    assert peers["compact"](values["compact"])["user"]["email"] == email
    assert peers["jwt"](values["jwt"])["user"]["email"] == email
    for s, check in session_peers.items():
        assert check(headers[s])["user"]["email"] == email, s

    rows: list[dict] = []

    def row(operation: str, our: Callable[[], Any], peer: Optional[Callable[[], Any]], peer_name: str) -> None:
        mine = per_call(our, seconds)
        theirs = per_call(peer, seconds) if peer else None
        rows.append({"operation": operation, "ours_us": mine, "peer": peer_name, "peer_us": theirs,
                     "ratio": theirs / mine if theirs else None})
        shown = f"{theirs:9.2f} µs  {theirs / mine:5.1f}×" if theirs else "        —"
        print(f"  {operation:46s} {mine:8.2f} µs   {peer_name:28s} {shown}", flush=True)

    print(f"session-cache {session_cache.__version__}, PyJWT {jwt.__version__}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs; cache values: " + ", ".join(f"{s} {len(v)} B" for s, v in values.items()))
    print(f"  {'operation':46s} {'ours':>11s}   {'peer':28s} {'peer':>9s}     ratio")
    row("decode compact", lambda: ours["compact"].decode_cookie_cache(values["compact"]),
        lambda: peers["compact"](values["compact"]), "hmac + json (hand-written)")
    row("decode jwt", lambda: ours["jwt"].decode_cookie_cache(values["jwt"]),
        lambda: peers["jwt"](values["jwt"]), "PyJWT jwt.decode")
    row("decode jwe", lambda: ours["jwe"].decode_cookie_cache(values["jwe"]), None, "—")
    row("offline check, compact (whole Cookie header)", lambda: ours["compact"].verify_session(headers["compact"]),
        lambda: session_peers["compact"](headers["compact"]), "SimpleCookie + hmac + json")
    row("offline check, jwt (whole Cookie header)", lambda: ours["jwt"].verify_session(headers["jwt"]),
        lambda: session_peers["jwt"](headers["jwt"]), "SimpleCookie + hmac + PyJWT")
    row("offline check, jwe (whole Cookie header)", lambda: ours["jwe"].verify_session(headers["jwe"]), None, "—")
    row("Verifier(...) construction, jwe (keys derived)", lambda: Verifier(secret=secret, strategy="jwe"), None, "—")

    print("\nthreads sharing one Verifier (throughput relative to 1 thread):")
    scaling: dict[str, dict[int, float]] = {}
    counts = (1, 2, 4)
    jobs = {
        "ours: offline check, jwe": lambda: ours["jwe"].verify_session(headers["jwe"]),
        "ours: decode jwt": lambda: ours["jwt"].decode_cookie_cache(values["jwt"]),
        "PyJWT: jwt.decode": lambda: peers["jwt"](values["jwt"]),
    }
    for name, fn in jobs.items():
        base = throughput(fn, 1, seconds)
        scaling[name] = {n: (throughput(fn, n, seconds) / base if n > 1 else 1.0) for n in counts}
        print(f"  {name:30s} 1 thread {base:9.0f}/s; " + ", ".join(f"{n} threads {scaling[name][n]:.2f}×" for n in counts[1:]))

    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "threads": scaling, "cpus": os.cpu_count()}, indent=2) + "\n")


if __name__ == "__main__":
    main()
