// Shared helpers for generate.mjs and verify.mjs.
//
// Everything that decides a verdict is Better Auth's own code: `setCookieCache`,
// `decodeCookieCache` and `getCookieCache` from `better-auth/cookies`, run against a real
// `betterAuth({...}).$context`. The only logic copied here is the few lines of policy that
// `getCookieCache` applies after decoding (version, compact expiry, embedded session expiry),
// because `decodeCookieCache` (which supports secret rotation) does not apply them itself.

import { readFileSync } from "node:fs";

// Deterministic configuration: no ambient secrets, no telemetry.
for (const k of [
  "BETTER_AUTH_SECRET",
  "BETTER_AUTH_SECRETS",
  "AUTH_SECRET",
  "BETTER_AUTH_URL",
  "BETTER_AUTH_TELEMETRY",
  "BETTER_AUTH_TELEMETRY_DEBUG",
]) delete process.env[k];

// Imported dynamically so the environment above is scrubbed first.
const { betterAuth } = await import("better-auth");
const { memoryAdapter } = await import("better-auth/adapters/memory");
const cookiesMod = await import("better-auth/cookies");
export const { setCookieCache, decodeCookieCache, getCookieCache } = cookiesMod;
export const baCrypto = await import("better-auth/crypto"); // signJWT, symmetricEncodeJWT, ...
export const jose = await import("jose");
export const { createHMAC } = await import("@better-auth/utils/hmac");
export const { base64Url } = await import("@better-auth/utils/base64");
export const { binary } = await import("@better-auth/utils/binary");

const pkgVersion = (name) =>
  JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), "utf8")).version;
export const VERSIONS = {
  "better-auth": pkgVersion("better-auth"),
  jose: pkgVersion("jose"),
  node: process.version,
};

export const COOKIE_NAME = "better-auth.session_data";

// ---------------------------------------------------------------------------------------
// Clock
// ---------------------------------------------------------------------------------------

const RealDate = globalThis.Date;
let clockDepth = 0;

/**
 * Run `fn` with the wall clock frozen at `ms`: `Date.now()` and `new Date()` (no arguments;
 * jose uses it for iat/exp checks) return `ms`. `instanceof Date` keeps working for dates
 * created before or during the call (the proxy shares Date.prototype). `ms == null` runs
 * `fn` on the real clock. Not re-entrant.
 */
export async function withClock(ms, fn) {
  if (ms === null || ms === undefined) return await fn();
  if (!Number.isFinite(ms)) throw new TypeError(`withClock: bad time ${ms}`);
  if (clockDepth > 0) throw new Error("withClock is not re-entrant");
  const Fake = new Proxy(RealDate, {
    construct(target, args) {
      return Reflect.construct(target, args.length === 0 ? [ms] : args);
    },
    apply() {
      return new RealDate(ms).toString();
    },
    get(target, prop) {
      if (prop === "now") return () => ms;
      return Reflect.get(target, prop, target);
    },
  });
  clockDepth++;
  globalThis.Date = Fake;
  try {
    return await fn();
  } finally {
    globalThis.Date = RealDate;
    clockDepth--;
  }
}

// ---------------------------------------------------------------------------------------
// Console capture (Better Auth's global logger writes parse/schema warnings to the console)
// ---------------------------------------------------------------------------------------

function safeStringify(a) {
  if (a instanceof Error) return `${a.name}: ${a.message}`;
  try {
    return JSON.stringify(a, (_k, v) => (v instanceof Error ? `${v.name}: ${v.message}` : v));
  } catch {
    return String(a);
  }
}

export async function captureConsole(fn) {
  const logs = [];
  const saved = {};
  for (const m of ["log", "info", "warn", "error", "debug"]) {
    saved[m] = console[m];
    console[m] = (...args) =>
      logs.push(
        `${m}: ${args
          .map((a) => (typeof a === "string" ? a : safeStringify(a)))
          .join(" ")
          .replace(/\x1b\[[0-9;]*m/g, "")}`,
      );
  }
  try {
    return { result: await fn(), logs };
  } finally {
    Object.assign(console, saved);
  }
}

// ---------------------------------------------------------------------------------------
// Auth instances
// ---------------------------------------------------------------------------------------

/** Named cache-version functions (functions cannot live in the JSON vector file). */
export const VERSION_FUNCTIONS = {
  // (session, user) => string, as `session.cookieCache.version` accepts.
  "role-based": (_session, user) => (user.role === "admin" ? "admin-7" : "7"),
};

function keysToOptions(keys) {
  if (!keys || typeof keys !== "object") throw new TypeError("keys must be an object");
  if (Array.isArray(keys.secrets)) {
    const o = { secrets: keys.secrets.map((s) => ({ version: s.version, value: s.value })) };
    if (keys.legacySecret !== undefined && keys.legacySecret !== null) o.secret = keys.legacySecret;
    return o;
  }
  if (typeof keys.secret === "string") return { secret: keys.secret };
  throw new TypeError("keys needs `secret` or `secrets`");
}

/** True when the keys are a single plain secret (getCookieCache can check these too). */
export function isSingleSecret(keys) {
  return typeof keys?.secret === "string" && !Array.isArray(keys?.secrets);
}

const contexts = new Map();

/**
 * The AuthContext of a real `betterAuth()` instance (memory adapter, cookie cache enabled).
 * cfg: { strategy, keys, maxAge = 300, cacheVersion: undefined | string | { fn: name } }
 */
export async function getContext(cfg) {
  const { strategy, keys, maxAge = 300, cacheVersion } = cfg;
  if (!["compact", "jwt", "jwe"].includes(strategy)) throw new TypeError(`unknown strategy ${strategy}`);
  const id = JSON.stringify([strategy, keys, maxAge, cacheVersion ?? null]);
  let p = contexts.get(id);
  if (!p) {
    let version;
    if (typeof cacheVersion === "string") version = cacheVersion;
    else if (cacheVersion && typeof cacheVersion === "object") {
      version = VERSION_FUNCTIONS[cacheVersion.fn];
      if (!version) throw new Error(`unknown version function ${cacheVersion.fn}`);
    }
    const auth = betterAuth({
      baseURL: "http://localhost:3000",
      ...keysToOptions(keys),
      database: memoryAdapter({}),
      telemetry: { enabled: false },
      logger: { disabled: true },
      session: {
        cookieCache: {
          enabled: true,
          strategy,
          maxAge,
          ...(version !== undefined ? { version } : {}),
        },
      },
    });
    p = auth.$context;
    contexts.set(id, p);
  }
  return await p;
}

/**
 * The minimal endpoint context that setCookieCache / createSessionStore / decodeCookieCache
 * touch: `context`, `headers` (read for existing chunks), `setCookie(name, value, attrs)`.
 */
export function makeCtx(context, cookieHeader) {
  const setCookies = [];
  return {
    context,
    headers: new Headers(cookieHeader ? { cookie: cookieHeader } : {}),
    setCookie(name, value, attributes) {
      setCookies.push({ name, value, attributes });
      return value;
    },
    setCookies,
  };
}

/** Index of a chunk cookie name (`NAME.<n>`), or null. */
function chunkIndex(name) {
  if (!name.startsWith(COOKIE_NAME + ".")) return null;
  const suffix = name.slice(COOKIE_NAME.length + 1);
  const n = Number(suffix);
  return Number.isSafeInteger(n) && n >= 0 && String(n) === suffix ? n : null;
}

/**
 * Mint a cookie with Better Auth's own setCookieCache at time `at` (ms; null = real clock).
 * Returns { value (chunks joined in index order), cookies: [{name, value, attributes}] }.
 */
export async function mint(cfg, data, at) {
  const context = await getContext(cfg);
  const ctx = makeCtx(context);
  const { logs } = await captureConsole(() => withClock(at, () => setCookieCache(ctx, data, false)));
  const cookies = ctx.setCookies.filter((c) => c.name === COOKIE_NAME || chunkIndex(c.name) !== null);
  const live = cookies.filter((c) => c.value !== "");
  if (live.length === 0) throw new Error(`setCookieCache set no cookie (logs: ${logs.join(" | ")})`);
  let value;
  if (live.length === 1 && live[0].name === COOKIE_NAME) value = live[0].value;
  else {
    const chunks = live.map((c) => ({ index: chunkIndex(c.name), ...c }));
    if (chunks.some((c) => c.index === null)) throw new Error("mixed chunked/unchunked cookies");
    chunks.sort((a, b) => a.index - b.index);
    chunks.forEach((c, i) => {
      if (c.index !== i) throw new Error("chunk indices are not 0..n-1");
    });
    value = chunks.map((c) => c.value).join("");
  }
  return { value, cookies: live, logs };
}

// ---------------------------------------------------------------------------------------
// Verdicts
// ---------------------------------------------------------------------------------------

// Copied from better-auth/dist/cookies/index.mjs (not exported there).
function isEmbeddedSessionExpired(session) {
  if (!session?.expiresAt) return false;
  const expiresAt = new Date(session.expiresAt).getTime();
  return Number.isFinite(expiresAt) && expiresAt < Date.now();
}

function errMessage(e) {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/**
 * decodeCookieCache (rotation-aware, uses ctx.context.secretConfig) followed by exactly
 * the checks getCookieCache applies after decoding:
 *   - a configured (truthy) expected version: (payload.version || "1") === expected
 *   - compact only: the embedded expiresAt (number) < now -> reject
 *     (jwt/jwe expiry is left to jose: exp, with 15 s tolerance for jwe)
 *   - isEmbeddedSessionExpired(payload.session)
 */
async function decodeVerdict(strategy, keys, version, value) {
  const context = await getContext({ strategy, keys });
  const ctx = makeCtx(context);
  let decoded;
  try {
    decoded = await decodeCookieCache(ctx, value);
  } catch (e) {
    return { accepted: false, payload: null, error: errMessage(e), step: "decode-threw" };
  }
  if (!decoded) return { accepted: false, payload: null, error: null, step: "decode" };
  const payload = decoded.session;
  if (version) {
    const expected = typeof version === "string" ? version : await version(payload.session, payload.user);
    if ((payload.version || "1") !== expected) return { accepted: false, payload: null, error: null, step: "version" };
  }
  if (strategy === "compact" && typeof decoded.expiresAt === "number" && decoded.expiresAt < Date.now())
    return { accepted: false, payload: null, error: null, step: "expiresAt" };
  if (isEmbeddedSessionExpired(payload.session))
    return { accepted: false, payload: null, error: null, step: "session.expiresAt" };
  return { accepted: true, payload, error: null, step: "ok", cacheExpiresAt: decoded.expiresAt };
}

/** Better Auth's public getCookieCache(headers, {secret, strategy, version}). */
async function getCookieCacheVerdict(strategy, secret, version, cookieHeader) {
  let headers;
  try {
    headers = new Headers({ cookie: cookieHeader });
  } catch (e) {
    return { accepted: false, payload: null, error: `cannot build a Cookie header: ${errMessage(e)}`, unusable: true };
  }
  try {
    const payload = await getCookieCache(headers, {
      secret,
      strategy,
      isSecure: false,
      ...(version ? { version } : {}),
    });
    return { accepted: !!payload, payload: payload ?? null, error: null };
  } catch (e) {
    return { accepted: false, payload: null, error: errMessage(e) };
  }
}

export function cookieHeaderFor(value, cookies) {
  if (cookies && cookies.length > 0) return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  return `${COOKIE_NAME}=${value}`;
}

/**
 * Better Auth's verdict on a cookie value.
 * c: { strategy, keys, version: null|string, value, now: ms|null, cookies?: [{name,value}] }
 * Returns { accepted, payload, payloadJson, error, step, logs, getCookieCache, agree }.
 * `getCookieCache` is null unless keys is a single secret; `agree` is false when the two
 * verdicts (accepted flag and JSON of the returned payload) differ.
 */
export async function baVerdict(c) {
  const { strategy, keys, version = null, value, now = null, cookies } = c;
  const { result, logs } = await captureConsole(() =>
    withClock(now, async () => {
      const primary = await decodeVerdict(strategy, keys, version, value);
      let gcc = null;
      if (isSingleSecret(keys)) gcc = await getCookieCacheVerdict(strategy, keys.secret, version, cookieHeaderFor(value, cookies));
      return { primary, gcc };
    }),
  );
  const { primary, gcc } = result;
  const payloadJson = primary.accepted ? JSON.stringify(primary.payload) : null;
  let agree = true;
  let gccOut = null;
  if (gcc) {
    const gccJson = gcc.accepted ? JSON.stringify(gcc.payload) : null;
    gccOut = { accepted: gcc.accepted, payloadJson: gccJson, error: gcc.error };
    if (!gcc.unusable) agree = gcc.accepted === primary.accepted && gccJson === payloadJson;
  }
  return {
    accepted: primary.accepted,
    payload: primary.payload,
    payloadJson,
    error: primary.error,
    step: primary.step,
    logs,
    getCookieCache: gccOut,
    agree,
  };
}
