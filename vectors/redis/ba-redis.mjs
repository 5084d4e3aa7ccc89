// Long-running harness: the real Better Auth 1.7.24 with `secondaryStorage` on Redis
// (@better-auth/redis-storage over ioredis), driven by newline-delimited JSON on stdin.
//
//   node redis/ba-redis.mjs --redis redis://127.0.0.1:PORT [options]
//
// Options (all optional except --redis):
//   --strategy compact|jwt|jwe      cookie cache strategy (default compact)
//   --secret S                      Better Auth secret (default: a fixed test secret)
//   --cookie-prefix P               advanced.cookiePrefix (default Better Auth's "better-auth")
//   --key-prefix K                  redisStorage keyPrefix (default the package's "better-auth:";
//                                   "" for none)
//   --max-age N                     session.cookieCache.maxAge, seconds (default 300)
//   --expires-in N                  session.expiresIn, seconds (default Better Auth's 604800)
//   --update-age N                  session.updateAge, seconds (default Better Auth's 86400)
//   --fresh-age N                   session.freshAge, seconds (default Better Auth's 86400)
//   --store-session-in-database     session.storeSessionInDatabase: true
//   --user-version-key NAME         cookieCache.version = async (session, user) =>
//                                   (await secondaryStorage.get(NAME + user.id)) ?? "1"
//   --admin                         enable the admin plugin
//   --admin-email E                 (repeatable) users signing up with E get role "admin"
//
// Protocol: one JSON object per input line, `{"cmd": NAME, "id"?: any, ...args}`; one JSON
// line per command on stdout, in order: `{"id", "ok": true, "result": {...}}` or
// `{"id", "ok": false, "error": {"kind", "message", "status"?, "code"?}}`. On start-up a
// single `{"ready": true, ...}` line is written first. See README.md for every command.
//
// Nothing but protocol lines goes to stdout: console output (Better Auth's logger) is sent
// to stderr. The secret is never printed.

import { pathToFileURL } from "node:url";
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

// stdout is the protocol channel; everything the libraries print goes to stderr.
const protocolWrite = process.stdout.write.bind(process.stdout);
for (const m of ["log", "info", "debug", "warn", "error", "trace"]) {
  console[m] = (...args) => process.stderr.write(args.map((a) => (typeof a === "string" ? a : safeString(a))).join(" ") + "\n");
}
function safeString(a) {
  if (a instanceof Error) return `${a.name}: ${a.message}`;
  try {
    return JSON.stringify(a);
  } catch {
    return String(a);
  }
}

const { betterAuth } = await import("better-auth");
const { memoryAdapter } = await import("better-auth/adapters/memory");
const { admin: adminPlugin } = await import("better-auth/plugins/admin");
const { redisStorage } = await import("@better-auth/redis-storage");
const { Redis } = await import("ioredis");

const here = new URL("../", import.meta.url);
const pkgVersion = (name) => JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, here), "utf8")).version;
export const VERSIONS = {
  "better-auth": pkgVersion("better-auth"),
  "@better-auth/redis-storage": pkgVersion("@better-auth/redis-storage"),
  ioredis: pkgVersion("ioredis"),
  node: process.version,
};

export const DEFAULT_SECRET = "redis-harness-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
const MAX_LINE_BYTES = 1 << 20;

export class UsageError extends Error {
  constructor(message) {
    super(message);
    this.name = "UsageError";
  }
}

// ---------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------

function parseArgs(argv) {
  const cfg = {
    redis: null,
    strategy: "compact",
    secret: DEFAULT_SECRET,
    cookiePrefix: undefined,
    keyPrefix: undefined,
    maxAge: 300,
    expiresIn: undefined,
    updateAge: undefined,
    freshAge: undefined,
    storeSessionInDatabase: false,
    userVersionKey: undefined,
    admin: false,
    adminEmails: [],
  };
  const int = (name, v) => {
    const n = Number(v);
    if (v === undefined || !Number.isSafeInteger(n) || n < 0) throw new UsageError(`${name} needs a non-negative integer`);
    return n;
  };
  const str = (name, v) => {
    if (v === undefined) throw new UsageError(`${name} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case "--redis": cfg.redis = str(a, argv[++i]); break;
      case "--strategy": cfg.strategy = str(a, argv[++i]); break;
      case "--secret": cfg.secret = str(a, argv[++i]); break;
      case "--cookie-prefix": cfg.cookiePrefix = str(a, argv[++i]); break;
      case "--key-prefix": cfg.keyPrefix = str(a, argv[++i]); break;
      case "--max-age": cfg.maxAge = int(a, argv[++i]); break;
      case "--expires-in": cfg.expiresIn = int(a, argv[++i]); break;
      case "--update-age": cfg.updateAge = int(a, argv[++i]); break;
      case "--fresh-age": cfg.freshAge = int(a, argv[++i]); break;
      case "--store-session-in-database": cfg.storeSessionInDatabase = true; break;
      case "--user-version-key": cfg.userVersionKey = str(a, argv[++i]); break;
      case "--admin": cfg.admin = true; break;
      case "--admin-email": cfg.adminEmails.push(str(a, argv[++i]).toLowerCase()); break;
      default: throw new UsageError(`unknown argument ${JSON.stringify(a)}`);
    }
  }
  if (!cfg.redis) throw new UsageError("--redis URL is required");
  if (!/^rediss?:\/\//.test(cfg.redis)) throw new UsageError("--redis must be a redis:// or rediss:// URL");
  if (!["compact", "jwt", "jwe"].includes(cfg.strategy)) throw new UsageError(`unknown strategy ${JSON.stringify(cfg.strategy)}`);
  if (cfg.secret.length === 0) throw new UsageError("--secret must not be empty");
  if (cfg.adminEmails.length > 0 && !cfg.admin) throw new UsageError("--admin-email needs --admin");
  return cfg;
}

// ---------------------------------------------------------------------------------------
// Better Auth instance
// ---------------------------------------------------------------------------------------

export function makeAuth(cfg, client) {
  const adminEmails = new Set(cfg.adminEmails);
  const storage = redisStorage({ client, ...(cfg.keyPrefix !== undefined ? { keyPrefix: cfg.keyPrefix } : {}) });
  // A per-user cache version read from the same store: bumping the key invalidates every
  // cookie cache of that user.
  const version =
    cfg.userVersionKey !== undefined
      ? { version: async (_session, user) => (await storage.get(cfg.userVersionKey + user.id)) ?? "1" }
      : {};
  const session = {
    cookieCache: { enabled: true, strategy: cfg.strategy, maxAge: cfg.maxAge, ...version },
    ...(cfg.expiresIn !== undefined ? { expiresIn: cfg.expiresIn } : {}),
    ...(cfg.updateAge !== undefined ? { updateAge: cfg.updateAge } : {}),
    ...(cfg.freshAge !== undefined ? { freshAge: cfg.freshAge } : {}),
    ...(cfg.storeSessionInDatabase ? { storeSessionInDatabase: true } : {}),
  };
  return betterAuth({
    baseURL: "http://localhost:3000",
    secret: cfg.secret,
    database: memoryAdapter({ user: [], session: [], account: [], verification: [] }),
    secondaryStorage: storage,
    emailAndPassword: { enabled: true },
    session,
    telemetry: { enabled: false },
    rateLimit: { enabled: false },
    advanced: cfg.cookiePrefix !== undefined ? { cookiePrefix: cfg.cookiePrefix } : {},
    plugins: cfg.admin ? [adminPlugin()] : [],
    databaseHooks: adminEmails.size
      ? {
          user: {
            create: {
              async before(user) {
                if (adminEmails.has(String(user.email).toLowerCase())) return { data: { ...user, role: "admin" } };
              },
            },
          },
        }
      : undefined,
  });
}

// ---------------------------------------------------------------------------------------
// Cookies
// ---------------------------------------------------------------------------------------

/** Parse one Set-Cookie header value: {name, value, attributes: {lowercased: value|true}}. */
export function parseSetCookie(line) {
  const parts = line.split(";");
  const first = parts.shift();
  const eq = first.indexOf("=");
  if (eq <= 0) return null;
  const attributes = {};
  for (const p of parts) {
    const i = p.indexOf("=");
    const k = (i < 0 ? p : p.slice(0, i)).trim().toLowerCase();
    if (k) attributes[k] = i < 0 ? true : p.slice(i + 1).trim();
  }
  return { name: first.slice(0, eq).trim(), value: first.slice(eq + 1).trim(), attributes };
}

function isRemoval(c) {
  if (c.value === "") return true;
  if (c.attributes["max-age"] !== undefined && Number(c.attributes["max-age"]) <= 0) return true;
  if (typeof c.attributes.expires === "string") {
    const t = Date.parse(c.attributes.expires);
    if (Number.isFinite(t) && t <= Date.now()) return true;
  }
  return false;
}

/** Parse a Cookie request header into an ordered Map name -> value. */
export function parseCookieHeader(header) {
  const jar = new Map();
  if (!header) return jar;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    jar.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return jar;
}

/** The Cookie header a browser would send after receiving `setCookies` (raw strings). */
export function applySetCookies(cookieHeader, setCookies) {
  const jar = parseCookieHeader(cookieHeader);
  for (const line of setCookies) {
    const c = parseSetCookie(line);
    if (!c) continue;
    if (isRemoval(c)) jar.delete(c.name);
    else jar.set(c.name, c.value);
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

// ---------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------

function need(args, name, type) {
  const v = args[name];
  if (typeof v !== type) throw new UsageError(`${name} must be a ${type}`);
  return v;
}
function opt(args, name, type) {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== type) throw new UsageError(`${name} must be a ${type}`);
  return v;
}

function headersFor(args) {
  const h = new Headers();
  const cookie = opt(args, "cookieHeader", "string");
  if (cookie) h.set("cookie", cookie);
  const ua = opt(args, "userAgent", "string");
  if (ua) h.set("user-agent", ua);
  const ip = opt(args, "ip", "string");
  if (ip) h.set("x-forwarded-for", ip);
  return h;
}

/** Call an auth.api endpoint with returnHeaders; return body + cookies. */
async function call(endpoint, args, extra = {}) {
  const headers = headersFor(args);
  const out = await endpoint({ headers, returnHeaders: true, ...extra });
  const setCookies = out.headers?.getSetCookie?.() ?? [];
  return {
    body: out.response ?? null,
    setCookies,
    cookieHeader: applySetCookies(headers.get("cookie") ?? "", setCookies),
  };
}

export function makeCommands(auth, client, cfg) {
  const api = auth.api;

  async function sessionOf(cookieHeader) {
    // The cookie-cache path of getSession: a pure decode of the cookie just set, no storage read.
    const s = await api.getSession({ headers: new Headers({ cookie: cookieHeader }) });
    return s;
  }

  async function signedIn(res) {
    const session = res.cookieHeader ? await sessionOf(res.cookieHeader) : null;
    return {
      ...res,
      token: res.body?.token ?? null,
      userId: res.body?.user?.id ?? null,
      sessionId: session?.session?.id ?? null,
      createdAt: session?.session?.createdAt ? new Date(session.session.createdAt).toISOString() : null,
      expiresAt: session?.session?.expiresAt ? new Date(session.session.expiresAt).toISOString() : null,
    };
  }

  return {
    async signUp(a) {
      const res = await call(api.signUpEmail, a, {
        body: { email: need(a, "email", "string"), password: need(a, "password", "string"), name: need(a, "name", "string") },
      });
      return signedIn(res);
    },
    async signIn(a) {
      const rememberMe = opt(a, "rememberMe", "boolean");
      const res = await call(api.signInEmail, a, {
        body: {
          email: need(a, "email", "string"),
          password: need(a, "password", "string"),
          ...(rememberMe !== undefined ? { rememberMe } : {}),
        },
      });
      return signedIn(res);
    },
    async signOut(a) {
      need(a, "cookieHeader", "string");
      return call(api.signOut, a, {});
    },
    async getSession(a) {
      need(a, "cookieHeader", "string");
      const query = {};
      if (opt(a, "disableCookieCache", "boolean")) query.disableCookieCache = true;
      if (opt(a, "disableRefresh", "boolean")) query.disableRefresh = true;
      return call(api.getSession, a, { query });
    },
    async listSessions(a) {
      need(a, "cookieHeader", "string");
      return call(api.listSessions, a, {});
    },
    async revokeSession(a) {
      need(a, "cookieHeader", "string");
      return call(api.revokeSession, a, { body: { token: need(a, "token", "string") } });
    },
    async revokeSessions(a) {
      need(a, "cookieHeader", "string");
      return call(api.revokeSessions, a, {});
    },
    async revokeOtherSessions(a) {
      need(a, "cookieHeader", "string");
      return call(api.revokeOtherSessions, a, {});
    },
    async updateUser(a) {
      need(a, "cookieHeader", "string");
      const body = {};
      const name = opt(a, "name", "string");
      if (name !== undefined) body.name = name;
      const image = opt(a, "image", "string");
      if (image !== undefined) body.image = image;
      return call(api.updateUser, a, { body });
    },
    async changePassword(a) {
      need(a, "cookieHeader", "string");
      const revokeOtherSessions = opt(a, "revokeOtherSessions", "boolean");
      return call(api.changePassword, a, {
        body: {
          currentPassword: need(a, "currentPassword", "string"),
          newPassword: need(a, "newPassword", "string"),
          ...(revokeOtherSessions !== undefined ? { revokeOtherSessions } : {}),
        },
      });
    },
    async banUser(a) {
      if (!cfg.admin) throw new UsageError("banUser needs the harness started with --admin");
      need(a, "cookieHeader", "string");
      const banReason = opt(a, "banReason", "string");
      return call(api.banUser, a, {
        body: { userId: need(a, "userId", "string"), ...(banReason !== undefined ? { banReason } : {}) },
      });
    },
    async adminRevokeUserSessions(a) {
      if (!cfg.admin) throw new UsageError("adminRevokeUserSessions needs the harness started with --admin");
      need(a, "cookieHeader", "string");
      return call(api.revokeUserSessions, a, { body: { userId: need(a, "userId", "string") } });
    },
    async keys(a) {
      // Every key in the Redis database (not only this instance's prefix), unless `match`
      // (a SCAN pattern) narrows it. Values of string keys are raw; ttl/pttl as Redis reports
      // them (-1: no expiry).
      const match = opt(a, "match", "string") ?? "*";
      const names = new Set();
      let cursor = "0";
      do {
        const [next, batch] = await client.scan(cursor, "MATCH", match, "COUNT", 1000);
        cursor = next;
        for (const k of batch) names.add(k);
      } while (cursor !== "0");
      const keys = [];
      for (const key of [...names].sort()) {
        const [type, ttl, pttl] = await Promise.all([client.type(key), client.ttl(key), client.pttl(key)]);
        if (type === "none") continue; // expired or deleted between SCAN and now
        keys.push({ key, type, ttl, pttl, value: type === "string" ? await client.get(key) : null });
      }
      return { keys, now: Date.now() };
    },
  };
}

function errorOf(e) {
  if (e instanceof UsageError) return { kind: "bad_args", message: e.message };
  // better-call APIError: status (e.g. "UNAUTHORIZED"), statusCode, body {code, message}
  if (e && typeof e === "object" && "statusCode" in e && "status" in e) {
    return {
      kind: "api_error",
      status: e.status,
      statusCode: e.statusCode,
      code: e.body?.code ?? null,
      message: e.body?.message ?? e.message ?? "",
    };
  }
  return { kind: "internal", message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
}

// ---------------------------------------------------------------------------------------
// Main loop
// ---------------------------------------------------------------------------------------

/** Newline-split stdin with a per-line cap; over-long lines yield {tooLong: true}. */
async function* lines(stream, max) {
  let buf = Buffer.alloc(0);
  let discarding = false;
  for await (const chunk of stream) {
    let data = Buffer.concat([buf, chunk]);
    let nl;
    while ((nl = data.indexOf(10)) >= 0) {
      const line = data.subarray(0, nl);
      data = data.subarray(nl + 1);
      if (discarding) {
        discarding = false;
        continue;
      }
      yield line.length > max ? { tooLong: true } : { line: line.toString("utf8") };
    }
    if (discarding) data = Buffer.alloc(0);
    else if (data.length > max) {
      discarding = true;
      data = Buffer.alloc(0);
      yield { tooLong: true };
    }
    buf = data;
  }
  if (buf.length > 0 && !discarding) yield { line: buf.toString("utf8") };
}

/** The URL without any user name or password (those never go to a log). */
function redactUrl(u) {
  try {
    const url = new URL(u);
    url.username = "";
    url.password = "";
    return url.toString();
  } catch {
    return "(unparsable URL)";
  }
}

function send(obj) {
  protocolWrite(JSON.stringify(obj) + "\n");
}

async function main() {
  let cfg;
  try {
    cfg = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`ba-redis.mjs: ${e.message}\n`);
    process.exit(2);
  }
  const client = new Redis(cfg.redis, { lazyConnect: true, maxRetriesPerRequest: 2, connectTimeout: 5000 });
  client.on("error", (e) => process.stderr.write(`ba-redis.mjs: redis: ${e.message}\n`));
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    process.stderr.write(`ba-redis.mjs: cannot reach Redis at ${redactUrl(cfg.redis)}: ${e.message}\n`);
    process.exit(1);
  }
  const auth = makeAuth(cfg, client);
  const ctx = await auth.$context;
  const commands = makeCommands(auth, client, cfg);
  send({
    ready: true,
    versions: VERSIONS,
    config: {
      strategy: cfg.strategy,
      cookiePrefix: cfg.cookiePrefix ?? "better-auth",
      keyPrefix: cfg.keyPrefix ?? "better-auth:",
      maxAge: cfg.maxAge,
      expiresIn: ctx.sessionConfig.expiresIn,
      updateAge: ctx.sessionConfig.updateAge,
      freshAge: ctx.sessionConfig.freshAge,
      storeSessionInDatabase: cfg.storeSessionInDatabase,
      userVersionKey: cfg.userVersionKey ?? null,
      admin: cfg.admin,
      cookies: {
        sessionToken: ctx.authCookies.sessionToken.name,
        sessionData: ctx.authCookies.sessionData.name,
        dontRemember: ctx.authCookies.dontRememberToken.name,
      },
    },
  });

  const quit = async (code) => {
    try {
      await client.quit();
    } catch {}
    process.exit(code);
  };

  for await (const item of lines(process.stdin, MAX_LINE_BYTES)) {
    if (item.tooLong) {
      send({ id: null, ok: false, error: { kind: "bad_json", message: `line longer than ${MAX_LINE_BYTES} bytes` } });
      continue;
    }
    if (item.line.trim() === "") continue;
    let msg;
    try {
      msg = JSON.parse(item.line);
    } catch (e) {
      send({ id: null, ok: false, error: { kind: "bad_json", message: e.message } });
      continue;
    }
    if (!msg || typeof msg !== "object" || Array.isArray(msg) || typeof msg.cmd !== "string") {
      send({ id: msg?.id ?? null, ok: false, error: { kind: "bad_command", message: 'expected an object with a string "cmd"' } });
      continue;
    }
    const id = msg.id ?? null;
    if (msg.cmd === "quit") {
      send({ id, ok: true, result: {} });
      await quit(0);
    }
    const fn = Object.hasOwn(commands, msg.cmd) ? commands[msg.cmd] : null;
    if (!fn) {
      send({ id, ok: false, error: { kind: "bad_command", message: `unknown cmd ${JSON.stringify(msg.cmd).slice(0, 100)}` } });
      continue;
    }
    try {
      send({ id, ok: true, result: await fn(msg) });
    } catch (e) {
      send({ id, ok: false, error: errorOf(e) });
    }
  }
  await quit(0);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
