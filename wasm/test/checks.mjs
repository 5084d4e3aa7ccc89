// The checks every JavaScript runtime runs on the package: Node (node:test, ESM and
// CommonJS), Deno (Deno.test), and in part workerd and Chromium. Each check is a
// function of the imported package (`sc`); it throws on failure.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

/**
 * The names every entry must export, sorted: those createApi() returns (the package's
 * API, from the build in pkg/), and init, initSync, default.
 */
export async function expectedExports() {
  const bindings = await import("../pkg/web/session_cache_wasm.js");
  bindings.initSync({ module: readFileSync(new URL("../pkg/web/session_cache_wasm_bg.wasm", import.meta.url)) });
  const { createApi } = await import("../pkg/api.mjs");
  return [...Object.keys(createApi(bindings)), "default", "init", "initSync"].sort();
}

export const VECTORS_PATH = new URL("../../vectors/cookie-cache.json", import.meta.url);

export function loadVectors() {
  return JSON.parse(readFileSync(VECTORS_PATH, "utf8"));
}

/** Values Better Auth accepts and the library refuses on purpose (as tests/vectors.rs). */
export function deliberatelyRefused(name) {
  if (name.includes("/lenient-") && !name.endsWith("-control")) return "non-canonical base64";
  if (name.endsWith("/zip-deflate")) return "compressed JWE";
  if (name.includes("/no-exp")) return "no exp claim";
  return null;
}

/** Every error kind of the library. */
export const ERROR_KINDS = [
  "malformed", "too_large", "bad_signature", "decrypt_failed", "unknown_key", "unsupported_algorithm",
  "invalid_payload", "expired", "not_yet_valid", "session_expired", "version_mismatch", "invalid_key",
  "invalid_options", "token_mismatch", "no_token", "bad_token_signature", "no_cache", "not_fresh",
  "too_large_to_write", "random", "wrong_token_type", "wrong_issuer", "wrong_audience", "wrong_subject",
  "wrong_session_id", "revoked", "revocation_unknown",
];

/**
 * The error kinds a negative vector may give, by the reason it was made for: read from
 * `fn allowed` in tests/vectors.rs, so that the Rust and JavaScript checks never drift
 * apart. null when that file is not there (then any known kind passes).
 */
export function allowedKinds() {
  let text;
  try {
    text = readFileSync(new URL("../../tests/vectors.rs", import.meta.url), "utf8");
  } catch {
    return null;
  }
  const start = text.indexOf("fn allowed(");
  if (start < 0) return null;
  const body = text.slice(start, text.indexOf("\n}\n", start));
  const table = {};
  const snake = (k) => k.trim().replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
  for (const m of body.matchAll(/((?:"[a-z0-9_]+"\s*\|\s*)*"[a-z0-9_]+")\s*=>\s*&\[([^\]]*)\]/g)) {
    const kinds = m[2].split(",").map((k) => k.trim()).filter(Boolean).map((k) => snake(k.replace(/^ErrorKind::/, "")));
    for (const reason of m[1].matchAll(/"([a-z0-9_]+)"/g)) table[reason[1]] = kinds;
  }
  return Object.keys(table).length > 0 ? table : null;
}
const ALLOWED = allowedKinds();

/** JSON.stringify(JSON.parse(text)), without a top-level __proto__ for compact (as tests/vectors.rs). */
export function canonical(strategy, text) {
  const value = JSON.parse(text);
  if (strategy === "compact" && value && typeof value === "object") delete value["__proto__"];
  return JSON.stringify(value);
}

/** The package configuration of a vector. */
export function vectorConfig(v, extra = {}) {
  const keys = v.keys.secrets
    ? { secrets: v.keys.secrets, ...(v.keys.legacySecret ? { secret: v.keys.legacySecret } : {}) }
    : { secret: v.keys.secret };
  return { ...keys, strategy: v.strategy, now: v.now, ...(v.version ? { version: v.version } : {}), ...extra };
}

/** Checks one vector with `decodeCookieCache`; returns a failure message or null. */
export function checkVector(sc, v) {
  const r = sc.decodeCookieCache(v.value, vectorConfig(v, { dates: "string" }));
  const refused = deliberatelyRefused(v.name);
  if (refused) return r.valid ? `${v.name}: accepted, but the library refuses ${refused} on purpose` : null;
  const expectValid = v.reason === null || v.reason === "date_reviver";
  if (expectValid) {
    if (!r.valid) return `${v.name}: rejected (${r.error}: ${r.message}), expected valid`;
    if (v.reason === null && !v.betterAuth.accepted) return `${v.name}: accepted, Better Auth rejects`;
    if (v.payloadJson !== null && v.payloadJson !== undefined) {
      const ours = JSON.stringify(r.payload);
      const theirs = canonical(v.strategy, v.payloadJson);
      if (ours !== theirs) return `${v.name}: payload differs\n ours:   ${ours}\n theirs: ${theirs}`;
    }
    if (v.expiresAt !== null && v.expiresAt !== undefined && r.expiresAt !== Math.trunc(v.expiresAt))
      return `${v.name}: expiresAt ${r.expiresAt} != ${v.expiresAt}`;
    return null;
  }
  if (r.valid) return `${v.name}: accepted, expected ${v.reason}`;
  if (v.betterAuth.accepted) return `${v.name}: rejected (${r.error}), Better Auth accepts`;
  if (!ERROR_KINDS.includes(r.error)) return `${v.name}: unknown error kind ${r.error}`;
  if (ALLOWED) {
    const allowed = ALLOWED[v.reason];
    if (!allowed) return `${v.name}: unknown reason ${v.reason}`;
    if (!allowed.includes(r.error)) return `${v.name}: reason ${v.reason} but error ${r.error} (${r.message})`;
  }
  if (typeof r.message !== "string" || r.message.length === 0) return `${v.name}: no message`;
  return null;
}

/** Every vector; returns {total, valid, invalid, failures}. */
export function checkAllVectors(sc, file = loadVectors()) {
  assert.equal(file.generator["better-auth"], "1.7.24");
  assert.ok(file.vectors.length >= 100, `expected at least 100 vectors, got ${file.vectors.length}`);
  const failures = [];
  let valid = 0;
  let invalid = 0;
  for (const v of file.vectors) {
    const failure = checkVector(sc, v);
    if (failure) failures.push(failure);
    else if (v.reason === null || v.reason === "date_reviver") valid++;
    else invalid++;
  }
  return { total: file.vectors.length, valid, invalid, failures };
}

// ---------------------------------------------------------------------------------------
// API checks, independent of Better Auth
// ---------------------------------------------------------------------------------------

const SECRET = "wasm-test-secret-0123456789abcdef0123456789";
const DAY = 86_400_000;

export function samplePayload(now, extra = {}) {
  return {
    session: {
      id: "sess_1",
      token: "tok_abcdef0123456789",
      userId: "user_1",
      expiresAt: new Date(now + 7 * DAY),
      createdAt: new Date(now - 60_000),
      updatedAt: new Date(now - 60_000),
      ipAddress: "127.0.0.1",
      userAgent: "node",
    },
    user: {
      id: "user_1",
      email: "ada@example.com",
      name: "Ada Lovelace 😀 \u2028 \"q\"",
      emailVerified: true,
      image: null,
      createdAt: new Date(now - DAY),
      updatedAt: new Date(now - DAY),
      role: "admin",
      score: 0.1,
      ...extra,
    },
  };
}

function sessionHeader(sc, config, payload, now, extraCookies = "") {
  const data = sc.encodeCookieCache(payload, config, { now });
  const token = sc.signSessionToken(payload.session.token, config);
  const prefix = config.isSecure ? "__Secure-" : "";
  return `${prefix}better-auth.session_token=${token}; ${prefix}better-auth.session_data=${data}${extraCookies}`;
}

export const apiChecks = {
  "round trip in every strategy, payload kept exactly"(sc) {
    const now = Date.now();
    for (const strategy of ["compact", "jwt", "jwe"]) {
      const config = { secret: SECRET, strategy };
      const payload = samplePayload(now);
      const value = sc.encodeCookieCache(payload, config);
      assert.equal(typeof value, "string");
      const r = sc.decodeCookieCache(value, config);
      assert.equal(r.valid, true, `${strategy}: ${r.error} ${r.message}`);
      assert.equal(r.strategy, strategy);
      assert.ok(r.payload.session.expiresAt instanceof Date, "dates revived by default");
      assert.equal(r.payload.session.expiresAt.getTime(), payload.session.expiresAt.getTime());
      assert.equal(r.payload.user.name, payload.user.name);
      assert.equal(r.payload.user.role, "admin");
      assert.equal(r.payload.version, "1");
      assert.equal(typeof r.payload.updatedAt, "number");
      const s = sc.decodeCookieCache(value, { ...config, dates: "string" });
      assert.equal(s.payload.session.expiresAt, payload.session.expiresAt.toISOString());
      // expiresAt: maxAge (300 s by default) after now, to the second for jwt/jwe
      assert.ok(Math.abs(r.expiresAt - (now + 300_000)) < 2_000, `${strategy}: expiresAt ${r.expiresAt}`);
      // getCookieCache: the payload, or null
      const p = sc.getCookieCache(`other=1; better-auth.session_data=${value}`, config);
      assert.equal(p.user.email, "ada@example.com");
      assert.equal(sc.getCookieCache("other=1", config), null);
      assert.equal(sc.getCookieCache("", config), null);
    }
  },

  "getCookieCache takes a Request, a Headers, a header string or a Node request"(sc) {
    const config = { secret: SECRET, strategy: "jwe" };
    const value = sc.encodeCookieCache(samplePayload(Date.now()), config);
    const cookie = `a=b; better-auth.session_data=${value}`;
    const inputs = [
      cookie,
      new Headers({ cookie }),
      new Request("http://localhost/", { headers: { cookie } }),
      { headers: { cookie } },
      { headers: { cookie: [cookie] } },
    ];
    for (const input of inputs) assert.equal(sc.getCookieCache(input, config)?.user.id, "user_1");
    assert.equal(sc.getCookieCache(new Headers(), config), null);
    assert.equal(sc.getCookieCache(new Request("http://localhost/"), config), null);
    assert.throws(() => sc.getCookieCache(42, config), TypeError);
  },

  "cookie names: __Secure-, prefix, cookieName, isSecure"(sc) {
    const config = { secret: SECRET };
    const value = sc.encodeCookieCache(samplePayload(Date.now()), config);
    assert.ok(sc.getCookieCache(`__Secure-better-auth.session_data=${value}`, config));
    assert.ok(sc.getCookieCache(`__Secure-better-auth.session_data=${value}`, { ...config, isSecure: true }));
    assert.equal(sc.getCookieCache(`__Secure-better-auth.session_data=${value}`, { ...config, isSecure: false }), null);
    assert.equal(sc.getCookieCache(`better-auth.session_data=${value}`, { ...config, isSecure: true }), null);
    assert.ok(sc.getCookieCache(`my-app.session_data=${value}`, { ...config, cookiePrefix: "my-app" }));
    assert.equal(sc.getCookieCache(`better-auth.session_data=${value}`, { ...config, cookiePrefix: "my-app" }), null);
    assert.ok(sc.getCookieCache(`better-auth.cache=${value}`, { ...config, cookieName: "cache" }));
  },

  "chunked cookies: Set-Cookie list written and read back"(sc) {
    const config = { secret: SECRET, strategy: "jwe", isSecure: true, domain: "example.com", maxAge: 600 };
    const payload = samplePayload(Date.now(), { bio: "x".repeat(9000) });
    const headers = sc.setCookieCacheHeaders(payload, config);
    assert.ok(headers.length >= 3, `expected chunks, got ${headers.length}`);
    headers.forEach((h, i) => {
      assert.ok(h.startsWith(`__Secure-better-auth.session_data.${i}=`), h.slice(0, 60));
      assert.match(h, /; Max-Age=600; Domain=example\.com; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
      assert.ok(h.length <= 4050 + 100, `cookie too long: ${h.length}`);
    });
    // Reverse order in the request: the reader sorts by index.
    const cookie = headers
      .map((h) => h.split(";")[0])
      .reverse()
      .join("; ");
    const p = sc.getCookieCache(cookie, config);
    assert.equal(p?.user.bio.length, 9000);
    // Writing a small cache over a chunked one expires the stale chunks.
    const small = sc.setCookieCacheHeaders(samplePayload(Date.now()), config, { request: cookie });
    assert.ok(small.some((h) => /^__Secure-better-auth\.session_data=[^;]+;/.test(h)));
    assert.ok(small.some((h) => /^__Secure-better-auth\.session_data\.0=; Max-Age=0/.test(h)));
    // Too large for 100 chunks: thrown, with a code.
    assert.throws(
      () => sc.setCookieCacheHeaders(samplePayload(Date.now(), { bio: "y".repeat(500_000) }), config),
      (e) => e.code === "too_large_to_write",
    );
  },

  "limits: a 1 MB header and 101 chunks are refused before they are read"(sc) {
    const config = { secret: SECRET, strategy: "jwe" };
    const verifier = sc.createVerifier(config);
    const huge = `better-auth.session_data=${"A".repeat(1 << 20)}`;
    assert.equal(verifier.getCookieCache(huge), null);
    assert.equal(verifier.verifySession(huge).error, "too_large");
    const chunks = Array.from({ length: 101 }, (_, i) => `better-auth.session_data.${i}=AAAA`).join("; ");
    assert.equal(verifier.getCookieCache(chunks), null);
    assert.equal(verifier.decodeCookieCache("A".repeat(600_000)).error, "too_large");
    verifier.free();
  },

  "verifySession: fresh, needsRefresh, token match, typed failures"(sc) {
    const now = Date.now();
    for (const strategy of ["compact", "jwt", "jwe"]) {
      const config = { secret: SECRET, strategy, freshAge: 3600, updateAge: 60 };
      const payload = samplePayload(now);
      const header = sessionHeader(sc, config, payload, now);
      const r = sc.verifySession(header, config);
      assert.equal(r.valid, true, `${strategy}: ${r.error} ${r.message}`);
      assert.equal(r.user.email, "ada@example.com");
      assert.equal(r.session.token, payload.session.token);
      assert.equal(r.fresh, true);
      assert.equal(r.needsRefresh, false);
      assert.equal(r.dontRemember, false);
      // later: not fresh; close to the cache expiry: needs a refresh
      const later = sc.verifySession(header, { ...config, now: now + 250_000 });
      assert.equal(later.valid, true);
      assert.equal(later.needsRefresh, true);
      const stale = sc.verifySession(header, { ...config, freshAge: 30 });
      assert.equal(stale.fresh, false);
      // failures
      const fail = (h, kind, cfg = config) => {
        const f = sc.verifySession(h, cfg);
        assert.equal(f.valid, false);
        assert.equal(f.error, kind, `${strategy}: ${f.error} ${f.message}`);
        assert.equal(typeof f.message, "string");
      };
      fail("", "no_token");
      fail(`better-auth.session_data=${sc.encodeCookieCache(payload, config)}`, "no_token");
      fail(`better-auth.session_token=${sc.signSessionToken(payload.session.token, config)}`, "no_cache");
      fail(`better-auth.session_token=${sc.signSessionToken("other", config)}; better-auth.session_data=${sc.encodeCookieCache(payload, config)}`, "token_mismatch");
      fail(header.replace(/session_token=[^;]{3}/, "session_token=xyz"), "bad_token_signature");
      fail(header, "expired", { ...config, now: now + 400_000 });
      fail(header, "version_mismatch", { ...config, version: "2" });
      fail(header, "bad_token_signature", { ...config, secret: SECRET + "-other" });
    }
  },

  "version: string, function of (session, user), mismatch"(sc) {
    const now = Date.now();
    const byRole = (_session, user) => (user.role === "admin" ? "admin-7" : "7");
    for (const strategy of ["compact", "jwt", "jwe"]) {
      const config = { secret: SECRET, strategy, version: byRole };
      const value = sc.encodeCookieCache(samplePayload(now), config);
      const r = sc.decodeCookieCache(value, config);
      assert.equal(r.valid, true, `${strategy}: ${r.error}`);
      assert.equal(r.payload.version, "admin-7");
      const user = sc.decodeCookieCache(value, { ...config, version: () => "7" });
      assert.deepEqual([user.valid, user.error], [false, "version_mismatch"]);
      assert.equal(sc.getCookieCache(`better-auth.session_data=${value}`, { ...config, version: "7" }), null);
      assert.ok(sc.getCookieCache(`better-auth.session_data=${value}`, { ...config, version: "admin-7" }));
      const header = sessionHeader(sc, config, samplePayload(now), now);
      assert.equal(sc.verifySession(header, config).valid, true);
      assert.equal(sc.verifySession(header, { ...config, version: "7" }).error, "version_mismatch");
      assert.throws(() => sc.decodeCookieCache(value, { ...config, version: async () => "7" }), TypeError);
      // As Better Auth: a function's "" matches no cache ((payload.version || "1") === "").
      assert.equal(sc.decodeCookieCache(value, { ...config, version: () => "" }).error, "version_mismatch");
      assert.equal(sc.verifySession(header, { ...config, version: () => "" }).error, "version_mismatch");
      // A configured "" is no version at all (Better Auth's `if (config.version)`).
      assert.equal(sc.decodeCookieCache(value, { ...config, version: "" }).valid, true);
    }
  },

  "key rotation: secrets array, BETTER_AUTH_SECRETS string, legacy, older secrets"(sc) {
    const now = Date.now();
    const old = { secrets: [{ version: 1, value: "old-secret-value-0123456789abcdef" }] };
    const rotated = {
      secrets: [
        { version: 2, value: "new-secret-value-0123456789abcdef" },
        { version: 1, value: "old-secret-value-0123456789abcdef" },
      ],
    };
    const rotatedEnv = { secrets: "2:new-secret-value-0123456789abcdef, 1:old-secret-value-0123456789abcdef" };
    for (const strategy of ["compact", "jwt", "jwe"]) {
      const value = sc.encodeCookieCache(samplePayload(now), { ...old, strategy });
      for (const keys of [rotated, rotatedEnv]) {
        const r = sc.decodeCookieCache(value, { ...keys, strategy });
        // Better Auth: jwe tries every secret; compact and jwt the current one only.
        assert.equal(r.valid, strategy === "jwe", `${strategy}: ${r.error}`);
        const older = sc.decodeCookieCache(value, { ...keys, strategy, verifyWithOlderSecrets: true });
        assert.equal(older.valid, true, `${strategy} with older secrets: ${older.error}`);
      }
      // the legacy secret (`secret` beside `secrets`) decrypts jwe
      const legacyValue = sc.encodeCookieCache(samplePayload(now), { secret: "legacy-secret-0123456789abcdefgh", strategy });
      const legacy = sc.decodeCookieCache(legacyValue, { ...rotated, secret: "legacy-secret-0123456789abcdefgh", strategy });
      assert.equal(legacy.valid, strategy === "jwe");
    }
  },

  "bad configuration throws a TypeError with a clear message"(sc) {
    const env = globalThis.process?.env;
    const saved = {};
    for (const k of ["BETTER_AUTH_SECRET", "BETTER_AUTH_SECRETS", "AUTH_SECRET"]) {
      saved[k] = env?.[k];
      if (env) delete env[k];
    }
    try {
      const cases = [
        [{}, /secret is required/],
        [undefined, /secret is required/],
        [{ secret: "" }, /secret is required/],
        [{ secret: SECRET, strategy: "jws" }, /unknown strategy "jws"/],
        [{ secret: SECRET, strategy: 3 }, /strategy must be a string/],
        [{ secrets: "2x:abc" }, /version/],
        [{ secrets: [] }, /at least one/],
        [{ secrets: [{ version: 1, value: "a" }, { version: 1, value: "b" }] }, /duplicate version/],
        [{ secrets: [{ version: -1, value: "a" }] }, /version must be a non-negative integer/],
        [{ secrets: 5 }, /secrets must be/],
        [{ secret: SECRET, version: 7 }, /version must be a string or a function/],
        [{ secret: SECRET, maxAge: -1 }, /maxAge/],
        [{ secret: SECRET, maxAge: 0 }, /maxAge/],
        [{ secret: SECRET, isSecure: "yes" }, /isSecure must be a boolean/],
        [{ secret: SECRET, now: "today" }, /now must be/],
        [{ secret: SECRET, dates: "iso" }, /dates must be/],
        ["secret", /config must be an object/],
      ];
      for (const [config, message] of cases) {
        for (const call of [
          () => sc.decodeCookieCache("x", config),
          () => sc.getCookieCache("a=b", config),
          () => sc.createVerifier(config),
        ]) {
          assert.throws(call, (e) => e instanceof TypeError && message.test(e.message) && typeof e.code === "string", `${JSON.stringify(config)}`);
        }
      }
      // From the environment, as Better Auth, when the runtime has process.env.
      if (env) {
        env.BETTER_AUTH_SECRET = SECRET;
        const value = sc.encodeCookieCache(samplePayload(Date.now()), { secret: SECRET });
        assert.equal(sc.decodeCookieCache(value, {}).valid, true);
        assert.equal(sc.decodeCookieCache(value).valid, true);
        // a changed environment is seen by the one-shot functions
        env.BETTER_AUTH_SECRET = SECRET + "-rotated";
        assert.equal(sc.decodeCookieCache(value).error, "bad_signature");
        env.BETTER_AUTH_SECRETS = `2:${SECRET}`;
        assert.equal(sc.decodeCookieCache(value).valid, true);
        delete env.BETTER_AUTH_SECRETS;
        delete env.BETTER_AUTH_SECRET;
      }
    } finally {
      for (const [k, v] of Object.entries(saved)) if (env && v !== undefined) env[k] = v;
    }
  },

  "a bad cookie never throws: null or a typed failure"(sc) {
    const kinds = new Set();
    const junk = [
      "",
      ".",
      "....",
      "a.b.c",
      "a.b.c.d.e",
      "%%%",
      "e30",
      "eyJhbGciOiJIUzI1NiJ9.e30.",
      "x".repeat(600_000),
      "\u0000\ud800",
      "eyJzZXNzaW9uIjp7fX0",
    ];
    for (const strategy of ["compact", "jwt", "jwe"]) {
      const config = { secret: SECRET, strategy };
      for (const value of junk) {
        const r = sc.decodeCookieCache(value, config);
        assert.equal(r.valid, false);
        kinds.add(r.error);
        assert.equal(sc.getCookieCache(`better-auth.session_data=${value}`, config), null);
        assert.equal(sc.verifySession(`better-auth.session_token=${value}; better-auth.session_data=${value}`, config).valid, false);
      }
      // A pseudo-random byte soup, deterministic.
      let seed = 12345;
      const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
      for (let i = 0; i < 200; i++) {
        let s = "";
        const n = rand() % 200;
        for (let j = 0; j < n; j++) s += String.fromCharCode(rand() % 128);
        const r = sc.decodeCookieCache(s, config);
        assert.equal(r.valid, false);
        sc.getCookieCache(s, config);
        sc.verifySession(s, config);
      }
    }
    assert.ok(kinds.has("malformed") && kinds.has("too_large"), [...kinds].join(","));
    assert.throws(() => sc.decodeCookieCache(42, { secret: SECRET }), TypeError);
  },

  "session token: sign and verify, as better-call writes it"(sc) {
    const config = { secret: SECRET };
    const signed = sc.signSessionToken("tok_123", config);
    assert.match(signed, /^tok_123\.[A-Za-z0-9%]+%3D$/);
    assert.equal(sc.verifySessionToken(decodeURIComponent(signed), config), "tok_123");
    assert.equal(sc.verifySessionToken(decodeURIComponent(signed), { secret: SECRET + "x" }), null);
    assert.equal(sc.verifySessionToken("tok_123.junk", config), null);
    assert.equal(sc.verifySessionToken("", config), null);
  },

  "encodeCookieCache fills updatedAt and version; throws on a bad payload"(sc) {
    const now = 1_795_328_965_877;
    const payload = samplePayload(now);
    const value = sc.encodeCookieCache(payload, { secret: SECRET, version: "3", now });
    const r = sc.decodeCookieCache(value, { secret: SECRET, now, dates: "string" });
    assert.equal(r.payload.updatedAt, now);
    assert.equal(r.payload.version, "3");
    assert.deepEqual(Object.keys(r.payload), ["session", "user", "updatedAt", "version"]);
    // Deterministic for compact and jwt at a fixed time
    assert.equal(sc.encodeCookieCache(payload, { secret: SECRET, version: "3", now }), value);
    // JSON text is taken as is
    const text = JSON.stringify({ ...payload, updatedAt: now, version: "1" });
    assert.equal(sc.decodeCookieCache(sc.encodeCookieCache(text, { secret: SECRET, now }), { secret: SECRET, now }).valid, true);
    for (const bad of [null, 5, { user: payload.user }, { session: { id: 1 }, user: payload.user }, "{not json"]) {
      assert.throws(
        () => sc.encodeCookieCache(bad, { secret: SECRET }),
        (e) => e instanceof TypeError && e.code === "invalid_payload",
        JSON.stringify(bad),
      );
    }
    assert.throws(() => sc.encodeCookieCache(payload, { secret: SECRET }, { maxAge: 0 }), TypeError);
  },

  "createVerifier: keys derived once, per-call time, free"(sc) {
    const now = Date.now();
    const verifier = sc.createVerifier({ secret: SECRET, strategy: "jwt" });
    assert.equal(verifier.strategy, "jwt");
    const value = verifier.encodeCookieCache(samplePayload(now));
    for (let i = 0; i < 100; i++) assert.equal(verifier.decodeCookieCache(value).valid, true);
    assert.equal(verifier.decodeCookieCache(value, { now: now + 3_600_000 }).error, "expired");
    assert.equal(verifier.decodeCookieCache(value, { now: new Date(now) }).valid, true);
    assert.equal(verifier.getCookieCache(`better-auth.session_data=${value}`, { now: () => now })?.user.id, "user_1");
    // one-shot functions: a configuration object reused keeps its verifier; changing a
    // field rebuilds it
    const config = { secret: SECRET, strategy: "jwt" };
    assert.equal(sc.decodeCookieCache(value, config).valid, true);
    config.secret = SECRET + "-changed";
    assert.equal(sc.decodeCookieCache(value, config).error, "bad_signature");
    config.secret = SECRET;
    assert.equal(sc.decodeCookieCache(value, config).valid, true);
    verifier.free();
    assert.equal(typeof sc.generateSecret(), "string");
    assert.match(sc.generateSecret(), /^[0-9a-f]{64}$/);
  },
};
