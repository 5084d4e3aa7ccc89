// The `isRevoked` hook, live: a real redis-server (started here on a free port, stopped
// after), the real Better Auth 1.7.24 with `secondaryStorage` on it
// (`vectors/redis/ba-redis.mjs`), and a hook written as a Cloudflare Worker would write
// it for a Redis it reaches over HTTP: `fetch` to an Upstash-style REST `/pipeline`
// endpoint (served here by a small read-only shim over ioredis). The hook only reads;
// the library decides.
//
// Needs Debian's redis-server and `npm ci` in vectors/; SKIP_REDIS=1 skips, loudly.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

import { createVerifier } from "../pkg/node.mjs";

const vectors = fileURLToPath(new URL("../../vectors/", import.meta.url));
const SECRET = "revocation-hook-test-secret-0123456789-abcdefghijklmnop";
const skip = process.env.SKIP_REDIS === "1" ? "SKIP_REDIS=1" : false;

let redis;
let ba;
let shim;
let restUrl;
const REST_TOKEN = "shim-token";

/** The harness: the real Better Auth on our Redis, NDJSON over stdio. */
function startHarness(url, args) {
  const child = spawn(process.execPath, ["redis/ba-redis.mjs", "--redis", url, "--secret", SECRET, ...args], {
    cwd: vectors,
    stdio: ["pipe", "pipe", "ignore"],
  });
  const lines = [];
  const waiting = [];
  createInterface({ input: child.stdout }).on("line", (line) => {
    const msg = JSON.parse(line);
    const w = waiting.shift();
    if (w) w(msg);
    else lines.push(msg);
  });
  const next = () => new Promise((resolve) => (lines.length ? resolve(lines.shift()) : waiting.push(resolve)));
  return {
    ready: next(),
    async call(cmd) {
      child.stdin.write(JSON.stringify(cmd) + "\n");
      const answer = await next();
      assert.equal(answer.ok, true, JSON.stringify(answer));
      return answer.result;
    },
    stop() {
      child.stdin.end();
      return once(child, "exit");
    },
  };
}

/** A read-only, Upstash-shaped REST endpoint: POST /pipeline [["EXISTS", k], ["GET", k]]. */
function startShim(client) {
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== "POST" || req.url !== "/pipeline" || req.headers.authorization !== `Bearer ${REST_TOKEN}`) {
        res.writeHead(401).end();
        return;
      }
      let body = "";
      for await (const chunk of req) body += chunk;
      const commands = JSON.parse(body);
      if (!Array.isArray(commands) || !commands.every((c) => ["EXISTS", "GET"].includes(c[0]) && c.length === 2)) {
        res.writeHead(400).end();
        return;
      }
      const results = await client.pipeline(commands.map(([c, k]) => [c.toLowerCase(), k])).exec();
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(results.map(([err, result]) => (err ? { error: err.message } : { result }))));
    } catch (e) {
      res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ error: String(e.message) }));
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** The hook as a Worker writes it: one fetch, the keys in one pipeline. */
async function isRevoked({ tokenKey, revokedBeforeKey, userVersionKey }) {
  const commands = [["EXISTS", tokenKey], ["GET", revokedBeforeKey]];
  if (userVersionKey) commands.push(["GET", userVersionKey]);
  const res = await fetch(`${restUrl}/pipeline`, {
    method: "POST",
    headers: { authorization: `Bearer ${REST_TOKEN}` },
    body: JSON.stringify(commands),
  });
  if (!res.ok) throw new Error(`the store answered ${res.status}`);
  const [exists, revokedBefore, userVersion] = await res.json();
  if (exists.error || revokedBefore.error || userVersion?.error) throw new Error("the store failed");
  return { token: exists.result, revokedBefore: revokedBefore.result, userVersion: userVersion?.result };
}

const signUp = (email) => ba.call({ cmd: "signUp", email, password: "password1234", name: "Ada" });
const signIn = (email) => ba.call({ cmd: "signIn", email, password: "password1234" });

before(async () => {
  if (skip) return;
  const { startRedis } = await import("../../vectors/redis/redis-server.mjs");
  const { Redis } = createRequire(`${vectors}package.json`)("ioredis");
  redis = await startRedis();
  ba = startHarness(redis.url, ["--strategy", "jwe"]);
  assert.equal((await ba.ready).ready, true);
  // Fail fast when Redis is gone (no offline queue, no retries per request).
  const client = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: false });
  client.on("error", () => {});
  shim = await startShim(client);
  shim.client = client;
  restUrl = `http://127.0.0.1:${shim.address().port}`;
});

after(async () => {
  if (skip) return;
  await ba?.stop();
  shim?.client.disconnect();
  shim?.close();
  await redis?.stop();
});

test("every revocation Better Auth makes reaches the hook's verifier", { skip }, async () => {
  const auth = createVerifier({ secret: SECRET, strategy: "jwe", isRevoked });
  const s1 = await signUp("ada@example.test");
  const live = await auth.verifySessionAsync(s1.cookieHeader);
  assert.equal(live.valid, true, JSON.stringify(live));
  assert.equal(live.revocation, "checked");
  assert.equal(live.user.email, "ada@example.test");
  // The synchronous path is unchanged: no hook, no revocation field.
  const offline = auth.verifySession(s1.cookieHeader);
  assert.equal(offline.valid, true);
  assert.equal(offline.revocation, undefined);

  await ba.call({ cmd: "signOut", cookieHeader: s1.cookieHeader });
  const out = await auth.verifySessionAsync(s1.cookieHeader);
  assert.deepEqual([out.valid, out.error], [false, "revoked"]);
  assert.match(out.message, /revoked/);
  assert.equal(auth.verifySession(s1.cookieHeader).valid, true, "the cookie alone still verifies");

  const s2 = await signIn("ada@example.test");
  const s3 = await signIn("ada@example.test");
  await ba.call({ cmd: "revokeSession", cookieHeader: s2.cookieHeader, token: s3.token });
  assert.equal((await auth.verifySessionAsync(s3.cookieHeader)).error, "revoked");
  assert.equal((await auth.verifySessionAsync(s2.cookieHeader)).revocation, "checked");

  const s4 = await signIn("ada@example.test");
  await ba.call({ cmd: "revokeOtherSessions", cookieHeader: s2.cookieHeader });
  assert.equal((await auth.verifySessionAsync(s4.cookieHeader)).error, "revoked");
  assert.equal((await auth.verifySessionAsync(s2.cookieHeader)).revocation, "checked");

  await ba.call({ cmd: "revokeSessions", cookieHeader: s2.cookieHeader });
  assert.equal((await auth.verifySessionAsync(s2.cookieHeader)).error, "revoked");
  // Created after the revoke-all: accepted; with string dates too.
  const s5 = await signIn("ada@example.test");
  assert.equal((await auth.verifySessionAsync(s5.cookieHeader)).revocation, "checked");
  const strings = createVerifier({ secret: SECRET, strategy: "jwe", dates: "string", isRevoked });
  assert.equal((await strings.verifySessionAsync(s5.cookieHeader)).revocation, "checked");
  assert.equal((await strings.verifySessionAsync(s2.cookieHeader)).error, "revoked");

  // revoked-sessions-before decides even when the token key is present (as findSession).
  const seen = [];
  const replay = createVerifier({
    secret: SECRET,
    strategy: "jwe",
    isRevoked: async (q) => {
      seen.push(q);
      const a = await isRevoked(q);
      return { ...a, token: true };
    },
  });
  assert.equal((await replay.verifySessionAsync(s2.cookieHeader)).error, "revoked");
  assert.equal((await replay.verifySessionAsync(s5.cookieHeader)).revocation, "checked");
  assert.equal(seen[0].tokenKey, `better-auth:${s2.token}`);
  assert.equal(seen[0].revokedBeforeKey, `better-auth:revoked-sessions-before-${s2.userId}`);
  assert.deepEqual(seen[0].keys, [seen[0].tokenKey, seen[0].revokedBeforeKey]);

  // checkRevocation on a result in hand; a failure passes through untouched.
  const checked = await auth.checkRevocation(auth.verifySession(s5.cookieHeader));
  assert.equal(checked.revocation, "checked");
  const bad = auth.verifySession("better-auth.session_token=nope");
  assert.equal(await auth.checkRevocation(bad), bad);
});

test("the staleness bound, bad answers, a wrong prefix", { skip }, async () => {
  const s = await signUp("bo@example.test");
  // A hook that caches may pass its read time: older than maxStaleness is not trusted.
  const cached = createVerifier({
    secret: SECRET,
    strategy: "jwe",
    revocation: { maxStaleness: 2 },
    isRevoked: async () => ({ token: true, revokedBefore: null, readAt: Date.now() - 2500 }),
  });
  const stale = await cached.verifySessionAsync(s.cookieHeader);
  assert.deepEqual([stale.valid, stale.error], [false, "revocation_unknown"]);
  const recent = createVerifier({
    secret: SECRET,
    strategy: "jwe",
    revocation: { maxStaleness: 2 },
    isRevoked: async () => ({ token: true, readAt: new Date(Date.now() - 1500) }),
  });
  assert.equal((await recent.verifySessionAsync(s.cookieHeader)).revocation, "checked");
  // GET's value for the token (a string, or null when absent) is read as presence too.
  const byValue = createVerifier({ secret: SECRET, strategy: "jwe", isRevoked: () => ({ token: null }) });
  assert.equal((await byValue.verifySessionAsync(s.cookieHeader)).error, "revoked");
  // A wrong prefix fails loudly: revoked.
  const wrong = createVerifier({ secret: SECRET, strategy: "jwe", revocation: { keyPrefix: "" }, isRevoked });
  assert.equal((await wrong.verifySessionAsync(s.cookieHeader)).error, "revoked");
  // storeSessionInDatabase: a missing token is not known to be revoked.
  const db = createVerifier({
    secret: SECRET,
    strategy: "jwe",
    revocation: { storeSessionInDatabase: true },
    isRevoked: () => ({ token: 0, revokedBefore: null }),
  });
  assert.equal((await db.verifySessionAsync(s.cookieHeader)).error, "revocation_unknown");
  // Answers of the wrong shape are programming errors: TypeError, never an acceptance.
  const broken = createVerifier({ secret: SECRET, strategy: "jwe", isRevoked: () => ({}) });
  await assert.rejects(broken.verifySessionAsync(s.cookieHeader), TypeError);
  assert.throws(() => createVerifier({ secret: SECRET, isRevoked: 1 }), TypeError);
  assert.throws(() => createVerifier({ secret: SECRET, revocation: {} }), TypeError);
  assert.throws(() => createVerifier({ secret: SECRET, isRevoked, revocation: { maxStaleness: -1 } }), TypeError);
  // A per-user version key: the cache's "1" against the store's.
  const versioned = createVerifier({
    secret: SECRET,
    strategy: "jwe",
    revocation: { userVersionKey: "cache-version-" },
    isRevoked: (q) => {
      assert.equal(q.userVersionKey, `better-auth:cache-version-${s.userId}`);
      return { token: true, userVersion: "2" };
    },
  });
  assert.equal((await versioned.verifySessionAsync(s.cookieHeader)).error, "version_mismatch");
});

test("a per-user version in the store, read by Better Auth's cookieCache.version and the hook", { skip }, async () => {
  // Better Auth: version = async (session, user) => (await secondaryStorage.get("cache-version-" + user.id)) ?? "1"
  const versioned = startHarness(redis.url, ["--strategy", "jwe", "--user-version-key", "cache-version-"]);
  try {
    assert.equal((await versioned.ready).config.userVersionKey, "cache-version-");
    const auth = createVerifier({ secret: SECRET, strategy: "jwe", revocation: { userVersionKey: "cache-version-" }, isRevoked });
    const s = await versioned.call({ cmd: "signUp", email: "di@example.test", password: "password1234", name: "Di" });
    assert.equal((await auth.verifySessionAsync(s.cookieHeader)).revocation, "checked");
    await shim.client.set(`better-auth:cache-version-${s.userId}`, "2");
    const stale = await auth.verifySessionAsync(s.cookieHeader);
    assert.deepEqual([stale.valid, stale.error], [false, "version_mismatch"]);
    // Better Auth refuses the old cache too and issues one of version "2": accepted.
    const fresh = await versioned.call({ cmd: "getSession", cookieHeader: s.cookieHeader });
    assert.ok(fresh.body?.session, JSON.stringify(fresh.body));
    const again = await auth.verifySessionAsync(fresh.cookieHeader);
    assert.deepEqual([again.valid, again.revocation, again.payload.version], [true, "checked", "2"]);
    // Offline failures still come first, and version takes no part beside userVersionKey.
    assert.equal((await auth.verifySessionAsync("better-auth.session_token=x")).error, "bad_token_signature");
    assert.throws(
      () => createVerifier({ secret: SECRET, version: "2", revocation: { userVersionKey: "v-" }, isRevoked }),
      TypeError,
    );
  } finally {
    await versioned.stop();
  }
});

test("the store gone: fail closed, or open; a hook that hangs is cut off", { skip }, async () => {
  const s = await signUp("cy@example.test");
  const closed = createVerifier({ secret: SECRET, strategy: "jwe", isRevoked });
  const open = createVerifier({ secret: SECRET, strategy: "jwe", revocation: { failOpen: true }, isRevoked });
  assert.equal((await closed.verifySessionAsync(s.cookieHeader)).revocation, "checked");
  const hangs = createVerifier({
    secret: SECRET,
    strategy: "jwe",
    revocation: { timeout: 150 },
    isRevoked: () => new Promise(() => {}),
  });
  let started = Date.now();
  const cut = await hangs.verifySessionAsync(s.cookieHeader);
  assert.deepEqual([cut.valid, cut.error], [false, "revocation_unknown"]);
  assert.match(cut.message, /150 ms/);
  assert.ok(Date.now() - started < 1000, `${Date.now() - started} ms`);

  await redis.stop();
  started = Date.now();
  const down = await closed.verifySessionAsync(s.cookieHeader);
  assert.deepEqual([down.valid, down.error], [false, "revocation_unknown"], JSON.stringify(down));
  assert.ok(Date.now() - started < 1500, `${Date.now() - started} ms`);
  const unchecked = await open.verifySessionAsync(s.cookieHeader);
  assert.deepEqual([unchecked.valid, unchecked.revocation], [true, "unchecked"]);
  // The offline check never depended on the store.
  assert.equal(closed.verifySession(s.cookieHeader).valid, true);
});
