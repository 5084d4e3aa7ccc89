"""Public-key sessions (Better Auth's JWT plugin): the session-cache JWT of every vector
in vectors/jwks/cases.json (made by the real Better Auth 1.7.24), verified with the key
set `GET /api/auth/jwks` served, through `Verifier(jwks=...)`: the same verdicts as
tests/jwks_vectors.rs, the same deliberate differences; then the offline session check of
the vectors' Cookie headers, with and without the deployment's secret.
"""

from __future__ import annotations

import json
from typing import Any, Optional
from urllib.parse import urlsplit

import pytest

from conftest import load_json
from session_cache import ERROR_KINDS, SessionCacheError, Verifier

# Better Auth's reason -> our error kind (tests/jwks_vectors.rs, `kind_of`).
KIND_OF = {
    "typ": "wrong_token_type",
    "kid_missing": "malformed",
    "kid_unknown": "unknown_key",
    "alg": "unsupported_algorithm",
    "key": "unsupported_algorithm",
    "crit": "unsupported_algorithm",
    "malformed": "malformed",
    "claim_type": "malformed",
    "signature": "bad_signature",
    "iss": "wrong_issuer",
    "aud": "wrong_audience",
    "expired": "expired",
    "not_yet_valid": "not_yet_valid",
    "schema": "invalid_payload",
    "sub": "wrong_subject",
    "sid": "wrong_session_id",
    "version": "version_mismatch",
    "session_expired": "session_expired",
}

# Refused on purpose where Better Auth accepts (the crate docs): no `exp`.
DIFFERENCES = {
    "/session/exp-missing": "malformed",
    "/session/exp-missing-a-day-later": "malformed",
}

CLAIMS = ("sid", "iat", "exp", "nbf", "iss", "aud", "sub")


def suffix(name: str) -> str:
    return name[name.index("/") :]


def served(file: dict[str, Any], v: dict[str, Any]) -> dict[str, Any]:
    return v.get("jwks") or file["keySets"][v["keySet"]]["jwks"]


def verifier(jwks: Any, options: dict[str, Any], secret: Optional[str] = None) -> Verifier:
    kwargs: dict[str, Any] = {"jwks": jwks}
    if options.get("issuer"):
        kwargs["jwt_issuer"] = options["issuer"]
    if options.get("audience"):
        kwargs["jwt_audience"] = options["audience"]
    if options.get("version"):
        kwargs["version"] = options["version"]
    if secret is not None:
        kwargs["secret"] = secret
    return Verifier(**kwargs)


def session_vectors() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    file = load_json("jwks/cases.json")
    vectors = [v for v in file["vectors"] if v["kind"] == "session_cache"]
    assert len(vectors) == 387
    return file, vectors


def test_every_session_cache_vector() -> None:
    file, vectors = session_vectors()
    failures: list[str] = []
    counts = {"accepted": 0, "refused": 0, "deliberate": 0}
    for i, v in enumerate(vectors):
        name, expected = v["name"], v["expected"]
        key_set = served(file, v)
        # The key set as Python holds it (a dict) and as its JSON text: the same verifier.
        jwks = key_set if i % 2 else json.dumps(key_set)
        r = verifier(jwks, v["options"]).decode_cookie_cache(v["value"], now=v["now"])
        want = DIFFERENCES.get(suffix(name))
        if want is None and not expected["valid"]:
            want = KIND_OF[expected["reason"]]
        if want is None:
            if not r.valid:
                failures.append(f"{name}: refused ({r.error}: {r.message}), Better Auth accepts")
                continue
            counts["accepted"] += 1
            theirs = {k: x for k, x in expected["payload"].items() if k not in CLAIMS}
            if r.payload != theirs:
                failures.append(f"{name}: payload {r.payload} != {theirs}")
            if r.strategy != "jwt":
                failures.append(f"{name}: strategy {r.strategy}")
        else:
            counts["deliberate" if suffix(name) in DIFFERENCES else "refused"] += 1
            if r.valid:
                failures.append(f"{name}: accepted, expected {want}")
            elif r.error != want:
                failures.append(f"{name}: {r.error} ({r.message}), expected {want}")
            elif r.error not in ERROR_KINDS or not r.message:
                failures.append(f"{name}: {r.error} is not a documented kind, or no message")
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures)
    assert all(counts.values()), counts


def test_the_offline_check_of_their_cookie_headers() -> None:
    """verify_session on the Cookie headers Better Auth set at sign-in: with the public
    keys only (the session token is then bound to the JWT's `sid`), and with the secret
    too (its signature is verified as well; a forged one is refused)."""
    file, vectors = session_vectors()
    checked = 0
    for v in vectors:
        # What Better Auth's own server decided for this header (its getSession).
        if not v["expected"]["valid"] or not (v.get("server") or {}).get("valid"):
            continue
        if v["source"] not in ("sign-up", "sign-in"):
            continue
        if v.get("jwks") or v["options"].get("version") or suffix(v["name"]) in DIFFERENCES:
            continue
        header = v.get("cookieHeader")
        if not header:
            continue
        server = file["keySets"][v["keySet"]]["server"]
        # The server's own expectations: its origin as the issuer, its version.
        base = urlsplit(server["baseURL"]) if server.get("baseURL") else None
        issuer = f"{base.scheme}://{base.netloc}" if base else "better-auth:session-cache"
        expect = {"issuer": issuer, "version": server.get("version")}
        public_only = verifier(served(file, v), expect)
        r = public_only.verify_session(header, now=v["now"])
        assert r.valid, (v["name"], r.error, r.message)
        assert r.session["token"] == v["expected"]["payload"]["session"]["token"]
        assert r.user == {
            k: x for k, x in v["expected"]["payload"]["user"].items() if k not in CLAIMS
        }
        if server.get("secret") and not server.get("secrets"):
            with_secret = verifier(served(file, v), expect, server["secret"])
            assert with_secret.verify_session(header, now=v["now"]).valid, v["name"]
            token_cookie, rest = header.split(";", 1)
            forged = token_cookie[:-8] + "AAAAAAA%3D;" + rest
            bad = with_secret.verify_session(forged, now=v["now"])
            assert not bad and bad.error == "bad_token_signature", (v["name"], bad.error)
        checked += 1
    assert checked >= 10, checked


def test_configuration() -> None:
    file, vectors = session_vectors()
    jwks = served(file, vectors[0])
    v = Verifier(jwks=jwks)
    assert v.strategy == "jwt"
    with pytest.raises(SessionCacheError) as e:
        Verifier(jwks=jwks, strategy="jwe")
    assert e.value.kind == "invalid_options"
    with pytest.raises(SessionCacheError) as e:
        Verifier(jwks='{"keys": 5}')
    assert e.value.kind in ERROR_KINDS
    with pytest.raises(TypeError):
        Verifier(jwks=object())
    # Writing needs a secret; a JWKS-only verifier says so.
    with pytest.raises(SessionCacheError) as e:
        v.encode_cookie_cache({"session": {}, "user": {}})
    assert e.value.kind in ("invalid_key", "invalid_payload")
    with pytest.raises(SessionCacheError) as e:
        v.sign_session_token("tok")
    assert e.value.kind == "invalid_key"
    assert v.verify_session_token("tok.sig") is None
