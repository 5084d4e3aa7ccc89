// Types of `session-cache/hono`: the Hono middleware (hono 4).
import type { Context, MiddlewareHandler } from "hono";
import type { CookieCachePayload, Config, Failure, VerifiedSession, Verifier } from "session-cache";

/** What the middleware puts in the context: `c.get("session")`. */
export type SessionVariables<S = VerifiedSession> = { session: S };

/** The Hono environment of routes behind the middleware: `new Hono<SessionEnv>()`. */
export type SessionEnv<S = VerifiedSession> = { Variables: SessionVariables<S> };

/** Where the verifier comes from: `verifier` or `config`, one of them. */
export type VerifierSource =
  | {
    /** A verifier (keys derived once), or a function of the context returning one. */
    verifier: Verifier | ((c: Context) => Verifier);
    config?: undefined;
  }
  | {
    /**
     * The verifier's configuration, or a function of the context returning it (Workers:
     * secrets in `c.env`): called once, on the first request, its verifier then reused.
     */
    config: Config | ((c: Context) => Config);
    verifier?: undefined;
  };

export interface SessionMiddlewareBehaviour {
  /** The session must be fresh (`now - session.createdAt < freshAge`): else 403 `{error: "not_fresh"}`, or null when optional. */
  fresh?: boolean;
  /** The response to a missing or refused session, instead of 401 `{error}` (403 for `not_fresh`). When required only. */
  onError?: (c: Context, failure: Failure) => Response | Promise<Response>;
}

export type SessionMiddlewareOptions = VerifierSource & SessionMiddlewareBehaviour & {
  /** Default true: a request without a valid session is answered (401 `{error}`). False: `c.get("session")` is null. */
  required?: boolean;
};

/** Required (the default): the routes behind it always have a session. */
export declare function sessionMiddleware<P extends CookieCachePayload = CookieCachePayload>(
  options: VerifierSource & SessionMiddlewareBehaviour & { required?: true },
): MiddlewareHandler<SessionEnv<VerifiedSession<P>>>;

/** Optional: `c.get("session")` is the session or null. */
export declare function sessionMiddleware<P extends CookieCachePayload = CookieCachePayload>(
  options: VerifierSource & SessionMiddlewareBehaviour & { required: false | boolean },
): MiddlewareHandler<SessionEnv<VerifiedSession<P> | null>>;
