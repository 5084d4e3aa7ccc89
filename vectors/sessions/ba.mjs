// Shared by sessions/make.mjs and sessions/verify.mjs: real Better Auth instances built
// from a session-case `config`, a tiny cookie jar, and Better Auth's own verdicts on a
// Cookie header (getSession, getCookieCache, the freshness middleware).
//
// config: { strategy: "compact"|"jwt"|"jwe",
//           secret: string  |  secrets: [{version, value}], legacySecret?: string|null,
//           version: null | string          (session.cookieCache.version; null = unset, "1")
//           cookiePrefix: null | string     (advanced.cookiePrefix)
//           secure: bool                    (https baseURL, so `__Secure-` names)
//           freshAge: number                (session.freshAge, seconds)
//           updateAge: null | number        (session.cookieCache.refreshCache.updateAge;
//                                            used by stateless instances only: Better Auth
//                                            turns refreshCache off when it has a database)
//           maxAge?: number                 (session.cookieCache.maxAge, default 300)
//           expiresIn?: number }            (session.expiresIn, default 604800)

// lib.mjs scrubs BETTER_AUTH_* from the environment before Better Auth is loaded, and
// gives the frozen clock and the console capture.
import { withClock, captureConsole, getCookieCache, decodeCookieCache, VERSIONS } from "../lib.mjs";

const { betterAuth } = await import("better-auth");
const { memoryAdapter } = await import("better-auth/adapters/memory");

export { withClock, captureConsole, getCookieCache, decodeCookieCache, VERSIONS };

if (VERSIONS["better-auth"] !== "1.7.24") throw new Error(`better-auth 1.7.24 expected, found ${VERSIONS["better-auth"]}`);

export const STRATEGIES = ["compact", "jwt", "jwe"];

export function validateConfig(c) {
  if (!c || typeof c !== "object") throw new TypeError("config must be an object");
  if (!STRATEGIES.includes(c.strategy)) throw new TypeError(`unknown strategy ${JSON.stringify(c.strategy)}`);
  if (typeof c.secret !== "string" && !Array.isArray(c.secrets)) throw new TypeError("config needs `secret` or `secrets`");
  if (c.version != null && typeof c.version !== "string") throw new TypeError("version must be null or a string");
  if (c.cookiePrefix != null && typeof c.cookiePrefix !== "string") throw new TypeError("cookiePrefix must be null or a string");
  if (typeof c.secure !== "boolean") throw new TypeError("secure must be a boolean");
  if (!Number.isFinite(c.freshAge)) throw new TypeError("freshAge must be a number");
  if (c.updateAge != null && !Number.isFinite(c.updateAge)) throw new TypeError("updateAge must be null or a number");
}

/** Better Auth options for `config`. `db`: a memory-adapter database, or null (stateless). */
export function authOptions(config, db) {
  validateConfig(config);
  const keys = Array.isArray(config.secrets)
    ? {
        secrets: config.secrets.map((s) => ({ version: s.version, value: s.value })),
        ...(config.legacySecret ? { secret: config.legacySecret } : {}),
      }
    : { secret: config.secret };
  const cookieCache = {
    enabled: true,
    strategy: config.strategy,
    maxAge: config.maxAge ?? 300,
    ...(config.version != null ? { version: config.version } : {}),
  };
  // With a database Better Auth disables refreshCache (with a warning); without one it
  // defaults to `true`, so say what we mean.
  if (!db) cookieCache.refreshCache = config.updateAge == null ? false : { updateAge: config.updateAge };
  return {
    baseURL: config.secure ? "https://app.example.com" : "http://localhost:3000",
    ...keys,
    ...(db ? { database: memoryAdapter(db) } : {}),
    emailAndPassword: { enabled: true },
    telemetry: { enabled: false },
    logger: { disabled: true },
    advanced: config.cookiePrefix != null ? { cookiePrefix: config.cookiePrefix } : {},
    user: { additionalFields: { bio: { type: "string", required: false } } },
    session: {
      freshAge: config.freshAge,
      ...(config.expiresIn != null ? { expiresIn: config.expiresIn } : {}),
      cookieCache,
    },
  };
}

export const emptyDb = () => ({ user: [], session: [], account: [], verification: [] });

/** A Better Auth instance for `config`; `db` null: stateless (no database). */
export function makeAuth(config, db) {
  return betterAuth(authOptions(config, db));
}

// ---------------------------------------------------------------------------------------
// A cookie jar: what a browser stores from Set-Cookie and sends back in Cookie. Cookies
// are kept as written on the wire (browsers do not decode them). Max-Age=0 deletes; no
// other expiry is applied (the jar never looks at the clock), so a case can send a cookie
// a browser would already have dropped, as a non-browser client or a skewed clock would.
// ---------------------------------------------------------------------------------------

export class Jar {
  constructor() {
    this.cookies = new Map();
  }
  /** Applies Set-Cookie header values (strings). */
  apply(setCookies) {
    for (const h of setCookies) {
      const [pair, ...attrs] = h.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const maxAge = attrs.map((a) => a.trim()).find((a) => /^max-age=/i.test(a));
      const deleted = maxAge !== undefined && Number(maxAge.split("=")[1]) <= 0;
      if (deleted) this.cookies.delete(name);
      else {
        this.cookies.delete(name); // a rewritten cookie moves to the end, as a new one
        this.cookies.set(name, value);
      }
    }
    return this;
  }
  clone() {
    const j = new Jar();
    j.cookies = new Map(this.cookies);
    return j;
  }
  names() {
    return [...this.cookies.keys()];
  }
  header() {
    return [...this.cookies].map(([n, v]) => `${n}=${v}`).join("; ");
  }
}

export const cookieNames = (config) => {
  const secure = config.secure ? "__Secure-" : "";
  const prefix = config.cookiePrefix || "better-auth";
  return {
    token: `${secure}${prefix}.session_token`,
    data: `${secure}${prefix}.session_data`,
    dontRemember: `${secure}${prefix}.dont_remember`,
  };
};

// ---------------------------------------------------------------------------------------
// Verdicts
// ---------------------------------------------------------------------------------------

function errMessage(e) {
  if (e && typeof e === "object" && "status" in e && "body" in e) return `APIError ${e.status}: ${e.body?.code ?? ""} ${e.body?.message ?? ""}`.trim();
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

const toJson = (v) => (v == null ? null : JSON.parse(JSON.stringify(v)));

/** Names of the cookies a response sets: [{name, value: "" when deleted / "set"}]. */
function setCookieSummary(headers) {
  const list = headers?.getSetCookie?.() ?? [];
  return list.map((h) => {
    const pair = h.split(";")[0];
    const name = pair.slice(0, pair.indexOf("="));
    const deleted = /;\s*max-age=0(;|$)/i.test(h);
    return { name, deleted };
  });
}

/**
 * auth.api.getSession({headers}) at `now` (ms; null = real clock).
 * Returns { session: JSON | null, error: string | null, setCookies: [{name, deleted}] }.
 */
export async function getSessionVerdict(auth, cookieHeader, now) {
  const headers = new Headers(cookieHeader ? { cookie: cookieHeader } : {});
  const { result } = await captureConsole(() =>
    withClock(now, async () => {
      try {
        const r = await auth.api.getSession({ headers, returnHeaders: true });
        return { session: toJson(r.response), error: null, setCookies: setCookieSummary(r.headers) };
      } catch (e) {
        return { session: null, error: errMessage(e), setCookies: [] };
      }
    }),
  );
  return result;
}

/**
 * Better Auth's freshness verdict: listSessions runs `freshSessionMiddleware` (getSession,
 * then `now - createdAt < freshAge` unless freshAge is 0). true: fresh; false: the
 * middleware said SESSION_NOT_FRESH; null: no session at all.
 */
export async function freshVerdict(auth, cookieHeader, now) {
  const headers = new Headers(cookieHeader ? { cookie: cookieHeader } : {});
  const { result } = await captureConsole(() =>
    withClock(now, async () => {
      try {
        await auth.api.listSessions({ headers });
        return true;
      } catch (e) {
        const code = e?.body?.code;
        if (code === "SESSION_NOT_FRESH") return false;
        if (e?.status === "UNAUTHORIZED" || e?.statusCode === 401) return null;
        return `unexpected: ${errMessage(e)}`;
      }
    }),
  );
  return result;
}

/**
 * The public `getCookieCache(headers, {secret, strategy, version, cookiePrefix, isSecure})`
 * at `now`. It takes a single secret: the current one of `secrets` when versioned.
 */
export async function getCookieCacheVerdict(config, cookieHeader, now) {
  const secret = Array.isArray(config.secrets) ? config.secrets[0].value : config.secret;
  let headers;
  try {
    headers = new Headers({ cookie: cookieHeader });
  } catch (e) {
    return { accepted: false, payload: null, error: `cannot build a Cookie header: ${errMessage(e)}` };
  }
  const { result } = await captureConsole(() =>
    withClock(now, async () => {
      try {
        const payload = await getCookieCache(headers, {
          secret,
          strategy: config.strategy,
          isSecure: config.secure,
          ...(config.cookiePrefix ? { cookiePrefix: config.cookiePrefix } : {}),
          ...(config.version != null ? { version: config.version } : {}),
        });
        return { accepted: !!payload, payload: toJson(payload), error: null };
      } catch (e) {
        return { accepted: false, payload: null, error: errMessage(e) };
      }
    }),
  );
  return result;
}

const statelessInstances = new Map();

/** A stateless (no database) instance for `config`, cached by config. */
export function statelessAuth(config) {
  const id = JSON.stringify(config);
  let auth = statelessInstances.get(id);
  if (!auth) {
    auth = makeAuth(config, null);
    statelessInstances.set(id, auth);
  }
  return auth;
}

/**
 * What verify.mjs reports for one case: the stateless getSession (it can only trust the
 * cookies) and getCookieCache, at `now`.
 */
export async function statelessVerdict(config, cookieHeader, now) {
  const auth = statelessAuth(config);
  const gs = await getSessionVerdict(auth, cookieHeader, now);
  const names = cookieNames(config);
  const refreshed = gs.setCookies.some((c) => !c.deleted && (c.name === names.data || c.name.startsWith(names.data + ".")));
  const gcc = await getCookieCacheVerdict(config, cookieHeader, now);
  return {
    session: gs.session,
    error: gs.error,
    refreshed,
    setCookies: gs.setCookies,
    cookieCache: gcc.payload,
    cookieCacheError: gcc.error,
  };
}
