"""Type-checked with mypy --strict by tests/test_types.py (never run): the stubs give
what an application needs, and narrow a result to a session or a failure."""

from typing import Any, Optional

from typing_extensions import assert_type

from session_cache import (
    DecodedCache,
    ErrorKind,
    Failure,
    SessionCacheError,
    Strategy,
    VerifiedSession,
    Verifier,
    generate_secret,
)
from session_cache.fastapi import SessionAuth

auth = Verifier(secret=generate_secret(), strategy="jwe", secure=True, update_age=60)
assert_type(auth.strategy, Strategy)

result = auth.verify_session("better-auth.session_token=...", now=1_795_328_965_877)
if result:
    assert_type(result, VerifiedSession)
    email: str = result.user["email"]
    fresh: bool = result.fresh
else:
    assert_type(result, Failure)
    kind: ErrorKind = result.error

if result.valid:
    assert_type(result, VerifiedSession)
else:
    assert_type(result, Failure)

if isinstance(result, Failure):
    message: str = result.message

decoded = auth.decode_cookie_cache("value")
if decoded:
    assert_type(decoded, DecodedCache)
    assert_type(decoded.expires_at, int)

payload = auth.get_cookie_cache({"cookie": "a=b"})
assert_type(payload, Optional[dict[str, Any]])
headers: list[str] = auth.set_cookie_headers({"session": {}, "user": {}}, max_age=600)
token: Optional[str] = auth.verify_session_token(auth.sign_session_token("t"))
Verifier(secrets=[(2, "new"), (1, "old")], version=lambda session, user: str(user["role"]))
Verifier(secrets="2:new,1:old")

try:
    Verifier(strategy="jwe")
except SessionCacheError as e:
    assert_type(e.kind, ErrorKind)

dependency = SessionAuth(auth)
