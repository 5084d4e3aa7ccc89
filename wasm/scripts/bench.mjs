#!/usr/bin/env node
// Times the package in Node, per strategy, on a typical 1 KB cache, against Better
// Auth's own (async) getCookieCache; and the two ways of returning a payload across the
// boundary: JSON text + JSON.parse (what the package does) against a JavaScript object
// built from Rust property by property. Needs a build with the `bench-objects` feature:
//   CARGO_FEATURES=bench-objects PKG_DIR=pkg-bench npm run build && node scripts/bench.mjs
// Rows are interleaved and each keeps its best round: the machine may be shared.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const dir = process.env.PKG_DIR || "pkg-bench";
const b = require(`../${dir}/node/session_cache_wasm.js`);
const api = require(`../${dir}/api.cjs`).createApi(b);
const { getCookieCache: ba } = await import("better-auth/cookies");
const SECRET = "bench-secret-0123456789abcdef0123456789abcdef";
const now = Date.now();
const payload = { session: { id: "ses_01JG8Q2M4V7XK3N9R5T1W6Y0ZB", expiresAt: new Date(now + 7 * 86400e3), token: "Yk3n9QpZ2vX8rT5wL1mC7bH4dF6gJ0sA", createdAt: new Date(now - 3600e3), updatedAt: new Date(now - 60e3), ipAddress: "203.0.113.42", userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", userId: "usr_01JG8PZK2D6H0C4A9E7F3B5M1N" }, user: { id: "usr_01JG8PZK2D6H0C4A9E7F3B5M1N", name: "Ada Lovelace", email: "ada@example.com", emailVerified: true, image: "https://cdn.example.com/avatars/ada.png", createdAt: new Date(now - 400 * 86400e3), updatedAt: new Date(now - 20 * 86400e3) } };
const rows = [];
// The raw verifier reads its text from its input buffer, as the package writes it.
const encoder = new TextEncoder();
const rawInput = (raw, text) => {
  const capacity = text.length * 3;
  const address = raw.inputBuffer(capacity);
  return encoder.encodeInto(text, new Uint8Array(b.wasmMemory().buffer, address, capacity)).written;
};
for (const strategy of ["compact", "jwt", "jwe"]) {
  const config = { secret: SECRET, strategy };
  const v = api.createVerifier(config);
  const value = v.encodeCookieCache(payload);
  const cookie = `better-auth.session_data=${value}`;
  const headers = new Headers({ cookie });
  const sessionCookie = `better-auth.session_token=${v.signSessionToken(payload.session.token)}; ${cookie}`;
  const raw = new b.Verifier(SECRET, undefined, undefined, undefined, undefined, undefined, strategy, undefined, false, false, undefined, undefined, undefined, undefined, undefined, undefined, undefined);
  rows.push(
    { name: `${strategy}: wasm decode → JSON text + JSON.parse`, fn: () => JSON.parse(raw.decode(rawInput(raw, value), now)) },
    ...(typeof raw.decodeObject === "function"
      ? [{ name: `${strategy}: wasm decode → object built from Rust`, fn: () => raw.decodeObject(value, now) }]
      : []),
    { name: `${strategy}: verifier.decodeCookieCache`, fn: () => v.decodeCookieCache(value) },
    { name: `${strategy}: verifier.decodeCookieCache, dates: "string"`, fn: ((w) => () => w.decodeCookieCache(value))(api.createVerifier({ ...config, dates: "string" })) },
    { name: `${strategy}: verifier.getCookieCache(header)`, fn: () => v.getCookieCache(cookie) },
    { name: `${strategy}: verifier.verifySession(header)`, fn: () => v.verifySession(sessionCookie) },
    { name: `${strategy}: getCookieCache(header, config) one-shot`, fn: () => api.getCookieCache(cookie, config) },
    { name: `${strategy}: createVerifier + free (key derivation)`, fn: () => api.createVerifier(config).free() },
    { name: `${strategy}: verifier.encodeCookieCache`, fn: () => v.encodeCookieCache(payload) },
    { name: `${strategy}: Better Auth getCookieCache (await)`, fn: () => ba(headers, { secret: SECRET, strategy, isSecure: false }), async: true },
  );
}
for (const r of rows) { r.best = Infinity; for (let i = 0; i < 1000; i++) r.async ? await r.fn() : r.fn(); }
for (let round = 0; round < 25; round++) {
  for (const r of rows) {
    const n = r.async ? 100 : 300;
    const t0 = process.hrtime.bigint();
    if (r.async) for (let i = 0; i < n; i++) await r.fn(); else for (let i = 0; i < n; i++) r.fn();
    r.best = Math.min(r.best, Number(process.hrtime.bigint() - t0) / 1000 / n);
  }
}
console.log(`node ${process.version}, ${dir}\n| | best of 25 rounds |\n|---|---|`);
for (const r of rows) console.log(`| ${r.name} | ${r.best.toFixed(1)} µs |`);
