"""A FastAPI app over the package, served by uvicorn in tests/test_fastapi_live.py.

The secret comes from the environment (BETTER_AUTH_SECRET), as in a deployment. One
set of routes per strategy: /{strategy}/me (session required), /{strategy}/maybe
(optional), /{strategy}/sensitive (fresh session required, with fresh_age=1 s so that a
test can see a 403); /state reads the Starlette middleware's verdict (jwe).
"""


from typing import Annotated, Optional

from fastapi import Depends, FastAPI, Request

from session_cache import VerifiedSession
from session_cache.fastapi import SessionAuth
from session_cache.starlette import SessionMiddleware

app = FastAPI()
app.add_middleware(SessionMiddleware, strategy="jwe")


@app.get("/health")
def health() -> dict:
    return {"ok": True}


@app.get("/state")
def state(request: Request) -> dict:
    session = request.state.better_auth_session
    error = request.state.better_auth_error
    return {
        "email": session.user["email"] if session else None,
        "error": error.error if error is not None else None,
    }


def routes(strategy: str) -> None:
    auth = SessionAuth(strategy=strategy)
    stale = SessionAuth(strategy=strategy, fresh_age=1)
    Session = Annotated[VerifiedSession, Depends(auth.required)]
    MaybeSession = Annotated[Optional[VerifiedSession], Depends(auth.optional)]
    FreshSession = Annotated[VerifiedSession, Depends(stale.fresh)]

    @app.get(f"/{strategy}/me")
    def me(session: Session) -> dict:
        return {
            "email": session.user["email"],
            "user_id": session.user["id"],
            "name": session.user["name"],
            "fresh": session.fresh,
            "needs_refresh": session.needs_refresh,
            "dont_remember": session.dont_remember,
        }

    @app.get(f"/{strategy}/maybe")
    async def maybe(session: MaybeSession) -> dict:
        return {"email": session.user["email"] if session else None}

    @app.post(f"/{strategy}/sensitive")
    def sensitive(session: FreshSession) -> dict:
        return {"done": True, "email": session.user["email"]}


for _strategy in ("compact", "jwt", "jwe"):
    routes(_strategy)
