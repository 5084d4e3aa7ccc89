// Better Auth's verdicts on asymmetric (JWKS) session-cache JWTs and JWT-plugin access
// tokens given on stdin (the reverse direction, for the Rust integration tests).
//
//   node jwks/verify.mjs < cases.json-like-input            (from vectors/)
//
// stdin: { "cases": [ <case>, ... ] }, each case one of
//
//   { "name": "...", "kind": "session_cache",
//     "now": <ms> | null,                  (null = real clock)
//     "cookieHeader": "<Cookie header>"    (or "value": "<session_data value>", sent as
//                                           "better-auth.session_data=<value>")
//     "jwks": {"keys": [...]} | null,      (getCookieCache's jwt.jwks; null: not run)
//     "options": { "issuer": null|string, "audience": null|string, "version": null|string },
//     "server": null | <server> }          (getSession on that server; null: not run)
//
//   { "name": "...", "kind": "access_token",
//     "now": <ms> | null,
//     "token": "<compact JWT>",
//     "issuer": null | string,             (verifyJWT's body `issuer` override)
//     "server": <server> }                 (required: verifyJWT reads the server's rows)
//
// <server>: the server config of jwks/ba.mjs (cases.json keySets[id].server):
//   { "baseURL": null|string, "secret": "..." | "secrets": [{"version", "value"}],
//     "keyPairConfig": {"alg", "crv"?}, "maxAge": 300, "version": null|string,
//     "rotationInterval": null|number, "gracePeriod": null|number }
//   plus the key material, one of
//     "rows": [ {"id", "publicKey": "<JSON of the public JWK>", "privateKey"?, "createdAt"?,
//                "expiresAt"?: null|ISO, "alg"?: null|string, "crv"?} ]   (the jwks table,
//                as cases.json keySets[id].rows; privateKey is never used here)
//     "jwks": {"keys": [...]}              (turned into rows: id = kid, alg = the key's alg)
//   A case that mints with a key loaded from Better Auth's jwks row gives that row here
//   (and the secret that signs the session_token cookie).
//
// stdout: one line { "results": [ { "name",
//     "cookieCache": null | { "valid": bool, "payload": <getCookieCache result as JSON> | null },
//     "session":     null | { "valid": bool, "session": <getSession result as JSON> | null },
//     "accessToken": null | { "valid": bool, "payload": <verifyJWT payload> | null },
//     "error": null | "<what threw, or a bad case: jwks/verify.mjs: ...>" } ] }
// Strings in the returned JSON are made well-formed (a lone surrogate becomes U+FFFD).
// Exit code 2 on unparsable input. Better Auth's log lines go to stderr only.
//
// The verdicts:
// - cookieCache: getCookieCache(new Headers({cookie}), {strategy: "jwt", isSecure: false,
//   jwt: {jwks, issuer?, audience?}, version?}) (better-auth/cookies);
// - session: auth.api.getSession({headers: {cookie}}) on a server built from `server`
//   (memory database with only these jwks rows, no users or sessions; the jwt plugin
//   with sessionCookieCache and disableSettingJwtHeader) — valid: it served the cache;
// - accessToken: auth.api.verifyJWT({body: {token, issuer?}}) on that server.

// Keep stdout for the single result line: anything else goes to stderr.
const out = process.stdout.write.bind(process.stdout);
for (const m of ["log", "info", "debug"]) console[m] = (...a) => console.error(...a);

const { DATA_COOKIE, accessTokenVerdict, cookieCacheVerdict, rowsFromJwks, serverSessionVerdict, validateServer } = await import("./ba.mjs");
const { readCases } = await import("../stdin.mjs");
const input = await readCases("jwks/verify.mjs");

function serverOf(c) {
  const { rows, jwks, ...server } = c.server;
  validateServer(server);
  let r;
  if (Array.isArray(rows)) r = rows;
  else if (jwks) r = rowsFromJwks(jwks);
  else throw new Error("server needs `rows` or `jwks`");
  return { server, rows: r };
}

function checkOptions(o) {
  if (o == null) return {};
  if (typeof o !== "object") throw new Error("options must be an object");
  for (const k of ["issuer", "audience", "version"]) if (o[k] != null && typeof o[k] !== "string") throw new Error(`options.${k} must be null or a string`);
  return o;
}

const results = [];
for (const c of input.cases) {
  const name = c?.name ?? null;
  const res = { name, cookieCache: null, session: null, accessToken: null, error: null };
  try {
    if (!c || typeof c !== "object") throw new Error("a case must be an object");
    if (c.now != null && !Number.isFinite(c.now)) throw new Error("now must be null or a number (ms)");
    const now = c.now ?? null;
    const errors = [];
    if (c.kind === "session_cache") {
      let cookieHeader = c.cookieHeader;
      if (cookieHeader == null && typeof c.value === "string") cookieHeader = `${DATA_COOKIE}=${c.value}`;
      if (typeof cookieHeader !== "string") throw new Error("session_cache needs `cookieHeader` or `value` (strings)");
      const options = checkOptions(c.options);
      if (c.jwks != null) {
        if (!Array.isArray(c.jwks.keys)) throw new Error("jwks must be {keys: [...]}");
        const v = await cookieCacheVerdict({ cookieHeader, jwks: c.jwks, options, now });
        res.cookieCache = { valid: v.valid, payload: v.payload };
        if (v.error) errors.push(`getCookieCache: ${v.error}`);
      }
      if (c.server != null) {
        const { server, rows } = serverOf(c);
        const v = await serverSessionVerdict(server, rows, cookieHeader, now);
        res.session = { valid: v.valid, session: v.session };
        if (v.error) errors.push(`getSession: ${v.error}`);
      }
    } else if (c.kind === "access_token") {
      if (typeof c.token !== "string") throw new Error("access_token needs `token` (a string)");
      if (c.issuer != null && typeof c.issuer !== "string") throw new Error("issuer must be null or a string");
      if (c.server == null) throw new Error("access_token needs `server`");
      const { server, rows } = serverOf(c);
      const v = await accessTokenVerdict(server, rows, c.token, c.issuer ?? null, now);
      res.accessToken = { valid: v.valid, payload: v.payload };
      if (v.error) errors.push(`verifyJWT: ${v.error}`);
    } else throw new Error(`unknown kind ${JSON.stringify(c.kind)}`);
    res.error = errors.length ? errors.join("; ") : null;
  } catch (e) {
    res.error = `jwks/verify.mjs: ${e instanceof Error ? e.message : String(e)}`;
  }
  results.push(res);
}
out(JSON.stringify({ results }) + "\n");
