"""One Verifier shared by many threads: every verification releases the GIL
(`Python::detach`), so the answers must stay right when they run at the same time.
(How well that scales is measured by bench/bench.py, not asserted here; that the GIL
is given up during each verification is checked without timing, below.)"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from session_cache import Verifier

SECRET = "python-threads-secret-0123456789abcdefghij"


def iso(ms: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms / 1000)) + ".%03dZ" % (ms % 1000)


def test_concurrent_verifications_are_right() -> None:
    now = int(time.time() * 1000)
    verifier = Verifier(secret=SECRET, strategy="jwe")
    headers = []
    for i in range(16):
        token = f"token-{i:02d}".ljust(32, "x")
        payload = {
            "session": {"id": f"s{i}", "token": token, "userId": f"u{i}", "expiresAt": iso(now + 86_400_000)},
            "user": {"id": f"u{i}", "email": f"user{i}@example.com", "name": f"User {i}", "bio": "b" * (i * 500)},
        }
        cookies = "; ".join(h.split(";")[0] for h in verifier.set_cookie_headers(payload))
        headers.append(f"better-auth.session_token={verifier.sign_session_token(token)}; {cookies}")
    bad = [h.replace("session_token=token", "session_token=tokem") for h in headers]
    start = threading.Barrier(8)

    def work(k: int) -> int:
        start.wait()
        checked = 0
        for round_ in range(60):
            i = (k * 7 + round_) % 16
            r = verifier.verify_session(headers[i], now=now)
            assert r.valid and r.user["email"] == f"user{i}@example.com" and len(r.user["bio"]) == i * 500
            assert verifier.verify_session(bad[i], now=now).error == "bad_token_signature"
            assert verifier.get_cookie_cache(headers[i], now=now)["session"]["id"] == f"s{i}"
            checked += 1
        return checked

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert sum(pool.map(work, range(8))) == 8 * 60


def test_version_function_called_from_threads() -> None:
    """A Python version function runs with the GIL held, between two detached steps."""
    now = int(time.time() * 1000)
    calls = []
    verifier = Verifier(secret=SECRET, strategy="compact", version=lambda s, u: calls.append(1) or "v" + u["id"])
    payload = {"session": {"id": "s", "token": "t" * 32, "userId": "u", "expiresAt": iso(now + 86_400_000)},
               "user": {"id": "u", "email": "e@example.com", "name": "n"}}
    header = (f"better-auth.session_token={verifier.sign_session_token('t' * 32)}; "
              f"better-auth.session_data={verifier.encode_cookie_cache(payload, now=now)}")
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: verifier.verify_session(header, now=now), range(200)))
    assert all(r.valid and r.payload["version"] == "vu" for r in results)
    assert len(calls) == 201


def test_the_gil_is_released_while_verifying() -> None:
    """With a switch interval so long that the interpreter never takes the GIL from a
    thread, another thread runs only when the GIL is given up: during each verification
    (released), never during pure-Python or json work of the same length (held)."""
    import json
    import sys

    now = int(time.time() * 1000)
    verifier = Verifier(secret=SECRET, strategy="jwe")
    payload = {"session": {"id": "s", "token": "t" * 32, "userId": "u", "expiresAt": iso(now + 86_400_000)},
               "user": {"id": "u", "email": "e@example.com", "name": "n", "bio": "b" * 3000}}
    header = (f"better-auth.session_token={verifier.sign_session_token('t' * 32)}; "
              f"better-auth.session_data={verifier.encode_cookie_cache(payload, now=now)}")
    text = json.dumps(payload)
    hits = 0
    stop = False
    started = threading.Event()

    def other() -> None:
        nonlocal hits
        started.set()
        while not stop:
            hits += 1
            time.sleep(0)  # gives the GIL back at once

    def count(work) -> int:
        before = hits
        for _ in range(2000):
            work()
        return hits - before

    old = sys.getswitchinterval()
    sys.setswitchinterval(100.0)
    thread = threading.Thread(target=other)
    thread.start()
    try:
        started.wait()
        held = count(lambda: json.loads(text))
        released = count(lambda: verifier.verify_session(header, now=now))
    finally:
        stop = True
        sys.setswitchinterval(old)
        thread.join()
    print(f"other thread ran {held} times during json.loads, {released} during verify_session")
    assert held <= 5, held
    assert released >= 200, released
