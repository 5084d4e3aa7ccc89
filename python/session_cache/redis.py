"""An `is_revoked` hook over a redis-py client, for `Verifier.verify_session_live`.

    import redis
    from session_cache import Verifier
    from session_cache.redis import redis_hook

    store = redis.Redis.from_url("redis://127.0.0.1:6379", socket_timeout=0.5)
    auth = Verifier(strategy="jwe", is_revoked=redis_hook(store),
                    revocation={"max_staleness": 5})
    result = auth.verify_session_live(cookie_header)   # "revoked", "revocation_unknown", ...

The hook only reads: `EXISTS <prefix><token>` and `GET <prefix>revoked-sessions-before-<userId>`,
the two reads Better Auth's own `findSession` makes of its `secondaryStorage`, in one
pipelined round trip. The decision is the library's. An exception (the store is down,
the client's `socket_timeout` passed) makes the answer `revocation_unknown`, or with
`revocation={"fail_open": True}` a session whose `revocation` is `"unchecked"`.
"""

from __future__ import annotations

from typing import Any, Callable


def redis_hook(client: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """The `is_revoked` hook of a `redis.Redis` (or any client with redis-py's
    `pipeline(transaction=False)`, `exists` and `get`)."""

    def is_revoked(query: dict[str, Any]) -> dict[str, Any]:
        pipe = client.pipeline(transaction=False)
        pipe.exists(query["token_key"])
        pipe.get(query["revoked_before_key"])
        exists, revoked_before = pipe.execute()
        return {"token": exists, "revoked_before": revoked_before}

    return is_revoked
