# Types of the extension module `session_cache._native` (Rust, PyO3), re-exported by
# `session_cache`. Checked against the runtime by tests/test_types.py.
from typing import Any, Callable, Final, Literal, final

from ._types import ErrorKind, Payload, Request, Secrets, Strategy, Time, VersionFunction

__all__ = [
    "ERROR_KINDS",
    "STRATEGIES",
    "DecodedCache",
    "Failure",
    "SessionCacheError",
    "VerifiedSession",
    "Verifier",
    "__version__",
    "generate_secret",
]

__version__: Final[str]

ERROR_KINDS: Final[tuple[ErrorKind, ...]]
STRATEGIES: Final[tuple[Strategy, ...]]

class SessionCacheError(ValueError):
    """A bad configuration, or a payload that cannot be written."""

    kind: ErrorKind

@final
class VerifiedSession:
    """A session the cookie cache vouches for: what Better Auth's `getSession` would serve."""

    @property
    def valid(self) -> Literal[True]: ...
    @property
    def session(self) -> dict[str, Any]:
        """The session row, exactly as signed (dates as ISO strings)."""
    @property
    def user(self) -> dict[str, Any]:
        """The user row, exactly as signed (dates as ISO strings)."""
    @property
    def revocation(self) -> Literal["checked", "unchecked"] | None:
        """`verify_session_live`: `"checked"` (live in the store), `"unchecked"` (the store
        could not answer and `fail_open` let it through); `None` from `verify_session`."""
    @property
    def payload(self) -> Payload:
        """The whole payload `{session, user, updatedAt, version, ...}`."""
    @property
    def expires_at(self) -> int:
        """When the cache expires, Unix milliseconds."""
    @property
    def fresh(self) -> bool:
        """`now - session.createdAt < fresh_age`."""
    @property
    def needs_refresh(self) -> bool:
        """Less than `update_age` seconds remain before the cache expires."""
    @property
    def dont_remember(self) -> bool:
        """The request carries a valid `dont_remember` cookie ("remember me" off)."""
    @property
    def secure(self) -> bool:
        """The cookies read carry the `__Secure-` prefix."""
    @property
    def strategy(self) -> Strategy: ...
    @property
    def error(self) -> None: ...
    @property
    def message(self) -> None: ...
    def __bool__(self) -> Literal[True]: ...

@final
class DecodedCache:
    """A verified cookie-cache value."""

    @property
    def valid(self) -> Literal[True]: ...
    @property
    def payload(self) -> Payload:
        """The payload `{session, user, updatedAt, version, ...}`, exactly as signed."""
    @property
    def session(self) -> dict[str, Any]: ...
    @property
    def user(self) -> dict[str, Any]: ...
    @property
    def expires_at(self) -> int:
        """When the cache expires, Unix milliseconds."""
    @property
    def strategy(self) -> Strategy: ...
    @property
    def error(self) -> None: ...
    @property
    def message(self) -> None: ...
    def __bool__(self) -> Literal[True]: ...

@final
class Failure:
    """Why a cookie was refused. Returned, never raised."""

    @property
    def valid(self) -> Literal[False]: ...
    @property
    def error(self) -> ErrorKind:
        """The stable error kind: `"no_token"`, `"expired"`, `"bad_signature"`, ..."""
    @property
    def message(self) -> str:
        """A short message; never a secret, never the cookie."""
    def __bool__(self) -> Literal[False]: ...

@final
class Verifier:
    """A keyring and a configuration, built once (keys derived once), safe to share
    between threads. Every verification releases the GIL."""

    def __new__(
        cls,
        *,
        secret: str | None = None,
        secrets: Secrets | None = None,
        strategy: Strategy | None = None,
        version: str | VersionFunction | None = None,
        cookie_prefix: str | None = None,
        cookie_name: str | None = None,
        secure: bool | None = None,
        domain: str | None = None,
        max_age: int | None = None,
        fresh_age: int | None = None,
        update_age: int | None = None,
        verify_with_older_secrets: bool | None = None,
        jwks: str | dict[str, Any] | None = None,
        jwt_issuer: str | None = None,
        jwt_audience: str | None = None,
        is_revoked: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
        revocation: dict[str, Any] | None = None,
    ) -> Verifier:
        """Raises `SessionCacheError` (`invalid_key`, `invalid_options`) or `TypeError`
        on a bad configuration. Without `secret` and `secrets`, reads
        `BETTER_AUTH_SECRETS` / `BETTER_AUTH_SECRET` / `AUTH_SECRET` as Better Auth does.

        `jwks`: the JWT plugin's public keys (what `GET /api/auth/jwks` serves, as JSON
        text or a dict): the cache is then a session-cache JWT verified with them, the
        strategy is `"jwt"`, and a secret is optional (with one, the session token's
        signature is verified too; without, the token is bound to the JWT's `sid`).
        `jwt_issuer` is the `iss` expected (Better Auth's server expects its `baseURL`'s
        origin: set it); `jwt_audience` replaces `better-auth:session-cache`.

        `is_revoked`: reads Better Auth's `secondaryStorage` for `verify_session_live`
        (`session_cache.redis.redis_hook(client)` for redis-py): called with
        `{token, user_id, token_key, revoked_before_key}`, it returns `{"token": exists,
        "revoked_before": value}` (and `"read_at"` when it caches). `revocation`:
        `key_prefix` (default `"better-auth:"`), `max_staleness` (seconds, default 5),
        `store_session_in_database`, `fail_open`."""
    @property
    def strategy(self) -> Strategy: ...
    @property
    def checks_revocation(self) -> bool:
        """Whether an `is_revoked` hook is configured."""
    def verify_session(self, request: Request, *, now: Time = None) -> VerifiedSession | Failure:
        """The offline session check (Better Auth's `getSession` served from the cache)."""
    def verify_session_live(self, request: Request, *, now: Time = None) -> VerifiedSession | Failure:
        """`verify_session`, then the store through `is_revoked`: a revoked session is a
        `Failure` (`revoked`), a store that cannot answer `revocation_unknown` (or, with
        `fail_open`, a session whose `revocation` is `"unchecked"`)."""
    def get_cookie_cache(self, request: Request, *, now: Time = None) -> Payload | None:
        """The verified payload of the request's cookie cache, or `None` (`getCookieCache`)."""
    def decode_cookie_cache(self, value: str, *, now: Time = None) -> DecodedCache | Failure:
        """Decodes and verifies one cookie-cache value (chunks already joined)."""
    def encode_cookie_cache(
        self, payload: Payload | str | bytes, *, max_age: int | None = None, now: Time = None
    ) -> str:
        """The cookie-cache value of a payload (`updatedAt`, `version` filled in when absent)."""
    def set_cookie_headers(
        self,
        payload: Payload | str | bytes,
        *,
        max_age: int | None = None,
        request: Request = None,
        now: Time = None,
    ) -> list[str]:
        """The `Set-Cookie` values that write the cache, chunks included."""
    def sign_session_token(self, token: str) -> str:
        """The signed session token as it goes in `Set-Cookie`."""
    def verify_session_token(self, value: str) -> str | None:
        """The token of a signed session-token value (percent-decoded), or `None`."""

def generate_secret() -> str:
    """A new random secret: 64 hex characters."""
