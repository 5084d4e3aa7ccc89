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

/** The three sizes the benches report: ~0.5 KB, ~1 KB (the typical session above), ~8 KB (chunked). */
const SIZES = {
  small: {
    session: {
      id: "ses_01JG8Q2M4V7XK3N9R5T1W6Y0ZB",
      expiresAt: data.session.expiresAt,
      token: data.session.token,
      createdAt: data.session.createdAt,
      updatedAt: data.session.updatedAt,
      userId: "usr_01JG8PZK2D6H0C4A9E7F3B5M1N",
    },
    user: {
      id: "usr_01JG8PZK2D6H0C4A9E7F3B5M1N",
      name: "Ada Lovelace",
      email: "ada.lovelace@example.com",
      emailVerified: true,
      createdAt: data.user.createdAt,
      updatedAt: data.user.updatedAt,
    },
  },
  typical: data,
  large: {
    session: data.session,
    user: {
      ...data.user,
      // Additional fields a plugin or an app adds to the user row: 7 KB more.
      organizations: Array.from({ length: 40 }, (_, i) => ({
        id: `org_${String(i).padStart(4, "0")}_01JG8Q2M4V7XK3N9R5T1W6`,
        name: `Analytical Engine Society, chapter ${i}`,
        role: i % 3 ? "member" : "admin",
        joinedAt: new Date(T - i * DAY).toISOString(),
      })),
    },
  },
};

async function mint(strategy, payload = data) {
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
  await setCookieCache(ctx, payload, false);
  const whole = set.filter((c) => c.name === COOKIE_DATA && c.value !== "");
  if (whole.length === 1) return { value: whole[0].value, cookies: [`${COOKIE_DATA}=${whole[0].value}`] };
  // Chunked: NAME.0, NAME.1, … in index order.
  const chunks = set
    .filter((c) => c.name.startsWith(`${COOKIE_DATA}.`) && c.value !== "")
    .sort((a, b) => Number(a.name.split(".").pop()) - Number(b.name.split(".").pop()));
  if (chunks.length < 2) throw new Error(`${strategy}: no cache cookie in ${JSON.stringify(set.map((c) => c.name))}`);
  return { value: chunks.map((c) => c.value).join(""), cookies: chunks.map((c) => `${c.name}=${c.value}`) };
}

// The session token cookie exactly as better-call's signCookieValue writes it.
const token = data.session.token;
const signedToken = encodeURIComponent(`${token}.${await makeSignature(token, SECRET)}`);

const sizes = {};
for (const [size, payload] of Object.entries(SIZES)) {
  const values = {};
  const headers = {};
  const dataCookies = {};
  let payloadJson = null;
  for (const strategy of ["compact", "jwt", "jwe"]) {
    const { value, cookies } = await mint(strategy, payload);
    values[strategy] = value;
    dataCookies[strategy] = cookies.join("; ");
    headers[strategy] =
      `_ga=GA1.1.1843094462.1761234567; theme=dark; ${COOKIE_TOKEN}=${signedToken}; ` +
      `${cookies.join("; ")}; locale=en-GB`;
    for (const cookie of [dataCookies[strategy], headers[strategy]]) {
      const got = await getCookieCache(new Headers({ cookie }), { secret: SECRET, strategy, isSecure: false });
      if (!got || got.user.email !== data.user.email) throw new Error(`${size} ${strategy}: Better Auth rejects its own fixture`);
    }
    if (strategy === "compact") {
      // The signed payload, exactly: the "session" member of the decoded compact cookie.
      const outer = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
      payloadJson = JSON.stringify(outer.session);
    }
  }
  sizes[size] = { payloadJson, values, dataCookies, headers };
}
const { payloadJson, values, headers } = sizes.typical;

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
  // The typical session (also under sizes.typical).
  payloadJson_: undefined,
  values,
  headers,
  // Every size: payloadJson, values (joined chunks), dataCookies (the cache cookies alone,
  // as a Cookie header), headers (a whole browser Cookie header).
  sizes,
};
delete fixtures.payloadJson_;
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, JSON.stringify(fixtures, null, 2) + "\n");
for (const [size, f] of Object.entries(sizes)) {
  console.error(
    `fixtures ${size}: payload ${Buffer.byteLength(f.payloadJson)} B JSON; values ` +
      Object.entries(f.values).map(([s, v]) => `${s} ${v.length} B`).join(", ") +
      `; headers ${Object.entries(f.headers).map(([s, v]) => `${s} ${v.length} B`).join(", ")}`,
  );
}
console.error(`-> ${OUT}`);
