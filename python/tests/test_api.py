"""The Python API, independent of Better Auth: round trips, result shapes, cookie
names, chunks, versions, rotation, the environment, bad configuration (exceptions) and
bad cookies (results, never exceptions)."""

from __future__ import annotations

import json
import random
import sys
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

import session_cache as sc
from session_cache import (
    ERROR_KINDS,
    DecodedCache,
    Failure,
    SessionCacheError,
    VerifiedSession,
    Verifier,
)

SECRET = "python-test-secret-0123456789abcdef0123456789"
DAY = 86_400_000
STRATEGIES = ("compact", "jwt", "jwe")


def now_ms() -> int:
    return int(datetime.now(timezone.utc).timestamp() * 1000)


def sample(now: int, **extra: Any) -> dict:
    at = lambda ms: datetime.fromtimestamp(ms / 1000, timezone.utc)  # noqa: E731
    return {
        "session": {
            "id": "sess_1",
            "token": "tok_abcdef0123456789",
            "userId": "user_1",
            "expiresAt": at(now + 7 * DAY),
            "createdAt": at(now - 60_000),
            "updatedAt": at(now - 60_000),
            "ipAddress": "127.0.0.1",
            "userAgent": "python",
        },
        "user": {
            "id": "user_1",
            "email": "ada@example.com",
            "name": 'Ada Lovelace 😀 \u2028 "q"',
            "emailVerified": True,
            "image": None,
            "createdAt": at(now - DAY),
            "updatedAt": at(now - DAY),
            "role": "admin",
            "score": 0.1,
            **extra,
        },
    }


def header(verifier: Verifier, payload: dict, now: int, secure: bool = False, extra: str = "") -> str:
    data = verifier.encode_cookie_cache(payload, now=now)
    token = verifier.sign_session_token(payload["session"]["token"])
    prefix = "__Secure-" if secure else ""
    return f"{prefix}better-auth.session_token={token}; {prefix}better-auth.session_data={data}{extra}"


def test_module_surface() -> None:
    assert sc.__version__ == "0.1.0"
    assert sc.STRATEGIES == STRATEGIES
    assert len(ERROR_KINDS) == len(set(ERROR_KINDS)) >= 20
    assert "no_token" in ERROR_KINDS and "bad_signature" in ERROR_KINDS
    assert issubclass(SessionCacheError, ValueError)
    assert len(sc.generate_secret()) == 64 and sc.generate_secret() != sc.generate_secret()
    int(sc.generate_secret(), 16)


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_round_trip_payload_exactly(strategy: str) -> None:
    now = now_ms()
    v = Verifier(secret=SECRET, strategy=strategy)
    assert v.strategy == strategy
    payload = sample(now)
    value = v.encode_cookie_cache(payload)
    r = v.decode_cookie_cache(value)
    assert isinstance(r, DecodedCache) and r.valid and bool(r) and r.error is None and r.message is None
    assert r.strategy == strategy
    assert list(r.payload) == ["session", "user", "updatedAt", "version"]
    assert r.payload["version"] == "1"
    assert isinstance(r.payload["updatedAt"], int) and abs(r.payload["updatedAt"] - now) < 5_000
    user = r.user
    assert user["name"] == payload["user"]["name"] and user["role"] == "admin" and user["score"] == 0.1
    assert user["image"] is None and user["emailVerified"] is True
    assert list(user) == list(payload["user"])
    # Dates: the ISO strings JavaScript's toISOString writes.
    expected = payload["session"]["expiresAt"].strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (
        payload["session"]["expiresAt"].microsecond // 1000
    )
    assert r.session["expiresAt"] == expected
    assert abs(r.expires_at - (now + 300_000)) < 2_000
    # get_cookie_cache: the payload, or None
    assert v.get_cookie_cache(f"other=1; better-auth.session_data={value}")["user"]["email"] == "ada@example.com"
    assert v.get_cookie_cache("other=1") is None
    assert v.get_cookie_cache("") is None
    assert v.get_cookie_cache(None) is None


def test_numbers_and_strings_as_json_loads_reads_them() -> None:
    now = now_ms()
    v = Verifier(secret=SECRET, strategy="compact")
    weird = {"big": 12345678901234567890, "neg0": -0.0, "f": 1.5, "e21": 1e21, "i": 3, "lone": "a\ud800b",
             "nested": [{"x": [True, None]}], "tuple": (1, 2), "2": "index key", "1": "first"}
    r = v.decode_cookie_cache(v.encode_cookie_cache(sample(now, **weird)))
    u = r.user
    assert u["big"] == 12345678901234567000 and type(u["big"]) is int  # JSON.stringify's digits
    assert u["neg0"] == 0 and type(u["neg0"]) is int
    assert u["f"] == 1.5 and type(u["e21"]) is float and u["i"] == 3
    assert u["lone"] == "a\ud800b"
    assert u["nested"] == [{"x": [True, None]}] and u["tuple"] == [1, 2]
    # JavaScript's property order: array-index keys first.
    assert list(u)[:2] == ["1", "2"]
    # What json.loads makes of the JSON text the library signed, exactly.
    assert json.loads(json.dumps(u)) == u


def test_request_inputs() -> None:
    now = now_ms()
    v = Verifier(secret=SECRET, strategy="jwe")
    h = header(v, sample(now), now, extra="; a=b")

    class Headers(dict):
        def get(self, key: str, default: Any = None) -> Any:  # case-sensitive on purpose
            return super().get(key, default)

    class Request:
        def __init__(self, headers: Any) -> None:
            self.headers = headers

    inputs = [
        h,
        h.encode("latin-1"),
        [h],
        h.split("; ", 1),
        {"cookie": h},
        {"Cookie": h},
        {"HTTP_COOKIE": h},
        Headers(cookie=h),
        Request({"cookie": h}),
        Request(Headers(Cookie=h)),
    ]
    for given in inputs:
        r = v.verify_session(given)
        assert r.valid, (given if isinstance(given, str) else type(given), r)
    assert v.verify_session({}).error == "no_token"
    assert v.verify_session(Request({})).error == "no_token"
    for bad in (42, 1.5, object()):
        with pytest.raises(TypeError):
            v.verify_session(bad)  # type: ignore[arg-type]


def test_cookie_names() -> None:
    now = now_ms()
    v = Verifier(secret=SECRET)
    value = v.encode_cookie_cache(sample(now))
    assert v.get_cookie_cache(f"__Secure-better-auth.session_data={value}")
    assert Verifier(secret=SECRET, secure=True).get_cookie_cache(f"__Secure-better-auth.session_data={value}")
    assert Verifier(secret=SECRET, secure=False).get_cookie_cache(f"__Secure-better-auth.session_data={value}") is None
    assert Verifier(secret=SECRET, secure=True).get_cookie_cache(f"better-auth.session_data={value}") is None
    assert Verifier(secret=SECRET, cookie_prefix="my-app").get_cookie_cache(f"my-app.session_data={value}")
    assert Verifier(secret=SECRET, cookie_prefix="my-app").get_cookie_cache(f"better-auth.session_data={value}") is None
    assert Verifier(secret=SECRET, cookie_name="cache").get_cookie_cache(f"better-auth.cache={value}")
    secure = Verifier(secret=SECRET, secure=True)
    r = secure.verify_session(header(secure, sample(now), now, secure=True))
    assert r.valid and r.secure
    assert secure.verify_session(header(secure, sample(now), now, secure=False)).error == "no_token"


def test_chunked_set_cookie_headers() -> None:
    now = now_ms()
    v = Verifier(secret=SECRET, strategy="jwe", secure=True, domain="example.com", max_age=600)
    big = sample(now, bio="x" * 9000)
    headers = v.set_cookie_headers(big)
    assert len(headers) >= 3
    for i, h in enumerate(headers):
        assert h.startswith(f"__Secure-better-auth.session_data.{i}="), h[:60]
        assert h.endswith("; Max-Age=600; Domain=example.com; Path=/; HttpOnly; Secure; SameSite=Lax"), h[-90:]
        assert len(h) <= 4150
    cookie = "; ".join(h.split(";")[0] for h in reversed(headers))
    assert len(v.get_cookie_cache(cookie)["user"]["bio"]) == 9000
    token = v.sign_session_token(big["session"]["token"])
    r = v.verify_session(f"__Secure-better-auth.session_token={token}; {cookie}")
    assert r.valid and len(r.user["bio"]) == 9000
    # A small cache over a chunked one: the stale chunks are expired.
    small = v.set_cookie_headers(sample(now), request=cookie)
    assert any(h.startswith("__Secure-better-auth.session_data=") and "Max-Age=600" in h for h in small)
    assert any(h.startswith("__Secure-better-auth.session_data.0=; Max-Age=0") for h in small)
    with pytest.raises(SessionCacheError) as e:
        v.set_cookie_headers(sample(now, bio="y" * 500_000))
    assert e.value.kind == "too_large_to_write"


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_verify_session(strategy: str) -> None:
    now = now_ms()
    v = Verifier(secret=SECRET, strategy=strategy, fresh_age=3600, update_age=60)
    payload = sample(now)
    h = header(v, payload, now)
    r = v.verify_session(h)
    assert isinstance(r, VerifiedSession) and r.valid and bool(r)
    assert r.error is None and r.message is None and r.strategy == strategy
    assert r.user["email"] == "ada@example.com" and r.session["token"] == payload["session"]["token"]
    assert r.session is r.payload["session"] and r.user is r.payload["user"]
    assert (r.fresh, r.needs_refresh, r.dont_remember, r.secure) == (True, False, False, False)
    assert "tok_" not in repr(r) and "user_1" in repr(r)
    later = v.verify_session(h, now=now + 250_000)
    assert later.valid and later.needs_refresh
    assert v.verify_session(h, now=datetime.fromtimestamp((now + 250_000) / 1000, timezone.utc)).needs_refresh
    assert not Verifier(secret=SECRET, strategy=strategy, fresh_age=30).verify_session(h, now=now + 60_000).fresh

    def fail(given: str, kind: str, verifier: Verifier = v, **kw: Any) -> None:
        f = verifier.verify_session(given, **kw)
        assert isinstance(f, Failure) and not f and f.valid is False, f
        assert f.error == kind, f"{strategy}: {f!r}"
        assert isinstance(f.message, str) and f.message
        assert kind in repr(f)

    data = v.encode_cookie_cache(payload)
    fail("", "no_token")
    fail(f"better-auth.session_data={data}", "no_token")
    fail(f"better-auth.session_token={v.sign_session_token(payload['session']['token'])}", "no_cache")
    fail(f"better-auth.session_token={v.sign_session_token('other')}; better-auth.session_data={data}", "token_mismatch")
    fail(h.replace("session_token=tok", "session_token=xyz"), "bad_token_signature")
    fail(h, "expired", now=now + 400_000)
    fail(h, "version_mismatch", Verifier(secret=SECRET, strategy=strategy, version="2"))
    fail(h, "bad_token_signature", Verifier(secret=SECRET + "-other", strategy=strategy))
    gone = sample(now)
    gone["session"]["expiresAt"] = datetime.fromtimestamp((now - 1000) / 1000, timezone.utc)
    fail(header(v, gone, now), "session_expired")


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_dont_remember(strategy: str) -> None:
    now = now_ms()
    v = Verifier(secret=SECRET, strategy=strategy)
    h = header(v, sample(now), now)
    dont = f"better-auth.dont_remember={v.sign_session_token('true')}"
    assert v.verify_session(f"{h}; {dont}").dont_remember
    assert not v.verify_session(f"{h}; better-auth.dont_remember=true.forged").dont_remember


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_versions(strategy: str) -> None:
    now = now_ms()
    calls: list = []

    def by_role(session: dict, user: dict) -> str:
        calls.append((session["id"], user["id"]))
        return "admin-7" if user.get("role") == "admin" else "7"

    v = Verifier(secret=SECRET, strategy=strategy, version=by_role)
    value = v.encode_cookie_cache(sample(now))
    assert calls == [("sess_1", "user_1")]
    r = v.decode_cookie_cache(value)
    assert r.valid and r.payload["version"] == "admin-7"
    assert Verifier(secret=SECRET, strategy=strategy, version=lambda s, u: "7").decode_cookie_cache(value).error == "version_mismatch"
    assert Verifier(secret=SECRET, strategy=strategy, version="7").get_cookie_cache(f"better-auth.session_data={value}") is None
    assert Verifier(secret=SECRET, strategy=strategy, version="admin-7").get_cookie_cache(f"better-auth.session_data={value}")
    h = header(v, sample(now), now)
    assert v.verify_session(h).valid
    assert Verifier(secret=SECRET, strategy=strategy, version="7").verify_session(h).error == "version_mismatch"
    # Without a version verify_session expects "1" (getSession), decode accepts any.
    assert Verifier(secret=SECRET, strategy=strategy).verify_session(h).error == "version_mismatch"
    assert Verifier(secret=SECRET, strategy=strategy).decode_cookie_cache(value).valid
    # As Better Auth: a function's "" matches no cache; a configured "" is no version.
    empty = Verifier(secret=SECRET, strategy=strategy, version=lambda s, u: "")
    assert empty.decode_cookie_cache(value).error == "version_mismatch"
    assert empty.verify_session(h).error == "version_mismatch"
    assert Verifier(secret=SECRET, strategy=strategy, version="").decode_cookie_cache(value).valid
    # A version function that fails raises: it is the application's code.
    with pytest.raises(ZeroDivisionError):
        Verifier(secret=SECRET, strategy=strategy, version=lambda s, u: 1 / 0).decode_cookie_cache(value)
    with pytest.raises(TypeError):
        Verifier(secret=SECRET, strategy=strategy, version=lambda s, u: 7).verify_session(h)  # type: ignore[arg-type,return-value]


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_rotation(strategy: str) -> None:
    now = now_ms()
    old = Verifier(secrets=[(1, "old-secret-value-0123456789abcdef")], strategy=strategy)
    value = old.encode_cookie_cache(sample(now))
    forms = [
        [(2, "new-secret-value-0123456789abcdef"), (1, "old-secret-value-0123456789abcdef")],
        [{"version": 2, "value": "new-secret-value-0123456789abcdef"}, {"version": 1, "value": "old-secret-value-0123456789abcdef"}],
        "2:new-secret-value-0123456789abcdef, 1:old-secret-value-0123456789abcdef",
    ]
    for secrets in forms:
        r = Verifier(secrets=secrets, strategy=strategy).decode_cookie_cache(value)
        # Better Auth: jwe tries every secret; compact and jwt the current one only.
        assert r.valid == (strategy == "jwe"), (secrets, r)
        assert Verifier(secrets=secrets, strategy=strategy, verify_with_older_secrets=True).decode_cookie_cache(value).valid
    legacy = Verifier(secret="legacy-secret-0123456789abcdefgh", strategy=strategy).encode_cookie_cache(sample(now))
    r = Verifier(secrets=forms[0], secret="legacy-secret-0123456789abcdefgh", strategy=strategy).decode_cookie_cache(legacy)
    assert r.valid == (strategy == "jwe")


def test_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("BETTER_AUTH_SECRET", "BETTER_AUTH_SECRETS", "AUTH_SECRET"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(SessionCacheError, match="secret is required") as e:
        Verifier()
    assert e.value.kind == "invalid_key"
    value = Verifier(secret=SECRET).encode_cookie_cache(sample(now_ms()))
    monkeypatch.setenv("AUTH_SECRET", SECRET)
    assert Verifier().decode_cookie_cache(value).valid
    monkeypatch.setenv("BETTER_AUTH_SECRET", SECRET + "-rotated")
    assert Verifier().decode_cookie_cache(value).error == "bad_signature"
    monkeypatch.setenv("BETTER_AUTH_SECRETS", f"2:{SECRET}")
    assert Verifier().decode_cookie_cache(value).valid
    monkeypatch.setenv("BETTER_AUTH_SECRETS", "x:bad-secret-value")
    with pytest.raises(SessionCacheError) as e:
        Verifier()
    assert e.value.kind == "invalid_key" and "bad-secret-value" not in str(e.value)


@pytest.mark.parametrize(
    "options, error, match",
    [
        ({"secret": ""}, SessionCacheError, "secret is required"),
        ({"secret": SECRET, "strategy": "jws"}, SessionCacheError, 'unknown strategy "jws"'),
        ({"secret": SECRET, "strategy": 3}, TypeError, "strategy must be a str"),
        ({"secret": 5}, TypeError, "secret must be a str"),
        ({"secrets": "2x:abc"}, SessionCacheError, "version"),
        ({"secrets": []}, SessionCacheError, "at least one"),
        ({"secrets": [(1, "a"), (1, "b")]}, SessionCacheError, "duplicate version"),
        ({"secrets": [(-1, "a")]}, SessionCacheError, "version must be an int"),
        ({"secrets": [(True, "a")]}, SessionCacheError, "version must be an int"),
        ({"secrets": [(1, 2)]}, TypeError, "value must be a str"),
        ({"secrets": 5}, TypeError, "secrets must be"),
        ({"secrets": {"1": "a"}}, TypeError, "secrets must be"),
        ({"secret": SECRET, "version": 7}, TypeError, "version must be a str or a function"),
        ({"secret": SECRET, "max_age": -1}, SessionCacheError, "max_age"),
        ({"secret": SECRET, "max_age": 0}, SessionCacheError, "max_age"),
        ({"secret": SECRET, "max_age": 1.5}, TypeError, "max_age"),
        ({"secret": SECRET, "fresh_age": "1"}, TypeError, "fresh_age"),
        ({"secret": SECRET, "secure": "yes"}, TypeError, "secure must be a bool"),
        ({"secret": SECRET, "verify_with_older_secrets": 1}, TypeError, "must be a bool"),
        ({"secret": SECRET, "cookie_prefix": 1}, TypeError, "cookie_prefix must be a str"),
    ],
)
def test_bad_configuration_raises(options: dict, error: type, match: str) -> None:
    with pytest.raises(error, match=match) as e:
        Verifier(**options)
    if error is SessionCacheError:
        assert e.value.kind in ("invalid_key", "invalid_options")
    with pytest.raises(TypeError):
        Verifier(SECRET)  # type: ignore[misc]  # keyword-only


def test_a_bad_cookie_never_raises() -> None:
    kinds = set()
    junk = ["", ".", "....", "a.b.c", "a.b.c.d.e", "%%%", "e30", "eyJhbGciOiJIUzI1NiJ9.e30.", "x" * 600_000,
            "\x00\ud800", "eyJzZXNzaW9uIjp7fX0"]
    rng = random.Random(12345)
    junk += ["".join(chr(rng.randrange(128)) for _ in range(rng.randrange(200))) for _ in range(200)]
    for strategy in STRATEGIES:
        v = Verifier(secret=SECRET, strategy=strategy)
        for value in junk:
            r = v.decode_cookie_cache(value)
            assert not r.valid and r.error in ERROR_KINDS
            kinds.add(r.error)
            assert v.get_cookie_cache(f"better-auth.session_data={value}") is None
            s = v.verify_session(f"better-auth.session_token={value}; better-auth.session_data={value}")
            assert not s.valid and s.error in ERROR_KINDS
            v.verify_session(value)
            assert v.verify_session_token(value) is None
    assert {"malformed", "too_large"} <= kinds, kinds
    with pytest.raises(TypeError):
        Verifier(secret=SECRET).decode_cookie_cache(42)  # type: ignore[arg-type]


def test_session_token() -> None:
    v = Verifier(secret=SECRET)
    signed = v.sign_session_token("tok_123")
    assert signed.startswith("tok_123.") and signed.endswith("%3D")
    from urllib.parse import unquote

    assert v.verify_session_token(unquote(signed)) == "tok_123"
    assert Verifier(secret=SECRET + "x").verify_session_token(unquote(signed)) is None
    assert v.verify_session_token("tok_123.junk") is None
    assert v.verify_session_token("") is None


def test_encode_fills_in_and_refuses_bad_payloads() -> None:
    now = 1_795_328_965_877
    v = Verifier(secret=SECRET, version="3")
    payload = sample(now)
    value = v.encode_cookie_cache(payload, now=now)
    r = Verifier(secret=SECRET).decode_cookie_cache(value, now=now)
    assert r.payload["updatedAt"] == now and r.payload["version"] == "3"
    assert list(r.payload) == ["session", "user", "updatedAt", "version"]
    assert v.encode_cookie_cache(payload, now=now) == value  # compact is deterministic
    # JSON text (str or bytes) is taken as it is; a payload given back round-trips.
    text = json.dumps({**r.payload}, ensure_ascii=False)
    assert Verifier(secret=SECRET).decode_cookie_cache(v.encode_cookie_cache(text, now=now), now=now).valid
    assert Verifier(secret=SECRET).decode_cookie_cache(v.encode_cookie_cache(text.encode(), now=now), now=now).valid
    assert v.encode_cookie_cache(r.payload, now=now) == value
    naive = sample(now)
    naive["session"]["expiresAt"] = datetime(2030, 1, 1)
    cyclic: dict = sample(now)
    cyclic["user"]["self"] = cyclic
    for bad in (
        {"user": payload["user"]},
        {"session": {"id": 1}, "user": payload["user"]},
        "{not json",
        naive,
        cyclic,
        {**payload, "user": {**payload["user"], "x": float("nan")}},
        {**payload, "user": {**payload["user"], "x": object()}},
        {**payload, "user": {**payload["user"], 1: "int key"}},
        {**payload, "user": {**payload["user"], "x": 10**400}},
    ):
        with pytest.raises(SessionCacheError) as e:
            v.encode_cookie_cache(bad, now=now)
        assert e.value.kind == "invalid_payload", bad if not isinstance(bad, dict) else e.value
    for bad_type in (None, 5, [payload]):
        with pytest.raises(TypeError):
            v.encode_cookie_cache(bad_type)  # type: ignore[arg-type]
    with pytest.raises(SessionCacheError):
        v.encode_cookie_cache(payload, max_age=0)
    with pytest.raises(TypeError):
        v.decode_cookie_cache(value, now="today")  # type: ignore[arg-type]
    with pytest.raises(SessionCacheError):
        v.decode_cookie_cache(value, now=datetime(2030, 1, 1))


def test_aware_datetimes_are_instants() -> None:
    now = now_ms()
    v = Verifier(secret=SECRET)
    p = sample(now)
    paris = timezone(timedelta(hours=1))
    p["session"]["createdAt"] = datetime(2026, 1, 1, 13, 0, 0, 123_999, tzinfo=paris)
    r = v.decode_cookie_cache(v.encode_cookie_cache(p))
    assert r.session["createdAt"] == "2026-01-01T12:00:00.123Z"


def test_no_secret_in_reprs_or_errors() -> None:
    v = Verifier(secret="s3cr3t-value-that-must-not-leak", strategy="jwe")
    assert "s3cr3t" not in repr(v)
    f = v.decode_cookie_cache("eyJ.broken")
    assert "s3cr3t" not in repr(f) and "eyJ" not in f.message


def test_results_are_immutable_and_collectable() -> None:
    import gc

    now = now_ms()
    v = Verifier(secret=SECRET)
    r = v.verify_session(header(v, sample(now), now, extra=""), now=now)
    with pytest.raises(AttributeError):
        r.fresh = False  # type: ignore[misc]
    # A cycle through a result's payload is collected (results take part in the GC).
    count = lambda: sum(isinstance(o, VerifiedSession) for o in gc.get_objects())  # noqa: E731
    del r
    gc.collect()
    before = count()
    for _ in range(10):
        r = v.verify_session(header(v, sample(now), now), now=now)
        r.user["me"] = r
        del r
    assert count() >= before + 10
    gc.collect()
    assert count() == before
