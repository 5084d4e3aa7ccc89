"""Every vector of vectors/ made by the real Better Auth 1.7.24, through the installed
Python package: cookie-cache.json (decode_cookie_cache), sessions/cases.json
(verify_session on whole Cookie headers) and, where the Python API applies,
cookies/cases.json (signed session tokens, token verification, rotation, and the
Set-Cookie lists of live sign-ins). The same verdicts as tests/vectors.rs,
tests/session_interop.rs and tests/cookie_js.rs, the same deliberate differences.
"""

from __future__ import annotations

import base64
import json
import re
from datetime import date
from decimal import Decimal
from typing import Any, Optional
from urllib.parse import unquote

import pytest

from conftest import ROOT, load_json, session_config
from session_cache import ERROR_KINDS, Verifier

# ------------------------------------------------------------------------ JSON as JS sees it


def js_number(n: float) -> Any:
    """The Python value json.loads gives for JSON.stringify(n)."""
    if n == int(n) and abs(n) < 1e21:
        if abs(n) <= 2**53 - 1:
            return int(n)
        # JSON.stringify writes the shortest digits; so does repr.
        return int(Decimal(repr(n)))
    return n


def is_array_index(key: str) -> bool:
    return key == "0" or (
        key.isdigit() and key.isascii() and key[0] != "0" and int(key) < 2**32 - 1
    )


def js_object(pairs: list) -> dict:
    """An object as JSON.parse builds it: the last value of a duplicate key at its first
    position, then array-index keys first, ascending."""
    merged: dict = {}
    for key, value in pairs:
        merged[key] = value
    index = sorted((k for k in merged if is_array_index(k)), key=int)
    return {k: merged[k] for k in index + [k for k in merged if not is_array_index(k)]}


def js_parse(text: str) -> Any:
    """JSON.parse(text) as Python values, as the package returns payloads."""
    as_number = lambda s: js_number(float(s))  # noqa: E731
    return json.loads(
        text, object_pairs_hook=js_object, parse_int=as_number, parse_float=as_number
    )


def canonical(strategy: str, text: str) -> Any:
    """JSON.parse of a vector's payload text; Better Auth drops a top-level `__proto__`
    of a compact payload before checking the MAC, and so does the library."""
    value = js_parse(text)
    if strategy == "compact" and isinstance(value, dict):
        value.pop("__proto__", None)
    return value


def exactly(ours: Any, theirs: Any, path: str = "$") -> Optional[str]:
    """None when equal in value, type and key order; else where they differ."""
    if type(ours) is not type(theirs):
        return f"{path}: {type(ours).__name__} {ours!r} vs {type(theirs).__name__} {theirs!r}"
    if isinstance(ours, dict):
        if list(ours) != list(theirs):
            return f"{path}: keys {list(ours)} vs {list(theirs)}"
        for key in ours:
            diff = exactly(ours[key], theirs[key], f"{path}.{key}")
            if diff:
                return diff
        return None
    if isinstance(ours, list):
        if len(ours) != len(theirs):
            return f"{path}: {len(ours)} items vs {len(theirs)}"
        for i, (a, b) in enumerate(zip(ours, theirs)):
            diff = exactly(a, b, f"{path}[{i}]")
            if diff:
                return diff
        return None
    return None if ours == theirs else f"{path}: {ours!r} vs {theirs!r}"


def test_js_parse_helpers() -> None:
    assert js_parse('{"b":1,"2":2,"a":3,"1":4,"b":5}') == {"1": 4, "2": 2, "b": 5, "a": 3}
    assert list(js_parse('{"b":1,"2":2,"a":3,"1":4,"b":5}')) == ["1", "2", "b", "a"]
    assert exactly(js_parse("[1.0, -0, 1e21, 12345678901234567890]"), [1, 0, 1e21, 12345678901234567000]) is None
    assert exactly(1, 1.0) is not None


# ------------------------------------------------------------------------ cookie-cache.json


def allowed_kinds() -> dict[str, list[str]]:
    """The error kinds a negative vector may give, by reason: read from `fn allowed` in
    tests/vectors.rs, so that the Rust and Python checks never drift apart."""
    text = (ROOT / "tests" / "vectors.rs").read_text()
    body = text[text.index("fn allowed(") :]
    body = body[: body.index("\n}\n")]
    snake = lambda k: re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", k.strip()).lower()  # noqa: E731
    table: dict[str, list[str]] = {}
    for reasons, kinds in re.findall(r'((?:"[a-z0-9_]+"\s*\|\s*)*"[a-z0-9_]+")\s*=>\s*&\[([^\]]*)\]', body):
        names = [snake(k.replace("ErrorKind::", "")) for k in kinds.split(",") if k.strip()]
        for reason in re.findall(r'"([a-z0-9_]+)"', reasons):
            table[reason] = names
    assert table, "could not read fn allowed in tests/vectors.rs"
    return table


def deliberately_refused(name: str) -> Optional[str]:
    """What Better Auth accepts and the library refuses on purpose (the crate docs)."""
    if "/lenient-" in name and not name.endswith("-control"):
        return "non-canonical base64"
    if name.endswith("/zip-deflate"):
        return "compressed JWE"
    if "/no-exp" in name:
        return "no exp claim"
    return None


def vector_verifier(v: dict) -> Verifier:
    keys = v["keys"]
    options: dict[str, Any] = {"strategy": v["strategy"]}
    if keys.get("secrets"):
        options["secrets"] = [{"version": s["version"], "value": s["value"]} for s in keys["secrets"]]
        if keys.get("legacySecret"):
            options["secret"] = keys["legacySecret"]
    else:
        options["secret"] = keys["secret"]
    if v.get("version"):
        options["version"] = v["version"]
    return Verifier(**options)


def test_every_cookie_cache_vector() -> None:
    file = load_json("cookie-cache.json")
    assert file["generator"]["better-auth"] == "1.7.24"
    vectors = file["vectors"]
    assert len(vectors) >= 100
    allowed = allowed_kinds()
    failures: list[str] = []
    counts = {"accepted": 0, "rejected": 0, "deliberate": 0}
    for v in vectors:
        name = v["name"]
        r = vector_verifier(v).decode_cookie_cache(v["value"], now=v["now"])
        refused = deliberately_refused(name)
        if refused:
            counts["deliberate"] += 1
            if r.valid:
                failures.append(f"{name}: accepted, but the library refuses {refused} on purpose")
            continue
        reason = v["reason"]
        if reason is None or reason == "date_reviver":
            if not r.valid:
                failures.append(f"{name}: rejected ({r.error}: {r.message}), expected valid")
                continue
            counts["deliberate" if reason else "accepted"] += 1
            if reason is None and not v["betterAuth"]["accepted"]:
                failures.append(f"{name}: accepted, Better Auth rejects")
            assert bool(r) and r.strategy == v["strategy"]
            if v.get("payloadJson") is not None:
                diff = exactly(r.payload, canonical(v["strategy"], v["payloadJson"]))
                if diff:
                    failures.append(f"{name}: payload differs: {diff}")
                if r.session is not r.payload["session"] or r.user is not r.payload["user"]:
                    failures.append(f"{name}: session/user are not the payload's")
            if v.get("expiresAt") is not None and r.expires_at != int(v["expiresAt"]):
                failures.append(f"{name}: expires_at {r.expires_at} != {v['expiresAt']}")
        else:
            counts["rejected"] += 1
            if r.valid:
                failures.append(f"{name}: accepted, expected {reason}")
                continue
            assert not r and r.error in ERROR_KINDS, r
            if v["betterAuth"]["accepted"]:
                failures.append(f"{name}: rejected ({r.error}), Better Auth accepts")
            if r.error not in allowed[reason]:
                failures.append(f"{name}: reason {reason} but error {r.error} ({r.message})")
            if not r.message:
                failures.append(f"{name}: no message")
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures)
    assert all(counts.values()), counts
    print(f"cookie-cache.json: {len(vectors)} vectors, {counts}")


def test_reencoding_round_trips_every_positive_vector() -> None:
    """A vector's payload, re-encoded by the package in every strategy, decodes to the
    same payload (the dicts we return are what encode takes)."""
    for v in load_json("cookie-cache.json")["vectors"]:
        if v["reason"] is not None or deliberately_refused(v["name"]):
            continue
        r = vector_verifier(v).decode_cookie_cache(v["value"], now=v["now"])
        assert r.valid, v["name"]
        for strategy in ("compact", "jwt", "jwe"):
            options: dict[str, Any] = {"strategy": strategy}
            keys = v["keys"]
            options["secret"] = keys["secret"] if keys.get("secret") else keys["secrets"][0]["value"]
            verifier = Verifier(**options)
            value = verifier.encode_cookie_cache(r.payload, now=v["now"])
            again = verifier.decode_cookie_cache(value, now=v["now"])
            assert again.valid, f"{v['name']} via {strategy}: {again}"
            expected = dict(r.payload)
            if strategy == "compact":
                expected.pop("__proto__", None)
            diff = exactly(again.payload, expected)
            assert diff is None, f"{v['name']} via {strategy}: {diff}"


# ------------------------------------------------------------------------ sessions/cases.json


ISO = re.compile(
    r"^([+-]\d{6}|\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?(Z|[+-]\d\d:\d\d)$"
)


def iso_ms(value: Any) -> Optional[int]:
    """An ISO date string's instant as V8 reads it for the shapes Better Auth writes and
    the crafted cases hold: a day past the month's end or hour 24 roll over."""
    if not isinstance(value, str):
        return None
    m = ISO.match(value)
    if not m:
        return None
    year, month, day, hour, minute = (int(g) for g in m.groups()[:5])
    second = int(m.group(6) or 0)
    millis = int((m.group(7) or "0")[:3].ljust(3, "0"))
    if not (1 <= month <= 12 and 1 <= day <= 31 and hour <= 24 and minute < 60 and second < 60):
        return None
    days = date(year, month, 1).toordinal() - date(1970, 1, 1).toordinal() + day - 1
    ms = (((days * 24 + hour) * 60 + minute) * 60 + second) * 1000 + millis
    zone = m.group(8)
    if zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        ms -= sign * (int(zone[1:3]) * 60 + int(zone[4:6])) * 60_000
    return ms


def js_string(value: Any) -> str:
    """JavaScript's String(value), for the coercion Better Auth's schema applies."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, list):
        return ",".join("" if v is None else js_string(v) for v in value)
    if isinstance(value, dict):
        return "[object Object]"
    return json.dumps(value)


def well_formed(s: str) -> str:
    """What JavaScript's toWellFormed makes of a string (as sessions/verify.mjs prints)."""
    return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in s)


def same(ours: Any, theirs: Any) -> bool:
    """Our value against Better Auth's JSON (numbers compared as doubles)."""
    if isinstance(ours, bool) or isinstance(theirs, bool):
        return ours is theirs
    if isinstance(ours, (int, float)) and isinstance(theirs, (int, float)):
        return float(ours) == float(theirs)
    if isinstance(ours, str) and isinstance(theirs, str):
        return well_formed(ours) == theirs
    if isinstance(ours, list) and isinstance(theirs, list):
        return len(ours) == len(theirs) and all(same(a, b) for a, b in zip(ours, theirs))
    if isinstance(ours, dict) and isinstance(theirs, dict):
        return len(ours) == len(theirs) and all(k in ours and same(ours[k], v) for k, v in theirs.items())
    return ours is None and theirs is None


def same_row(ours: dict, theirs: dict, row: str) -> Optional[str]:
    """Our row against Better Auth's, through its schema: dates compared as instants
    (defaulted when missing), `email` lower-cased, `emailVerified` defaulted to false,
    `userId` a string; every other field equal, and no field of ours Better Auth lacks."""
    for key, value in theirs.items():
        mine = ours.get(key, KeyError)
        if key in ("createdAt", "updatedAt", "expiresAt"):
            ok = (mine is KeyError and key != "expiresAt") or iso_ms(mine) == iso_ms(value)
        elif key == "userId" and row == "session":
            ok = value == js_string(mine)
        elif key == "email" and row == "user":
            ok = isinstance(mine, str) and mine.lower() == value
        elif key == "emailVerified" and row == "user" and mine is KeyError:
            ok = value is False
        else:
            ok = mine is not KeyError and same(mine, value)
        if not ok:
            return f"{row}.{key}: ours {mine!r}, Better Auth's {value!r}"
    extra = [k for k in ours if k not in theirs]
    return f"{row}: ours only {extra}" if extra else None


def compare_session(result: Any, theirs: dict) -> Optional[str]:
    for row in ("session", "user"):
        diff = same_row(getattr(result, row), theirs[row], row)
        if diff:
            return diff
    return None


def session_cases() -> list:
    doc = load_json("sessions/cases.json")
    assert doc["generator"]["better-auth"] == "1.7.24"
    return doc["cases"]


def test_every_session_case() -> None:
    cases = session_cases()
    assert len(cases) >= 100
    verifiers: dict[str, Verifier] = {}
    failures: list[str] = []
    valid = divergences = 0
    for case in cases:
        name, config, expected = case["name"], case["config"], case["expected"]
        key = json.dumps(config, sort_keys=True)
        verifier = verifiers.get(key) or verifiers.setdefault(key, Verifier(**session_config(config)))
        r = verifier.verify_session(case["cookieHeader"], now=case["now"])
        served = case["betterAuth"]["servedFromCache"]
        about = (case.get("divergence") or {}).get("about")
        divergences += bool(about)
        if (about == "valid") != (served != expected["valid"]):
            failures.append(f"{name}: the case file is inconsistent")
        if r.valid != expected["valid"]:
            failures.append(f"{name}: ours {r!r}, expected valid={expected['valid']} ({expected['error']})")
            continue
        if not r.valid:
            if r.error != expected["error"]:
                failures.append(f"{name}: error {r.error} ({r.message}), expected {expected['error']}")
            continue
        valid += 1
        if served:
            diff = compare_session(r, case["betterAuth"]["session"])
            if diff:
                failures.append(f"{name}: {diff}")
        for flag, ours in (
            ("fresh", r.fresh),
            ("needsRefresh", r.needs_refresh),
            ("dontRemember", r.dont_remember),
            ("secure", r.secure),
        ):
            if expected.get(flag) is not None and expected[flag] != ours:
                failures.append(f"{name}: {flag} ours {ours}, expected {expected[flag]}")
    assert not failures, f"{len(failures)} of {len(cases)} cases disagree:\n" + "\n".join(failures)
    assert valid > 50 and divergences > 0
    print(f"sessions/cases.json: {len(cases)} cases agree ({valid} valid, {divergences} documented divergences)")


def test_session_cases_cover_every_outcome() -> None:
    cases = session_cases()
    for strategy in ("compact", "jwt", "jwe"):
        mine = [c for c in cases if c["config"]["strategy"] == strategy]
        kinds = {c["expected"]["error"] for c in mine}
        for kind in ("no_token", "bad_token_signature", "no_cache", "token_mismatch",
                     "version_mismatch", "expired", "session_expired"):
            assert kind in kinds, f"{strategy}: no {kind} case"
        assert any(c["expected"].get("dontRemember") for c in mine)
        assert any(c["expected"].get("needsRefresh") for c in mine)
        assert any("session_data.1=" in c["cookieHeader"] for c in mine)


# ------------------------------------------------------------------------ cookies/cases.json

TOKEN = "better-auth.session_token"
STRICTER = {"signature non-canonical last character (atob accepts)"}


@pytest.fixture(scope="module")
def cookie_cases() -> dict:
    file = load_json("cookies/cases.json")
    assert file["generator"]["better-auth"] == "1.7.24"
    return file


def test_signed_token_cases(cookie_cases: dict) -> None:
    assert len(cookie_cases["signed"]) >= 10
    for case in cookie_cases["signed"]:
        verifier = Verifier(secret=cookie_cases["secrets"][case["secret"]])
        assert verifier.sign_session_token(case["value"]) == case["wire"], case["value"]
        # An empty token signs, but has no value before its signature when read back.
        expected = case["value"] or None
        assert verifier.verify_session_token(unquote(case["wire"])) == expected, case["value"]


def test_verify_token_cases(cookie_cases: dict) -> None:
    stricter = 0
    for case in cookie_cases["verify"]:
        label = case["label"]
        verifier = Verifier(secret=cookie_cases["secrets"][case["secret"]])
        ours = verifier.verify_session_token(case["parsed_value"] or "")
        if label in STRICTER:
            assert case["result"] == "ok", label
            assert ours is None, label
            stricter += 1
        elif case["result"] == "ok":
            assert ours == case["value"], label
        else:
            assert ours is None, label
        # The same through the whole-header check: the token cookie verifies, or why not.
        if case["cookie_name"] == TOKEN:
            r = Verifier(secret=cookie_cases["secrets"][case["secret"]], secure=False).verify_session(case["header"])
            if case["result"] == "ok" and label not in STRICTER:
                expected = "no_cache"
            elif not case["parsed_value"]:
                expected = "no_token"
            else:
                expected = "bad_token_signature"
            assert r.error == expected, f"{label}: {r!r}"
    assert stricter == len(STRICTER)


def test_rotation_cases(cookie_cases: dict) -> None:
    for case in cookie_cases["rotation"]:
        secrets = [(s["version"], s["value"]) for s in case["secrets"]]
        current = Verifier(secrets=secrets).verify_session(case["header"])
        assert current.error == ("no_cache" if case["better_auth"] == "ok" else "bad_token_signature"), case["label"]
        any_secret = Verifier(secrets=secrets, verify_with_older_secrets=True).verify_session(case["header"])
        assert any_secret.error == ("bad_token_signature" if "unknown" in case["label"] else "no_cache"), case["label"]


def compact_expires_at(value: str) -> int:
    outer = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
    return int(outer["expiresAt"])


def test_live_sign_in_cases(cookie_cases: dict) -> None:
    """The cookies of Better Auth's live sign-ups and sign-ins verify, and
    set_cookie_headers writes the cache cookies of a remembered sign-in byte for byte."""
    checked = rewritten = 0
    for case in cookie_cases["live"]:
        config = case["config"]
        prefix = config["prefix"] or "better-auth"
        secure = "__Secure-" if config["secure"] else ""
        data = f"{secure}{prefix}.session_data"
        max_age = config["cache_max_age"] or 300
        verifier = Verifier(
            secret=case["secret"],
            cookie_prefix=prefix,
            secure=config["secure"],
            domain=config["domain"],
            max_age=max_age,
        )
        for i, step in enumerate(case["steps"]):
            label = f"{case['label']} step {i} ({step['action']})"
            if step["action"] == "sign-out":
                continue
            pairs = [h.split(";")[0] for h in step["set_cookie"]]
            sent_back = "; ".join(p for p in pairs if not p.endswith("="))
            cache_cookies = [h for h in step["set_cookie"] if h.split("=")[0] == data or h.split("=")[0].startswith(data + ".")]
            written = [h for h in cache_cookies if not h.split(";")[0].endswith("=")]
            if not written:
                continue  # Better Auth skipped a cache too large to write
            value = "".join(h.split(";")[0].split("=", 1)[1] for h in written)
            expires_at = compact_expires_at(value)
            r = verifier.verify_session(sent_back, now=expires_at - 30_000)
            assert r.valid, f"{label}: {r!r}"
            assert r.dont_remember == (not step["remember"]), label
            token = [p for p in pairs if p.split("=")[0] == f"{secure}{prefix}.session_token"][0]
            assert unquote(token.split("=", 1)[1]).rsplit(".", 1)[0] == r.session["token"], label
            checked += 1
            if step["remember"]:
                ours = verifier.set_cookie_headers(
                    r.payload, now=expires_at - max_age * 1000, request=step["request_cookie"]
                )
                assert ours == cache_cookies, label
                rewritten += 1
    assert checked >= 5 and rewritten >= 3, (checked, rewritten)
