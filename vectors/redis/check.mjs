// Live check of what Better Auth 1.7.24 writes to its Redis secondaryStorage.
//
//   node redis/check.mjs [--verbose]
//
// Starts a throw-away redis-server (redis-server.mjs), runs several ba-redis.mjs harnesses
// against it (different strategies, key prefixes and options) and asserts, on the live run,
// every fact README.md states: key names, value shapes, TTLs, and what each sign-out /
// revocation endpoint changes. Redis MONITOR records the exact commands Better Auth sends for
// the operations where that matters (e.g. that the cookie-cache path of getSession sends
// none). Exits 0 when every check passes, 1 on the first failure; --verbose prints key dumps
// and command traces.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startRedis } from "./redis-server.mjs";

const { Redis } = await import("ioredis");

const VERBOSE = process.argv.includes("--verbose");
const HARNESS = fileURLToPath(new URL("./ba-redis.mjs", import.meta.url));
const CMD_TIMEOUT_MS = 20000;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => VERBOSE && console.log(...a);

let passed = 0;
async function step(name, fn) {
  try {
    await fn();
  } catch (e) {
    console.error(`not ok - ${name}`);
    throw e;
  }
  passed++;
  console.log(`ok - ${name}`);
}

// ---------------------------------------------------------------------------------------
// Harness client
// ---------------------------------------------------------------------------------------

class HarnessError extends Error {
  constructor(cmd, error) {
    super(`${cmd}: ${error.kind}${error.status ? ` ${error.status}` : ""}${error.code ? ` ${error.code}` : ""}: ${error.message}`);
    this.name = "HarnessError";
    this.error = error;
  }
}

class Harness {
  static async start(redisUrl, args = []) {
    const h = new Harness();
    h.child = spawn(process.execPath, [HARNESS, "--redis", redisUrl, ...args], { stdio: ["pipe", "pipe", "pipe"] });
    h.stderr = "";
    h.child.stderr.on("data", (d) => {
      h.stderr = (h.stderr + d.toString("utf8")).slice(-16384);
    });
    h.buf = "";
    h.waiters = [];
    h.exited = false;
    h.child.stdout.on("data", (d) => {
      h.buf += d.toString("utf8");
      let nl;
      while ((nl = h.buf.indexOf("\n")) >= 0) {
        const line = h.buf.slice(0, nl);
        h.buf = h.buf.slice(nl + 1);
        const w = h.waiters.shift();
        if (w) w.resolve(line);
      }
    });
    h.child.on("exit", (code, signal) => {
      h.exited = true;
      for (const w of h.waiters.splice(0)) w.reject(new Error(`harness exited (code ${code}, signal ${signal}): ${h.stderr.trim()}`));
    });
    const ready = JSON.parse(await h.nextLine("ready"));
    assert.equal(ready.ready, true, "harness did not report ready");
    h.config = ready.config;
    h.versions = ready.versions;
    return h;
  }
  nextLine(what) {
    return new Promise((resolve, reject) => {
      if (this.exited) return reject(new Error(`harness has exited: ${this.stderr.trim()}`));
      const w = { resolve, reject };
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(w);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error(`harness: no answer to ${what} within ${CMD_TIMEOUT_MS} ms`));
      }, CMD_TIMEOUT_MS);
      w.resolve = (v) => {
        clearTimeout(timer);
        resolve(v);
      };
      w.reject = (e) => {
        clearTimeout(timer);
        reject(e);
      };
      this.waiters.push(w);
    });
  }
  /** Raw response line: {id, ok, result | error}. */
  async send(cmd, args = {}) {
    const p = this.nextLine(cmd);
    this.child.stdin.write(JSON.stringify({ cmd, ...args }) + "\n");
    return JSON.parse(await p);
  }
  async sendRaw(text) {
    const p = this.nextLine("raw line");
    this.child.stdin.write(text);
    return JSON.parse(await p);
  }
  /** The result, or a thrown HarnessError. */
  async cmd(cmd, args = {}) {
    const r = await this.send(cmd, args);
    if (!r.ok) throw new HarnessError(cmd, r.error);
    return r.result;
  }
  async stop() {
    if (this.exited) return;
    const done = new Promise((r) => this.child.once("exit", r));
    try {
      await this.send("quit");
    } catch {}
    await Promise.race([done, sleep(3000)]);
    if (!this.exited) this.child.kill("SIGKILL");
  }
}

// ---------------------------------------------------------------------------------------
// Redis helpers
// ---------------------------------------------------------------------------------------

let redis; // plain client for reads/writes made by the test itself
let monitorConn;
const traceSinks = new Set();

/**
 * Commands Better Auth sent while `fn` ran, as arrays like ["GET", "better-auth:abc"]. The
 * window is bracketed by ECHO sentinels from the test's own connection (MONITOR output lags
 * behind the commands), and the test's own commands are left out by client address.
 */
async function trace(fn) {
  const seen = [];
  const tag = Math.random().toString(36).slice(2);
  const own = `127.0.0.1:${redis.stream.localPort}`;
  let phase = "before";
  const marks = {};
  const markSeen = {};
  for (const m of ["start", "end"]) marks[m] = new Promise((r) => (markSeen[m] = r));
  const sink = (args, source) => {
    if (!Array.isArray(args) || typeof args[0] !== "string") {
      if (phase === "during") seen.push(["(unparsed MONITOR line)", String(args)]);
      return;
    }
    if (args[0]?.toUpperCase() === "ECHO" && args[1] === `trace-start-${tag}`) {
      phase = "during";
      return markSeen.start();
    }
    if (args[0]?.toUpperCase() === "ECHO" && args[1] === `trace-end-${tag}`) {
      phase = "after";
      return markSeen.end();
    }
    if (phase === "during" && source !== own) seen.push([args[0].toUpperCase(), ...args.slice(1)]);
  };
  const waitMark = (m) =>
    Promise.race([marks[m], sleep(5000).then(() => Promise.reject(new Error(`MONITOR ${m} sentinel not seen`)))]);
  traceSinks.add(sink);
  let result;
  try {
    await redis.echo(`trace-start-${tag}`);
    await waitMark("start");
    result = await fn();
    await redis.echo(`trace-end-${tag}`);
    await waitMark("end");
  } finally {
    traceSinks.delete(sink);
  }
  return { result, commands: seen };
}

async function dump(prefix) {
  const out = {};
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", `${prefix.replace(/[\\*?[\]]/g, "\\$&")}*`, "COUNT", 1000);
    cursor = next;
    for (const k of batch) out[k] = { value: await redis.get(k), ttl: await redis.ttl(k) };
  } while (cursor !== "0");
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Same keys with the same values; TTLs equal up to the seconds that passed. */
function assertSameState(after, before, what) {
  assert.deepEqual(Object.keys(after), Object.keys(before), `${what}: same keys`);
  for (const k of Object.keys(before)) {
    assert.equal(after[k].value, before[k].value, `${what}: ${k} unchanged`);
    assert.ok(Math.abs(after[k].ttl - before[k].ttl) <= 2, `${what}: ${k} TTL ${before[k].ttl} -> ${after[k].ttl}`);
  }
}

async function getJSON(key) {
  const v = await redis.get(key);
  return v === null ? null : JSON.parse(v);
}

/** Redis TTL of `key` is (expiresAtMs - now)/1000 within `slack` seconds. */
async function assertTTLNear(key, expiresAtMs, what, slack = 3) {
  const ttl = await redis.ttl(key);
  const want = (expiresAtMs - Date.now()) / 1000;
  assert.ok(ttl > 0, `${what}: ${key} has TTL ${ttl}, want about ${want.toFixed(0)}`);
  assert.ok(Math.abs(ttl - want) <= slack, `${what}: TTL ${ttl}, want ${want.toFixed(1)} ± ${slack}`);
  return ttl;
}

// ---------------------------------------------------------------------------------------
// Shared assertions
// ---------------------------------------------------------------------------------------

const BASE_SESSION_FIELDS = ["createdAt", "expiresAt", "id", "ipAddress", "token", "updatedAt", "userAgent", "userId"];
const BASE_USER_FIELDS = ["createdAt", "email", "emailVerified", "id", "name", "updatedAt"];

function keysOf(p) {
  return {
    token: (t) => `${p}${t}`,
    list: (u) => `${p}active-sessions-${u}`,
    revoked: (u) => `${p}revoked-sessions-before-${u}`,
  };
}

/** The `<token>` key holds exactly {session, user} with ISO date strings. */
async function assertTokenKey(K, s, { sessionFields = BASE_SESSION_FIELDS, userFields = BASE_USER_FIELDS, expiresIn = 604800 } = {}) {
  const raw = await redis.get(K.token(s.token));
  assert.ok(raw !== null, `token key ${K.token(s.token)} missing`);
  const v = JSON.parse(raw);
  assert.deepEqual(Object.keys(v), ["session", "user"], "token value keys");
  assert.deepEqual(Object.keys(v.session).sort(), [...sessionFields].sort(), "session fields");
  assert.deepEqual(Object.keys(v.user).sort(), [...userFields].sort(), "user fields");
  for (const f of ["createdAt", "updatedAt", "expiresAt"]) assert.match(v.session[f], ISO, `session.${f} is an ISO string`);
  for (const f of ["createdAt", "updatedAt"]) assert.match(v.user[f], ISO, `user.${f} is an ISO string`);
  assert.equal(v.session.token, s.token);
  assert.equal(v.session.userId, s.userId);
  assert.equal(v.user.id, s.userId);
  assert.equal(v.session.id, s.sessionId);
  assert.equal(v.session.createdAt, s.createdAt);
  assert.equal(v.session.expiresAt, s.expiresAt);
  const lifetime = Date.parse(v.session.expiresAt) - Date.parse(v.session.createdAt);
  assert.ok(lifetime <= expiresIn * 1000 && lifetime >= expiresIn * 1000 - 50, `expiresAt - createdAt = ${lifetime} ms, want ${expiresIn} s`);
  await assertTTLNear(K.token(s.token), Date.parse(v.session.expiresAt), "token TTL");
  return v;
}

/** `active-sessions-<userId>`: [{token, expiresAt: ms}] sorted by expiresAt, TTL of the last. */
async function assertList(K, userId, tokens) {
  const key = K.list(userId);
  if (tokens.length === 0) {
    assert.equal(await redis.exists(key), 0, `${key} should be deleted when no session is left`);
    return null;
  }
  const list = await getJSON(key);
  assert.ok(Array.isArray(list), `${key} is a JSON array`);
  for (const e of list) {
    assert.deepEqual(Object.keys(e), ["token", "expiresAt"], "list entry keys");
    assert.equal(typeof e.token, "string");
    assert.ok(Number.isSafeInteger(e.expiresAt), "list expiresAt is integer ms");
  }
  assert.deepEqual(list.map((e) => e.token).sort(), [...tokens].sort(), `${key} tokens`);
  for (let i = 1; i < list.length; i++) assert.ok(list[i - 1].expiresAt <= list[i].expiresAt, "list sorted by expiresAt");
  for (const e of list) {
    const tv = await getJSON(K.token(e.token));
    if (tv) assert.equal(e.expiresAt, Date.parse(tv.session.expiresAt), "list expiresAt equals the session's");
  }
  await assertTTLNear(key, list.at(-1).expiresAt, "list TTL");
  return list;
}

async function assertGone(K, tokens) {
  for (const t of tokens) assert.equal(await redis.exists(K.token(t)), 0, `token key for ${t} should be gone`);
}
async function assertPresent(K, tokens) {
  for (const t of tokens) assert.equal(await redis.exists(K.token(t)), 1, `token key for ${t} should exist`);
}
async function assertNoRevoked(K, userId) {
  assert.equal(await redis.exists(K.revoked(userId)), 0, `${K.revoked(userId)} should not exist`);
}

/** `revoked-sessions-before-<userId>` is a decimal ms timestamp in [lo, hi], TTL `ttl` s. */
async function assertRevoked(K, userId, lo, hi, ttl) {
  const key = K.revoked(userId);
  const raw = await redis.get(key);
  assert.ok(raw !== null, `${key} missing`);
  assert.match(raw, /^\d+$/, "revoked-before is a decimal integer string");
  const v = Number(raw);
  assert.ok(v >= lo && v <= hi, `revoked-before ${v} outside the call window [${lo}, ${hi}]`);
  const got = await redis.ttl(key);
  assert.ok(got <= ttl && got >= ttl - 3, `${key} TTL ${got}, want ${ttl}`);
  return v;
}

/** getSession through the cookie cache (default) and through storage (disableCookieCache). */
async function sessionVia(h, cookieHeader, disableCookieCache) {
  return (await h.cmd("getSession", { cookieHeader, ...(disableCookieCache ? { disableCookieCache: true } : {}) })).body;
}

const password = "correct horse battery staple";
let userSeq = 0;
async function newUser(h, name = "u") {
  const email = `${name}${++userSeq}@example.test`;
  const up = await h.cmd("signUp", { email, password, name });
  return { email, up, userId: up.userId };
}

// ---------------------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------------------

async function sectionMain(url) {
  const h = await Harness.start(url, ["--strategy", "compact"]);
  const K = keysOf("better-auth:");
  try {
    await step("harness: versions and defaults", async () => {
      assert.equal(h.versions["better-auth"], "1.7.24");
      assert.equal(h.versions["@better-auth/redis-storage"], "1.7.5");
      assert.equal(h.config.keyPrefix, "better-auth:");
      assert.equal(h.config.cookies.sessionToken, "better-auth.session_token");
      assert.equal(h.config.cookies.sessionData, "better-auth.session_data");
    });
    await step("harness: bad input gets typed errors and the harness keeps going", async () => {
      assert.equal((await h.sendRaw("{not json\n")).error.kind, "bad_json");
      assert.equal((await h.sendRaw("[1,2]\n")).error.kind, "bad_command");
      assert.equal((await h.send("noSuchCommand")).error.kind, "bad_command");
      assert.equal((await h.send("signIn", { email: 1 })).error.kind, "bad_args");
      assert.equal((await h.send("signOut", {})).error.kind, "bad_args");
      const wrong = await h.send("signIn", { email: "nobody@example.test", password });
      assert.equal(wrong.error.kind, "api_error");
      assert.equal(wrong.error.status, "UNAUTHORIZED");
      assert.equal((await h.sendRaw("x".repeat((1 << 20) + 10) + "\n")).error.kind, "bad_json");
      assert.equal((await h.send("keys", { match: "nothing-matches-this-*" })).ok, true);
    });

    const a = await newUser(h, "alice");
    const s0 = a.up;
    let s1, s2, s3;
    await step("sign-up creates a session: <token> key {session, user} with ISO dates, TTL = expiresAt - now", async () => {
      const v = await assertTokenKey(K, s0);
      assert.equal(v.user.email, a.email);
      assert.equal(v.user.name, "alice");
      assert.equal(v.user.emailVerified, false);
      assert.equal(v.session.ipAddress, "");
      assert.equal(v.session.userAgent, "");
      await assertList(K, a.userId, [s0.token]);
      await assertNoRevoked(K, a.userId);
      const all = Object.keys(await dump("")).filter((k) => k.includes(a.userId) || k.endsWith(s0.token));
      assert.deepEqual(all.sort(), [K.list(a.userId), K.token(s0.token)].sort(), "sign-up writes exactly two keys");
    });
    await step("sign-in: headers land in ipAddress/userAgent; list holds every session, sorted, TTL of the latest", async () => {
      s1 = await h.cmd("signIn", { email: a.email, password, userAgent: "check/1", ip: "203.0.113.7" });
      s2 = await h.cmd("signIn", { email: a.email, password });
      const v = await assertTokenKey(K, s1);
      assert.equal(v.session.userAgent, "check/1");
      assert.equal(v.session.ipAddress, "203.0.113.7");
      await assertTokenKey(K, s2);
      await assertList(K, a.userId, [s0.token, s1.token, s2.token]);
    });
    await step("sign-in with rememberMe:false: 1-day session (TTL 86400), dont_remember cookie, list sorted first", async () => {
      s3 = await h.cmd("signIn", { email: a.email, password, rememberMe: false });
      await assertTokenKey(K, s3, { expiresIn: 86400 });
      const list = await assertList(K, a.userId, [s0.token, s1.token, s2.token, s3.token]);
      assert.equal(list[0].token, s3.token);
      assert.ok(s3.setCookies.some((c) => c.startsWith("better-auth.dont_remember=")));
      const tokCookie = s3.setCookies.find((c) => c.startsWith("better-auth.session_token="));
      assert.ok(!/max-age/i.test(tokCookie), "session_token is a browser-session cookie");
    });
    await step("getSession via the cookie cache sends no command to Redis", async () => {
      const { result, commands } = await trace(() => sessionVia(h, s1.cookieHeader, false));
      assert.equal(result.session.token, s1.token);
      log("cookie-cache getSession:", commands);
      assert.deepEqual(commands, []);
    });
    await step("getSession with disableCookieCache reads <token> then revoked-sessions-before-<userId>", async () => {
      const { result, commands } = await trace(() => sessionVia(h, s1.cookieHeader, true));
      assert.equal(result.session.token, s1.token);
      log("storage getSession:", commands);
      assert.deepEqual(commands, [
        ["GET", K.token(s1.token)],
        ["GET", K.revoked(a.userId)],
      ]);
    });

    await step("signOut: deletes its <token>, drops it from the list, writes no revoked-before", async () => {
      const before = await dump("better-auth:");
      const { result, commands } = await trace(() => h.cmd("signOut", { cookieHeader: s1.cookieHeader }));
      log("signOut:", commands);
      assert.deepEqual(result.body, { success: true });
      assert.equal(result.cookieHeader, "", "signOut expires the session cookies");
      assert.deepEqual(commands.map((c) => c[0]), ["GET", "GET", "GET", "GET", "SETEX", "DEL"]);
      assert.deepEqual(commands.at(-1), ["DEL", K.token(s1.token)]);
      await assertGone(K, [s1.token]);
      await assertPresent(K, [s0.token, s2.token, s3.token]);
      await assertList(K, a.userId, [s0.token, s2.token, s3.token]);
      await assertNoRevoked(K, a.userId);
      const after = await dump("better-auth:");
      for (const t of [s0.token, s2.token, s3.token]) assert.equal(after[K.token(t)].value, before[K.token(t)].value, "other sessions untouched");
    });
    await step("after signOut the old cookie still passes getSession via the cookie cache, not via storage", async () => {
      const cached = await sessionVia(h, s1.cookieHeader, false);
      assert.equal(cached?.session?.token, s1.token, "cookie-cache path does not see the sign-out");
      assert.equal(await sessionVia(h, s1.cookieHeader, true), null);
    });

    const b = await newUser(h, "bob");
    await step("revokeSession of another user's token: status true, nothing deleted", async () => {
      const before = await dump("better-auth:");
      const r = await h.cmd("revokeSession", { cookieHeader: s2.cookieHeader, token: b.up.token });
      assert.deepEqual(r.body, { status: true });
      assertSameState(await dump("better-auth:"), before, "revokeSession(foreign token)");
    });
    await step("revokeSession: deletes that <token>, drops it from the list, writes no revoked-before", async () => {
      const { commands } = await trace(() => h.cmd("revokeSession", { cookieHeader: s2.cookieHeader, token: s3.token }));
      log("revokeSession:", commands);
      await assertGone(K, [s3.token]);
      await assertPresent(K, [s0.token, s2.token]);
      await assertList(K, a.userId, [s0.token, s2.token]);
      await assertNoRevoked(K, a.userId);
      assert.ok(!commands.some((c) => c[1] === K.revoked(a.userId) && c[0] !== "GET"));
      assert.equal(await sessionVia(h, s3.cookieHeader, true), null);
    });

    let s4, s5;
    await step("revokeOtherSessions: deletes every other <token>, keeps the caller's, no revoked-before", async () => {
      s4 = await h.cmd("signIn", { email: a.email, password });
      s5 = await h.cmd("signIn", { email: a.email, password });
      const { commands } = await trace(() => h.cmd("revokeOtherSessions", { cookieHeader: s2.cookieHeader }));
      log("revokeOtherSessions:", commands);
      const others = [s0.token, s4.token, s5.token];
      await assertGone(K, others);
      await assertPresent(K, [s2.token]);
      await assertNoRevoked(K, a.userId);
      // The per-session deletes run concurrently (Promise.all over deleteSession), each a
      // read-modify-write of the list: all three GET it before any SETEX, so the last write
      // wins and the list keeps the other deleted tokens. It is not a source of truth.
      const list = (await getJSON(K.list(a.userId))).map((e) => e.token);
      assert.ok(list.includes(s2.token));
      assert.ok(list.every((t) => t === s2.token || others.includes(t)), "only known tokens in the list");
      const stale = list.filter((t) => t !== s2.token);
      assert.equal(stale.length, others.length - 1, "lost update: all but one deleted token stay listed");
      assert.deepEqual(commands.filter((c) => c[0] === "SETEX").length, others.length, "one list write per deleted session");
      const listed = (await h.cmd("listSessions", { cookieHeader: s2.cookieHeader })).body;
      assert.deepEqual(listed.map((x) => x.token), [s2.token], "listSessions skips listed tokens whose key is gone");
      assert.deepEqual(commands.filter((c) => c[0] === "DEL").map((c) => c[1]).sort(), [s0.token, s4.token, s5.token].map(K.token).sort());
      assert.equal(await sessionVia(h, s4.cookieHeader, true), null);
      assert.equal((await sessionVia(h, s2.cookieHeader, true)).session.token, s2.token);
    });

    let s6, revokedAt, s2Raw;
    await step("revokeSessions: revoked-sessions-before-<userId> = now (ms), TTL 604800; all <token> and the list deleted", async () => {
      s6 = await h.cmd("signIn", { email: a.email, password });
      s2Raw = await redis.get(K.token(s2.token));
      const lo = Date.now();
      const { result, commands } = await trace(() => h.cmd("revokeSessions", { cookieHeader: s2.cookieHeader }));
      const hi = Date.now();
      log("revokeSessions:", commands);
      assert.deepEqual(result.body, { status: true });
      assert.equal(result.cookieHeader, "");
      revokedAt = await assertRevoked(K, a.userId, lo, hi, 604800);
      await assertGone(K, [s2.token, s6.token]);
      await assertList(K, a.userId, []);
      const setex = commands.find((c) => c[0] === "SETEX" && c[1] === K.revoked(a.userId));
      assert.deepEqual(setex, ["SETEX", K.revoked(a.userId), "604800", String(revokedAt)]);
      // bob is untouched
      await assertPresent(K, [b.up.token]);
      await assertNoRevoked(K, b.userId);
    });
    await step("after revokeSessions old cookies still pass via the cookie cache, fail via storage; sensitive endpoints refuse them", async () => {
      assert.equal((await sessionVia(h, s6.cookieHeader, false))?.session?.token, s6.token);
      assert.equal(await sessionVia(h, s6.cookieHeader, true), null);
      const r = await h.send("revokeOtherSessions", { cookieHeader: s6.cookieHeader });
      assert.equal(r.ok, false);
      assert.equal(r.error.status, "UNAUTHORIZED");
      // /update-user uses the plain session middleware, i.e. the cookie cache: a revoked
      // session's still-valid cookie cache is enough for it.
      const u = await h.send("updateUser", { cookieHeader: s6.cookieHeader, name: "alice" });
      assert.equal(u.ok, true, "updateUser accepted a revoked session's cookie cache");
    });
    let s7;
    await step("a session created after revokeSessions is not revoked: createdAt >= revoked-before", async () => {
      s7 = await h.cmd("signIn", { email: a.email, password });
      assert.ok(Date.parse(s7.createdAt) >= revokedAt, `${s7.createdAt} vs ${revokedAt}`);
      await assertTokenKey(K, s7);
      await assertList(K, a.userId, [s7.token]);
      assert.equal((await sessionVia(h, s7.cookieHeader, true)).session.token, s7.token);
      const listed = (await h.cmd("listSessions", { cookieHeader: s7.cookieHeader })).body;
      assert.deepEqual(listed.map((x) => x.token), [s7.token]);
      assert.equal(Number(await redis.get(K.revoked(a.userId))), revokedAt, "sign-in leaves revoked-before as it was");
    });
    await step("Better Auth itself honours revoked-before: a re-written pre-revocation <token> key is refused", async () => {
      await redis.set(K.token(s2.token), s2Raw, "EX", 600);
      assert.equal(await sessionVia(h, s2.cookieHeader, true), null);
      const listed = (await h.cmd("listSessions", { cookieHeader: s7.cookieHeader })).body;
      assert.deepEqual(listed.map((x) => x.token), [s7.token]);
      await redis.del(K.token(s2.token));
    });

    await step("updateUser rewrites every live <token> key with the new user (TTL kept), no revoked-before", async () => {
      const c = await newUser(h, "carol");
      const c1 = await h.cmd("signIn", { email: c.email, password });
      const before0 = await getJSON(K.token(c.up.token));
      const { commands } = await trace(() => h.cmd("updateUser", { cookieHeader: c1.cookieHeader, name: "Carol Renamed" }));
      log("updateUser:", commands);
      for (const s of [c.up, c1]) {
        const v = await getJSON(K.token(s.token));
        assert.equal(v.user.name, "Carol Renamed");
        assert.notEqual(v.user.updatedAt, before0.user.updatedAt);
        await assertTTLNear(K.token(s.token), Date.parse(v.session.expiresAt), "TTL after updateUser");
      }
      assert.deepEqual((await getJSON(K.token(c.up.token))).session, before0.session, "session part unchanged");
      await assertList(K, c.userId, [c.up.token, c1.token]);
      await assertNoRevoked(K, c.userId);
      // the old cookie cache still carries the old name
      assert.equal((await sessionVia(h, c1.cookieHeader, false)).user.name, "carol");
      assert.equal((await sessionVia(h, c1.cookieHeader, true)).user.name, "Carol Renamed");
    });

    await step("changePassword without revokeOtherSessions changes nothing in Redis", async () => {
      const d = await newUser(h, "dave");
      const before = await dump("better-auth:");
      await h.cmd("changePassword", { cookieHeader: d.up.cookieHeader, currentPassword: password, newPassword: password + "!" });
      assertSameState(await dump("better-auth:"), before, "changePassword");
    });
    await step("changePassword with revokeOtherSessions: revoked-before written, all old sessions gone, one new session", async () => {
      const e = await newUser(h, "erin");
      const e1 = await h.cmd("signIn", { email: e.email, password });
      const lo = Date.now();
      const r = await h.cmd("changePassword", {
        cookieHeader: e1.cookieHeader,
        currentPassword: password,
        newPassword: password + "?",
        revokeOtherSessions: true,
      });
      const hi = Date.now();
      const newToken = r.body.token;
      assert.equal(typeof newToken, "string");
      const rv = await assertRevoked(K, e.userId, lo, hi, 604800);
      await assertGone(K, [e.up.token, e1.token]);
      await assertPresent(K, [newToken]);
      await assertList(K, e.userId, [newToken]);
      const nv = await getJSON(K.token(newToken));
      assert.ok(Date.parse(nv.session.createdAt) >= rv, "new session created at/after revoked-before");
      assert.ok(r.cookieHeader.includes(`better-auth.session_token=${newToken}.`), "response sets the new session cookie");
      assert.equal((await sessionVia(h, r.cookieHeader, true)).session.token, newToken);
      assert.equal(await sessionVia(h, e1.cookieHeader, true), null);
    });
  } finally {
    await h.stop();
  }
}

async function sectionStrategies(url) {
  for (const [strategy, keyPrefix, cookiePrefix] of [
    ["jwt", "", "better-auth"],
    ["jwe", "app1:", "myapp"],
  ]) {
    const h = await Harness.start(url, ["--strategy", strategy, "--key-prefix", keyPrefix, "--cookie-prefix", cookiePrefix]);
    const K = keysOf(keyPrefix);
    try {
      await step(`${strategy}, key prefix ${JSON.stringify(keyPrefix)}, cookie prefix ${cookiePrefix}: same keys, same shape`, async () => {
        assert.equal(h.config.cookies.sessionToken, `${cookiePrefix}.session_token`);
        const u = await newUser(h, strategy);
        assert.ok(u.up.cookieHeader.includes(`${cookiePrefix}.session_data=`));
        await assertTokenKey(K, u.up);
        await assertList(K, u.userId, [u.up.token]);
        const lo = Date.now();
        await h.cmd("revokeSessions", { cookieHeader: u.up.cookieHeader });
        await assertRevoked(K, u.userId, lo, Date.now(), 604800);
        const { result, commands } = await trace(() => sessionVia(h, u.up.cookieHeader, false));
        assert.equal(result?.session?.token, u.up.token, "revoked session still passes the cookie-cache path");
        assert.deepEqual(commands, [], "cookie-cache path sends no Redis command");
        assert.equal(await sessionVia(h, u.up.cookieHeader, true), null);
      });
    } finally {
      await h.stop();
    }
  }
}

async function sectionAdmin(url) {
  const h = await Harness.start(url, ["--admin", "--admin-email", "root@example.test", "--key-prefix", "adm:"]);
  const K = keysOf("adm:");
  try {
    const root = await h.cmd("signUp", { email: "root@example.test", password, name: "root" });
    const v = await newUser(h, "victim");
    const v1 = await h.cmd("signIn", { email: v.email, password });
    const userFields = [...BASE_USER_FIELDS, "role", "banned"];
    await step("admin plugin: user in the token key gains role and banned (banReason/banExpires absent until a ban)", async () => {
      const tv = await assertTokenKey(K, v1, { userFields });
      assert.equal(tv.user.role, "user");
      assert.equal(tv.user.banned, false);
      assert.equal((await getJSON(K.token(root.token))).user.role, "admin");
    });
    await step("banUser: revoked-before written (TTL 604800), victim's <token> keys and list deleted", async () => {
      const lo = Date.now();
      const { result, commands } = await trace(() => h.cmd("banUser", { cookieHeader: root.cookieHeader, userId: v.userId }));
      const hi = Date.now();
      log("banUser:", commands);
      assert.equal(result.body.user.banned, true);
      await assertRevoked(K, v.userId, lo, hi, 604800);
      await assertGone(K, [v.up.token, v1.token]);
      await assertList(K, v.userId, []);
      await assertPresent(K, [root.token]);
      await assertNoRevoked(K, root.userId);
      assert.equal((await sessionVia(h, v1.cookieHeader, false))?.session?.token, v1.token, "banned user's cookie cache still passes");
      assert.equal(await sessionVia(h, v1.cookieHeader, true), null);
      const again = await h.send("signIn", { email: v.email, password });
      assert.equal(again.error?.code, "BANNED_USER");
      await assertList(K, v.userId, []);
    });
    await step("admin revokeUserSessions: revoked-before written, sessions deleted", async () => {
      const w = await newUser(h, "w");
      const lo = Date.now();
      await h.cmd("adminRevokeUserSessions", { cookieHeader: root.cookieHeader, userId: w.userId });
      await assertRevoked(K, w.userId, lo, Date.now(), 604800);
      await assertGone(K, [w.up.token]);
      await assertList(K, w.userId, []);
    });
  } finally {
    await h.stop();
  }
}

async function sectionStoreInDatabase(url) {
  const h = await Harness.start(url, ["--store-session-in-database", "--expires-in", "3600", "--key-prefix", "db:"]);
  const K = keysOf("db:");
  try {
    const u = await newUser(h, "dbuser");
    await step("storeSessionInDatabase: same <token> key shape; TTLs follow expiresIn (3600)", async () => {
      await assertTokenKey(K, u.up, { expiresIn: 3600 });
      await assertList(K, u.userId, [u.up.token]);
    });
    await step("storeSessionInDatabase: a missing <token> key is not a revocation (Better Auth falls back to the DB)", async () => {
      await redis.del(K.token(u.up.token));
      const s = await sessionVia(h, u.up.cookieHeader, true);
      assert.equal(s?.session?.token, u.up.token);
      assert.equal(await redis.exists(K.token(u.up.token)), 0, "the DB fallback does not re-create the key");
    });
    await step("storeSessionInDatabase: revokeSessions writes revoked-before with TTL max(expiresIn, 86400) = 86400", async () => {
      const lo = Date.now();
      await h.cmd("revokeSessions", { cookieHeader: u.up.cookieHeader });
      await assertRevoked(K, u.userId, lo, Date.now(), 86400);
      assert.equal(await sessionVia(h, u.up.cookieHeader, true), null);
    });
    await step("storeSessionInDatabase: signOut deletes the <token> key and the DB row", async () => {
      const s = await h.cmd("signIn", { email: u.email, password });
      await assertPresent(K, [s.token]);
      await h.cmd("signOut", { cookieHeader: s.cookieHeader });
      await assertGone(K, [s.token]);
      await assertList(K, u.userId, []);
      assert.equal(await sessionVia(h, s.cookieHeader, true), null);
    });
  } finally {
    await h.stop();
  }
}

async function sectionRefresh(url) {
  const h = await Harness.start(url, ["--update-age", "0", "--key-prefix", "rf:"]);
  const K = keysOf("rf:");
  try {
    await step("session refresh (updateAge 0): <token> rewritten with new expiresAt/updatedAt, createdAt kept, list updated", async () => {
      const u = await newUser(h, "refresh");
      const before = await getJSON(K.token(u.up.token));
      await sleep(1100);
      const r = await h.cmd("getSession", { cookieHeader: u.up.cookieHeader, disableCookieCache: true });
      const after = await getJSON(K.token(u.up.token));
      assert.equal(after.session.createdAt, before.session.createdAt);
      assert.ok(Date.parse(after.session.expiresAt) > Date.parse(before.session.expiresAt));
      assert.ok(Date.parse(after.session.updatedAt) > Date.parse(before.session.updatedAt));
      assert.equal(after.session.id, before.session.id);
      assert.deepEqual(after.user, before.user);
      await assertTTLNear(K.token(u.up.token), Date.parse(after.session.expiresAt), "refreshed TTL");
      const list = await assertList(K, u.userId, [u.up.token]);
      assert.equal(list[0].expiresAt, Date.parse(after.session.expiresAt));
      assert.ok(r.setCookies.some((c) => c.startsWith("better-auth.session_token=")), "refresh re-sets the cookie");
    });
  } finally {
    await h.stop();
  }
}

// ---------------------------------------------------------------------------------------

const server = await startRedis();
let failed = false;
try {
  // MONITOR first, and only then any other connection: ioredis treats a monitor line that
  // arrives before its connection has switched to monitoring mode as a reply to nothing.
  monitorConn = await new Redis(server.url).monitor();
  await sleep(100);
  redis = new Redis(server.url, { maxRetriesPerRequest: 2 });
  await redis.ping();
  monitorConn.on("monitor", (_time, args, source) => {
    for (const s of traceSinks) s(args, source);
  });
  await sectionMain(server.url);
  await sectionStrategies(server.url);
  await sectionAdmin(server.url);
  await sectionStoreInDatabase(server.url);
  await sectionRefresh(server.url);
  if (VERBOSE) console.log(JSON.stringify(await dump(""), null, 1));
  console.log(`# ${passed} checks passed (redis ${server.url})`);
} catch (e) {
  failed = true;
  console.error(e?.stack ?? String(e));
} finally {
  try {
    monitorConn?.disconnect();
    redis?.disconnect();
  } catch {}
  await server.stop();
}
process.exit(failed ? 1 : 0);
