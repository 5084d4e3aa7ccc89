// Makes vectors/sessions/cases.json: whole Cookie headers from live Better Auth 1.7.24
// flows (sign-up, sign-in, sign-out through auth.api with returnHeaders), and Better
// Auth's own verdict on each: does getSession serve a session from the cookie cache?
//
//   cd vectors && npm ci && node sessions/make.mjs
//
// How a case is made
// - A real `betterAuth` instance with the memory adapter, `emailAndPassword` and
//   `session.cookieCache: {enabled, strategy, maxAge, version}` mints the cookies at a
//   frozen clock (lib.mjs `withClock`). Its Set-Cookie headers are applied to a cookie jar
//   (sessions/ba.mjs `Jar`: Max-Age=0 deletes, otherwise no client-side expiry), and the
//   jar gives the Cookie header a browser would send. Some cases then edit the jar
//   (tamper, drop, mix cookies of two sessions).
// - The verdict comes from `auth.api.getSession({headers})` at `now` on a *verifier*: a
//   second instance with the same options and an EMPTY memory database. It cannot fall
//   back to a session row, so it returns a session only when it served the cookie cache
//   (`betterAuth.servedFromCache`). The same header is also given to a stateless instance
//   (no database; what verify.mjs runs) and to the public `getCookieCache`, and both are
//   recorded; the stateless verdict must agree with the verifier's.
// - `expected` is what session_cache's `check_session` must say: `valid` equals
//   `servedFromCache` (this script checks it), `error` the kind our check gives, chosen
//   from how the case was built and src/session.rs's order of checks. A case with a
//   `divergence` is one where our check differs from Better Auth on purpose (documented
//   in src/lib.rs); there `expected` is ours.
// - `expected.fresh` is Better Auth's own freshness verdict (listSessions runs its
//   freshSessionMiddleware on the verifier), `expected.needsRefresh` whether the stateless
//   instance re-issued the cache (refreshCache.updateAge), when valid.
import { createHmac as createNodeHmac, hkdfSync } from "node:crypto";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  VERSIONS,
  Jar,
  cookieNames,
  decodeCookieCache,
  emptyDb,
  freshVerdict,
  getCookieCacheVerdict,
  getSessionVerdict,
  makeAuth,
  statelessVerdict,
  withClock,
} from "./ba.mjs";
import { base64Url, createHMAC, jose } from "../lib.mjs";

const { signCookieValue } = await import(new URL("../node_modules/better-call/dist/crypto.mjs", import.meta.url).href);

const T0 = 1_790_000_001_234; // 2026-09-21T14:13:21.234Z, deliberately not a whole second
const SEC = 1000;
const SECRET = "a-very-long-secret-for-testing-sessions-1234567890";
const NEW_SECRET = "the-next-secret-of-this-deployment-after-rotation-42";
const OLD_SECRET = "the-previous-secret-of-this-deployment-0987654321";
const PASSWORD = "password1234";

const base = (strategy, over = {}) => ({
  strategy,
  secret: SECRET,
  version: null,
  cookiePrefix: null,
  secure: false,
  freshAge: 86400,
  updateAge: null,
  ...over,
});
const versioned = (strategy, over = {}) => {
  const c = base(strategy, over);
  delete c.secret;
  return {
    strategy,
    secrets: [
      { version: 2, value: NEW_SECRET },
      { version: 1, value: SECRET },
    ],
    legacySecret: OLD_SECRET,
    ...c,
  };
};

// ------------------------------------------------------------------------------ flows

let userCounter = 0;
const nextEmail = (tag) => `${tag}-${++userCounter}@example.com`;

async function call(at, fn) {
  return await withClock(at, fn);
}

async function signUp(auth, at, { email, name = "Ada Lovelace", rememberMe, extra = {} }, jar = new Jar()) {
  const r = await call(at, () =>
    auth.api.signUpEmail({
      body: { email, password: PASSWORD, name, ...(rememberMe !== undefined ? { rememberMe } : {}), ...extra },
      headers: new Headers(jar.header() ? { cookie: jar.header() } : {}),
      returnHeaders: true,
    }),
  );
  return r.headers.getSetCookie();
}

async function signIn(auth, at, { email, rememberMe }, jar = new Jar()) {
  const r = await call(at, () =>
    auth.api.signInEmail({
      body: { email, password: PASSWORD, ...(rememberMe !== undefined ? { rememberMe } : {}) },
      headers: new Headers(jar.header() ? { cookie: jar.header() } : {}),
      returnHeaders: true,
    }),
  );
  return r.headers.getSetCookie();
}

async function signOut(auth, at, jar) {
  const r = await call(at, () => auth.api.signOut({ headers: new Headers({ cookie: jar.header() }), returnHeaders: true }));
  return r.headers.getSetCookie();
}

/** A minting instance and a signed-up (and optionally signed-in) user; returns the jar. */
async function session(config, { at = T0, name, extra, rememberMe, signInAgain = false } = {}) {
  const db = emptyDb();
  const auth = makeAuth(config, db);
  const email = nextEmail(config.strategy);
  let jar = new Jar().apply(await signUp(auth, at, { email, name, extra, rememberMe }));
  if (signInAgain) jar = new Jar().apply(await signIn(auth, at, { email, rememberMe }));
  return { auth, db, email, jar };
}

/** The cache value of a jar (whole cookie, else chunks in index order). */
function dataValue(jar, config) {
  const { data } = cookieNames(config);
  if (jar.cookies.get(data)) return jar.cookies.get(data);
  const chunks = [...jar.cookies]
    .filter(([n]) => n.startsWith(data + ".") && /^\d+$/.test(n.slice(data.length + 1)))
    .sort((a, b) => Number(a[0].slice(data.length + 1)) - Number(b[0].slice(data.length + 1)));
  return chunks.map(([, v]) => v).join("");
}

/** When the cache expires, as getSession sees it (decodeCookieCache's expiresAt), in ms. */
async function cacheExpiry(auth, jar, config, at) {
  const context = await auth.$context;
  const value = dataValue(jar, config);
  const decoded = await withClock(at, () => decodeCookieCache({ context, headers: new Headers(), setCookie() {} }, value));
  if (!decoded) throw new Error("cacheExpiry: Better Auth cannot decode its own cache");
  return decoded.expiresAt;
}

// ------------------------------------------------------------------------------ tampering

const flipChar = (s, i) => s.slice(0, i) + (s[i] === "A" ? "B" : "A") + s.slice(i + 1);
const b64urlJson = (part) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
const toB64url = (obj) => Buffer.from(JSON.stringify(obj), "utf8").toString("base64url");

/** A cache value with user.name changed and the signature kept (compact, jwt), or a
 * ciphertext byte changed (jwe). */
function tamperCache(value, strategy) {
  if (strategy === "compact") {
    const outer = b64urlJson(value);
    outer.session.user.name = "Mallory";
    return toB64url(outer);
  }
  const parts = value.split(".");
  if (strategy === "jwt") {
    const claims = b64urlJson(parts[1]);
    claims.user.name = "Mallory";
    parts[1] = toB64url(claims);
    return parts.join(".");
  }
  parts[3] = flipChar(parts[3], 5);
  return parts.join(".");
}

/** The signed token cookie (as on the wire) with one character of its signature changed. */
function tamperTokenSignature(wire) {
  const v = decodeURIComponent(wire);
  const dot = v.lastIndexOf(".");
  return encodeURIComponent(v.slice(0, dot + 1) + flipChar(v.slice(dot + 1), 10));
}

/** Replace the cache cookies of `jar` by the single cookie `value`. */
function setData(jar, config, value) {
  const { data } = cookieNames(config);
  for (const n of jar.names()) if (n === data || n.startsWith(data + ".")) jar.cookies.delete(n);
  jar.cookies.set(data, value);
  return jar;
}

function dropCookies(jar, pred) {
  const j = jar.clone();
  for (const n of j.names()) if (pred(n)) j.cookies.delete(n);
  return j;
}

// ------------------------------------------------------------------------------ cases

const cases = [];
const problems = [];

/**
 * Records a case: runs the verifier (same options, empty DB), the stateless instance and
 * getCookieCache on `header` at `now`.
 * spec: { name, config, header, now, expected: {valid, error, fresh?}, notes?,
 *         divergence?: {about: "valid" | "fresh", reason}, dontRemember?, mintedWith? }
 * A divergence about "valid": our check differs from Better Auth's verdict on purpose
 * (expected.valid is ours). About "fresh": both serve the session, but our freshness
 * differs (expected.fresh is ours).
 */
async function addCase(spec) {
  const { name, config, header, now, expected, notes, divergence, dontRemember = false, mintedWith } = spec;
  const verifier = makeAuth(config, emptyDb());
  const gs = await getSessionVerdict(verifier, header, now);
  const served = gs.session !== null;
  const stateless = await statelessVerdict(config, header, now);
  const fresh = served ? await freshVerdict(makeAuth(config, emptyDb()), header, now) : null;
  const gcc = await getCookieCacheVerdict(config, header, now);

  if ((stateless.session !== null) !== served) problems.push(`${name}: the stateless instance says served=${stateless.session !== null}, the empty-DB verifier ${served}`);
  if (gs.error) problems.push(`${name}: getSession threw ${gs.error}`);
  if (divergence?.about === "valid") {
    if (served === expected.valid) problems.push(`${name}: marked as a divergence but Better Auth agrees with expected (valid=${served})`);
  } else if (served !== expected.valid) {
    problems.push(`${name}: expected valid=${expected.valid}, Better Auth served=${served}`);
  }
  if (divergence?.about === "fresh" && (!served || fresh === expected.fresh)) problems.push(`${name}: marked as a freshness divergence but Better Auth agrees`);
  if (expected.valid === (expected.error !== null)) problems.push(`${name}: expected.valid and expected.error disagree`);
  if (typeof fresh === "string") problems.push(`${name}: freshness verdict ${fresh}`);

  const out = {
    name,
    config,
    cookieHeader: header,
    now,
    betterAuth: {
      session: wellFormed(gs.session),
      servedFromCache: served,
      fresh,
      setCookies: gs.setCookies,
      stateless: { servedFromCache: stateless.session !== null, refreshed: stateless.refreshed },
      getCookieCache: { accepted: gcc.accepted, error: gcc.error },
    },
    expected: {
      valid: expected.valid,
      error: expected.error,
      ...(expected.valid
        ? {
            fresh: divergence?.about === "fresh" ? expected.fresh : fresh,
            needsRefresh: stateless.refreshed,
            dontRemember,
            secure: config.secure,
          }
        : {}),
    },
  };
  if (divergence) out.divergence = divergence;
  if (mintedWith) out.mintedWith = mintedWith;
  if (notes) out.notes = notes;
  cases.push(out);
}

// JSON.stringify writes a lone surrogate as \udXXX, which serde_json refuses: the recorded
// session gets U+FFFD in its place (the cookie itself keeps the original).
const wellFormed = (v) => JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === "string" ? x.toWellFormed() : x)));

const ok = { valid: true, error: null };
const err = (error) => ({ valid: false, error });
const NOW = T0 + 60 * SEC;

for (const strategy of ["compact", "jwt", "jwe"]) {
  const S = strategy;
  const badCache = strategy === "jwe" ? "decrypt_failed" : "bad_signature";

  // --- valid: the plain flows
  {
    const config = base(S);
    const { auth, email, jar } = await session(config);
    await addCase({ name: `${S}/sign-up`, config, header: jar.header(), now: NOW, expected: ok });
    const jar2 = new Jar().apply(await signIn(auth, T0 + 10 * SEC, { email }));
    await addCase({ name: `${S}/sign-in`, config, header: jar2.header(), now: NOW, expected: ok });

    // negatives on the same cookies
    const names = cookieNames(config);
    await addCase({
      name: `${S}/missing token cookie`,
      config,
      header: dropCookies(jar, (n) => n === names.token).header(),
      now: NOW,
      expected: err("no_token"),
    });
    await addCase({
      name: `${S}/empty token cookie`,
      config,
      header: `${names.token}=; ${dropCookies(jar, (n) => n === names.token).header()}`,
      now: NOW,
      expected: err("no_token"),
    });
    await addCase({
      name: `${S}/missing cache cookie`,
      config,
      header: dropCookies(jar, (n) => n === names.data).header(),
      now: NOW,
      expected: err("no_cache"),
      notes: "with a database Better Auth would fall back to it; the verifier has none",
    });
    {
      const j = jar.clone();
      setData(j, config, tamperCache(dataValue(jar, config), S));
      await addCase({
        name: `${S}/tampered cache`,
        config,
        header: j.header(),
        now: NOW,
        expected: err(badCache),
        notes: S === "jwe" ? "one ciphertext character changed" : "user.name changed to Mallory, signature kept",
      });
    }
    {
      const j = jar.clone();
      j.cookies.set(names.token, tamperTokenSignature(jar.cookies.get(names.token)));
      await addCase({ name: `${S}/tampered token signature`, config, header: j.header(), now: NOW, expected: err("bad_token_signature") });
    }
    {
      const j = jar.clone();
      const v = decodeURIComponent(jar.cookies.get(names.token));
      j.cookies.set(names.token, encodeURIComponent(v.slice(0, -2) + "="));
      await addCase({
        name: `${S}/truncated token signature`,
        config,
        header: j.header(),
        now: NOW,
        expected: err("bad_token_signature"),
        notes: "43-character signature: better-call's getSignedCookie returns null (not false)",
      });
    }
    {
      // The session token of another session of the same user, with this cache.
      const j = jar.clone();
      j.cookies.set(names.token, jar2.cookies.get(names.token));
      await addCase({ name: `${S}/token mismatch`, config, header: j.header(), now: NOW, expected: err("token_mismatch") });
    }
    {
      // Duplicates: the first cookie of a name wins, in both parsers.
      const stale = jar2.cookies.get(names.data);
      await addCase({
        name: `${S}/duplicate cache cookie, stale first`,
        config,
        header: `${names.data}=${stale}; ${jar.header()}`,
        now: NOW,
        expected: err("token_mismatch"),
      });
      await addCase({
        name: `${S}/duplicate cache cookie, right one first`,
        config,
        header: `${jar.header()}; ${names.data}=${stale}`,
        now: NOW,
        expected: ok,
      });
    }
    {
      // Version bump: minted with the default version "1", read with "2".
      await addCase({
        name: `${S}/version bump`,
        config: { ...config, version: "2" },
        header: jar.header(),
        now: NOW,
        expected: err("version_mismatch"),
        mintedWith: { version: null },
      });
    }
    {
      // Cache expiry: just after, and the exact boundary.
      const exp = await cacheExpiry(auth, jar, config, T0);
      await addCase({ name: `${S}/cache expired`, config, header: jar.header(), now: exp + 1 * SEC, expected: err("expired") });
      // compact: valid while expiresAt >= now; jwt: jose rejects once exp <= floor(now/1000);
      // jwe: jose allows 15 s, getSession's own `expiresAt < now` then decides.
      await addCase({
        name: `${S}/cache expiry boundary, now = expiresAt`,
        config,
        header: jar.header(),
        now: exp,
        expected: S === "jwt" ? err("expired") : ok,
      });
      await addCase({ name: `${S}/cache expiry boundary, now = expiresAt + 1 ms`, config, header: jar.header(), now: exp + 1, expected: err("expired") });
      if (S === "jwe")
        await addCase({
          name: `${S}/cache expired 10 s ago (inside jose's 15 s tolerance)`,
          config,
          header: jar.header(),
          now: exp + 10 * SEC,
          expected: err("expired"),
          notes: "getSession rejects (its own expiresAt check has no tolerance); getCookieCache accepts",
        });
    }
    {
      // After sign-out: the cookies sign-out sets, applied to the jar.
      const j = jar.clone().apply(await signOut(auth, T0 + 20 * SEC, jar));
      await addCase({ name: `${S}/after sign-out`, config, header: j.header(), now: NOW, expected: err("no_token"), notes: `jar after sign-out: [${j.names().join(", ")}]` });
    }
    // Replaying the cookies of a signed-out session: the session row is gone, but the cache
    // still vouches for it until it expires. (Sign-out happened on the minting instance
    // above; the verifier has no rows anyway.)
    await addCase({
      name: `${S}/replay of cookies after their sign-out`,
      config,
      header: jar.header(),
      now: NOW,
      expected: ok,
      notes: "the session was signed out (row deleted) at T0+20s; the cache still serves it until it expires",
    });
    {
      // Secure / plain name mismatch.
      const secureConfig = base(S, { secure: true });
      await addCase({
        name: `${S}/plain cookies sent to a secure deployment`,
        config: secureConfig,
        header: jar.header(),
        now: NOW,
        expected: err("no_token"),
        mintedWith: { secure: false },
      });
    }
  }

  // --- valid: options
  {
    const config = base(S, { cookiePrefix: "myapp" });
    const { jar } = await session(config);
    await addCase({ name: `${S}/custom prefix`, config, header: jar.header(), now: NOW, expected: ok });
    await addCase({
      name: `${S}/custom prefix, read with the default prefix`,
      config: { ...config, cookiePrefix: null },
      header: jar.header(),
      now: NOW,
      expected: err("no_token"),
      mintedWith: { cookiePrefix: "myapp" },
    });
  }
  {
    const config = base(S, { secure: true });
    const { jar } = await session(config);
    await addCase({ name: `${S}/secure cookies`, config, header: jar.header(), now: NOW, expected: ok });
    await addCase({
      name: `${S}/secure cookies sent to a plain deployment`,
      config: { ...config, secure: false },
      header: jar.header(),
      now: NOW,
      expected: err("no_token"),
      mintedWith: { secure: true },
    });
  }
  {
    const config = versioned(S);
    const { jar } = await session(config);
    await addCase({ name: `${S}/versioned secrets`, config, header: jar.header(), now: NOW, expected: ok });
  }
  {
    // Rotation: cookies minted under the previous single secret, read after moving to
    // versioned secrets (the old one kept as version 1 and as legacy).
    const old = base(S, { secret: SECRET });
    const { jar } = await session(old);
    const config = versioned(S);
    await addCase({
      name: `${S}/minted before a secret rotation`,
      config,
      header: jar.header(),
      now: NOW,
      expected: err("bad_token_signature"),
      mintedWith: { secret: "the secret that is now version 1" },
      notes: "Better Auth verifies the session token with the current secret only",
    });
  }
  {
    const config = base(S, { version: "3" });
    const { jar } = await session(config);
    await addCase({ name: `${S}/cache version configured`, config, header: jar.header(), now: NOW, expected: ok });
    await addCase({
      name: `${S}/cache version configured, read with the default`,
      config: { ...config, version: null },
      header: jar.header(),
      now: NOW,
      expected: err("version_mismatch"),
      mintedWith: { version: "3" },
    });
  }
  {
    // Chunked: a user with a large additional field.
    const config = base(S, { cookiePrefix: "big", secure: true });
    const bio = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(160);
    const { jar } = await session(config, { extra: { bio } });
    const names = cookieNames(config);
    const chunkNames = jar.names().filter((n) => n.startsWith(names.data + "."));
    if (chunkNames.length < 2) throw new Error(`${S}: expected a chunked cache, got ${jar.names()}`);
    await addCase({ name: `${S}/chunked cache (${chunkNames.length} chunks)`, config, header: jar.header(), now: NOW, expected: ok });
    // Chunks in reverse order in the header: both sort by index.
    const reversed = [...jar.cookies].reverse().map(([n, v]) => `${n}=${v}`).join("; ");
    await addCase({ name: `${S}/chunked cache, chunks in reverse order`, config, header: reversed, now: NOW, expected: ok });
    // An empty unchunked cookie does not hide the chunks.
    await addCase({ name: `${S}/chunked cache, empty unchunked cookie first`, config, header: `${names.data}=; ${jar.header()}`, now: NOW, expected: ok });
    // A chunk missing.
    const missing = dropCookies(jar, (n) => n === `${names.data}.1`);
    await addCase({
      name: `${S}/chunked cache, chunk 1 missing`,
      config,
      header: missing.header(),
      now: NOW,
      expected: err(badCache),
      notes:
        "both cut points fall inside the long bio and the chunk size is a multiple of 4, so for compact the JSON still parses and only the signature fails",
    });
    {
      const j = jar.clone();
      const v = tamperCache(dataValue(jar, config), S);
      // rewrite as chunks of the same sizes
      let rest = v;
      for (const n of chunkNames.sort()) {
        const len = jar.cookies.get(n).length;
        j.cookies.set(n, rest.slice(0, len));
        rest = rest.slice(len);
      }
      if (rest) j.cookies.set(chunkNames.at(-1), j.cookies.get(chunkNames.at(-1)) + rest);
      await addCase({ name: `${S}/chunked cache, tampered`, config, header: j.header(), now: NOW, expected: err(badCache) });
    }
  }
  {
    // Remember me off: a dont_remember cookie, and the cache's fallback lifetime (60 s for
    // compact, 300 s for jwt/jwe, whatever maxAge says).
    const config = base(S, { maxAge: 600 });
    const { jar } = await session(config, { rememberMe: false, signInAgain: true });
    if (!jar.names().includes(cookieNames(config).dontRemember)) throw new Error("no dont_remember cookie");
    await addCase({ name: `${S}/remember me off`, config, header: jar.header(), now: T0 + 30 * SEC, expected: ok, dontRemember: true });
    await addCase({
      name: `${S}/remember me off, 90 s later`,
      config,
      header: jar.header(),
      now: T0 + 90 * SEC,
      expected: S === "compact" ? err("expired") : ok,
      dontRemember: S !== "compact",
      notes: "maxAge is 600 s, but without remember-me compact lives 60 s and jwt/jwe 300 s",
    });
    // A dont_remember cookie with a bad signature is simply ignored.
    const names = cookieNames(config);
    const j = jar.clone();
    j.cookies.set(names.dontRemember, tamperTokenSignature(jar.cookies.get(names.dontRemember)));
    await addCase({ name: `${S}/remember me off, tampered dont_remember`, config, header: j.header(), now: T0 + 30 * SEC, expected: ok, dontRemember: false });
  }
  {
    // The embedded session expires before the cache does.
    const config = base(S, { expiresIn: 120, maxAge: 300 });
    const { jar } = await session(config);
    await addCase({ name: `${S}/short session, still valid`, config, header: jar.header(), now: T0 + 100 * SEC, expected: ok });
    await addCase({
      name: `${S}/embedded session expired`,
      config,
      header: jar.header(),
      now: T0 + 180 * SEC,
      expected: err("session_expired"),
      notes: "session.expiresIn 120 s, cache maxAge 300 s; a browser would have dropped the token cookie (Max-Age=120) already",
    });
  }
  {
    // Freshness and refresh.
    const config = base(S, { freshAge: 30 });
    const { jar } = await session(config);
    await addCase({ name: `${S}/freshAge 30, 20 s old`, config, header: jar.header(), now: T0 + 20 * SEC, expected: ok });
    await addCase({ name: `${S}/freshAge 30, 60 s old`, config, header: jar.header(), now: NOW, expected: ok });
    await addCase({ name: `${S}/freshAge 0`, config: { ...config, freshAge: 0 }, header: jar.header(), now: NOW, expected: ok });
    await addCase({ name: `${S}/updateAge 250, 60 s old`, config: { ...config, updateAge: 250 }, header: jar.header(), now: NOW, expected: ok });
    await addCase({ name: `${S}/updateAge 100, 60 s old`, config: { ...config, updateAge: 100 }, header: jar.header(), now: NOW, expected: ok });
  }
  {
    // Payloads that exercise JSON.stringify: escapes, non-ASCII, U+2028, a lone surrogate.
    const config = base(S);
    const { jar } = await session(config, {
      name: 'Zoë "the" \\ 😀 \u2028 \u007f \u0001 </script> émoji',
      extra: { bio: "line1\nline2\ttab \ud800 lone" },
    });
    await addCase({ name: `${S}/unusual characters`, config, header: jar.header(), now: NOW, expected: ok });
  }
  {
    // Date-shaped strings: Better Auth's reviver turns them into Dates (formats.md).
    for (const name of ["2026-01-01T00:00:00Z", "2026-01-01T00:00:00.000Z"]) {
      const config = base(S);
      const { jar } = await session(config, { name });
      const served = (await getSessionVerdict(makeAuth(config, emptyDb()), jar.header(), NOW)).session !== null;
      await addCase({
        name: `${S}/user named ${name}`,
        config,
        header: jar.header(),
        now: NOW,
        expected: ok,
        ...(served
          ? {}
          : {
              divergence: {
                about: "valid",
                reason:
                  "Better Auth revives date-shaped strings in the payload into Dates, so it rejects its own cache (compact: the re-serialized payload no longer matches the signature; every strategy: a Date where the schema wants a string) and falls back to the database; session_cache checks what was signed and accepts (src/lib.rs)",
              },
            }),
      });
    }
  }
}

// ------------------------------------------------------------------------------ crafted
// Payloads and cookies no Better Auth flow writes, but signed with the deployment's
// secret by Better Auth's own primitives (the HMAC of setCookieCache, jose as in
// signJWT / symmetricEncodeJWT, better-call's signCookieValue): they probe how both
// sides read schema coercions, dates, encodings and odd cookie headers.

const INFO = "BetterAuth.js Generated Encryption Key";

async function jweKey(secret) {
  const key = new Uint8Array(hkdfSync("sha256", secret, "better-auth-session", INFO, 64));
  const kid = await jose.calculateJwkThumbprint({ kty: "oct", k: jose.base64url.encode(key) }, "sha256");
  return { key, kid };
}

/**
 * A cache value for `payload`, minted at `at`, valid `maxAge` seconds.
 * opts: { exp: false (no exp claim), alg (jwt), kid: false (jwe), expiresAt (compact),
 *         outerText: (signature, expiresAt) => JSON text of the compact envelope }
 */
async function craft(strategy, secret, payload, at, maxAge = 300, opts = {}) {
  return await withClock(at, async () => {
    if (strategy === "compact") {
      const expiresAt = opts.expiresAt ?? at + maxAge * 1000;
      const signature = await createHMAC("SHA-256", "base64urlnopad").sign(secret, JSON.stringify({ ...payload, expiresAt }));
      const text = opts.outerText ? opts.outerText(signature, expiresAt) : JSON.stringify({ session: payload, expiresAt, signature });
      return base64Url.encode(text, { padding: false });
    }
    if (strategy === "jwt") {
      let j = new jose.SignJWT(payload).setProtectedHeader({ alg: opts.alg ?? "HS256" }).setIssuedAt();
      if (opts.exp !== false) j = j.setExpirationTime(opts.exp ?? Math.floor(at / 1000) + maxAge);
      return await j.sign(new TextEncoder().encode(secret));
    }
    const { key, kid } = await jweKey(secret);
    let j = new jose.EncryptJWT(payload)
      .setProtectedHeader({ alg: "dir", enc: "A256CBC-HS512", ...(opts.kid === false ? {} : { kid }) })
      .setIssuedAt()
      .setJti(crypto.randomUUID());
    if (opts.exp !== false) j = j.setExpirationTime(opts.exp ?? Math.floor(at / 1000) + maxAge);
    return await j.encrypt(key);
  });
}

const clone = (v) => JSON.parse(JSON.stringify(v));

for (const strategy of ["compact", "jwt", "jwe"]) {
  const S = strategy;
  const config = base(S);
  const names = cookieNames(config);
  const { jar } = await session(config);
  // The payload exactly as Better Auth wrote it (dates as ISO strings).
  const P = (await getCookieCacheVerdict(config, jar.header(), T0)).payload;
  if (!P) throw new Error("getCookieCache cannot read a fresh cache");
  // getCookieCache returns the JWT claims too (its schema is loose): drop them.
  for (const claim of ["iat", "exp", "nbf", "jti"]) delete P[claim];
  const token = P.session.token;
  const tokenWire = jar.cookies.get(names.token);
  const hdr = (value, tokenCookie = tokenWire) => `${names.token}=${tokenCookie}; ${names.data}=${value}`;
  const crafted = async (label, mutate, expected, extra = {}) => {
    const p = clone(P);
    mutate(p);
    const value = await craft(S, SECRET, p, T0, 300, extra.craft ?? {});
    await addCase({ name: `${S}/crafted: ${label}`, config, header: hdr(value), now: NOW, expected, ...extra.spec });
  };

  await crafted("unmodified", () => {}, ok, { spec: { notes: "sanity: the crafting path mints what setCookieCache mints" } });
  await crafted("session.userId a number", (p) => (p.session.userId = 42), ok, { spec: { notes: "zod z.coerce.string: \"42\"" } });
  await crafted("session.userId null", (p) => (p.session.userId = null), ok, { spec: { notes: "zod z.coerce.string: \"null\"" } });
  await crafted("session.userId true", (p) => (p.session.userId = true), ok);
  await crafted("session.userId an object", (p) => (p.session.userId = { a: 1 }), ok, { spec: { notes: "zod z.coerce.string: \"[object Object]\"" } });
  await crafted("session.userId an array", (p) => (p.session.userId = [1, "b"]), ok, { spec: { notes: "zod z.coerce.string: \"1,b\"" } });
  await crafted("session.userId missing", (p) => delete p.session.userId, err("invalid_payload"), { spec: { notes: "zod 4 refuses a missing key before coercing" } });
  await crafted("user.email upper case", (p) => (p.user.email = "ADA.Upper@Example.COM"), ok, { spec: { notes: "Better Auth's schema lower-cases the email it returns; ours is as signed" } });
  await crafted("user.emailVerified missing", (p) => delete p.user.emailVerified, ok);
  await crafted("user.emailVerified null", (p) => (p.user.emailVerified = null), err("invalid_payload"));
  await crafted("user.emailVerified \"true\"", (p) => (p.user.emailVerified = "true"), err("invalid_payload"));
  await crafted("user.image a number", (p) => (p.user.image = 5), err("invalid_payload"));
  await crafted("user.image null", (p) => (p.user.image = null), ok);
  await crafted("user.name missing", (p) => delete p.user.name, err("invalid_payload"));
  await crafted("user.email missing", (p) => delete p.user.email, err("invalid_payload"));
  await crafted("session.id a number", (p) => (p.session.id = 7), err("invalid_payload"));
  await crafted("session.ipAddress null", (p) => (p.session.ipAddress = null), ok);
  await crafted("session.ipAddress a number", (p) => (p.session.ipAddress = 127), err("invalid_payload"));
  await crafted("session.createdAt missing", (p) => delete p.session.createdAt, { ...ok, fresh: false }, {
    spec: {
      divergence: {
        about: "fresh",
        reason: "Better Auth's schema defaults a missing createdAt to now, so the session looks fresh; session_cache treats a session without createdAt as never fresh (src/lib.rs)",
      },
    },
  });
  await crafted("session.createdAt null", (p) => (p.session.createdAt = null), err("invalid_payload"));
  await crafted("user.createdAt missing", (p) => delete p.user.createdAt, ok);
  // Date spellings other than toISOString's: jwt/jwe accept them (revived to Dates); the
  // compact reader revives them too and then re-serializes, so its own signature fails.
  const reviverDivergence =
    S === "compact"
      ? {
          divergence: {
            about: "valid",
            reason:
              "Better Auth's compact reader revives every ISO-date-shaped string into a Date and re-serializes it with toISOString before checking the HMAC, so any other spelling of a date breaks its own signature; session_cache checks what was signed (src/lib.rs)",
          },
        }
      : {};
  for (const [label, date, notes] of [
    ["without milliseconds", "2030-01-01T00:00:00Z"],
    ["with 6 fraction digits", "2030-01-01T00:00:00.123456Z"],
    ["2030-02-30 (rolls over)", "2030-02-30T00:00:00.000Z"],
    ["24:00", "2030-01-01T24:00:00.000Z"],
    ["2026-09-31 (rolls over, still after NOW)", "2026-09-31T00:00:00.000Z", "2026-09-31 is 2026-10-01"],
  ])
    await crafted(`session.expiresAt ${label}`, (p) => (p.session.expiresAt = date), ok, { spec: { ...reviverDivergence, ...(notes ? { notes } : {}) } });
  await crafted("session.expiresAt month 13", (p) => (p.session.expiresAt = "2030-13-01T00:00:00.000Z"), err("invalid_payload"));
  await crafted("session.expiresAt with an offset", (p) => (p.session.expiresAt = "2030-01-01T00:00:00+00:00"), err("invalid_payload"));
  await crafted("session.expiresAt lower-case z", (p) => (p.session.expiresAt = "2030-01-01T00:00:00.000z"), err("invalid_payload"));
  await crafted("session.expiresAt a number", (p) => (p.session.expiresAt = 1893456000000), err("invalid_payload"));
  await crafted("session.expiresAt year 0000", (p) => (p.session.expiresAt = "0000-01-01T00:00:00.000Z"), err("session_expired"));
  await crafted("session.expiresAt 9999-12-31", (p) => (p.session.expiresAt = "9999-12-31T23:59:59.999Z"), ok);
  await crafted("session.expiresAt missing", (p) => delete p.session.expiresAt, err("invalid_payload"));
  await crafted("session.token a number", (p) => (p.session.token = 12345), err("invalid_payload"));
  await crafted("payload without version", (p) => delete p.version, ok);
  await crafted("payload version empty", (p) => (p.version = ""), ok, { spec: { notes: "getSession: (version || \"1\")" } });
  await crafted("payload version a number", (p) => (p.version = 1), err("invalid_payload"));
  await crafted("payload updatedAt missing", (p) => delete p.updatedAt, err("invalid_payload"));
  await crafted("payload updatedAt a string", (p) => (p.updatedAt = "1"), err("invalid_payload"));
  await crafted("payload with extra top-level keys", (p) => Object.assign(p, { extra: { a: [1, 2] }, "0": "index key" }), ok);
  await crafted("session is an array", (p) => (p.session = [p.session]), err("invalid_payload"));
  await crafted("numbers in the user", (p) => Object.assign(p.user, { big: 1e21, tiny: 1e-7, third: 0.30000000000000004, neg0: -0, huge: 2 ** 64 }), ok);

  if (S === "compact") {
    await crafted("compact expiresAt 1e21", () => {}, ok, { craft: { expiresAt: 1e21 } });
    await crafted("compact expiresAt fractional", () => {}, ok, { craft: { expiresAt: T0 + 300_000.5 } });
    await crafted("compact expiresAt in the past", () => {}, err("expired"), { craft: { expiresAt: T0 - 1 } });
    await crafted("compact expiresAt a string", () => {}, err("malformed"), {
      craft: { expiresAt: String(T0 + 300_000) },
    });
    await crafted("compact envelope pretty-printed", () => {}, ok, {
      craft: { outerText: (signature, expiresAt) => JSON.stringify({ session: clone(P), expiresAt, signature }, null, 2) },
    });
    await crafted("compact envelope with extra keys", () => {}, ok, {
      craft: { outerText: (signature, expiresAt) => JSON.stringify({ extra: 1, session: clone(P), expiresAt, signature, more: [null] }) },
    });
    await crafted("compact duplicate keys (last value, first position)", () => {}, ok, {
      craft: {
        outerText: (signature, expiresAt) => {
          // user.name appears twice: JSON.parse keeps the first position and the last
          // value, which is what was signed.
          const text = JSON.stringify({ session: clone(P), expiresAt, signature });
          return text.replace(`"name":${JSON.stringify(P.user.name)}`, `"name":"Eve","name":${JSON.stringify(P.user.name)}`);
        },
      },
    });
    {
      const value = await craft(S, SECRET, clone(P), T0);
      await addCase({
        name: `${S}/crafted: base64 followed by =junk`,
        config,
        header: hdr(value + "=junk"),
        now: NOW,
        expected: err("malformed"),
        divergence: { about: "valid", reason: "Better Auth's base64 decoder stops at the first '='; session_cache accepts canonical base64url only (src/lib.rs, strict encodings)" },
      });
      const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
      // A length with unused low bits in the last character (pad the payload to get one).
      let padded = value;
      for (let k = 1; padded.length % 4 < 2; k++) padded = await craft(S, SECRET, { ...clone(P), pad: "x".repeat(k) }, T0);
      {
        const value = padded;
        const rem = value.length % 4;
        const last = value.at(-1);
        const bits = rem === 2 ? 4 : 2; // unused low bits of the last character
        const idx = alphabet.indexOf(last);
        const other = alphabet[idx ^ 1];
        if ((idx & ((1 << bits) - 1)) !== 0) throw new Error("canonical base64 has zero low bits");
        await addCase({
          name: `${S}/crafted: non-canonical last base64 character`,
          config,
          header: hdr(value.slice(0, -1) + other),
          now: NOW,
          expected: err("malformed"),
          divergence: { about: "valid", reason: "Better Auth's base64 decoder ignores the unused low bits of the last character; session_cache refuses non-canonical base64 (src/lib.rs, strict encodings)" },
        });
      }
    }
  }
  if (S === "jwt") {
    await crafted("jwt HS512", () => {}, ok, { craft: { alg: "HS512" }, spec: { notes: "no algorithm allow-list in verifyJWT" } });
    await crafted("jwt without exp", () => {}, err("malformed"), {
      craft: { exp: false },
      spec: {
        divergence: {
          about: "valid",
          reason: "jose accepts a JWT without exp and getSession then takes expiresAt = now, which is not < now; session_cache requires exp (src/lib.rs)",
        },
      },
    });
    await crafted("jwt fractional exp", () => {}, ok, { craft: { exp: Math.floor(T0 / 1000) + 300.5 } });
    await crafted("jwt HS384", () => {}, ok, { craft: { alg: "HS384" } });
    // Hand-made JWS (HMAC over header.claims) for headers and claims SignJWT will not write.
    const iat = Math.floor(T0 / 1000);
    const jws = (header, claims) => {
      const input = `${Buffer.from(JSON.stringify(header)).toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`;
      const alg = { HS256: "sha256", HS384: "sha384", HS512: "sha512" }[header.alg] ?? "sha256";
      return `${input}.${createNodeHmac(alg, SECRET).update(input).digest("base64url")}`;
    };
    const claims = (extra = {}) => ({ ...clone(P), iat, exp: iat + 300, ...extra });
    const jwsCase = (label, header, c, expected, spec = {}) =>
      addCase({ name: `${S}/crafted: ${label}`, config, header: hdr(jws(header, c)), now: NOW, expected, ...spec });
    await jwsCase("jwt by hand (sanity)", { alg: "HS256" }, claims(), ok);
    await jwsCase("jwt header with typ and kid", { alg: "HS256", typ: "JWT", kid: "k1" }, claims(), ok);
    await jwsCase("jwt header crit b64 true", { alg: "HS256", b64: true, crit: ["b64"] }, claims(), ok, {
      notes: "jose understands the b64 extension and accepts it with b64: true",
    });
    await jwsCase("jwt header crit unknown extension", { alg: "HS256", foo: 1, crit: ["foo"] }, claims(), err("unsupported_algorithm"));
    await jwsCase("jwt alg none", { alg: "none" }, claims(), err("unsupported_algorithm"));
    await jwsCase("jwt nbf in the future", { alg: "HS256" }, claims({ nbf: iat + 120 }), err("not_yet_valid"));
    await jwsCase("jwt nbf in the past", { alg: "HS256" }, claims({ nbf: iat - 120 }), ok);
    await jwsCase("jwt iat in the future", { alg: "HS256" }, claims({ iat: iat + 3600 }), ok);
    await jwsCase("jwt iat a string", { alg: "HS256" }, claims({ iat: String(iat) }), err("malformed"));
    await jwsCase("jwt exp a string", { alg: "HS256" }, claims({ exp: String(iat + 300) }), err("malformed"));
    await jwsCase("jwt with aud, iss, sub claims", { alg: "HS256" }, claims({ aud: "someone-else", iss: "https://evil.example", sub: "nobody" }), ok);
    await crafted("jwt exp in the past", () => {}, err("expired"), { craft: { exp: Math.floor(T0 / 1000) - 1 } });
  }
  if (S === "jwe") {
    await crafted("jwe without kid", () => {}, ok);
    {
      const { key, kid } = await jweKey(SECRET);
      const enc = (header, extra = {}) =>
        withClock(T0, () => {
          const j = new jose.EncryptJWT({ ...clone(P), ...extra }).setProtectedHeader({ alg: "dir", enc: "A256CBC-HS512", kid, ...header }).setIssuedAt().setExpirationTime(Math.floor(T0 / 1000) + 300);
          return j.encrypt(key);
        });
      await addCase({ name: `${S}/crafted: jwe nbf in the future`, config, header: hdr(await enc({}, { nbf: Math.floor(T0 / 1000) + 120 })), now: NOW, expected: err("not_yet_valid") });
      await addCase({ name: `${S}/crafted: jwe nbf 10 s ahead (inside the 15 s tolerance)`, config, header: hdr(await enc({}, { nbf: Math.floor(NOW / 1000) + 10 })), now: NOW, expected: ok });
      let zipped = null;
      try {
        zipped = await enc({ zip: "DEF" });
      } catch (e) {
        console.error(`note: jose cannot write zip=DEF (${e.message}); no zip case`);
      }
      if (zipped)
        await addCase({
          name: `${S}/crafted: jwe zip DEF`,
          config,
          header: hdr(zipped),
          now: NOW,
          expected: err("unsupported_algorithm"),
          divergence: { about: "valid", reason: "jose inflates a zip=DEF JWE; session_cache refuses compressed JWEs (src/lib.rs)" },
        });
    }
    await crafted("jwe without exp", () => {}, err("malformed"), {
      craft: { exp: false },
      spec: {
        divergence: {
          about: "valid",
          reason: "jose accepts a JWE without exp and getSession then takes expiresAt = now, which is not < now; session_cache requires exp (src/lib.rs)",
        },
      },
    });
    // Rotation: a cache encrypted with an older secret, the token signed with the current.
    const rc = versioned(S);
    const value = await craft(S, SECRET, clone(P), T0); // SECRET is version 1 of `versioned`
    const tok = await signCookieValue(token, NEW_SECRET);
    await addCase({
      name: `${S}/crafted: cache from the older secret, token from the current`,
      config: rc,
      header: `${names.token}=${tok}; ${names.data}=${value}`,
      now: NOW,
      expected: ok,
      notes: "jwe decryption tries every secret (by kid); the token is verified with the current secret only",
    });
    const noKid = await craft(S, SECRET, clone(P), T0, 300, { kid: false });
    await addCase({
      name: `${S}/crafted: cache from the older secret without kid`,
      config: rc,
      header: `${names.token}=${tok}; ${names.data}=${noKid}`,
      now: NOW,
      expected: ok,
    });
    const legacy = await craft(S, OLD_SECRET, clone(P), T0);
    await addCase({ name: `${S}/crafted: cache from the legacy secret`, config: rc, header: `${names.token}=${tok}; ${names.data}=${legacy}`, now: NOW, expected: ok });
  }

  // The session token cookie.
  {
    const value = await craft(S, SECRET, clone(P), T0);
    const decoded = decodeURIComponent(tokenWire);
    const sig = decoded.slice(decoded.lastIndexOf(".") + 1);
    const std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const nonCanonical = sig.slice(0, 42) + std[std.indexOf(sig[42]) ^ 1] + "=";
    await addCase({
      name: `${S}/crafted: token signature with a non-canonical last character`,
      config,
      header: hdr(value, encodeURIComponent(`${token}.${nonCanonical}`)),
      now: NOW,
      expected: err("bad_token_signature"),
      divergence: { about: "valid", reason: "better-call decodes the signature with atob, which ignores the unused low bits; session_cache refuses the three non-canonical spellings (src/cookie/signed.rs)" },
    });
    await addCase({ name: `${S}/crafted: token cookie not percent-encoded`, config, header: hdr(value, decoded), now: NOW, expected: ok });
    await addCase({ name: `${S}/crafted: token cookie quoted`, config, header: hdr(value, `"${tokenWire}"`), now: NOW, expected: ok });
    await addCase({
      name: `${S}/crafted: duplicate token cookie, bad first`,
      config,
      header: `${names.token}=${tamperTokenSignature(tokenWire)}; ${hdr(value)}`,
      now: NOW,
      expected: err("bad_token_signature"),
    });
    await addCase({ name: `${S}/crafted: duplicate token cookie, good first`, config, header: `${hdr(value)}; ${names.token}=${tamperTokenSignature(tokenWire)}`, now: NOW, expected: ok });
    await addCase({ name: `${S}/crafted: whitespace around names and values`, config, header: `  ${names.token}  =  ${tokenWire}  ;   ${names.data} =  ${value}   `, now: NOW, expected: ok });
    await addCase({ name: `${S}/crafted: cache cookie quoted`, config, header: hdr(`"${value}"`), now: NOW, expected: ok });
    await addCase({
      name: `${S}/crafted: cache cookie percent-encoded`,
      config,
      header: hdr([...value].map((c) => "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")).join("")),
      now: NOW,
      expected: ok,
    });
    // A token with characters that need encoding.
    const oddToken = "a b/c+d=e.f%41;g\"h";
    const p = clone(P);
    p.session.token = oddToken;
    const oddValue = await craft(S, SECRET, p, T0);
    await addCase({ name: `${S}/crafted: token with characters that need encoding`, config, header: hdr(oddValue, await signCookieValue(oddToken, SECRET)), now: NOW, expected: ok });
    // Chunks: duplicates (Better Auth's own parser keeps the LAST), junk chunk names,
    // percent-encoding, quoting.
    const half = Math.ceil(value.length / 2);
    const [c0, c1] = [value.slice(0, half), value.slice(half)];
    const D = names.data;
    await addCase({ name: `${S}/crafted: two chunks`, config, header: `${names.token}=${tokenWire}; ${D}.0=${c0}; ${D}.1=${c1}`, now: NOW, expected: ok });
    await addCase({
      name: `${S}/crafted: duplicate chunk 0, stale first`,
      config,
      header: `${names.token}=${tokenWire}; ${D}.0=stale; ${D}.0=${c0}; ${D}.1=${c1}`,
      now: NOW,
      expected: ok,
      notes: "Better Auth's cookie parser (used for chunks) keeps the last duplicate, unlike better-call's",
    });
    await addCase({
      name: `${S}/crafted: duplicate chunk 0, stale last`,
      config,
      header: `${names.token}=${tokenWire}; ${D}.0=${c0}; ${D}.1=${c1}; ${D}.0=stale`,
      now: NOW,
      expected: err(S === "jwe" ? "malformed" : "malformed"),
    });
    await addCase({ name: `${S}/crafted: junk chunk names ignored`, config, header: `${names.token}=${tokenWire}; ${D}.0=${c0}; ${D}.01=junk; ${D}.x=junk; ${D}.-1=junk; ${D}.1=${c1}; ${D}.1.0=junk`, now: NOW, expected: ok });
    await addCase({ name: `${S}/crafted: chunks quoted`, config, header: `${names.token}=${tokenWire}; ${D}.0="${c0}"; ${D}.1="${c1}"`, now: NOW, expected: ok });
    await addCase({
      name: `${S}/crafted: chunk percent-encoded`,
      config,
      header: `${names.token}=${tokenWire}; ${D}.0=${[...c0].map((c) => "%" + c.charCodeAt(0).toString(16).padStart(2, "0")).join("")}; ${D}.1=${c1}`,
      now: NOW,
      expected: ok,
    });
    await addCase({ name: `${S}/crafted: chunks 0 and 2 (gap)`, config, header: `${names.token}=${tokenWire}; ${D}.0=${c0}; ${D}.2=${c1}`, now: NOW, expected: ok, notes: "readers join whatever chunks there are, in index order" });
  }

  // Configured version "": Better Auth treats it as unset ("1").
  {
    const vc = base(S, { version: "" });
    const { jar } = await session(vc);
    await addCase({ name: `${S}/cache version configured as ""`, config: vc, header: jar.header(), now: NOW, expected: ok, notes: "`if (versionConfig)`: an empty string is unset, so setCookieCache writes \"1\" and getSession expects \"1\"" });
  }
}

// ------------------------------------------------------------------------------ write

if (problems.length) {
  console.error(problems.map((p) => `problem: ${p}`).join("\n"));
  process.exitCode = 1;
}
const file = new URL("cases.json", import.meta.url);
const doc = {
  generator: {
    script: "vectors/sessions/make.mjs",
    "better-auth": VERSIONS["better-auth"],
    node: process.version,
    verifier:
      "betterAuth.session: auth.api.getSession at `now` on an instance with the same options and an empty memory database (so it can only serve the cookie cache); betterAuth.stateless: the same on an instance without a database (refreshCache per config.updateAge); betterAuth.getCookieCache: the public getCookieCache with the current secret",
    jar: "Set-Cookie applied in order, Max-Age=0 deletes, no client-side expiry",
    T0,
  },
  cases,
};
writeFileSync(file, JSON.stringify(doc, null, 1) + "\n");
console.log(`wrote ${fileURLToPath(file)}: ${cases.length} cases, ${cases.filter((c) => c.expected.valid).length} valid, ${cases.filter((c) => c.divergence).length} divergences, ${problems.length} problems`);
