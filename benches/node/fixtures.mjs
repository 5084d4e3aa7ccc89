// Writes the benchmark inputs, target/bench-fixtures.json, with Better Auth 1.7.24 itself:
// one realistic session + user (about 700 bytes of JSON, ISO dates, a few additional
// fields), minted by `setCookieCache` (the real path, on a real `betterAuth()` context) in
// each strategy, the signed session-token cookie (`makeSignature`, as better-call's
// `signCookieValue` does), and a full browser `Cookie` header per strategy.
//
//   node benches/node/fixtures.mjs [OUT]       (bench.sh runs it)
//
// The values are minted at the real clock with a one-hour cache, so the Node side (which
// verifies at the real clock) accepts them for an hour; the Rust side verifies at the
// fixed `now` recorded in the file. Every value is checked with `getCookieCache` before it
// is written. Re-running changes the times and the JWE's random IV and jti, never the
// sizes.

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ROOT, load, packageVersion } from "./resolve.mjs";

// No ambient secrets or telemetry.
for (const k of ["BETTER_AUTH_SECRET", "BETTER_AUTH_SECRETS", "AUTH_SECRET", "BETTER_AUTH_URL", "BETTER_AUTH_TELEMETRY"]) {
  delete process.env[k];
}

const { betterAuth } = await load("better-auth");
const { memoryAdapter } = await load("better-auth/adapters/memory");
const { setCookieCache, getCookieCache } = await load("better-auth/cookies");
const { makeSignature } = await load("better-auth/crypto");

const OUT = process.argv[2] ?? join(ROOT, "target", "bench-fixtures.json");

export const SECRET = "bench-secret-7c1e9a4f2b6d8035e1a7c9f4b2d6e803";
const MAX_AGE = 3600; // seconds: the Node bench verifies at the real clock
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const T = Date.now();

/** A session and user row as a database adapter returns them (Date objects). */
const data = {
  session: {
    id: "ses_01JG8Q2M4V7XK3N9R5T1W6Y0ZB",
    expiresAt: new Date(T + 7 * DAY),
    token: "Yk3n9QpZ2vX8rT5wL1mC7bH4dF6gJ0sA",
    createdAt: new Date(T - 2 * 60 * MIN),
    updatedAt: new Date(T - 5 * MIN),
    ipAddress: "203.0.113.42",
    userAgent:
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    userId: "usr_01JG8PZK2D6H0C4A9E7F3B5M1N",
  },
  user: {
    id: "usr_01JG8PZK2D6H0C4A9E7F3B5M1N",
    name: "Ada Lovelace",
    email: "ada.lovelace@example.com",
    emailVerified: true,
    image: "https://cdn.example.com/avatars/ada.png",
    createdAt: new Date("2025-03-14T09:26:53.589Z"),
    updatedAt: new Date("2026-06-01T12:00:00.000Z"),
    role: "admin",
    banned: false,
    twoFactorEnabled: true,
    locale: "en-GB",
    plan: "pro",
  },
};

const COOKIE_DATA = "better-auth.session_data";
const COOKIE_TOKEN = "better-auth.session_token";

async function mint(strategy) {
  const auth = betterAuth({
    baseURL: "http://localhost:3000",
    secret: SECRET,
    database: memoryAdapter({}),
    telemetry: { enabled: false },
    logger: { disabled: true },
    session: { cookieCache: { enabled: true, strategy, maxAge: MAX_AGE } },
  });
  const context = await auth.$context;
  const set = [];
  const ctx = {
    context,
    headers: new Headers(),
    setCookie(name, value, attributes) {
      set.push({ name, value, attributes });
      return value;
    },
  };
  await setCookieCache(ctx, data, false);
  const cookies = set.filter((c) => c.name === COOKIE_DATA && c.value !== "");
  if (cookies.length !== 1) throw new Error(`${strategy}: expected one unchunked cookie, got ${JSON.stringify(set.map((c) => c.name))}`);
  return cookies[0].value;
}

// The session token cookie exactly as better-call's signCookieValue writes it.
const token = data.session.token;
const signedToken = encodeURIComponent(`${token}.${await makeSignature(token, SECRET)}`);

const values = {};
const headers = {};
let payloadJson = null;
for (const strategy of ["compact", "jwt", "jwe"]) {
  const value = await mint(strategy);
  values[strategy] = value;
  headers[strategy] =
    `_ga=GA1.1.1843094462.1761234567; theme=dark; ${COOKIE_TOKEN}=${signedToken}; ` +
    `${COOKIE_DATA}=${value}; locale=en-GB`;
  for (const cookie of [`${COOKIE_DATA}=${value}`, headers[strategy]]) {
    const got = await getCookieCache(new Headers({ cookie }), { secret: SECRET, strategy, isSecure: false });
    if (!got || got.user.email !== data.user.email) throw new Error(`${strategy}: Better Auth rejects its own fixture`);
  }
  if (strategy === "compact") {
    // The signed payload, exactly: the "session" member of the decoded compact cookie.
    const outer = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    payloadJson = JSON.stringify(outer.session);
  }
}

const fixtures = {
  generator: { "better-auth": packageVersion("better-auth"), jose: packageVersion("jose"), node: process.version },
  secret: SECRET,
  maxAge: MAX_AGE,
  mintedAt: T,
  // The Rust side verifies at this fixed time (Unix ms).
  now: T + 1000,
  payloadJson,
  sessionToken: token,
  signedToken,
  values,
  headers,
};
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, JSON.stringify(fixtures, null, 2) + "\n");
console.error(
  `fixtures: payload ${Buffer.byteLength(payloadJson)} B JSON; values ` +
    Object.entries(values).map(([s, v]) => `${s} ${v.length} B`).join(", ") +
    `; headers ${Object.entries(headers).map(([s, v]) => `${s} ${v.length} B`).join(", ")} -> ${OUT}`,
);
