// Requests to the Hono app (app.mjs) served at `base`, with cookies minted by the real
// Better Auth: run by Node (hono.test.mjs) and workerd (../workerd/workerd.test.mjs).
import assert from "node:assert/strict";

import { mintedByBetterAuth, STRATEGIES } from "../interop.mjs";

/** A copy of `cookie` with one character of the cache cookie changed. */
export function tamper(cookie) {
  return cookie.replace(/(session_data=[^;]{20})(.)/, (_, keep, c) => keep + (c === "A" ? "B" : "A"));
}

/** Better Auth sessions of every strategy, and when they were made. */
export async function mintAll() {
  const minted = {};
  for (const strategy of STRATEGIES) minted[strategy] = await mintedByBetterAuth(strategy, `Hono ${strategy}`);
  return { minted, at: Date.now() };
}

/** The checks, each `async (base, sessions) => void` (sessions: from mintAll). */
export const honoChecks = {};

for (const strategy of STRATEGIES) {
  honoChecks[`${strategy}: valid, tampered, absent, optional, onError, needsRefresh, not fresh`] = async (base, sessions) => {
    const { cookie, email, name, body } = sessions.minted[strategy];
    const get = (path, headers = {}) => fetch(`${base}/${strategy}${path}`, { headers, redirect: "manual" });

    const ok = await get("/me", { cookie });
    const me = await ok.json();
    assert.equal(ok.status, 200, JSON.stringify(me));
    assert.equal(me.user.email, email);
    assert.equal(me.user.name, name);
    assert.equal(me.user.id, body.user.id);
    assert.equal(me.fresh, true);
    assert.equal(me.needsRefresh, false);

    const tampered = await get("/me", { cookie: tamper(cookie) });
    assert.equal(tampered.status, 401);
    assert.match((await tampered.json()).error, /^(bad_signature|decrypt_failed|malformed|invalid_payload)$/);
    const absent = await get("/me");
    assert.equal(absent.status, 401);
    assert.deepEqual(await absent.json(), { error: "no_token" });
    const tokenOnly = await get("/me", { cookie: cookie.split("; ").filter((c) => !c.includes("session_data")).join("; ") });
    assert.equal(tokenOnly.status, 401);
    assert.deepEqual(await tokenOnly.json(), { error: "no_cache" });

    const maybe = await (await get("/maybe", { cookie })).json();
    assert.equal(maybe.signedIn, true);
    assert.equal(maybe.user.email, email);
    for (const headers of [{ cookie: tamper(cookie) }, {}]) {
      const nobody = await get("/maybe", headers);
      assert.equal(nobody.status, 200);
      assert.deepEqual(await nobody.json(), { signedIn: false, user: null });
    }

    const page = await get("/page", { cookie });
    assert.equal(await page.text(), `hello ${name}`);
    const redirected = await get("/page");
    assert.equal(redirected.status, 302);
    assert.equal(redirected.headers.get("location"), "/sign-in?error=no_token");

    const refreshing = await get("/refreshing", { cookie });
    assert.deepEqual(await refreshing.json(), { needsRefresh: true });

    // Fresh (signed in less than a day ago): 200; older than /recent's freshAge of 1 s: 403.
    const sensitive = await get("/sensitive", { cookie });
    assert.equal(sensitive.status, 200);
    assert.equal((await sensitive.json()).user.email, email);
    const wait = sessions.at + 1100 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const stale = await get("/recent", { cookie });
    assert.equal(stale.status, 403);
    assert.deepEqual(await stale.json(), { error: "not_fresh" });
    const staleTampered = await get("/recent", { cookie: tamper(cookie) });
    assert.equal(staleTampered.status, 401);
  };
}

/**
 * The README's app (readme.mjs, jwe): `request(path, headers)` sends a request to it.
 * Without a handler behind a passing middleware, Hono answers 404: that a session
 * passed; 401/302 that the middleware answered.
 */
export async function readmeChecks(request) {
  const { cookie, email } = await mintedByBetterAuth("jwe", "Readme User");
  const me = await request("/api/me", { cookie });
  assert.equal(me.status, 200);
  assert.equal((await me.json()).user.email, email);
  const none = await request("/api/me", {});
  assert.equal(none.status, 401);
  assert.deepEqual(await none.json(), { error: "no_token" });
  const bad = await request("/api/me", { cookie: tamper(cookie) });
  assert.equal(bad.status, 401);
  assert.equal((await request("/account/settings", { cookie })).status, 404); // fresh: passed
  assert.equal((await request("/account/settings", {})).status, 401);
  assert.equal((await request("/", {})).status, 404); // optional: passed without a session
  const redirect = await request("/dashboard/x", {});
  assert.equal(redirect.status, 302);
  assert.equal(redirect.headers.get("location"), "/sign-in?error=no_token");
  assert.equal((await request("/dashboard/x", { cookie })).status, 404);
}
