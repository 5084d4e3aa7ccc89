// Live interop with the real Better Auth 1.7.24, in the same process: a real
// `betterAuth()` instance (memory adapter, email and password, cookie cache on) signs a
// user up over its HTTP handler; the package verifies the cookies it sets, and mints
// cookies that Better Auth's `getSession` and `getCookieCache` then accept.
import assert from "node:assert/strict";

// Deterministic: no ambient secrets, no telemetry.
for (const k of ["BETTER_AUTH_SECRET", "BETTER_AUTH_SECRETS", "AUTH_SECRET", "BETTER_AUTH_URL", "BETTER_AUTH_TELEMETRY"])
  delete globalThis.process?.env?.[k];

const { betterAuth } = await import("better-auth");
const { memoryAdapter } = await import("better-auth/adapters/memory");
const baCookies = await import("better-auth/cookies");

export const BASE_URL = "http://localhost:3000";
export const STRATEGIES = ["compact", "jwt", "jwe"];
export const SECRET = "interop-secret-5f0c1d2e3a4b5c6d7e8f9a0b1c2d3e4f";
export const ROTATED = [
  { version: 3, value: "interop-rotated-current-0123456789abcdef" },
  { version: 2, value: "interop-rotated-older-0123456789abcdefgh" },
];

/** A real Better Auth instance. keys: {secret} or {secrets}. */
export function makeAuth({ strategy, keys = { secret: SECRET }, version, maxAge = 300 }) {
  return betterAuth({
    baseURL: BASE_URL,
    ...keys,
    database: memoryAdapter({ user: [], session: [], account: [], verification: [] }),
    emailAndPassword: { enabled: true },
    telemetry: { enabled: false },
    logger: { disabled: true },
    session: { cookieCache: { enabled: true, strategy, maxAge, ...(version ? { version } : {}) } },
  });
}

/** The `Cookie` header a browser would send back after these `Set-Cookie` values. */
export function cookieHeaderFrom(setCookies) {
  const jar = new Map();
  for (const line of setCookies) {
    const pair = line.split(";")[0];
    const i = pair.indexOf("=");
    const name = pair.slice(0, i);
    const value = pair.slice(i + 1);
    if (value === "" || /max-age=0/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
  return [...jar].map(([n, v]) => `${n}=${v}`).join("; ");
}

let counter = 0;
/** Signs a new user up through Better Auth's HTTP handler; returns its cookies and body. */
export async function signUp(auth, name = "Grace Hopper") {
  const email = `user${++counter}-${Date.now()}@example.com`;
  const res = await auth.handler(
    new Request(`${BASE_URL}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE_URL },
      body: JSON.stringify({ email, password: "correct horse battery staple", name }),
    }),
  );
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  const setCookies = res.headers.getSetCookie();
  const cookie = cookieHeaderFrom(setCookies);
  assert.match(cookie, /better-auth\.session_token=/);
  assert.match(cookie, /better-auth\.session_data/);
  return { email, name, body, setCookies, cookie };
}

/** Better Auth's getSession on a Cookie header: {session, user} or null. */
export async function baGetSession(auth, cookie) {
  return await auth.api.getSession({ headers: new Headers({ cookie }) });
}

/** Better Auth's public getCookieCache helper (single secret only). */
export async function baGetCookieCache(cookie, options) {
  return await baCookies.getCookieCache(new Headers({ cookie }), options);
}

/** The live checks, each `async (sc) => void`. */
export const interopChecks = {};

for (const strategy of STRATEGIES) {
  interopChecks[`Better Auth → package (${strategy}): cookies set by sign-up verify`] = async (sc) => {
    const auth = makeAuth({ strategy });
    const { cookie, email, name, body } = await signUp(auth);
    const config = { secret: SECRET, strategy };
    const r = sc.verifySession(cookie, config);
    assert.equal(r.valid, true, `${r.error}: ${r.message}`);
    assert.equal(r.user.email, email);
    assert.equal(r.user.name, name);
    assert.equal(r.user.id, body.user.id);
    assert.equal(r.fresh, true);
    assert.ok(r.session.expiresAt instanceof Date);
    const p = sc.getCookieCache(cookie, config);
    assert.equal(p?.user.email, email);
    // What Better Auth's own helper returns, field by field (its schema adds defaults).
    const theirs = await baGetCookieCache(cookie, { secret: SECRET, strategy, isSecure: false });
    assert.equal(theirs.user.id, p.user.id);
    assert.equal(theirs.session.token, p.session.token);
    assert.equal(theirs.session.expiresAt.getTime(), p.session.expiresAt.getTime());
    assert.equal(theirs.updatedAt, p.updatedAt);
    // Another secret or strategy: refused, with a kind.
    assert.equal(sc.verifySession(cookie, { secret: SECRET + "x", strategy }).valid, false);
    const other = STRATEGIES.find((s) => s !== strategy);
    assert.equal(sc.getCookieCache(cookie, { secret: SECRET, strategy: other }), null);
  };

  interopChecks[`package → Better Auth (${strategy}): getSession serves the cache we mint`] = async (sc) => {
    const auth = makeAuth({ strategy });
    const { cookie } = await signUp(auth, "Name In Database");
    const config = { secret: SECRET, strategy };
    const verified = sc.verifySession(cookie, config);
    assert.equal(verified.valid, true);
    // Re-mint the cache with a name the database does not have: if Better Auth shows it,
    // it verified our cache and served it instead of reading its database.
    const payload = { session: verified.session, user: { ...verified.user, name: "Minted By Wasm ☃" } };
    const token = sc.signSessionToken(verified.session.token, config);
    const data = sc.encodeCookieCache(payload, config);
    const ours = `better-auth.session_token=${token}; better-auth.session_data=${data}`;
    const session = await baGetSession(auth, ours);
    assert.equal(session?.user.name, "Minted By Wasm ☃");
    assert.equal(session?.session.token, verified.session.token);
    const helper = await baGetCookieCache(ours, { secret: SECRET, strategy, isSecure: false });
    assert.equal(helper?.user.name, "Minted By Wasm ☃");
    // A tampered cache is not served: Better Auth falls back to its database.
    const tampered = ours.slice(0, -3) + (ours.endsWith("A") ? "BBB" : "AAA");
    const fallback = await baGetSession(auth, tampered);
    assert.notEqual(fallback?.user.name, "Minted By Wasm ☃");
    // Chunked: the Set-Cookie list of a large cache, read back by Better Auth.
    const big = { session: verified.session, user: { ...verified.user, name: "Chunked", bio: "b".repeat(6000) } };
    const headers = sc.setCookieCacheHeaders(big, config);
    assert.ok(headers.length >= 2);
    const chunked = `better-auth.session_token=${token}; ${cookieHeaderFrom(headers)}`;
    const s2 = await baGetSession(auth, chunked);
    assert.equal(s2?.user.name, "Chunked");
    assert.equal(s2?.user.bio?.length ?? 6000, 6000);
  };

  interopChecks[`rotation (${strategy}): Better Auth with versioned secrets, both ways`] = async (sc) => {
    const auth = makeAuth({ strategy, keys: { secrets: ROTATED } });
    const { cookie, email } = await signUp(auth);
    const config = { secrets: ROTATED, strategy };
    const r = sc.verifySession(cookie, config);
    assert.equal(r.valid, true, `${r.error}: ${r.message}`);
    assert.equal(r.user.email, email);
    // the same keys as BETTER_AUTH_SECRETS
    const env = ROTATED.map((s) => `${s.version}:${s.value}`).join(",");
    assert.equal(sc.verifySession(cookie, { secrets: env, strategy }).valid, true);
    const payload = { session: r.session, user: { ...r.user, name: "Rotated Mint" } };
    const ours = `better-auth.session_token=${sc.signSessionToken(r.session.token, config)}; better-auth.session_data=${sc.encodeCookieCache(payload, config)}`;
    const session = await baGetSession(auth, ours);
    assert.equal(session?.user.name, "Rotated Mint");
  };

  interopChecks[`version (${strategy}): Better Auth's cache version, string and function`] = async (sc) => {
    const byRole = (_session, user) => (user.name.startsWith("Admin") ? "admin-2" : "2");
    const auth = makeAuth({ strategy, version: byRole });
    const { cookie } = await signUp(auth, "Admin Alice");
    const r = sc.verifySession(cookie, { secret: SECRET, strategy, version: byRole });
    assert.equal(r.valid, true, `${r.error}: ${r.message}`);
    assert.equal(r.payload.version, "admin-2");
    assert.equal(sc.verifySession(cookie, { secret: SECRET, strategy, version: "admin-2" }).valid, true);
    assert.equal(sc.verifySession(cookie, { secret: SECRET, strategy }).error, "version_mismatch");
    const payload = { session: r.session, user: { ...r.user, name: "Admin Minted" } };
    const config = { secret: SECRET, strategy, version: byRole };
    const ours = `better-auth.session_token=${sc.signSessionToken(r.session.token, config)}; better-auth.session_data=${sc.encodeCookieCache(payload, config)}`;
    assert.equal((await baGetSession(auth, ours))?.user.name, "Admin Minted");
  };
}

/** Cookies minted by Better Auth for the workerd and browser checks. */
export async function mintedByBetterAuth(strategy, name = "Worker User") {
  const auth = makeAuth({ strategy });
  return await signUp(auth, name);
}
