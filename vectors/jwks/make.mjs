// Makes vectors/jwks/cases.json: Better Auth 1.7.24's asymmetric session-cache JWTs
// (`jwt({sessionCookieCache: true})` with `session.cookieCache.strategy: "jwt"`) and the
// JWT plugin's access tokens, for EdDSA (Ed25519), ES256, ES512, RS256 and PS256, each
// with Better Auth's own verdict.
//
//   cd vectors && npm ci && node jwks/make.mjs      (add --verbose for one line per vector)
//
// How a vector is made
// - A real `betterAuth` instance (memory adapter, emailAndPassword, the jwt plugin with
//   `jwks.keyPairConfig`, `session.cookieCache: {enabled, strategy: "jwt", maxAge}`) signs
//   up / signs in users through auth.api at a frozen clock (lib.mjs `withClock`). Its
//   Set-Cookie headers go to a cookie jar, which gives the Cookie header. The plugin
//   creates its key on first use; the `jwks` rows are read from the memory database and
//   the JWKS is fetched through auth.handler (GET /api/auth/jwks), as a client would.
// - Access tokens come from GET /api/auth/token (auth.api.getToken) and from the
//   `set-auth-jwt` header of get-session.
// - Broken values are forged with the real private key (decrypted from the row with
//   Better Auth's symmetricDecrypt), by re-signing the real header and claims with one
//   thing changed (node:crypto signs, so a header can name an algorithm other than the
//   one that signed it).
// - The verdict: for session-cache values Better Auth's public getCookieCache with
//   {strategy: "jwt", jwt: {jwks, issuer?, audience?}, version?} (`expected`), and the
//   plugin's own path, auth.api.getSession on a server whose database holds only the
//   key set's `jwks` rows (`server`; see jwks/ba.mjs). For access tokens the plugin's
//   verifyJWT (auth.api.verifyJWT) on that server.
// - `expected.reason` labels a rejection: a step-by-step replay of Better Auth's checks
//   with the same jose calls (jwks/ba.mjs `replay*`) says which check refused. The script
//   aborts, writing nothing, if Better Auth's verdict is not the one the vector was built
//   for, if the replay and Better Auth disagree, or if the replay names another check than
//   the one the vector breaks. Every vector is then re-verified through jwks/verify.mjs.
import { constants as cryptoConstants, createHmac, createPrivateKey, sign as nodeSign } from "node:crypto";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import {
  DATA_COOKIE,
  SESSION_AUD,
  SESSION_TYP,
  TOKEN_COOKIE,
  VERSIONS,
  accessTokenExpectations,
  accessTokenVerdict,
  cookieCacheVerdict,
  decryptPrivateJwk,
  emptyDb,
  makeAuth,
  publicPart,
  replayAccessToken,
  replayCookieCache,
  rowFromJson,
  rowToJson,
  serverSessionVerdict,
  withClock,
  captureConsole,
} from "./ba.mjs";
import { Jar } from "../sessions/ba.mjs";

const baCrypto = await import("better-auth/crypto");
// Better Auth's own dependency, used to check the private-key sealing independently.
const { xchacha20poly1305 } = await import("@noble/ciphers/chacha.js");
const { createHash } = await import("node:crypto");

/**
 * Opens a stored privateKey without Better Auth: JSON string -> optional "$ba$<v>$"
 * envelope -> hex -> 24-byte nonce || ciphertext || 16-byte tag, XChaCha20-Poly1305
 * (no AAD) under SHA-256(secret of that version, UTF-8).
 */
function openPrivateKey(server, stored) {
  let text = JSON.parse(stored);
  let secret = server.secret;
  const m = /^\$ba\$(\d+)\$(.*)$/s.exec(text);
  if (m) {
    secret = server.secrets.find((s) => s.version === Number(m[1]))?.value;
    text = m[2];
  }
  const bytes = Buffer.from(text, "hex");
  const key = createHash("sha256").update(secret, "utf8").digest();
  return Buffer.from(xchacha20poly1305(key, bytes.subarray(0, 24)).decrypt(bytes.subarray(24))).toString("utf8");
}

const VERBOSE = process.argv.includes("--verbose");
const T0 = 1_790_000_001_234; // 2026-09-21T14:13:21.234Z, deliberately not a whole second
const SEC = 1000;
const NOW = T0 + 60 * SEC;
const SECRET = "a-very-long-secret-for-testing-jwks-keys-1234567890";
const SECRET_V2 = "the-current-secret-version-2-of-this-deployment-42";
const BASE = "http://localhost:3000";
const PASSWORD = "password1234";
const OTHER = "https://evil.example";

const ALG_CONFIGS = {
  EdDSA: { alg: "EdDSA", crv: "Ed25519" },
  ES256: { alg: "ES256" },
  ES512: { alg: "ES512" },
  RS256: { alg: "RS256" },
  PS256: { alg: "PS256" },
};

const keySets = {}; // id -> JSON-ready key set
const keyMaterial = {}; // id -> { kid -> KeyObject } (private keys, never written)
const vectors = [];
const problems = [];
const observations = []; // facts about Better Auth that are not verdicts, checked here
const observe = (name, fact, ok) => {
  observations.push({ name, fact });
  if (!ok) problems.push(`observation ${name} no longer holds: ${fact}`);
};
const names = new Set();

// ------------------------------------------------------------------------------ helpers

const b64 = (s) => Buffer.from(s, "utf8").toString("base64url");
const b64json = (o) => b64(JSON.stringify(o));
const unb64json = (part) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
const segments = (token) => {
  const [h, p] = token.split(".");
  return { header: unb64json(h), claims: unb64json(p), headerText: Buffer.from(h, "base64url").toString(), claimsText: Buffer.from(p, "base64url").toString() };
};
const clone = (o) => structuredClone(o);
const sec = (ms) => Math.floor(ms / 1000);
/** One character of `s` at `i` changed (to a different base64url character). */
const flip = (s, i) => s.slice(0, i) + (s[i] === "A" ? "B" : "A") + s.slice(i + 1);

/** A JWS signature over `input` by `key` under `alg` (node:crypto; HS256 takes a secret). */
function rawSign(alg, key, input) {
  const data = Buffer.from(input, "utf8");
  switch (alg) {
    case "EdDSA":
    case "Ed25519":
      return nodeSign(null, data, key);
    case "ES256":
      return nodeSign("sha256", data, { key, dsaEncoding: "ieee-p1363" });
    case "ES384":
      return nodeSign("sha384", data, { key, dsaEncoding: "ieee-p1363" });
    case "ES512":
      return nodeSign("sha512", data, { key, dsaEncoding: "ieee-p1363" });
    case "RS256":
      return nodeSign("sha256", data, key);
    case "PS256":
      return nodeSign("sha256", data, { key, padding: cryptoConstants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
    case "HS256":
      return createHmac("sha256", key).update(data).digest();
    default:
      throw new Error(`rawSign: ${alg}`);
  }
}

/**
 * A compact JWS: header and claims serialized with JSON.stringify (member order kept), or
 * given as text; signed under `signAlg` (default: the header's alg) with `key`; or with
 * `signature` (a string) as is.
 */
function forge({ header, claims, headerText, claimsText, signAlg, key, signature }) {
  const input = `${b64(headerText ?? JSON.stringify(header))}.${b64(claimsText ?? JSON.stringify(claims))}`;
  if (typeof signature === "string") return `${input}.${signature}`;
  return `${input}.${rawSign(signAlg ?? header.alg, key, input).toString("base64url")}`;
}

const P256_N = BigInt("0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
const P521_N = BigInt(
  "0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409",
);
const ED25519_L = 2n ** 252n + 27742317777372353535851937790883648493n;

/** DER SEQUENCE { INTEGER r, INTEGER s } from big-endian r, s. */
function derSignature(r, s) {
  const int = (b) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    let v = b.subarray(i);
    if (v[0] & 0x80) v = Buffer.concat([Buffer.alloc(1), v]);
    return Buffer.concat([Buffer.from([0x02, v.length]), v]);
  };
  const body = Buffer.concat([int(r), int(s)]);
  const len = body.length < 128 ? Buffer.from([body.length]) : Buffer.from([0x81, body.length]);
  return Buffer.concat([Buffer.from([0x30]), len, body]);
}

// For "header alg ≠ key alg": the header names another algorithm; the signature is made
// under the one in the header when the key can do that (RSA: PKCS#1 v1.5 <-> PSS; Ed25519:
// the fully specified "Ed25519" name of the same signature), else under the key's own.
const OTHER_ALG = {
  EdDSA: { header: "Ed25519", sign: "EdDSA" },
  ES256: { header: "ES384", sign: "ES384" },
  ES512: { header: "ES256", sign: "ES512" },
  RS256: { header: "PS256", sign: "PS256" },
  PS256: { header: "RS256", sign: "RS256" },
};

// ------------------------------------------------------------------------------ flows

let userCounter = 0;

function newServer(server) {
  const db = emptyDb();
  const auth = makeAuth(server, db, { jwtHeader: true });
  return { server, db, auth };
}

async function signUp(srv, at, { email, name = "Ada Lovelace", rememberMe } = {}) {
  const { result: r } = await captureConsole(() =>
    withClock(at, () =>
      srv.auth.api.signUpEmail({
        body: { email, password: PASSWORD, name, ...(rememberMe !== undefined ? { rememberMe } : {}) },
        returnHeaders: true,
      }),
    ),
  );
  return new Jar().apply(r.headers.getSetCookie());
}

async function signIn(srv, at, { email, rememberMe }) {
  const { result: r } = await captureConsole(() =>
    withClock(at, () =>
      srv.auth.api.signInEmail({
        body: { email, password: PASSWORD, ...(rememberMe !== undefined ? { rememberMe } : {}) },
        returnHeaders: true,
      }),
    ),
  );
  return new Jar().apply(r.headers.getSetCookie());
}

/** Sign-in through auth.handler with a Request (so a server without baseURL takes its origin). */
async function signInViaHandler(srv, at, origin, { email }) {
  const { result: res } = await captureConsole(() =>
    withClock(at, () =>
      srv.auth.handler(
        new Request(`${origin}/api/auth/sign-in/email`, {
          method: "POST",
          headers: { "content-type": "application/json", origin },
          body: JSON.stringify({ email, password: PASSWORD }),
        }),
      ),
    ),
  );
  if (res.status !== 200) throw new Error(`sign-in via handler: HTTP ${res.status}`);
  return new Jar().apply(res.headers.getSetCookie());
}

/** GET /api/auth/token (the access token) with the jar's cookies. */
async function getToken(srv, at, jar) {
  const { result: r } = await captureConsole(() => withClock(at, () => srv.auth.api.getToken({ headers: new Headers({ cookie: jar.header() }) })));
  return r.token;
}

/** get-session with the jar's cookies: the `set-auth-jwt` response header. */
async function setAuthJwt(srv, at, jar) {
  const { result: r } = await captureConsole(() =>
    withClock(at, () => srv.auth.api.getSession({ headers: new Headers({ cookie: jar.header() }), returnHeaders: true })),
  );
  if (!r.response) throw new Error("get-session returned no session");
  const t = r.headers.get("set-auth-jwt");
  if (!t) throw new Error("get-session set no set-auth-jwt header");
  return t;
}

/** The JWKS exactly as GET /api/auth/jwks serves it at `at`. */
async function servedJwks(srv, at) {
  const origin = srv.server.baseURL ? new URL(srv.server.baseURL).origin : BASE;
  const { result } = await captureConsole(() =>
    withClock(at, async () => {
      const res = await srv.auth.handler(new Request(`${origin}/api/auth/jwks`));
      return { status: res.status, text: await res.text() };
    }),
  );
  if (result.status !== 200) throw new Error(`GET /jwks: HTTP ${result.status}`);
  return JSON.parse(result.text);
}

/**
 * Records the key set of a minting server: its rows (as stored, private keys encrypted),
 * the JWKS served at `jwksAt`, and, per row, the public part of the decrypted private JWK
 * (checked to equal the stored public key). Keeps the private keys in memory for forging.
 */
async function recordKeySet(id, srv, jwksAt, note) {
  const rows = srv.db.jwks.map(rowToJson);
  const material = {};
  const decryptedPublic = [];
  for (const row of rows) {
    const priv = await decryptPrivateJwk(srv.server, row);
    if (openPrivateKey(srv.server, row.privateKey) !== JSON.stringify(priv)) problems.push(`${id}: the independent XChaCha20-Poly1305 opening of ${row.id} differs`);
    const pub = publicPart(priv);
    const stored = JSON.parse(row.publicKey);
    if (!isDeepStrictEqual(Object.fromEntries(Object.entries(pub).sort()), Object.fromEntries(Object.entries(stored).sort())))
      problems.push(`${id}: the decrypted private key's public part differs from the stored public key`);
    material[row.id] = createPrivateKey({ key: priv, format: "jwk" });
    decryptedPublic.push({ kid: row.id, jwk: pub });
  }
  const jwks = await servedJwks(srv, jwksAt);
  const wantOrder = { OKP: "alg,crv,x,kty,kid", EC: "alg,crv,kty,x,y,kid", RSA: "alg,kty,n,e,kid" };
  for (const k of jwks.keys)
    if (Object.keys(k).join(",") !== wantOrder[k.kty]) problems.push(`${id}: JWKS member order ${Object.keys(k).join(",")}`);
  for (const row of rows) {
    const pub = JSON.parse(row.publicKey);
    if (pub.kty === "RSA" && (Buffer.from(pub.n, "base64url").length !== 256 || pub.e !== "AQAB")) problems.push(`${id}: RSA key is not 2048-bit with e = 65537`);
  }
  keySets[id] = {
    alg: srv.server.keyPairConfig.alg,
    server: srv.server,
    note,
    privateKeyFormat: Array.isArray(srv.server.secrets)
      ? `JSON string of "$ba$<current secret version>$<hex>": XChaCha20-Poly1305 under SHA-256(secret of that version), 24-byte nonce first`
      : "JSON string of the bare hex XChaCha20-Poly1305 ciphertext under SHA-256(secret), 24-byte nonce first",
    rows,
    decryptedPublicJwks: decryptedPublic,
    jwksServedAt: jwksAt,
    jwks,
  };
  keyMaterial[id] = material;
  return keySets[id];
}

// ------------------------------------------------------------------------------ vectors

function claimName(name) {
  if (names.has(name)) problems.push(`duplicate vector name ${name}`);
  names.add(name);
}

const cookieHeaderWith = (jar, value) => {
  const j = jar.clone();
  j.cookies.set(DATA_COOKIE, value);
  return j.header();
};

/**
 * A session-cache vector. spec: { name, alg, ks (key-set id), value, jar (its
 * session_token cookie is used) | cookieHeader, jwks? (override), options?, now,
 * reason (null: valid), server?: bool (expected getSession verdict; default: same as
 * getCookieCache) | null (not evaluated), source, note? }
 */
async function addSession(spec) {
  const { name, alg, ks, value, jar, jwks, options = {}, now, reason = null, source, note } = spec;
  claimName(name);
  const keySet = keySets[ks];
  const cookieHeader = spec.cookieHeader ?? cookieHeaderWith(jar, value);
  const theJwks = jwks ?? keySet.jwks;
  const opts = { issuer: options.issuer ?? null, audience: options.audience ?? null, version: options.version ?? null };
  const valid = reason === null;
  const gcc = await cookieCacheVerdict({ cookieHeader, jwks: theJwks, options: opts, now });
  const replayed = await replayCookieCache(value, theJwks, opts, now);
  if (gcc.error) problems.push(`${name}: getCookieCache threw ${gcc.error}`);
  if (gcc.valid !== valid) problems.push(`${name}: built to be ${valid ? "valid" : `rejected (${reason})`}, getCookieCache says valid=${gcc.valid}`);
  if ((replayed === null) !== gcc.valid) problems.push(`${name}: the replay says ${replayed ?? "valid"}, getCookieCache valid=${gcc.valid}`);
  else if (!valid && replayed !== reason) problems.push(`${name}: built to fail on ${reason}, the replay fails it on ${replayed}`);

  let server = null;
  if (spec.server !== null) {
    const sv = await serverSessionVerdict(keySet.server, keySet.rows, cookieHeader, now);
    const want = spec.server ?? valid;
    if (sv.error) problems.push(`${name}: getSession threw ${sv.error}`);
    if (sv.valid !== want) problems.push(`${name}: expected the server's getSession to ${want ? "serve" : "refuse"} the cache, it says valid=${sv.valid}`);
    if (sv.valid && gcc.valid && (sv.session.user.id !== gcc.payload.user.id || sv.session.session.token !== gcc.payload.session.token))
      problems.push(`${name}: getSession and getCookieCache return different sessions`);
    server = { valid: sv.valid };
  }
  const v = {
    name,
    kind: "session_cache",
    alg,
    keySet: ks,
    ...(jwks ? { jwks } : {}),
    value,
    cookieHeader,
    options: opts,
    now,
    expected: { valid: gcc.valid, reason: gcc.valid ? null : reason, payload: gcc.valid ? gcc.payload : null },
    server,
    source,
    ...(note ? { note } : {}),
  };
  vectors.push(v);
  if (VERBOSE) console.error(`${name}: ${gcc.valid ? "valid" : reason}${server ? ` (server ${server.valid ? "valid" : "rejects"})` : ""}`);
  return v;
}

/**
 * An access-token vector. spec: { name, alg, ks, token, issuer? (verifyJWT's body issuer),
 * now, reason (null: valid), source, note?, jwks? (the JWKS as served at `now`, when it
 * differs from the key set's) }
 */
async function addAccess(spec) {
  const { name, alg, ks, token, issuer = null, now, reason = null, source, note, jwks } = spec;
  claimName(name);
  const keySet = keySets[ks];
  const valid = reason === null;
  const av = await accessTokenVerdict(keySet.server, keySet.rows, token, issuer, now);
  const replayed = await replayAccessToken(token, keySet.server, keySet.rows, issuer, now);
  if (av.error) problems.push(`${name}: verifyJWT threw ${av.error}`);
  if (av.valid !== valid) problems.push(`${name}: built to be ${valid ? "valid" : `rejected (${reason})`}, verifyJWT says valid=${av.valid}`);
  if ((replayed === null) !== av.valid) problems.push(`${name}: the replay says ${replayed ?? "valid"}, verifyJWT valid=${av.valid}`);
  else if (!valid && replayed !== reason) problems.push(`${name}: built to fail on ${reason}, the replay fails it on ${replayed}`);
  const eff = accessTokenExpectations(keySet.server, issuer);
  vectors.push({
    name,
    kind: "access_token",
    alg,
    keySet: ks,
    ...(jwks ? { jwks } : {}),
    value: token,
    options: { issuer: eff.issuer, audience: eff.audience, issuerOverride: issuer },
    now,
    expected: { valid: av.valid, reason: av.valid ? null : reason, payload: av.valid ? av.payload : null },
    source,
    ...(note ? { note } : {}),
  });
  if (VERBOSE) console.error(`${name}: ${av.valid ? "valid" : reason}`);
}

// ------------------------------------------------------------------------------ format checks

/** The session-cache JWT is exactly what the plugin is documented to write. */
function checkSessionFormat(name, token, { alg, kid, iss, maxAge }) {
  const { headerText, claims, claimsText } = segments(token);
  const wantHeader = JSON.stringify({ alg, kid, typ: SESSION_TYP });
  if (headerText !== wantHeader) problems.push(`${name}: header ${headerText}, expected ${wantHeader}`);
  const keys = Object.keys(claims).join(",");
  if (keys !== "session,user,updatedAt,version,sid,iat,exp,iss,aud,sub") problems.push(`${name}: claim order ${keys}`);
  if (claims.sid !== claims.session.token) problems.push(`${name}: sid is not session.token`);
  if (claims.sub !== claims.user.id) problems.push(`${name}: sub is not user.id`);
  if (claims.exp !== claims.iat + maxAge) problems.push(`${name}: exp - iat = ${claims.exp - claims.iat}, expected ${maxAge}`);
  if (claims.iss !== iss) problems.push(`${name}: iss ${claims.iss}, expected ${iss}`);
  if (claims.aud !== SESSION_AUD) problems.push(`${name}: aud ${claims.aud}`);
  if (!/^[\x21-\x7e]+$/.test(token)) problems.push(`${name}: not printable ASCII`);
  return { claimsText };
}

/** The access token is exactly what the plugin is documented to write. */
function checkAccessFormat(name, token, { alg, kid, iss, aud }) {
  const { headerText, claims } = segments(token);
  const wantHeader = JSON.stringify({ alg, kid });
  if (headerText !== wantHeader) problems.push(`${name}: header ${headerText}, expected ${wantHeader}`);
  const keys = Object.keys(claims);
  if (keys[0] !== "iat" || keys.slice(-4).join(",") !== "sub,exp,iss,aud") problems.push(`${name}: claim order ${keys.join(",")}`);
  if (claims.exp !== claims.iat + 900) problems.push(`${name}: exp - iat = ${claims.exp - claims.iat}, expected 900`);
  if (claims.sub !== claims.id) problems.push(`${name}: sub is not the user id`);
  if (claims.iss !== iss || claims.aud !== aud) problems.push(`${name}: iss/aud ${claims.iss}/${claims.aud}, expected ${iss}/${aud}`);
}

// ------------------------------------------------------------------------------ per algorithm

const ORDER_ALG = "EdDSA"; // the two-fault "order" vectors are made for one algorithm

for (const A of Object.keys(ALG_CONFIGS)) {
  const keyPairConfig = ALG_CONFIGS[A];
  const single = { baseURL: BASE, secret: SECRET, keyPairConfig, maxAge: 300, version: null, rotationInterval: null, gracePeriod: null };

  // A second, unrelated key of the same algorithm (for the duplicate-kid JWKS).
  {
    const so = newServer(single);
    await signUp(so, T0, { email: `other-${A.toLowerCase()}-${++userCounter}@example.com` });
    await recordKeySet(`${A}/other`, so, T0, "an unrelated key of the same algorithm (used only inside JWKS overrides)");
  }

  // ============================================================== single secret, baseURL
  const ks = `${A}/single`;
  const srv = newServer(single);
  const email = `ada-${A.toLowerCase()}-${++userCounter}@example.com`;
  const jar = await signUp(srv, T0, { email });
  const jarIn = await signIn(srv, T0 + 10 * SEC, { email });
  const token = await getToken(srv, T0, jar);
  const headerToken = await setAuthJwt(srv, T0 + 10 * SEC, jarIn);
  const K = await recordKeySet(ks, srv, T0, "single secret, baseURL http://localhost:3000, maxAge 300");
  const kid = K.rows[0].id;
  const priv = keyMaterial[ks][kid];
  const V = jar.cookies.get(DATA_COOKIE);
  const Vin = jarIn.cookies.get(DATA_COOKIE);
  checkSessionFormat(`${A} sign-up cookie`, V, { alg: A, kid, iss: BASE, maxAge: 300 });
  checkSessionFormat(`${A} sign-in cookie`, Vin, { alg: A, kid, iss: BASE, maxAge: 300 });
  checkAccessFormat(`${A} /token`, token, { alg: A, kid, iss: BASE, aud: BASE });
  checkAccessFormat(`${A} set-auth-jwt`, headerToken, { alg: A, kid, iss: BASE, aud: BASE });
  const { header: H, claims: C } = segments(V);
  const exp = C.exp;
  const nowS = sec(NOW);
  const S = (n) => `${A}/session/${n}`;
  const base = { alg: A, ks, jar, now: NOW };
  /** A forged session-cache value: header/claims edited from the real sign-up cookie. */
  const fs = ({ header = (h) => h, claims = (c) => c, ...rest } = {}) => forge({ header: header(clone(H)), claims: claims(clone(C)), key: priv, ...rest });

  // --- valid
  await addSession({ ...base, name: S("sign-up"), value: V, source: "sign-up" });
  await addSession({ ...base, name: S("sign-in"), value: Vin, jar: jarIn, source: "sign-in" });
  await addSession({ ...base, name: S("issuer-given"), value: V, options: { issuer: BASE }, source: "sign-up" });
  await addSession({ ...base, name: S("audience-given"), value: V, options: { audience: SESSION_AUD }, source: "sign-up" });
  await addSession({ ...base, name: S("version-given"), value: V, options: { version: "1" }, source: "sign-up" });
  await addSession({ ...base, name: S("forged-baseline"), value: fs(), source: "forged", note: "the real header and claims re-signed: proves the forging itself is sound" });
  await addSession({ ...base, name: S("now-equals-exp"), value: V, now: exp * SEC, source: "sign-up" });
  await addSession({
    ...base,
    name: S("now-equals-exp-plus-1ms"),
    value: V,
    now: exp * SEC + 1,
    server: false,
    source: "sign-up",
    note: "inside jose's tolerance; getSession's own `exp*1000 < now` refuses from here on",
  });
  await addSession({
    ...base,
    name: S("expired-within-tolerance"),
    value: V,
    now: exp * SEC + 14_999,
    server: false,
    source: "sign-up",
    note: "getCookieCache: jose clockTolerance 15 s (floor(now/1000) = exp + 14). getSession refuses: it also checks exp*1000 < now itself, without tolerance",
  });
  await addSession({ ...base, name: S("before-iat"), value: V, now: T0 - 60 * SEC, source: "sign-up", note: "iat is not checked against now (no lower bound)" });
  await addSession({ ...base, name: S("iat-in-future"), value: fs({ claims: (c) => ({ ...c, iat: nowS + 3600 }) }), source: "forged" });
  await addSession({
    ...base,
    name: S("aud-array"),
    value: fs({ claims: (c) => ({ ...c, aud: [OTHER, SESSION_AUD] }) }),
    source: "forged",
    note: "jose accepts an aud array that contains the expected audience",
  });
  await addSession({ ...base, name: S("nbf-within-tolerance"), value: fs({ claims: (c) => ({ ...c, nbf: nowS + 15 }) }), source: "forged" });
  {
    const noExp = fs({ claims: ({ exp: _e, ...c }) => c });
    await addSession({ ...base, name: S("exp-missing"), value: noExp, source: "forged", note: "no exp: jose does not require one, nor does Better Auth" });
    await addSession({
      ...base,
      name: S("exp-missing-a-day-later"),
      value: noExp,
      now: T0 + 86_400 * SEC,
      source: "forged",
      note: "without exp the cache never expires (only session.expiresAt stops it); the plugin's decode then reports expiresAt = Date.now(), which getSession's `expiresAt < now` lets through",
    });
  }
  await addSession({
    ...base,
    name: S("iss-other-without-issuer-option"),
    value: fs({ claims: (c) => ({ ...c, iss: OTHER }) }),
    server: false,
    source: "forged",
    note: "getCookieCache checks iss only when an issuer is given (then only that it is a non-empty string); the server always checks its own issuer",
  });
  await addSession({
    ...base,
    name: S("session-token-of-another-session"),
    value: V,
    cookieHeader: cookieHeaderWith(jarIn, V),
    server: false,
    source: "sign-up",
    note: "getCookieCache ignores the session_token cookie; getSession requires session.token == the signed session_token",
  });
  {
    const stripped = { keys: K.jwks.keys.map(({ alg: _a, ...k }) => k) };
    const noAlg = (n) => S(`jwks-key-without-alg/${n}`);
    const jnote = "JWKS override: the key's `alg` member removed; getCookieCache then takes the header's alg (key.alg ?? header.alg)";
    await addSession({ ...base, name: noAlg("real-cookie"), value: V, jwks: stripped, source: "sign-up", note: jnote });
    const o = OTHER_ALG[A];
    const other = fs({ header: (h) => ({ ...h, alg: o.header }), signAlg: o.sign });
    // Accepted where the other algorithm is a real signature by this key (RSA both ways,
    // "Ed25519" for an EdDSA key); EC keys refuse to import for another curve's alg.
    const accepted = ["EdDSA", "RS256", "PS256"].includes(A);
    await addSession({
      ...base,
      name: noAlg(`header-alg-${o.header}`),
      value: other,
      jwks: stripped,
      reason: accepted ? null : "key",
      server: false,
      source: "forged",
      note: `${jnote}. Header alg ${o.header}, signature ${o.sign}. The server uses the row's alg (${A}) and refuses`,
    });
    await addSession({
      ...base,
      name: noAlg("hs256-with-secret"),
      value: fs({ header: (h) => ({ ...h, alg: "HS256" }), key: SECRET }),
      jwks: stripped,
      reason: "key",
      server: false,
      source: "forged",
      note: `${jnote}. HS256 cannot import an asymmetric JWK: no HMAC key confusion`,
    });
  }

  // --- a cache too large for one cookie: chunks session_data.0, .1, ... (one algorithm)
  if (A === "RS256") {
    const big = await signUp(srv, T0, { email: `big-${A.toLowerCase()}-${++userCounter}@example.com`, name: "Ada ".repeat(1000).trim() });
    const chunkNames = big.names().filter((n) => n.startsWith(`${DATA_COOKIE}.`));
    if (chunkNames.length < 2 || big.cookies.has(DATA_COOKIE)) problems.push(`${A} chunked: cookies ${big.names().join(", ")}`);
    const joined = chunkNames
      .sort((a, b) => Number(a.split(".").pop()) - Number(b.split(".").pop()))
      .map((n) => big.cookies.get(n))
      .join("");
    await addSession({
      ...base,
      name: S("chunked"),
      value: joined,
      cookieHeader: big.header(),
      source: "sign-up (a 3999-character name)",
      note: `setCookieCache split the JWT into ${chunkNames.length} cookies ${chunkNames.join(", ")}; \`value\` is their values joined in index order`,
    });
  }

  // --- rejected: header
  await addSession({ ...base, name: S("typ-wrong"), value: fs({ header: (h) => ({ ...h, typ: "JWT" }) }), reason: "typ", source: "forged" });
  await addSession({ ...base, name: S("typ-missing"), value: fs({ header: ({ typ: _t, ...h }) => h }), reason: "typ", source: "forged" });
  await addSession({
    ...base,
    name: S("typ-with-application-prefix"),
    value: fs({ header: (h) => ({ ...h, typ: `application/${SESSION_TYP}` }) }),
    reason: "typ",
    source: "forged",
    note: "compared exactly: jose's own typ option would have accepted the media-type form",
  });
  await addSession({ ...base, name: S("typ-other-case"), value: fs({ header: (h) => ({ ...h, typ: "Better-Auth.Session-Cache+JWT" }) }), reason: "typ", source: "forged" });
  await addSession({ ...base, name: S("kid-missing"), value: fs({ header: ({ kid: _k, ...h }) => h }), reason: "kid_missing", source: "forged" });
  await addSession({ ...base, name: S("kid-empty"), value: fs({ header: (h) => ({ ...h, kid: "" }) }), reason: "kid_missing", source: "forged" });
  await addSession({ ...base, name: S("kid-unknown"), value: fs({ header: (h) => ({ ...h, kid: "no-such-key-id" }) }), reason: "kid_unknown", source: "forged" });
  {
    const o = OTHER_ALG[A];
    await addSession({
      ...base,
      name: S(`alg-${o.header}-on-${A}-key`),
      value: fs({ header: (h) => ({ ...h, alg: o.header }), signAlg: o.sign }),
      reason: "alg",
      source: "forged",
      note: `header alg ${o.header}, signed ${o.sign} with the real key: only the key's alg (${A}) is allowed`,
    });
  }
  await addSession({ ...base, name: S("alg-none"), value: fs({ header: (h) => ({ ...h, alg: "none" }), signature: "" }), reason: "alg", source: "forged" });
  await addSession({
    ...base,
    name: S("hs256-with-kid"),
    value: fs({ header: (h) => ({ ...h, alg: "HS256" }), key: SECRET }),
    reason: "alg",
    source: "forged",
    note: "HS256 over the real header (alg changed) and claims, keyed with the server secret",
  });
  {
    const { result: hs } = await captureConsole(() =>
      withClock(T0, () => baCrypto.signJWT({ session: C.session, user: C.user, updatedAt: C.updatedAt, version: C.version }, SECRET, 300)),
    );
    await addSession({
      ...base,
      name: S("hs256-plain-cookie"),
      value: hs,
      reason: "typ",
      source: "better-auth/crypto signJWT",
      note: "what Better Auth writes without the plugin (header {\"alg\":\"HS256\"}), signed with the secret",
    });
  }
  await addSession({
    ...base,
    name: S("crit-unknown"),
    value: fs({ header: (h) => ({ ...h, crit: ["urn:example:x"], "urn:example:x": true }) }),
    reason: "crit",
    source: "forged",
  });
  await addSession({ ...base, name: S("malformed-not-a-jwt"), value: "not-a-jwt", reason: "malformed", source: "crafted" });
  await addSession({ ...base, name: S("malformed-two-segments"), value: V.split(".").slice(0, 2).join("."), reason: "malformed", source: "crafted" });
  await addSession({ ...base, name: S("access-token-as-session-cache"), value: token, reason: "typ", source: "/token", note: "the access token has no typ" });

  // --- rejected: signature
  await addSession({
    ...base,
    name: S("tampered-payload"),
    value: `${V.split(".")[0]}.${b64json({ ...C, user: { ...C.user, name: "Mallory" } })}.${V.split(".")[2]}`,
    reason: "signature",
    source: "sign-up",
    note: "user.name changed, signature kept",
  });
  {
    const [h, p, s] = V.split(".");
    await addSession({ ...base, name: S("tampered-signature"), value: `${h}.${p}.${flip(s, 10)}`, reason: "signature", source: "sign-up" });
  }

  // --- signature encodings
  {
    const [h, p, s] = V.split(".");
    const sig = Buffer.from(s, "base64url");
    if (A === "ES256" || A === "ES512") {
      const n = A === "ES256" ? P256_N : P521_N;
      const half = sig.length / 2;
      const r = sig.subarray(0, half);
      const sv = BigInt("0x" + sig.subarray(half).toString("hex"));
      const high = Buffer.concat([r, Buffer.from((n - sv).toString(16).padStart(half * 2, "0"), "hex")]);
      await addSession({
        ...base,
        name: S("signature-high-s"),
        value: `${h}.${p}.${high.toString("base64url")}`,
        source: "sign-up",
        note: "the real signature with s replaced by n - s (the other valid ECDSA signature): WebCrypto does not require low s",
      });
      const der = derSignature(r, sig.subarray(half));
      await addSession({ ...base, name: S("signature-der"), value: `${h}.${p}.${der.toString("base64url")}`, reason: "signature", source: "sign-up", note: "the same (r, s) DER-encoded instead of r || s" });
    }
    if (A === "EdDSA") {
      const sLE = BigInt("0x" + Buffer.from(sig.subarray(32)).reverse().toString("hex"));
      const sPlusL = Buffer.from((sLE + ED25519_L).toString(16).padStart(64, "0"), "hex").reverse();
      await addSession({
        ...base,
        name: S("signature-s-plus-l"),
        value: `${h}.${p}.${Buffer.concat([sig.subarray(0, 32), sPlusL]).toString("base64url")}`,
        reason: "signature",
        source: "sign-up",
        note: "S + L (non-canonical S): refused",
      });
    }
    if (A === "RS256" || A === "PS256")
      await addSession({
        ...base,
        name: S("signature-leading-zero-byte"),
        value: `${h}.${p}.${Buffer.concat([Buffer.alloc(1), sig]).toString("base64url")}`,
        reason: "signature",
        source: "sign-up",
        note: "a 257-byte signature (zero byte prepended) for a 2048-bit key",
      });
  }

  // --- duplicate kid in the JWKS: the first key with the kid is the one used
  {
    const otherPub = { ...JSON.parse(keySets[`${A}/other`].rows[0].publicKey), alg: A, kid };
    const realPub = K.jwks.keys[0];
    await addSession({
      ...base,
      name: S("jwks-duplicate-kid/other-key-first"),
      value: V,
      jwks: { keys: [otherPub, realPub] },
      reason: "signature",
      server: null,
      source: "sign-up",
      note: "JWKS override: another key under the same kid before the real one; keys.find takes the first",
    });
    await addSession({
      ...base,
      name: S("jwks-duplicate-kid/real-key-first"),
      value: V,
      jwks: { keys: [realPub, otherPub] },
      server: null,
      source: "sign-up",
      note: "JWKS override: the real key first, another key under the same kid after it",
    });
  }

  // --- rejected: claims
  await addSession({ ...base, name: S("aud-wrong"), value: fs({ claims: (c) => ({ ...c, aud: BASE }) }), reason: "aud", source: "forged" });
  await addSession({ ...base, name: S("aud-missing"), value: fs({ claims: ({ aud: _a, ...c }) => c }), reason: "aud", source: "forged" });
  await addSession({
    ...base,
    name: S("audience-option-other"),
    value: V,
    options: { audience: "https://api.example" },
    reason: "aud",
    server: true,
    source: "sign-up",
  });
  await addSession({
    ...base,
    name: S("audience-option-matching-forged-aud"),
    value: fs({ claims: (c) => ({ ...c, aud: "https://api.example" }) }),
    options: { audience: "https://api.example" },
    server: false,
    source: "forged",
    note: "getCookieCache's audience option replaces better-auth:session-cache; the server always expects better-auth:session-cache",
  });
  await addSession({
    ...base,
    name: S("iss-wrong-with-issuer-option"),
    value: fs({ claims: (c) => ({ ...c, iss: OTHER }) }),
    options: { issuer: BASE },
    reason: "iss",
    source: "forged",
  });
  await addSession({
    ...base,
    name: S("issuer-option-trailing-slash"),
    value: V,
    options: { issuer: `${BASE}/` },
    reason: "iss",
    server: true,
    source: "sign-up",
    note: "compared exactly",
  });
  await addSession({ ...base, name: S("iss-empty"), value: fs({ claims: (c) => ({ ...c, iss: "" }) }), reason: "iss", source: "forged", note: "no issuer option: Better Auth still requires a non-empty string" });
  await addSession({ ...base, name: S("iss-empty-with-issuer-option"), value: fs({ claims: (c) => ({ ...c, iss: "" }) }), options: { issuer: BASE }, reason: "iss", source: "forged" });
  await addSession({ ...base, name: S("iss-number"), value: fs({ claims: (c) => ({ ...c, iss: 42 }) }), reason: "iss", source: "forged" });
  await addSession({ ...base, name: S("iss-missing"), value: fs({ claims: ({ iss: _i, ...c }) => c }), reason: "iss", source: "forged" });
  await addSession({ ...base, name: S("sub-wrong"), value: fs({ claims: (c) => ({ ...c, sub: "someone-else" }) }), reason: "sub", source: "forged" });
  await addSession({ ...base, name: S("sub-missing"), value: fs({ claims: ({ sub: _s, ...c }) => c }), reason: "sub", source: "forged" });
  await addSession({ ...base, name: S("sid-wrong"), value: fs({ claims: (c) => ({ ...c, sid: "another-session-token" }) }), reason: "sid", source: "forged" });
  await addSession({ ...base, name: S("sid-missing"), value: fs({ claims: ({ sid: _s, ...c }) => c }), reason: "sid", source: "forged" });
  await addSession({
    ...base,
    name: S("expired-beyond-tolerance"),
    value: V,
    now: (exp + 15) * SEC,
    reason: "expired",
    source: "sign-up",
  });
  await addSession({
    ...base,
    name: S("exp-forged-16s-ago"),
    value: fs({ claims: (c) => ({ ...c, iat: nowS - 316, exp: nowS - 16 }) }),
    reason: "expired",
    source: "forged",
  });
  await addSession({ ...base, name: S("exp-not-a-number"), value: fs({ claims: (c) => ({ ...c, exp: String(c.exp) }) }), reason: "claim_type", source: "forged" });
  await addSession({ ...base, name: S("nbf-in-future"), value: fs({ claims: (c) => ({ ...c, nbf: nowS + 16 }) }), reason: "not_yet_valid", source: "forged", note: "nbf > now + 15 s" });
  await addSession({
    ...base,
    name: S("version-option-other"),
    value: V,
    options: { version: "2" },
    reason: "version",
    server: true,
    source: "sign-up",
    note: "the server has no version setting (expects \"1\")",
  });
  await addSession({
    ...base,
    name: S("session-expired"),
    value: fs({ claims: (c) => ({ ...c, session: { ...c.session, expiresAt: new Date(NOW - SEC).toISOString() } }) }),
    reason: "session_expired",
    source: "forged",
  });
  await addSession({
    ...base,
    name: S("schema-user-email-missing"),
    value: fs({ claims: (c) => ({ ...c, user: Object.fromEntries(Object.entries(c.user).filter(([k]) => k !== "email")) }) }),
    reason: "schema",
    source: "forged",
  });

  // --- order of checks: two faults, the first check to run names the reason
  if (A === ORDER_ALG) {
    const O = (n) => S(`order/${n}`);
    const past = (c) => ({ ...c, iat: nowS - 316, exp: nowS - 16 });
    const noEmail = (c) => ({ ...c, user: Object.fromEntries(Object.entries(c.user).filter(([k]) => k !== "email")) });
    const oldSession = (c) => ({ ...c, session: { ...c.session, expiresAt: new Date(NOW - SEC).toISOString() } });
    const cases = [
      ["typ-before-kid", fs({ header: (h) => ({ ...h, typ: "JWT", kid: "no-such-key-id" }) }), {}, "typ"],
      ["kid-before-signature", fs({ header: (h) => ({ ...h, kid: "no-such-key-id" }), signature: "AAAA" }), {}, "kid_unknown"],
      ["alg-before-signature", fs({ header: (h) => ({ ...h, alg: OTHER_ALG[A].header }), signature: "AAAA" }), {}, "alg"],
      ["signature-before-claims", `${V.split(".")[0]}.${b64json({ ...C, aud: BASE })}.${V.split(".")[2]}`, {}, "signature"],
      ["iss-before-aud", fs({ claims: (c) => ({ ...c, iss: OTHER, aud: BASE }) }), { issuer: BASE }, "iss"],
      ["aud-before-time", fs({ claims: (c) => past({ ...c, aud: BASE }) }), {}, "aud"],
      ["nbf-before-exp", fs({ claims: (c) => ({ ...past(c), nbf: nowS + 60 }) }), {}, "not_yet_valid"],
      ["time-before-schema", fs({ claims: (c) => past(noEmail(c)) }), {}, "expired"],
      ["schema-before-iss", fs({ claims: (c) => ({ ...noEmail(c), iss: "" }) }), {}, "schema"],
      ["iss-before-sub", fs({ claims: (c) => ({ ...c, iss: "", sub: "someone-else" }) }), {}, "iss"],
      ["sub-before-sid", fs({ claims: (c) => ({ ...c, sub: "someone-else", sid: "another-session-token" }) }), {}, "sub"],
      ["sid-before-version", fs({ claims: (c) => ({ ...c, sid: "another-session-token" }) }), { version: "2" }, "sid"],
      ["version-before-session-expiry", fs({ claims: oldSession }), { version: "2" }, "version"],
    ];
    for (const [n, value, options, reason] of cases) await addSession({ ...base, name: O(n), value, options, reason, server: false, source: "forged", note: "two faults" });
  }

  // --- access tokens (single)
  const T = (n) => `${A}/access/${n}`;
  const abase = { alg: A, ks, now: NOW };
  const { header: AH, claims: AC } = segments(token);
  const fa = ({ header = (h) => h, claims = (c) => c, ...rest } = {}) => forge({ header: header(clone(AH)), claims: claims(clone(AC)), key: priv, ...rest });
  await addAccess({ ...abase, name: T("token-endpoint"), token, source: "/token" });
  await addAccess({ ...abase, name: T("set-auth-jwt"), token: headerToken, source: "get-session set-auth-jwt" });
  await addAccess({ ...abase, name: T("forged-baseline"), token: fa(), source: "forged" });
  await addAccess({ ...abase, name: T("exp-minus-1ms"), token, now: AC.exp * SEC - 1, source: "/token" });
  await addAccess({ ...abase, name: T("now-equals-exp"), token, now: AC.exp * SEC, reason: "expired", source: "/token", note: "no clock tolerance: exp <= floor(now/1000) is expired" });
  await addAccess({ ...abase, name: T("before-iat"), token, now: T0 - 60 * SEC, source: "/token", note: "iat is not checked" });
  await addAccess({ ...abase, name: T("typ-jwt"), token: fa({ header: (h) => ({ ...h, typ: "JWT" }) }), source: "forged", note: "typ is not checked for access tokens" });
  await addAccess({ ...abase, name: T("typ-session-cache"), token: fa({ header: (h) => ({ ...h, typ: SESSION_TYP }) }), source: "forged", note: "typ is not checked for access tokens" });
  {
    const noExp = fa({ claims: ({ exp: _e, ...c }) => c });
    await addAccess({ ...abase, name: T("exp-missing-a-day-later"), token: noExp, now: T0 + 86_400 * SEC, source: "forged", note: "no exp: accepted forever" });
  }
  await addAccess({ ...abase, name: T("aud-array"), token: fa({ claims: (c) => ({ ...c, aud: [OTHER, BASE] }) }), source: "forged" });
  await addAccess({
    ...abase,
    name: T("issuer-override-matching"),
    token: fa({ claims: (c) => ({ ...c, iss: "https://issuer.example" }) }),
    issuer: "https://issuer.example",
    source: "forged",
    note: "verifyJWT's body `issuer` replaces the expected issuer",
  });
  await addAccess({ ...abase, name: T("issuer-override-other"), token, issuer: "https://issuer.example", reason: "iss", source: "/token" });
  await addAccess({ ...abase, name: T("iss-wrong"), token: fa({ claims: (c) => ({ ...c, iss: OTHER }) }), reason: "iss", source: "forged" });
  await addAccess({ ...abase, name: T("iss-missing"), token: fa({ claims: ({ iss: _i, ...c }) => c }), reason: "iss", source: "forged" });
  await addAccess({ ...abase, name: T("aud-wrong"), token: fa({ claims: (c) => ({ ...c, aud: SESSION_AUD }) }), reason: "aud", source: "forged" });
  await addAccess({ ...abase, name: T("aud-missing"), token: fa({ claims: ({ aud: _a, ...c }) => c }), reason: "aud", source: "forged" });
  await addAccess({ ...abase, name: T("sub-missing"), token: fa({ claims: ({ sub: _s, ...c }) => c }), reason: "sub", source: "forged" });
  await addAccess({ ...abase, name: T("sub-empty"), token: fa({ claims: (c) => ({ ...c, sub: "" }) }), reason: "sub", source: "forged" });
  await addAccess({ ...abase, name: T("nbf-in-future"), token: fa({ claims: (c) => ({ ...c, nbf: nowS + 1 }) }), reason: "not_yet_valid", source: "forged", note: "no tolerance" });
  await addAccess({ ...abase, name: T("kid-missing"), token: fa({ header: ({ kid: _k, ...h }) => h }), reason: "kid_missing", source: "forged" });
  await addAccess({ ...abase, name: T("kid-unknown"), token: fa({ header: (h) => ({ ...h, kid: "no-such-key-id" }) }), reason: "kid_unknown", source: "forged" });
  {
    const o = OTHER_ALG[A];
    await addAccess({ ...abase, name: T(`alg-${o.header}-on-${A}-key`), token: fa({ header: (h) => ({ ...h, alg: o.header }), signAlg: o.sign }), reason: "alg", source: "forged" });
  }
  await addAccess({ ...abase, name: T("alg-none"), token: fa({ header: (h) => ({ ...h, alg: "none" }), signature: "" }), reason: "alg", source: "forged" });
  await addAccess({ ...abase, name: T("hs256-with-kid"), token: fa({ header: (h) => ({ ...h, alg: "HS256" }), key: SECRET }), reason: "alg", source: "forged" });
  {
    const [h, p, s] = token.split(".");
    await addAccess({ ...abase, name: T("tampered-payload"), token: `${h}.${b64json({ ...AC, name: "Mallory" })}.${s}`, reason: "signature", source: "/token" });
    await addAccess({ ...abase, name: T("tampered-signature"), token: `${h}.${p}.${flip(s, 10)}`, reason: "signature", source: "/token" });
  }
  await addAccess({ ...abase, name: T("session-cache-as-access-token"), token: V, reason: "aud", source: "sign-up", note: "same iss, aud better-auth:session-cache; typ is not looked at" });
  await addAccess({ ...abase, name: T("malformed-two-segments"), token: token.split(".").slice(0, 2).join("."), reason: "malformed", source: "crafted" });

  // ============================================================== versioned secrets
  {
    const ksv = `${A}/versioned`;
    const server = { ...single, secret: undefined, secrets: [{ version: 2, value: SECRET_V2 }, { version: 1, value: SECRET }], version: "2" };
    delete server.secret;
    const s2 = newServer(server);
    const em = `ada-${A.toLowerCase()}-${++userCounter}@example.com`;
    const j = await signUp(s2, T0, { email: em });
    const tok = await getToken(s2, T0, j);
    const K2 = await recordKeySet(ksv, s2, T0, "secrets [{version 2}, {version 1}] (the private key is sealed in a $ba$2$ envelope), cookieCache.version \"2\"");
    if (!JSON.parse(K2.rows[0].privateKey).startsWith("$ba$2$")) problems.push(`${ksv}: private key not in a $ba$2$ envelope`);
    const v = j.cookies.get(DATA_COOKIE);
    checkSessionFormat(`${ksv} cookie`, v, { alg: A, kid: K2.rows[0].id, iss: BASE, maxAge: 300 });
    if (segments(v).claims.version !== "2") problems.push(`${ksv}: cookie version ${segments(v).claims.version}`);
    const vb = { alg: A, ks: ksv, jar: j, now: NOW, source: "sign-up" };
    await addSession({ ...vb, name: S("versioned/version-option-2"), value: v, options: { version: "2" } });
    await addSession({ ...vb, name: S("versioned/no-version-option"), value: v });
    await addSession({ ...vb, name: S("versioned/version-option-1"), value: v, options: { version: "1" }, reason: "version", server: true, note: "the server expects its own version \"2\"" });
    await addAccess({ alg: A, ks: ksv, now: NOW, name: T("versioned/token-endpoint"), token: tok, source: "/token" });
  }

  // ============================================================== no baseURL
  {
    const ksn = `${A}/no-baseurl`;
    const server = { ...single, baseURL: null };
    const s3 = newServer(server);
    const em = `ada-${A.toLowerCase()}-${++userCounter}@example.com`;
    const j = await signUp(s3, T0, { email: em });
    const tok = await getToken(s3, T0, j);
    const jh = await signInViaHandler(s3, T0 + 5 * SEC, "http://example.test:4000", { email: em });
    const K3 = await recordKeySet(ksn, s3, T0, "no baseURL option: auth.api calls sign with iss better-auth:session-cache");
    const v = j.cookies.get(DATA_COOKIE);
    const vh = jh.cookies.get(DATA_COOKIE);
    checkSessionFormat(`${ksn} cookie`, v, { alg: A, kid: K3.rows[0].id, iss: "better-auth:session-cache", maxAge: 300 });
    checkSessionFormat(`${ksn} handler cookie`, vh, { alg: A, kid: K3.rows[0].id, iss: "http://example.test:4000", maxAge: 300 });
    const nb = { alg: A, ks: ksn, jar: j, now: NOW, source: "sign-up" };
    await addSession({ ...nb, name: S("no-baseurl/sign-up"), value: v });
    await addSession({ ...nb, name: S("no-baseurl/issuer-option-default"), value: v, options: { issuer: "better-auth:session-cache" } });
    await addSession({ ...nb, name: S("no-baseurl/issuer-option-base-url"), value: v, options: { issuer: BASE }, reason: "iss", server: true });
    await addSession({
      ...nb,
      name: S("no-baseurl/minted-through-handler"),
      value: vh,
      jar: jh,
      server: false,
      source: "sign-in through auth.handler (Request origin http://example.test:4000)",
      note: "without baseURL the issuer is the request's origin; the server verdict is auth.api.getSession (no request), which expects better-auth:session-cache",
    });
    await addAccess({
      alg: A,
      ks: ksn,
      now: NOW,
      name: T("no-baseurl/token-endpoint"),
      token: tok,
      reason: "aud",
      source: "/token",
      note: "without baseURL the plugin signs iss \"\" and aud \"\"; its own verifyJWT then refuses (aud must be truthy)",
    });
  }

  // ============================================================== base URL with a path (one algorithm)
  if (A === "EdDSA") {
    const ksp = `${A}/base-path`;
    const server = { ...single, baseURL: `${BASE}/api/auth` };
    const s4 = newServer(server);
    const em = `ada-${A.toLowerCase()}-${++userCounter}@example.com`;
    const j = await signUp(s4, T0, { email: em });
    const tok = await getToken(s4, T0, j);
    const K4 = await recordKeySet(ksp, s4, T0, "baseURL http://localhost:3000/api/auth: iss/aud are its origin");
    checkSessionFormat(`${ksp} cookie`, j.cookies.get(DATA_COOKIE), { alg: A, kid: K4.rows[0].id, iss: BASE, maxAge: 300 });
    checkAccessFormat(`${ksp} /token`, tok, { alg: A, kid: K4.rows[0].id, iss: BASE, aud: BASE });
    await addSession({ alg: A, ks: ksp, jar: j, now: NOW, source: "sign-up", name: S("base-path/issuer-origin"), value: j.cookies.get(DATA_COOKIE), options: { issuer: BASE } });
    await addAccess({ alg: A, ks: ksp, now: NOW, name: T("base-path/token-endpoint"), token: tok, source: "/token" });
  }

  // ============================================================== rotation
  {
    const ksr = `${A}/rotation`;
    const server = { ...single, maxAge: 3600, rotationInterval: 600, gracePeriod: 60 };
    const s5 = newServer(server);
    const em = `ada-${A.toLowerCase()}-${++userCounter}@example.com`;
    const T1 = T0 + 630 * SEC; // key 1 expired at T0 + 600 s, still served until T0 + 660 s
    const T2 = T0 + 700 * SEC; // key 1 past its grace period: no longer served
    const j1 = await signUp(s5, T0, { email: em });
    const tok1 = await getToken(s5, T0, j1);
    const jd = await signIn(s5, T0 + 5 * SEC, { email: em, rememberMe: false });
    const jwksT0 = await servedJwks(s5, T0);
    const j2 = await signIn(s5, T1, { email: em });
    const tok2 = await getToken(s5, T1, j2);
    const jwksT2 = await servedJwks(s5, T2);
    const KR = await recordKeySet(
      ksr,
      s5,
      T1,
      "jwks.rotationInterval 600 s, gracePeriod 60 s, maxAge 3600: key 1 made at T0, key 2 at T0+630 s when key 1 had expired; the JWKS is the one served at T0+630 s (both keys)",
    );
    if (KR.rows.length !== 2 || KR.jwks.keys.length !== 2 || jwksT0.keys.length !== 1 || jwksT2.keys.length !== 1)
      problems.push(`${ksr}: rows ${KR.rows.length}, JWKS sizes ${jwksT0.keys.length}/${KR.jwks.keys.length}/${jwksT2.keys.length}`);
    const [k1, k2] = KR.rows.map((r) => r.id);
    const c1 = j1.cookies.get(DATA_COOKIE);
    const c2 = j2.cookies.get(DATA_COOKIE);
    const cd = jd.cookies.get(DATA_COOKIE);
    checkSessionFormat(`${ksr} cookie 1`, c1, { alg: A, kid: k1, iss: BASE, maxAge: 3600 });
    checkSessionFormat(`${ksr} cookie 2`, c2, { alg: A, kid: k2, iss: BASE, maxAge: 3600 });
    checkSessionFormat(`${ksr} dont-remember cookie`, cd, { alg: A, kid: k1, iss: BASE, maxAge: 300 });
    const R = (n) => S(`rotation/${n}`);
    const rb = { alg: A, ks: ksr, source: "sign-up" };
    await addSession({ ...rb, name: R("old-kid-in-grace"), value: c1, jar: j1, now: T1 });
    await addSession({ ...rb, name: R("new-kid"), value: c2, jar: j2, now: T1, source: "sign-in" });
    await addSession({
      ...rb,
      name: R("new-kid-stale-jwks"),
      value: c2,
      jar: j2,
      now: T1,
      jwks: jwksT0,
      reason: "kid_unknown",
      server: true,
      source: "sign-in",
      note: "a verifier holding the JWKS fetched before the rotation (one key)",
    });
    await addSession({
      ...rb,
      name: R("old-kid-after-grace"),
      value: c1,
      jar: j1,
      now: T2,
      jwks: jwksT2,
      reason: "kid_unknown",
      server: true,
      note: "GET /jwks stops serving a key gracePeriod after its expiresAt, but the server's own verifier reads every row regardless of expiry: it still accepts",
    });
    await addSession({
      ...rb,
      name: R("dont-remember-me"),
      value: cd,
      jar: jd,
      now: NOW,
      source: "sign-in rememberMe: false",
      note: "without remember-me the JWT's exp is iat + 300 whatever maxAge is (setCookieCache passes `maxAge || 300` with maxAge undefined)",
    });
    await addSession({ ...rb, name: R("dont-remember-me-expired"), value: cd, jar: jd, now: (segments(cd).claims.exp + 15) * SEC, reason: "expired", source: "sign-in rememberMe: false" });
    await addAccess({ alg: A, ks: ksr, now: T1, name: T("rotation/new-kid"), token: tok2, source: "/token" });
    await addAccess({
      alg: A,
      ks: ksr,
      now: T2,
      name: T("rotation/old-kid-after-grace"),
      token: tok1,
      jwks: jwksT2,
      source: "/token",
      note: "the plugin's verifyJWT reads every jwks row, expired or not; the JWKS served at `now` (given in `jwks`) no longer has this kid",
    });
  }
}

// ------------------------------------------------------------------------------ observations

{
  const k = keySets["EdDSA/single"];
  const attempt = async (server) => {
    const db = emptyDb(k.rows.map(rowFromJson));
    const auth = makeAuth(server, db, { jwtHeader: true });
    const { result } = await captureConsole(() =>
      withClock(T0, async () => {
        try {
          await auth.api.signUpEmail({ body: { email: `late-${++userCounter}@example.com`, password: PASSWORD, name: "Ada" } });
          return "ok";
        } catch (e) {
          return e?.body?.message ?? e?.message ?? String(e);
        }
      }),
    );
    return result;
  };
  const { secret: _s, ...rest } = k.server;
  const secrets = [{ version: 2, value: SECRET_V2 }];
  const without = await attempt({ ...rest, secrets });
  const withLegacy = await attempt({ ...rest, secrets, secret: SECRET });
  observe(
    "secrets-without-legacy-secret",
    `a server switched from secret to secrets [{version 2}] keeps its bare-hex jwks row: without the old secret as legacy \`secret\` sign-up fails (${JSON.stringify(without.slice(0, 60))}…); with it, sign-up works (${withLegacy})`,
    without.startsWith("Failed to decrypt private key") && withLegacy === "ok",
  );
  observe("jwks-member-order", "GET /jwks writes {alg, crv (OKP/EC), ...stored public JWK, kid}: OKP alg,crv,x,kty,kid; EC alg,crv,kty,x,y,kid; RSA alg,kty,n,e,kid; no use", true);
  observe("rsa-key-size", "RS256/PS256 keys are 2048-bit, e = 65537 (jose generateKeyPair defaults)", true);
}

// ------------------------------------------------------------------------------ verify.mjs agrees

function toVerifyCase(v) {
  const k = keySets[v.keySet];
  const server = { ...k.server, rows: k.rows };
  if (v.kind === "session_cache") return { name: v.name, kind: v.kind, now: v.now, cookieHeader: v.cookieHeader, jwks: v.jwks ?? k.jwks, options: v.options, server };
  return { name: v.name, kind: v.kind, now: v.now, token: v.value, issuer: v.options.issuerOverride, server };
}

if (problems.length === 0) {
  const run = spawnSync(process.execPath, [fileURLToPath(new URL("verify.mjs", import.meta.url))], {
    input: JSON.stringify({ cases: vectors.map(toVerifyCase) }),
    maxBuffer: 256 * 1024 * 1024,
    encoding: "utf8",
  });
  if (run.status !== 0) problems.push(`verify.mjs exited ${run.status}: ${run.stderr.slice(0, 2000)}`);
  else {
    const { results } = JSON.parse(run.stdout);
    vectors.forEach((v, i) => {
      const r = results[i];
      if (r?.name !== v.name) return problems.push(`verify.mjs: result ${i} is ${r?.name}, expected ${v.name}`);
      if (r.error) problems.push(`verify.mjs ${v.name}: ${r.error}`);
      if (v.kind === "session_cache") {
        if (r.cookieCache.valid !== v.expected.valid || !isDeepStrictEqual(r.cookieCache.payload, v.expected.payload)) problems.push(`verify.mjs ${v.name}: getCookieCache verdict differs`);
        if (v.server && r.session.valid !== v.server.valid) problems.push(`verify.mjs ${v.name}: getSession verdict differs`);
      } else if (r.accessToken.valid !== v.expected.valid || !isDeepStrictEqual(r.accessToken.payload, v.expected.payload)) problems.push(`verify.mjs ${v.name}: verifyJWT verdict differs`);
    });
  }
}

// ------------------------------------------------------------------------------ write

if (problems.length) {
  console.error(problems.map((p) => `problem: ${p}`).join("\n"));
  console.error(`${problems.length} problems; cases.json not written`);
  process.exit(1);
}

const count = {};
for (const v of vectors) {
  const key = `${v.kind} ${v.alg} ${v.expected.reason ?? "valid"}`;
  count[key] = (count[key] ?? 0) + 1;
}
const doc = {
  generator: {
    script: "vectors/jwks/make.mjs",
    "better-auth": VERSIONS["better-auth"],
    jose: VERSIONS.jose,
    node: process.version,
    T0,
    verdicts: {
      expected:
        "session_cache: getCookieCache(new Headers({cookie: cookieHeader}), {strategy: \"jwt\", isSecure: false, jwt: {jwks, issuer?, audience?}, version?}) at `now` (jwks: the vector's `jwks`, else the key set's); access_token: auth.api.verifyJWT({body: {token, issuer?: options.issuerOverride}}) on a server built from the key set (its rows in the database)",
      server: "session_cache only: auth.api.getSession({headers}) at `now` on a server built from keySets[keySet].server whose memory database holds only keySets[keySet].rows (no users, no sessions), so valid = it served the cookie cache; null = not evaluated",
      reason: "the first check that refuses, from a replay of Better Auth's checks with the same jose calls (jwks/ba.mjs)",
    },
  },
  observations,
  keySets,
  vectors,
};
const file = new URL("cases.json", import.meta.url);
const text = JSON.stringify(doc, null, 1) + "\n";
writeFileSync(file, text);
const byKind = (k) => vectors.filter((v) => v.kind === k);
console.log(
  `wrote ${fileURLToPath(file)}: ${vectors.length} vectors (${byKind("session_cache").length} session_cache, ${byKind("access_token").length} access_token; ${vectors.filter((v) => v.expected.valid).length} valid), ${Object.keys(keySets).length} key sets, ${(text.length / 1024).toFixed(0)} KiB`,
);
for (const [k, n] of Object.entries(count).sort()) console.log(`  ${k}: ${n}`);
