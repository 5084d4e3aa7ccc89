// The JWKS mode of the package (Better Auth's JWT plugin): every vector of
// vectors/jwks/cases.json through decodeCookieCache / verifySession / verifyAccessToken
// with the public keys only, signing with a private key, the remote JWKS helper's
// refetch rule, and live interop with Better Auth (vectors/jwks/verify.mjs).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test, describe } from "node:test";

import * as sc from "session-cache";

const require = createRequire(import.meta.url);
const VECTORS = new URL("../../vectors/", import.meta.url);
const cases = JSON.parse(readFileSync(new URL("jwks/cases.json", VECTORS), "utf8"));

/** Better Auth's reason → our error kind (as tests/jwks_vectors.rs). */
const KIND = {
  typ: "wrong_token_type",
  kid_missing: "malformed",
  kid_unknown: "unknown_key",
  alg: "unsupported_algorithm",
  key: "unsupported_algorithm",
  crit: "unsupported_algorithm",
  malformed: "malformed",
  claim_type: "malformed",
  signature: "bad_signature",
  iss: "wrong_issuer",
  aud: "wrong_audience",
  expired: "expired",
  not_yet_valid: "not_yet_valid",
  schema: "invalid_payload",
  sub: "wrong_subject",
  sid: "wrong_session_id",
  version: "version_mismatch",
  session_expired: "session_expired",
};

/** Deliberate differences (crate docs): accepted by Better Auth, refused here. */
const DIFFERENT = {
  "/session/exp-missing": "malformed",
  "/session/exp-missing-a-day-later": "malformed",
  "/access/exp-missing-a-day-later": "malformed",
  "/access/typ-session-cache": "wrong_token_type",
};
/** Refused by both; our typ check comes first. */
const OTHER_REASON = { "/access/session-cache-as-access-token": "wrong_token_type" };

const suffix = (name) => name.slice(name.indexOf("/"));
const CLAIMS = ["sid", "iat", "exp", "nbf", "iss", "aud", "sub"];

function sorted(value) {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted(value[k])]));
  return value;
}

function rowsJwks(keySet) {
  return {
    keys: keySet.rows.map((r) => ({ ...JSON.parse(r.publicKey), ...(r.alg ? { alg: r.alg } : {}), kid: r.id })),
  };
}

function serverIssuer(server) {
  return server.baseURL ? new URL(server.baseURL).origin : "better-auth:session-cache";
}

function secretConfig(server) {
  return server.secrets ? { secrets: server.secrets, secret: server.secret } : { secret: server.secret };
}

export function checkJwksVectors(api) {
  const failures = [];
  let accepted = 0;
  let refused = 0;
  for (const v of cases.vectors) {
    const keySet = cases.keySets[v.keySet];
    const jwks = v.jwks ?? keySet.jwks;
    const want = DIFFERENT[suffix(v.name)] ?? (v.expected.valid ? null : OTHER_REASON[suffix(v.name)] ?? KIND[v.expected.reason]);
    let got;
    if (v.kind === "session_cache") {
      const o = v.options;
      const config = {
        strategy: "jwt",
        jwt: { jwks, ...(o.issuer ? { issuer: o.issuer } : {}), ...(o.audience ? { audience: o.audience } : {}) },
        ...(o.version ? { version: o.version } : {}),
        dates: "string",
        now: v.now,
      };
      const r = api.decodeCookieCache(v.value, config);
      got = r.valid ? null : r.error;
      if (r.valid && want === null) {
        const theirs = { ...v.expected.payload };
        for (const c of CLAIMS) delete theirs[c];
        if (JSON.stringify(sorted(r.payload)) !== JSON.stringify(sorted(theirs))) failures.push(`${v.name}: payload`);
      }
      // getCookieCache on the real Cookie header agrees.
      const viaHeader = api.getCookieCache(v.cookieHeader, config);
      if ((viaHeader !== null) !== r.valid) failures.push(`${v.name}: getCookieCache disagrees`);
      // The server's getSession, offline, with and without its secret.
      if (v.server) {
        const server = keySet.server;
        for (const secrets of [secretConfig(server), {}]) {
          const s = api.verifySession(v.cookieHeader, {
            strategy: "jwt",
            jwt: { jwks: rowsJwks(keySet), issuer: serverIssuer(server) },
            ...(server.version ? { version: server.version } : {}),
            ...secrets,
            now: v.now,
          });
          const wantValid = v.server.valid && DIFFERENT[suffix(v.name)] === undefined;
          if (s.valid !== wantValid) failures.push(`${v.name}: server ${v.server.valid}, ours ${s.error ?? "valid"}`);
        }
      }
    } else {
      const o = v.options;
      const r = api.verifyAccessToken(
        v.value,
        { jwks: rowsJwks(keySet), ...(o.issuer ? { issuer: o.issuer } : {}), ...(o.audience ? { audience: o.audience } : {}) },
        { now: v.now },
      );
      got = r.valid ? null : r.error;
      if (r.valid && want === null && JSON.stringify(r.payload) !== JSON.stringify(v.expected.payload))
        failures.push(`${v.name}: claims`);
    }
    if (got !== want) failures.push(`${v.name}: got ${got ?? "valid"}, want ${want ?? "valid"}`);
    if (got === null) accepted++;
    else refused++;
  }
  return { failures, accepted, refused };
}

const PAYLOAD = {
  session: {
    id: "s1",
    token: "tok-wasm",
    userId: "u1",
    expiresAt: "2026-11-29T06:29:25.877Z",
    createdAt: "2026-11-22T06:29:25.877Z",
  },
  user: { id: "u1", email: "ada@example.com", name: "Ada", emailVerified: true },
};
const NOW = 1_795_328_965_877;

/**
 * A private signing key for `alg`: generated by the package, except RSA, whose key
 * generation the WebAssembly build leaves out (slow there, and most of RSA's size): those
 * come from node:crypto as a JWK.
 */
function signingKeyFor(api, alg) {
  if (alg === "RS256" || alg === "PS256") {
    const jwk = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
    return { ...jwk, alg };
  }
  return api.generateSigningKey(alg);
}

function roundTrips(api) {
  for (const alg of ["EdDSA", "ES256", "ES512", "RS256", "PS256"]) {
    const signingKey = signingKeyFor(api, alg);
    assert.equal(signingKey.alg, alg);
    const jwks = api.publicJwks(signingKey);
    assert.ok(jwks.keys[0].kid);
    assert.equal(jwks.keys[0].d, undefined);
    const issuer = "https://auth.example.com";
    const value = api.encodeCookieCache(PAYLOAD, { strategy: "jwt", jwt: { signingKey, issuer } }, { now: NOW });
    // jwks as an object and as JSON text; no secret anywhere.
    for (const set of [jwks, JSON.stringify(jwks)]) {
      const r = api.decodeCookieCache(value, { strategy: "jwt", jwt: { jwks: set, issuer }, now: NOW });
      assert.equal(r.valid, true, `${alg}: ${r.error}`);
      assert.equal(r.payload.user.email, "ada@example.com");
      assert.equal(r.expiresAt, 1_795_329_265_000);
    }
    const wrong = api.decodeCookieCache(value, { strategy: "jwt", jwt: { jwks, issuer: "https://x" }, now: NOW });
    assert.equal(wrong.error, "wrong_issuer");
    // The whole Cookie header: the token bound to the cache's sid without a secret.
    const header = `better-auth.session_token=tok-wasm.sig; better-auth.session_data=${value}`;
    const v = api.createVerifier({ strategy: "jwt", jwt: { jwks, issuer } });
    const s = v.verifySession(header, { now: NOW });
    assert.equal(s.valid, true, s.error);
    assert.equal(s.user.id, "u1");
    assert.equal(v.verifySession(header.replace("tok-wasm.", "other."), { now: NOW }).error, "token_mismatch");
    assert.throws(() => v.signSessionToken("x"), (e) => e.code === "invalid_key");
  }
  // Bad configuration: typed errors.
  assert.throws(() => api.createVerifier({ strategy: "jwt", jwt: { jwks: "not json" } }), (e) => e instanceof TypeError && e.code === "invalid_key");
  assert.throws(() => api.createVerifier({ strategy: "jwe", jwt: { jwks: { keys: [] } } }), (e) => e.code === "invalid_options");
  assert.throws(() => api.createVerifier({ strategy: "jwt", jwt: { jwks: { keys: [{ kty: "RSA", n: "AQAB", e: "AQAB" }] } } }), (e) => e.code === "invalid_key");
  assert.throws(() => api.generateSigningKey("HS256"), (e) => e.code === "invalid_options");
  assert.throws(() => api.generateSigningKey("RS256"), (e) => e.code === "unsupported_algorithm");
  assert.throws(() => api.verifyAccessToken("a.b.c", {}), (e) => e.code === "invalid_key");
}

function accessTokens(api) {
  const v = cases.vectors.find((x) => x.name === "ES256/access/token-endpoint");
  const jwks = cases.keySets[v.keySet].jwks;
  const config = { jwks, issuer: "http://localhost:3000", audience: "http://localhost:3000" };
  for (const input of [v.value, `Bearer ${v.value}`, new Headers({ authorization: `Bearer ${v.value}` }), new Request("https://x", { headers: { authorization: `Bearer ${v.value}` } })]) {
    const r = api.verifyAccessToken(input, config, { now: v.now });
    assert.equal(r.valid, true, r.error);
    assert.equal(r.subject, v.expected.payload.sub);
    assert.equal(r.kid, jwks.keys[0].kid);
  }
  assert.equal(api.verifyAccessToken("", config, { now: v.now }).error, "malformed");
}

async function remoteJwks(api) {
  const key1 = api.generateSigningKey("EdDSA");
  const key2 = api.generateSigningKey("EdDSA");
  let served = api.publicJwks([key1]);
  let fetches = 0;
  let clock = NOW;
  const realNow = Date.now;
  Date.now = () => clock;
  try {
    const fetch = async (url) => {
      fetches++;
      assert.equal(url, "https://auth.example.com/api/auth/jwks");
      return { ok: true, status: 200, text: async () => JSON.stringify(served) };
    };
    const remote = api.createRemoteJwks("https://auth.example.com/api/auth/jwks", { fetch, maxAge: 600, cooldown: 30 });
    // Nothing fetched yet: unknown_key, and a fetch starts.
    const verifier = api.createVerifier({ strategy: "jwt", jwt: { jwks: remote } });
    const sign = (signingKey) => api.encodeCookieCache(PAYLOAD, { strategy: "jwt", jwt: { signingKey } }, { now: clock });
    assert.equal(verifier.decodeCookieCache(sign(key1)).error, "unknown_key");
    await remote.ready();
    assert.equal(fetches, 1);
    assert.equal(verifier.decodeCookieCache(sign(key1)).valid, true);
    // A rotation: the new kid is unknown; the refetch waits for the cooldown.
    served = api.publicJwks([key2, key1]);
    clock += 10_000;
    assert.equal(verifier.decodeCookieCache(sign(key2)).error, "unknown_key");
    await (remote.refreshing ?? Promise.resolve());
    assert.equal(fetches, 1, "no refetch within the cooldown");
    clock += 30_000;
    assert.equal(verifier.decodeCookieCache(sign(key2)).error, "unknown_key");
    assert.ok(remote.refreshing, "an unknown kid after the cooldown refetches");
    await remote.refreshing;
    assert.equal(fetches, 2);
    assert.equal(verifier.decodeCookieCache(sign(key2)).valid, true);
    // Made-up kids cannot make it hammer the server.
    for (let i = 0; i < 20; i++) verifier.decodeCookieCache(sign(api.generateSigningKey("EdDSA")));
    await (remote.refreshing ?? Promise.resolve());
    assert.equal(fetches, 2);
    // A stale set refreshes in the background; verifies keep using the old one meanwhile.
    clock += 600_000;
    assert.equal(verifier.decodeCookieCache(sign(key2)).valid, true);
    await remote.refreshing;
    assert.equal(fetches, 3);
    // verifyAccessToken takes the same remote set.
    const token = sign(key1);
    assert.equal(api.verifyAccessToken(token, { jwks: remote }).error, "wrong_token_type");
    // A failing fetch keeps the set in use and reports the error.
    const failing = api.createRemoteJwks("https://auth.example.com/api/auth/jwks", {
      fetch: async () => ({ ok: false, status: 503, text: async () => "" }),
    });
    await assert.rejects(failing.ready(), /HTTP 503/);
    assert.match(String(failing.error), /503/);
  } finally {
    Date.now = realNow;
  }
}

/** Our values, checked by the real Better Auth (vectors/jwks/verify.mjs). */
function liveInterop(api) {
  const keySet = cases.keySets["ES256/single"];
  const server = { ...keySet.server, rows: keySet.rows };
  const now = NOW;
  const cacheCases = [];
  for (const alg of ["EdDSA", "ES256", "ES512", "RS256", "PS256"]) {
    const signingKey = signingKeyFor(api, alg);
    const jwks = api.publicJwks(signingKey);
    const value = api.encodeCookieCache(PAYLOAD, { strategy: "jwt", jwt: { signingKey, issuer: "http://localhost:3000" } }, { now });
    cacheCases.push({ name: `${alg}/ours`, kind: "session_cache", now, value, jwks, options: { issuer: "http://localhost:3000" }, server: null });
    const parts = value.split(".");
    const tampered = [parts[0], Buffer.from(Buffer.from(parts[1], "base64url").toString().replace("Ada", "Eve")).toString("base64url"), parts[2]].join(".");
    cacheCases.push({ name: `${alg}/tampered`, kind: "session_cache", now, value: tampered, jwks, options: {}, server: null });
  }
  const input = JSON.stringify({ cases: cacheCases });
  const out = spawnSync(process.execPath, ["jwks/verify.mjs"], { cwd: VECTORS, input, encoding: "utf8", maxBuffer: 1 << 26 });
  assert.equal(out.status, 0, out.stderr);
  const results = JSON.parse(out.stdout.trim().split("\n").pop()).results;
  for (const r of results) {
    assert.equal(r.error, null, `${r.name}: ${r.error}`);
    assert.equal(r.cookieCache.valid, r.name.endsWith("/ours"), r.name);
  }
  void server;
}

describe("JWKS mode (Better Auth's JWT plugin)", () => {
  test("every vector of vectors/jwks/cases.json", () => {
    const r = checkJwksVectors(sc);
    assert.deepEqual(r.failures, []);
    assert.equal(r.accepted + r.refused, 548);
    console.log(`# jwks vectors: ${r.accepted} accepted, ${r.refused} refused`);
  });
  test("sign and verify with each algorithm, no secret", () => roundTrips(sc));
  test("access tokens from a string, Bearer, Headers, Request", () => accessTokens(sc));
  test("remote JWKS: refetch on unknown kid, cooldown, staleness", () => remoteJwks(sc));
  test("CommonJS build", () => roundTrips(require("session-cache")));
  test("live: Better Auth's getCookieCache accepts what we sign", { skip: process.env.SESSION_CACHE_SKIP_NODE === "1" }, () => liveInterop(sc));
});
