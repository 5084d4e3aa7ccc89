// `session-cache/hono`: a Hono middleware over the package's verifier. Translation
// only: the session check (token, cache, version, expiry, freshness) is the verifier's;
// this puts its result in the context and turns a failure into a response.
//
//   app.use("/api/*", sessionMiddleware({ config: { secret, strategy: "jwe" } }));
//   app.get("/api/me", (c) => c.json({ user: c.get("session").user }));
//
// `import "session-cache"` resolves to the runtime's own build (workerd, Deno, Node, …)
// through the package's `exports`.
import { createVerifier } from "session-cache";

function optionsError(message) {
  const error = new TypeError(`session-cache/hono: ${message}`);
  error.code = "invalid_options";
  return error;
}

/** The failure of a valid session that is not fresh when `fresh` is asked for. */
function notFresh() {
  return { valid: false, error: "not_fresh", message: "the session is older than freshAge" };
}

/**
 * The middleware. `options`: `verifier` (a Verifier, or `(c) => Verifier`) or `config`
 * (the verifier's configuration, or `(c) => config`, e.g. for Workers' `c.env`: called
 * once, on the first request, its verifier then reused); `required` (default true:
 * 401 `{error}` without a valid session, 403 `{error: "not_fresh"}`); `fresh` (the
 * session must be fresh, `freshAge`); `onError(c, failure)` (the response instead of
 * the 401/403). Sets `c.get("session")`: the verified session (`user`, `session`,
 * `fresh`, `needsRefresh`, …), or null when not required and there is none.
 */
export function sessionMiddleware(options = {}) {
  if (options === null || typeof options !== "object") throw optionsError("options must be an object");
  const { verifier, config, required = true, fresh = false, onError } = options;
  if ((verifier === undefined) === (config === undefined))
    throw optionsError("pass either `verifier` (a Verifier from createVerifier) or `config` (its configuration)");
  if (typeof required !== "boolean") throw optionsError("required must be a boolean");
  if (typeof fresh !== "boolean") throw optionsError("fresh must be a boolean");
  if (onError !== undefined && typeof onError !== "function") throw optionsError("onError must be a function (c, failure) => Response");

  let made;
  const verifierFor = (c) => {
    if (verifier !== undefined) return typeof verifier === "function" ? verifier(c) : verifier;
    made ??= createVerifier(typeof config === "function" ? config(c) : config);
    return made;
  };

  return async function session(c, next) {
    let result = verifierFor(c).verifySession(c.req.raw);
    if (result.valid && fresh && !result.fresh) result = notFresh();
    if (result.valid) {
      c.set("session", result);
      return await next();
    }
    if (!required) {
      c.set("session", null);
      return await next();
    }
    const failure = { valid: false, error: result.error, message: result.message };
    if (onError !== undefined) return await onError(c, failure);
    return c.json({ error: failure.error }, failure.error === "not_fresh" ? 403 : 401);
  };
}
