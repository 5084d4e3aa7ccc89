// Shared by jwks/make.mjs and jwks/verify.mjs: Better Auth instances with the JWT plugin
// (asymmetric session-cache JWTs and access tokens), and Better Auth's own verdicts:
//
// - getCookieCache(headers, {strategy: "jwt", jwt: {jwks, issuer, audience}, version})
//   (better-auth/cookies, public): the JWKS path, verifySessionCookieJwtWithJwks;
// - auth.api.getSession({headers}) on a server whose memory database holds only `jwks`
//   rows (no users, no sessions): it returns a session only when it served the cookie
//   cache, verified by the plugin's cookieCacheSigner against its own rows;
// - auth.api.verifyJWT({body: {token, issuer?}}) (the plugin's server-only endpoint, which
//   runs verifyJWT from dist/plugins/jwt/verify.mjs) for access tokens.
//
// server config (what a server case needs; cases.json `keySets[id].server`):
//   { baseURL: string | null            (null: no baseURL option at all)
//     secret: string  |  secrets: [{version, value}]
//     keyPairConfig: {alg, crv?}          (jwt({jwks: {keyPairConfig}}))
//     maxAge: number                      (session.cookieCache.maxAge, seconds)
//     version: string | null              (session.cookieCache.version; null = unset, "1")
//     rotationInterval: number | null     (jwks.rotationInterval, seconds)
//     gracePeriod: number | null }        (jwks.gracePeriod, seconds; Better Auth's default 30 days)
// rows: the `jwks` table, as cases.json stores it: {id, publicKey, privateKey, createdAt,
//   expiresAt, alg, crv?} with dates as ISO strings (null: no expiry).

// lib.mjs scrubs BETTER_AUTH_* from the environment before Better Auth is loaded, and
// gives the frozen clock and the console capture.
import { withClock, captureConsole, VERSIONS, jose } from "../lib.mjs";

const { betterAuth } = await import("better-auth");
const { memoryAdapter } = await import("better-auth/adapters/memory");
const { jwt } = await import("better-auth/plugins/jwt");
const { getCookieCache } = await import("better-auth/cookies");
const { symmetricDecrypt } = await import("better-auth/crypto");
const { base64 } = await import("@better-auth/utils/base64");
// Not exported by the package; the same module instance Better Auth itself uses.
const { parseCookieCachePayload } = await import(new URL("../node_modules/better-auth/dist/cookies/cache.mjs", import.meta.url).href);
const { buildSecretConfig } = await import(new URL("../node_modules/better-auth/dist/context/secret-utils.mjs", import.meta.url).href);

export { withClock, captureConsole, VERSIONS, jose, symmetricDecrypt };

if (VERSIONS["better-auth"] !== "1.7.24") throw new Error(`better-auth 1.7.24 expected, found ${VERSIONS["better-auth"]}`);

export const SESSION_TYP = "better-auth.session-cache+jwt";
export const SESSION_AUD = "better-auth:session-cache";
export const DATA_COOKIE = "better-auth.session_data";
export const TOKEN_COOKIE = "better-auth.session_token";

const ALGS = ["EdDSA", "ES256", "ES512", "RS256", "PS256"];

export function validateServer(s) {
  if (!s || typeof s !== "object") throw new TypeError("server must be an object");
  if (s.baseURL != null && typeof s.baseURL !== "string") throw new TypeError("server.baseURL must be null or a string");
  if (typeof s.secret !== "string" && !Array.isArray(s.secrets)) throw new TypeError("server needs `secret` or `secrets`");
  if (!s.keyPairConfig || typeof s.keyPairConfig.alg !== "string") throw new TypeError("server.keyPairConfig.alg must be a string");
  if (!ALGS.includes(s.keyPairConfig.alg)) throw new TypeError(`unsupported keyPairConfig.alg ${JSON.stringify(s.keyPairConfig.alg)}`);
  if (s.maxAge != null && !Number.isFinite(s.maxAge)) throw new TypeError("server.maxAge must be a number");
  if (s.version != null && typeof s.version !== "string") throw new TypeError("server.version must be null or a string");
  for (const k of ["rotationInterval", "gracePeriod"])
    if (s[k] != null && !Number.isFinite(s[k])) throw new TypeError(`server.${k} must be null or a number`);
}

/** The secret configuration Better Auth builds from `server` (for symmetricDecrypt). */
export function secretConfigOf(server) {
  return Array.isArray(server.secrets) ? buildSecretConfig(server.secrets, server.secret) : server.secret;
}

/**
 * Better Auth options for `server`. `db`: the memory database object. `jwtHeader`: keep the
 * plugin's get-session after-hook that signs an access token into `set-auth-jwt` (minting
 * servers); verifying servers turn it off (disableSettingJwtHeader), so they never need a
 * private key and never create one.
 */
export function authOptions(server, db, { jwtHeader = false } = {}) {
  validateServer(server);
  const keys = Array.isArray(server.secrets)
    ? { secrets: server.secrets.map((s) => ({ version: s.version, value: s.value })), ...(server.secret ? { secret: server.secret } : {}) }
    : { secret: server.secret };
  const jwks = { keyPairConfig: { ...server.keyPairConfig } };
  if (server.rotationInterval != null) jwks.rotationInterval = server.rotationInterval;
  if (server.gracePeriod != null) jwks.gracePeriod = server.gracePeriod;
  return {
    ...(server.baseURL != null ? { baseURL: server.baseURL } : {}),
    ...keys,
    database: memoryAdapter(db),
    emailAndPassword: { enabled: true },
    telemetry: { enabled: false },
    logger: { disabled: true },
    plugins: [jwt({ sessionCookieCache: true, jwks, ...(jwtHeader ? {} : { disableSettingJwtHeader: true }) })],
    session: {
      cookieCache: {
        enabled: true,
        strategy: "jwt",
        maxAge: server.maxAge ?? 300,
        ...(server.version != null ? { version: server.version } : {}),
      },
    },
  };
}

export const emptyDb = (jwksRows = []) => ({ user: [], session: [], account: [], verification: [], jwks: jwksRows });

export function makeAuth(server, db, opts) {
  return betterAuth(authOptions(server, db, opts));
}

// ------------------------------------------------------------------------------ rows

const iso = (d) => (d instanceof Date ? d.toISOString() : d ?? null);

/** A `jwks` row from the memory database, JSON-ready. */
export function rowToJson(r) {
  const out = { id: r.id, publicKey: r.publicKey, privateKey: r.privateKey, createdAt: iso(r.createdAt), expiresAt: iso(r.expiresAt) };
  if (r.alg !== undefined) out.alg = r.alg;
  if (r.crv !== undefined) out.crv = r.crv;
  return out;
}

/** A row as the memory adapter holds it (dates revived). */
export function rowFromJson(r, i) {
  if (!r || typeof r !== "object") throw new TypeError(`rows[${i}] must be an object`);
  if (typeof r.id !== "string" || !r.id) throw new TypeError(`rows[${i}].id must be a non-empty string`);
  if (typeof r.publicKey !== "string") throw new TypeError(`rows[${i}].publicKey must be a string (JSON of the public JWK)`);
  const date = (v, what) => {
    if (v == null) return undefined;
    const d = new Date(v);
    if (!Number.isFinite(d.getTime())) throw new TypeError(`rows[${i}].${what} is not a date`);
    return d;
  };
  const out = {
    id: r.id,
    publicKey: r.publicKey,
    privateKey: typeof r.privateKey === "string" ? r.privateKey : "",
    createdAt: date(r.createdAt, "createdAt") ?? new Date(0),
  };
  const exp = date(r.expiresAt, "expiresAt");
  if (exp) out.expiresAt = exp;
  if (r.alg != null) out.alg = r.alg;
  if (r.crv != null) out.crv = r.crv;
  return out;
}

/** Public-key-only rows from a JWKS (for servers given a JWKS instead of rows). */
export function rowsFromJwks(jwks) {
  if (!jwks || !Array.isArray(jwks.keys)) throw new TypeError("jwks must be {keys: [...]}");
  return jwks.keys.map((k, i) => {
    if (typeof k?.kid !== "string") throw new TypeError(`jwks.keys[${i}].kid must be a string`);
    const { kid, alg, ...pub } = k;
    return { id: kid, publicKey: JSON.stringify(pub), privateKey: "", createdAt: new Date(0).toISOString(), expiresAt: null, ...(alg ? { alg } : {}) };
  });
}

/** The private JWK of a row, decrypted exactly as resolveSigningKey does. */
export async function decryptPrivateJwk(server, row) {
  return JSON.parse(await symmetricDecrypt({ key: secretConfigOf(server), data: JSON.parse(row.privateKey) }));
}

export const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth"];
export const publicPart = (jwk) => Object.fromEntries(Object.entries(jwk).filter(([k]) => !PRIVATE_MEMBERS.includes(k)));

// ------------------------------------------------------------------------------ verdicts

function errMessage(e) {
  if (e && typeof e === "object" && "status" in e && "body" in e) return `APIError ${e.status}: ${e.body?.code ?? ""} ${e.body?.message ?? ""}`.trim();
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** JSON round trip; strings made well-formed (serde_json refuses lone surrogates). */
export const toJson = (v) => (v == null ? null : JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === "string" ? x.toWellFormed() : x))));

/**
 * getCookieCache(new Headers({cookie}), {strategy: "jwt", isSecure: false,
 *   jwt: {jwks, issuer?, audience?}, version?}) at `now`.
 * options: {issuer, audience, version}, null/absent members are not passed.
 */
export async function cookieCacheVerdict({ cookieHeader, jwks, options = {}, now }) {
  let headers;
  try {
    headers = new Headers({ cookie: cookieHeader });
  } catch (e) {
    return { valid: false, payload: null, error: `cannot build a Cookie header: ${errMessage(e)}` };
  }
  const jwtOpts = { jwks };
  if (options.issuer != null) jwtOpts.issuer = options.issuer;
  if (options.audience != null) jwtOpts.audience = options.audience;
  const { result } = await captureConsole(() =>
    withClock(now, async () => {
      try {
        const payload = await getCookieCache(headers, {
          strategy: "jwt",
          isSecure: false,
          jwt: jwtOpts,
          ...(options.version != null ? { version: options.version } : {}),
        });
        return { valid: !!payload, payload: toJson(payload), error: null };
      } catch (e) {
        return { valid: false, payload: null, error: errMessage(e) };
      }
    }),
  );
  return result;
}

const verifiers = new Map();

/** A verifying server: `server` options, a database with only these jwks rows. Cached. */
export function verifierAuth(server, rows) {
  const id = JSON.stringify([server, rows]);
  let auth = verifiers.get(id);
  if (!auth) {
    auth = makeAuth(server, emptyDb(rows.map(rowFromJson)));
    verifiers.set(id, auth);
  }
  return auth;
}

/**
 * auth.api.getSession({headers}) on the verifying server at `now`: a non-null session was
 * served from the cookie cache (the database has no sessions).
 */
export async function serverSessionVerdict(server, rows, cookieHeader, now) {
  const auth = verifierAuth(server, rows);
  const { result } = await captureConsole(() =>
    withClock(now, async () => {
      try {
        const r = await auth.api.getSession({ headers: new Headers(cookieHeader ? { cookie: cookieHeader } : {}) });
        return { valid: r != null, session: toJson(r), error: null };
      } catch (e) {
        return { valid: false, session: null, error: errMessage(e) };
      }
    }),
  );
  return result;
}

/** auth.api.verifyJWT({body: {token, issuer?}}) on the verifying server at `now`. */
export async function accessTokenVerdict(server, rows, token, issuer, now) {
  const auth = verifierAuth(server, rows);
  const { result } = await captureConsole(() =>
    withClock(now, async () => {
      try {
        const r = await auth.api.verifyJWT({ body: { token, ...(issuer != null ? { issuer } : {}) } });
        return { valid: r?.payload != null, payload: toJson(r?.payload ?? null), error: null };
      } catch (e) {
        return { valid: false, payload: null, error: errMessage(e) };
      }
    }),
  );
  return result;
}

/** The iss/aud the plugin's verifyJWT expects on `server` (issuer: the body override). */
export function accessTokenExpectations(server, issuer) {
  // createContext turns options.baseURL into its origin, or "" when unset.
  const origin = server.baseURL != null ? new URL(server.baseURL).origin : "";
  return { issuer: issuer || origin, audience: origin };
}

// ------------------------------------------------------------------------------ replays
//
// Step-by-step replays of the two verifiers, with the same jose calls and options, that
// say WHICH check refused a value. They are used only to label the verdicts Better Auth
// gives (make.mjs aborts when a replay and Better Auth disagree on acceptance).

function classifyJose(e) {
  switch (e?.code) {
    case "ERR_JOSE_ALG_NOT_ALLOWED":
      return "alg";
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return "signature";
    case "ERR_JWT_EXPIRED":
      return e.claim === "exp" ? "expired" : `expired:${e.claim}`;
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      if (e.reason === "invalid") return "claim_type";
      if (e.claim === "nbf") return "not_yet_valid";
      if (e.claim === "aud" || e.claim === "iss") return e.claim;
      return `claim:${e.claim}`;
    case "ERR_JOSE_NOT_SUPPORTED":
      return /Extension Header Parameter/.test(e.message) ? "crit" : "unsupported";
    case "ERR_JWS_INVALID":
    case "ERR_JWT_INVALID":
      return /crit/i.test(e.message) ? "crit" : "malformed";
    default:
      return `error:${e?.code ?? e?.name ?? String(e)}`;
  }
}

/** The replay of getCookieCache's JWKS path (cookies/jwt.mjs + cookies/index.mjs). */
export async function replayCookieCache(token, jwks, options = {}, now) {
  return await withClock(now, async () => {
    let header;
    try {
      header = jose.decodeProtectedHeader(token);
    } catch {
      return "malformed";
    }
    if (header.typ !== SESSION_TYP) return "typ";
    if (!header.kid) return "kid_missing";
    const key = jwks.keys.find((k) => k.kid === header.kid);
    if (!key) return "kid_unknown";
    const alg = key.alg ?? header.alg;
    if (!alg) return "alg";
    let pk;
    try {
      pk = await jose.importJWK(key, alg);
    } catch {
      return "key";
    }
    let payload;
    try {
      ({ payload } = await jose.jwtVerify(token, pk, {
        clockTolerance: 15,
        audience: options.audience ?? SESSION_AUD,
        ...(options.issuer ? { issuer: options.issuer } : {}),
        algorithms: [alg],
      }));
    } catch (e) {
      return classifyJose(e);
    }
    return afterJose(payload, options.version);
  });
}

async function afterJose(payload, version) {
  const { result: data } = await captureConsole(() => parseCookieCachePayload(payload));
  if (!data) return "schema";
  if (typeof payload.iss !== "string" || !payload.iss) return "iss";
  if (payload.sub !== data.user.id) return "sub";
  if (payload.sid !== data.session.token) return "sid";
  if (version && (data.version || "1") !== version) return "version";
  const exp = data.session?.expiresAt ? new Date(data.session.expiresAt).getTime() : NaN;
  if (Number.isFinite(exp) && exp < Date.now()) return "session_expired";
  return null;
}

/** The replay of the plugin's access-token verifyJWT (plugins/jwt/verify.mjs). */
export async function replayAccessToken(token, server, rows, issuer, now) {
  return await withClock(now, async () => {
    const parts = token.split(".");
    if (parts.length !== 3) return "malformed";
    let header;
    try {
      header = JSON.parse(new TextDecoder().decode(base64.decode(parts[0])));
    } catch {
      return "malformed";
    }
    if (!header.kid) return "kid_missing";
    const row = rows.find((r) => r.id === header.kid);
    if (!row) return "kid_unknown";
    const alg = row.alg ?? server.keyPairConfig.alg;
    let pk;
    try {
      pk = await jose.importJWK(JSON.parse(row.publicKey), alg);
    } catch {
      return "key";
    }
    const exp = accessTokenExpectations(server, issuer);
    let payload;
    try {
      ({ payload } = await jose.jwtVerify(token, pk, { issuer: exp.issuer, audience: exp.audience, algorithms: [alg] }));
    } catch (e) {
      return classifyJose(e);
    }
    if (!payload.sub) return "sub";
    if (!payload.aud) return "aud";
    return null;
  });
}
