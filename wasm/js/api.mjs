// The public JavaScript API of the `session-cache` package, over the wasm-bindgen
// bindings of the Rust library. One source for every build: `scripts/build.mjs` copies
// it as `pkg/api.mjs` and, for CommonJS, as `pkg/api.cjs`.
//
// Translation only: configuration and inputs become arguments of the Rust `Verifier`,
// its results become JavaScript values. Every format, signature and policy decision is
// the Rust library's.

const DATE_FIELDS = ["expiresAt", "createdAt", "updatedAt"];

/**
 * The `Date` fields Better Auth's reader gives: session and user dates. `ms`: their Unix
 * ms as the module read them (`Verifier.dateMs`: session then user, in DATE_FIELDS order,
 * NaN where it has none), which are `new Date(s).getTime()` of those strings: no string
 * is parsed twice.
 */
function reviveDates(payload, ms) {
  const parts = [payload.session, payload.user];
  for (let p = 0; p < 2; p++) {
    const part = parts[p];
    if (part === null || typeof part !== "object") continue;
    for (let k = 0; k < DATE_FIELDS.length; k++) {
      const key = DATE_FIELDS[k];
      if (typeof part[key] !== "string") continue;
      const t = ms === undefined ? NaN : ms[p * 3 + k];
      part[key] = Number.isNaN(t) ? new Date(part[key]) : new Date(t);
    }
  }
  return payload;
}

function typeError(message, code = "invalid_options") {
  const error = new TypeError(`session-cache: ${message}`);
  error.code = code;
  return error;
}

/** The variables Better Auth reads its secrets from; the library decides their precedence. */
const ENV_NAMES = ["BETTER_AUTH_SECRETS", "BETTER_AUTH_SECRET", "AUTH_SECRET"];

/** Those variables where the runtime has `process.env`: { names, values } of the set ones. */
function envSecrets() {
  try {
    const env = globalThis.process?.env;
    if (!env || typeof env !== "object") return undefined;
    const names = [];
    const values = [];
    for (const name of ENV_NAMES) {
      const value = env[name];
      if (typeof value === "string" && value !== "") {
        names.push(name);
        values.push(value);
      }
    }
    return { names, values };
  } catch {
    return undefined; // e.g. Deno without --allow-env
  }
}

function sameEnv(a, b) {
  if (a === undefined || b === undefined) return a === b;
  return a.names.join("\0") === b.names.join("\0") && a.values.join("\0") === b.values.join("\0");
}

function usesEnv(config) {
  return (config.secret === undefined || config.secret === null || config.secret === "") &&
    (config.secrets === undefined || config.secrets === null);
}

function optionalString(config, key) {
  const v = config[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw typeError(`${key} must be a string`);
  return v;
}

function optionalSeconds(config, key) {
  const v = config[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0)
    throw typeError(`${key} must be a non-negative integer number of seconds`);
  return v;
}

function toMillis(value, what) {
  if (typeof value === "function") value = value();
  if (value instanceof Date) value = value.getTime();
  if (typeof value !== "number" || !Number.isFinite(value))
    throw typeError(`${what} must be a time in Unix milliseconds, a Date or a function returning one`);
  return value;
}

/**
 * The resolved keys for the Rust constructor: { secret, secretsEnv, versions, values }
 * from the configuration, or { envNames, envValues }: the environment's variables, which
 * the library reads as Better Auth does (Keyring::from_env).
 */
function resolveKeys(config) {
  let secret = optionalString(config, "secret");
  const secrets = config.secrets;
  const keys = {
    secret: undefined,
    secretsEnv: undefined,
    versions: undefined,
    values: undefined,
    envNames: undefined,
    envValues: undefined,
  };
  if (usesEnv(config)) {
    const env = envSecrets();
    if (env && env.names.length > 0) {
      keys.envNames = env.names;
      keys.envValues = env.values;
    }
    return keys;
  }
  if (secret === "") secret = undefined;
  keys.secret = secret;
  if (secrets === undefined || secrets === null) return keys;
  if (typeof secrets === "string") {
    keys.secretsEnv = secrets;
  } else if (Array.isArray(secrets)) {
    keys.versions = new Uint32Array(secrets.length);
    keys.values = new Array(secrets.length);
    secrets.forEach((entry, i) => {
      if (entry === null || typeof entry !== "object")
        throw typeError(`secrets[${i}] must be an object {version, value}`, "invalid_key");
      const { version, value } = entry;
      if (typeof version !== "number" || !Number.isInteger(version) || version < 0 || version > 0xffffffff)
        throw typeError(`secrets[${i}].version must be a non-negative integer`, "invalid_key");
      if (typeof value !== "string") throw typeError(`secrets[${i}].value must be a string`, "invalid_key");
      keys.versions[i] = version;
      keys.values[i] = value;
    });
  } else {
    throw typeError('secrets must be an array of {version, value} or a string like "2:new,1:old"', "invalid_key");
  }
  return keys;
}

/**
 * The JSON text of a JWKS or JWK given as an object or as JSON text (the library parses
 * and checks it).
 */
function jsonText(value, what) {
  if (typeof value === "string") return value;
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  throw typeError(`${what} must be an object or its JSON text`, "invalid_key");
}

/** Better Auth's `jwt` option of getCookieCache: {jwks, issuer, audience}, and ours, signingKey. */
function jwtOptions(config) {
  const jwt = config.jwt;
  if (jwt === undefined || jwt === null) return undefined;
  if (typeof jwt !== "object") throw typeError("jwt must be an object {jwks, issuer, audience, signingKey}");
  const out = { remote: undefined, jwks: undefined, signingKey: undefined };
  out.issuer = optionalString(jwt, "issuer");
  out.audience = optionalString(jwt, "audience");
  if (jwt.jwks instanceof RemoteJwks) out.remote = jwt.jwks;
  else if (jwt.jwks !== undefined && jwt.jwks !== null) out.jwks = jsonText(jwt.jwks, "jwt.jwks");
  if (jwt.signingKey !== undefined && jwt.signingKey !== null) out.signingKey = jsonText(jwt.signingKey, "jwt.signingKey");
  return out;
}

const EMPTY_JWKS = '{"keys":[]}';

/**
 * A JWKS fetched from the auth server (`/api/auth/jwks`) and kept fresh by the library's
 * refetch rule: again when older than `maxAge`, or when a token names a kid the set
 * lacks, never twice within `cooldown`. Fetches run in the background; every verify
 * stays synchronous and uses the set at hand.
 */
let RemoteJwksRule; // bindings.JwksRefresh, set by createApi
class RemoteJwks {
  #url;
  #fetch;
  #rule;
  #text;
  #version = 0;
  #pending = null;
  #error = null;
  #validate;

  constructor(url, options = {}, validate) {
    if (typeof url !== "string" && !(url instanceof URL)) throw typeError("the JWKS URL must be a string or a URL");
    if (options === null || typeof options !== "object") throw typeError("options must be an object");
    const f = options.fetch ?? globalThis.fetch;
    if (typeof f !== "function") throw typeError("no fetch: pass options.fetch");
    this.#url = String(url);
    this.#fetch = f;
    this.#rule = new RemoteJwksRule(optionalSeconds(options, "maxAge"), optionalSeconds(options, "cooldown"));
    this.#validate = validate;
    if (options.jwks !== undefined && options.jwks !== null) {
      const text = jsonText(options.jwks, "options.jwks");
      validate(text);
      this.#text = text;
      this.#version = 1;
      this.#rule.fetched(Date.now());
    }
  }

  /** The URL fetched. */
  get url() {
    return this.#url;
  }
  /** The JWKS text in use, or undefined before the first fetch succeeds. */
  get jwks() {
    return this.#text;
  }
  /** Counts the sets fetched: a verifier re-reads the set when it changes. */
  get version() {
    return this.#version;
  }
  /** The error of the last fetch, or null. */
  get error() {
    return this.#error;
  }
  /** The fetch in flight, or null (for `ctx.waitUntil` in a Worker). */
  get refreshing() {
    return this.#pending;
  }

  #start(now) {
    this.#rule.fetchStarted(now);
    const run = async () => {
      try {
        const res = await this.#fetch(this.#url, { headers: { accept: "application/json" } });
        if (!res.ok) throw new Error(`GET ${this.#url}: HTTP ${res.status}`);
        const text = await res.text();
        this.#validate(text);
        this.#text = text;
        this.#version++;
        this.#error = null;
        this.#rule.fetched(Date.now());
      } catch (e) {
        this.#error = e;
      } finally {
        this.#pending = null;
      }
    };
    this.#pending = run();
    return this.#pending;
  }

  /** Fetches now if the rule allows it (missing, stale, or `unknownKid`); resolves when done. */
  refresh({ unknownKid = false } = {}) {
    if (this.#pending) return this.#pending;
    const now = Date.now();
    if (this.#rule.shouldFetch(now, unknownKid)) return this.#start(now);
    return Promise.resolve();
  }

  /**
   * Resolves once a set is at hand: fetches when none is (or it is stale and the rule
   * allows a fetch), waits for a fetch in flight. Rejects with the fetch error when no set
   * could be had at all.
   */
  async ready() {
    await this.refresh();
    if (this.#text === undefined) throw this.#error ?? new Error(`no JWKS from ${this.#url} yet`);
    return this;
  }

  /** Called by verifiers before each verify: a background fetch when the set is stale. */
  touch(now) {
    if (!this.#pending && this.#rule.shouldFetch(now, false)) void this.#start(now);
  }

  /** Called by verifiers when a token named a kid the set lacks. */
  unknownKid(now) {
    if (!this.#pending && this.#rule.shouldFetch(now, true)) void this.#start(now);
  }
}

/** The fields a configuration is made of, to tell whether a cached verifier still fits. */
const CONFIG_KEYS = [
  "secret",
  "strategy",
  "version",
  "isSecure",
  "cookiePrefix",
  "cookieName",
  "domain",
  "maxAge",
  "freshAge",
  "updateAge",
  "verifyWithOlderSecrets",
  "dates",
  "now",
];

const JWT_KEYS = ["jwks", "issuer", "audience", "signingKey"];

function sameConfig(snapshot, config) {
  for (const key of CONFIG_KEYS) if (snapshot[key] !== config[key]) return false;
  const jwt = config.jwt ?? undefined;
  if ((snapshot.jwt === undefined) !== (jwt === undefined || jwt === null)) return false;
  if (snapshot.jwt !== undefined) for (const key of JWT_KEYS) if (snapshot.jwt[key] !== jwt[key]) return false;
  if (snapshot.env !== undefined && !sameEnv(envSecrets() ?? { names: [], values: [] }, snapshot.env)) return false;
  const a = snapshot.secrets;
  const b = config.secrets;
  if (Array.isArray(b)) {
    if (!Array.isArray(a) || a.length !== b.length) return false;
    for (let i = 0; i < b.length; i++) {
      if (a[i].version !== b[i]?.version || a[i].value !== b[i]?.value) return false;
    }
    return true;
  }
  return a === b;
}

function snapshotOf(config) {
  const snapshot = {};
  for (const key of CONFIG_KEYS) snapshot[key] = config[key];
  if (config.jwt !== undefined && config.jwt !== null && typeof config.jwt === "object") {
    snapshot.jwt = {};
    for (const key of JWT_KEYS) snapshot.jwt[key] = config.jwt[key];
  }
  const s = config.secrets;
  snapshot.secrets = Array.isArray(s) ? s.map((e) => ({ version: e?.version, value: e?.value })) : s;
  if (usesEnv(config)) snapshot.env = envSecrets() ?? { names: [], values: [] };
  return snapshot;
}

/**
 * The `Cookie` header of `input`: a string (the header itself), a fetch `Request` or
 * anything with `headers`, a `Headers`, or a Node `IncomingMessage` (plain `headers`).
 */
function cookieHeaderOf(input) {
  if (typeof input === "string") return input;
  if (input === null || typeof input !== "object")
    throw typeError("input must be a Request, a Headers or a Cookie header string");
  let headers = input;
  if (typeof input.get !== "function" && "headers" in input) headers = input.headers;
  if (headers && typeof headers.get === "function") {
    const v = headers.get("cookie");
    if (v === null || v === undefined) return "";
    if (typeof v !== "string") throw typeError("input.get('cookie') did not return a string");
    return v;
  }
  if (headers && typeof headers === "object") {
    const v = headers.cookie;
    if (v === undefined || v === null) return "";
    if (Array.isArray(v)) return v.join("; ");
    if (typeof v === "string") return v;
  }
  throw typeError("input must be a Request, a Headers or a Cookie header string");
}

/** The token of an `Authorization: Bearer` header, a Request or Headers, or the token itself. */
function bearerOf(input) {
  let value = input;
  if (typeof input !== "string") {
    if (input === null || typeof input !== "object") throw typeError("the token must be a string, a Request or a Headers");
    let headers = input;
    if (typeof input.get !== "function" && "headers" in input) headers = input.headers;
    value = typeof headers?.get === "function" ? headers.get("authorization") : headers?.authorization;
    if (value === null || value === undefined) value = "";
    if (typeof value !== "string") throw typeError("the Authorization header must be a string");
  }
  const m = /^\s*Bearer\s+/i.exec(value);
  return (m ? value.slice(m[0].length) : value).trim();
}

export function createApi(bindings, assertReady = () => {}) {
  const WasmVerifier = bindings.Verifier;
  RemoteJwksRule = bindings.JwksRefresh;
  const validateJwks = (text) => new bindings.AccessTokenVerifier(text).free();
  // Strings go into the module through each verifier's input buffer, written with the
  // native TextEncoder.encodeInto: for a 1 KB cookie about 0.3 µs, where wasm-bindgen's
  // copy of a string argument (a character-by-character loop) takes about 4 µs.
  const encoder = new TextEncoder();
  let memory;
  /** Writes `text` into `w`'s input buffer; its UTF-8 length, for w.decode & co. */
  const putInput = (w, text) => {
    const capacity = text.length * 3; // UTF-8 of a UTF-16 string, at the most
    const address = w.inputBuffer(capacity); // may grow the memory: take its buffer after
    memory ??= bindings.wasmMemory();
    return encoder.encodeInto(text, new Uint8Array(memory.buffer, address, capacity)).written;
  };

  class Verifier {
    #w;
    #versionFn;
    #dates;
    #now;
    #encodeVersion;
    #remote;
    #remoteVersion = 0;

    constructor(config) {
      assertReady();
      if (config === undefined) config = {};
      if (config === null || typeof config !== "object") throw typeError("config must be an object");
      const keys = resolveKeys(config);
      const jwt = jwtOptions(config);
      const publicKeys = jwt !== undefined && (jwt.jwks !== undefined || jwt.remote !== undefined || jwt.signingKey !== undefined);
      if (jwt?.remote !== undefined) {
        this.#remote = jwt.remote;
        this.#remoteVersion = jwt.remote.version;
        jwt.jwks = jwt.remote.jwks ?? EMPTY_JWKS;
      }
      if (
        !publicKeys &&
        keys.secret === undefined &&
        keys.secretsEnv === undefined &&
        keys.versions === undefined &&
        keys.envNames === undefined
      )
        throw typeError(
          "a secret is required: pass `secret` or `secrets` (or set BETTER_AUTH_SECRET)",
          "invalid_key",
        );
      const strategy = optionalString(config, "strategy");
      let version;
      const v = config.version;
      if (typeof v === "function") this.#versionFn = v;
      else if (typeof v === "string") version = v === "" ? undefined : v;
      else if (v !== undefined && v !== null)
        throw typeError("version must be a string or a function (session, user) => string");
      this.#encodeVersion = version ?? "1";
      for (const key of ["isSecure", "verifyWithOlderSecrets"]) {
        if (config[key] !== undefined && config[key] !== null && typeof config[key] !== "boolean")
          throw typeError(`${key} must be a boolean`);
      }
      const dates = config.dates ?? "date";
      if (dates !== "date" && dates !== "string") throw typeError('dates must be "date" or "string"');
      this.#dates = dates === "date";
      if (config.now !== undefined && config.now !== null) {
        toMillis(config.now, "now");
        this.#now = config.now;
      }
      try {
        this.#w = new WasmVerifier(
          keys.secret,
          keys.secretsEnv,
          keys.versions,
          keys.values,
          keys.envNames,
          keys.envValues,
          strategy,
          version,
          this.#versionFn !== undefined,
          config.verifyWithOlderSecrets === true,
          optionalString(config, "cookiePrefix"),
          optionalString(config, "cookieName"),
          config.isSecure ?? undefined,
          optionalString(config, "domain"),
          optionalSeconds(config, "maxAge"),
          optionalSeconds(config, "freshAge"),
          optionalSeconds(config, "updateAge"),
          jwt?.jwks,
          jwt?.issuer,
          jwt?.audience,
          jwt?.signingKey,
        );
      } catch (e) {
        if (e instanceof TypeError) throw e;
        throw typeError(e instanceof Error ? e.message : String(e));
      }
      this.#initRevocation(config);
    }

    /** The strategy this verifier reads and writes. */
    get strategy() {
      return this.#w.strategy;
    }

    #time(options) {
      let now;
      if (options !== undefined && options !== null && options.now !== undefined) now = toMillis(options.now, "now");
      else if (this.#now !== undefined) now = toMillis(this.#now, "now");
      else now = Date.now();
      const remote = this.#remote;
      if (remote !== undefined) {
        // A remote JWKS: take the latest set fetched, and let a stale one refresh.
        if (remote.version !== this.#remoteVersion) {
          this.#w.setJwks(remote.jwks);
          this.#remoteVersion = remote.version;
        }
        remote.touch(Date.now());
      }
      return now;
    }

    /** After a failed verify: an unknown kid may mean a rotation the remote set has not seen. */
    #failed() {
      if (this.#remote !== undefined && this.#w.errorKind === "unknown_key") this.#remote.unknownKid(Date.now());
    }

    /** What the version function returns for a payload: a string, else a TypeError. */
    #expectedVersion(payload) {
      const expected = this.#versionFn(payload.session, payload.user);
      if (typeof expected !== "string") {
        if (expected && typeof expected.then === "function")
          throw typeError("the version function must return a string synchronously (not a Promise)");
        throw typeError("the version function must return a string");
      }
      return expected;
    }

    /**
     * The payload of a verified JSON text; with a version function, checked against
     * what it returns (by the library, on the payload it just verified): null on a
     * mismatch, the error then readable.
     */
    #payload(json, checkVersion = true) {
      const payload = JSON.parse(json);
      if (this.#dates) reviveDates(payload, this.#w.dateMs);
      if (checkVersion && this.#versionFn !== undefined) {
        if (!this.#w.checkVersion(this.#expectedVersion(payload))) return null;
      }
      return payload;
    }

    #failure() {
      return { valid: false, error: this.#w.errorKind, message: this.#w.errorMessage };
    }

    /** The verified payload of the request's cookie cache, or null (Better Auth's getCookieCache). */
    getCookieCache(input, options) {
      const header = cookieHeaderOf(input);
      const json = this.#getCookieCacheOf(header, this.#time(options));
      if (json === undefined) this.#failed();
      return json === undefined ? null : this.#payload(json);
    }

    #decode(value, now) {
      return this.#w.decode(putInput(this.#w, value), now);
    }

    #getCookieCacheOf(header, now) {
      return this.#w.getCookieCache(putInput(this.#w, header), now);
    }

    #verifySessionOf(header, now, expected) {
      return this.#w.verifySession(putInput(this.#w, header), now, expected);
    }

    /** Decodes and verifies a cookie-cache value: {valid: true, payload, expiresAt} or {valid: false, error, message}. */
    decodeCookieCache(value, options) {
      if (typeof value !== "string") throw typeError("the cookie value must be a string");
      const json = this.#decode(value, this.#time(options));
      if (json === undefined) {
        this.#failed();
        return this.#failure();
      }
      const expiresAt = this.#w.expiresAt;
      const payload = this.#payload(json);
      if (payload === null) return this.#failure();
      return { valid: true, payload, expiresAt, strategy: this.#w.strategy };
    }

    /** The offline session check (Better Auth's getSession served from the cookie cache). */
    verifySession(input, options) {
      const header = cookieHeaderOf(input);
      const now = this.#time(options);
      let expected;
      if (this.#versionFn !== undefined) {
        // The version function needs the cache's session and user: read the cache
        // first, then let the session check compare its version in its own order.
        const peek = this.#getCookieCacheOf(header, now);
        if (peek !== undefined) expected = this.#expectedVersion(this.#payload(peek, false));
      }
      return this.#sessionResult(header, now, expected);
    }

    /** The session check of `header` expecting `expected` (else the configured version): its result. */
    #sessionResult(header, now, expected) {
      const json = this.#verifySessionOf(header, now, expected);
      if (json === undefined) {
        this.#failed();
        return this.#failure();
      }
      const w = this.#w;
      const expiresAt = w.expiresAt;
      const fresh = w.fresh;
      const needsRefresh = w.needsRefresh;
      const dontRemember = w.dontRemember;
      const payload = this.#payload(json, false);
      return {
        valid: true,
        session: payload.session,
        user: payload.user,
        payload,
        expiresAt,
        fresh,
        needsRefresh,
        dontRemember,
      };
    }

    #payloadText(payload, now) {
      if (typeof payload === "string") return payload;
      if (payload === null || typeof payload !== "object")
        throw typeError("the payload must be an object {session, user} or its JSON text", "invalid_payload");
      let full = payload;
      if (payload.updatedAt === undefined || payload.version === undefined) {
        let version = payload.version;
        if (version === undefined) {
          version = this.#versionFn !== undefined ? this.#versionFn(payload.session, payload.user) : this.#encodeVersion;
          if (typeof version !== "string") throw typeError("the version function must return a string synchronously");
        }
        full = { ...payload, updatedAt: payload.updatedAt ?? now, version };
      }
      return JSON.stringify(full);
    }

    /** The cookie-cache value of a payload ({session, user}; `updatedAt` and `version` are filled in when absent). */
    encodeCookieCache(payload, options) {
      const now = this.#time(options);
      const maxAge = optionalSeconds(options ?? {}, "maxAge");
      return this.#w.encode(this.#payloadText(payload, now), now, maxAge);
    }

    /** The Set-Cookie header values that write the cache (chunks included), expiring stale chunks of `options.request`. */
    setCookieCacheHeaders(payload, options) {
      const now = this.#time(options);
      const maxAge = optionalSeconds(options ?? {}, "maxAge");
      const request = options?.request;
      const header = request === undefined || request === null ? undefined : cookieHeaderOf(request);
      return this.#w.setCookies(this.#payloadText(payload, now), now, maxAge, header);
    }

    /** The signed session token as it goes in Set-Cookie (encodeURIComponent(token + "." + signature)). */
    signSessionToken(token) {
      if (typeof token !== "string") throw typeError("the token must be a string");
      return this.#w.signSessionToken(token);
    }

    /** The token of a signed session-token cookie value (as parsed, percent-decoded), or null. */
    verifySessionToken(value) {
      if (typeof value !== "string") throw typeError("the signed value must be a string");
      return this.#w.verifySessionToken(value) ?? null;
    }

    /** Frees the keys now rather than when the verifier is garbage-collected. */
    free() {
      this.#w.free();
      this.#revocations?.free();
    }

    [Symbol.dispose]() {
      this.free();
    }

    // ---- Revocation through the session store: the `isRevoked` hook ----------------
    // The hook reads the store (Redis over HTTP, ioredis, …) and returns what it said;
    // the decision is the library's (`Revocations.decide`). The synchronous path above
    // never calls it.
    #isRevoked;
    #revocations;
    #revocationTimeout;

    #initRevocation(config) {
      const hook = config.isRevoked;
      const r = config.revocation;
      if (hook === undefined || hook === null) {
        if (r !== undefined && r !== null) throw typeError("revocation options need an isRevoked hook");
        return;
      }
      if (typeof hook !== "function") throw typeError("isRevoked must be a function (query) => {token, revokedBefore}");
      const o = r ?? {};
      if (typeof o !== "object") throw typeError("revocation must be an object");
      for (const key of ["keyPrefix", "userVersionKey"]) {
        if (o[key] !== undefined && o[key] !== null && typeof o[key] !== "string")
          throw typeError(`revocation.${key} must be a string`);
      }
      for (const key of ["storeSessionInDatabase", "failOpen"]) {
        if (o[key] !== undefined && o[key] !== null && typeof o[key] !== "boolean")
          throw typeError(`revocation.${key} must be a boolean`);
      }
      if (o.maxStaleness !== undefined && o.maxStaleness !== null && typeof o.maxStaleness !== "number")
        throw typeError("revocation.maxStaleness must be a number of seconds");
      if (typeof o.userVersionKey === "string" && config.version !== undefined && config.version !== null)
        throw typeError("revocation.userVersionKey takes the place of version: the store holds each user's version");
      const timeout = o.timeout ?? 1000;
      if (typeof timeout !== "number" || !(timeout > 0) || !Number.isFinite(timeout))
        throw typeError("revocation.timeout must be a positive number of milliseconds");
      this.#revocations = new bindings.Revocations(
        o.keyPrefix ?? undefined,
        o.userVersionKey ?? undefined,
        o.maxStaleness ?? undefined,
        o.storeSessionInDatabase === true,
        o.failOpen === true,
      );
      this.#isRevoked = hook;
      this.#revocationTimeout = timeout;
    }

    /**
     * `verifySession`, then, for a valid session and a configured `isRevoked` hook, the
     * store's word on it (`checkRevocation`). Always a Promise.
     */
    async verifySessionAsync(input, options) {
      const result = this.#revocations?.hasUserVersion
        ? this.#verifySessionVersionInStore(input, options)
        : this.verifySession(input, options);
      if (!result.valid || this.#revocations === undefined) return result;
      return this.checkRevocation(result, options);
    }

    /**
     * `verifySession` expecting the cache's own version: with `revocation.userVersionKey`
     * the store holds each user's version, and `checkRevocation` compares it.
     */
    #verifySessionVersionInStore(input, options) {
      const header = cookieHeaderOf(input);
      const now = this.#time(options);
      const peek = this.#getCookieCacheOf(header, now);
      const expected = peek === undefined ? undefined : this.#revocations.cacheVersion(peek);
      return this.#sessionResult(header, now, expected);
    }

    /**
     * Asks the `isRevoked` hook about a valid `verifySession` result and lets the library
     * decide: the result with `revocation: "checked"` (or `"unchecked"` when failing
     * open), or a failure `revoked`, `revocation_unknown` or `version_mismatch`.
     */
    async checkRevocation(result, options) {
      if (result === null || typeof result !== "object") throw typeError("checkRevocation takes a verifySession result");
      if (result.valid !== true) return result;
      const rules = this.#revocations;
      if (rules === undefined) throw typeError("checkRevocation needs createVerifier({isRevoked})");
      const payloadJson = JSON.stringify(result.payload);
      const { session, user } = result.payload;
      const keys = rules.keys(String(session.token), String(session.userId));
      const query = {
        token: String(session.token),
        userId: String(session.userId),
        keys,
        tokenKey: keys[0],
        revokedBeforeKey: keys[1],
        userVersionKey: keys[2],
        session,
        user,
      };
      let answer;
      try {
        answer = await withTimeout(this.#isRevoked(query), this.#revocationTimeout);
      } catch (e) {
        return outcome(rules, result, rules.unavailable(e instanceof Error ? e.message : String(e)));
      }
      if (answer === null || typeof answer !== "object" || answer.token === undefined)
        throw typeError("isRevoked must return {token, revokedBefore} (token: whether the token key exists)");
      const present = answer.token === true || (typeof answer.token === "number" && answer.token > 0) ||
        typeof answer.token === "string";
      const rb = answer.revokedBefore;
      if (rb !== undefined && rb !== null && typeof rb !== "string" && typeof rb !== "number")
        throw typeError("isRevoked's revokedBefore must be the key's value: a string, a number or null");
      const uv = answer.userVersion;
      if (uv !== undefined && uv !== null && typeof uv !== "string")
        throw typeError("isRevoked's userVersion must be the key's value: a string or null");
      const now = this.#time(options);
      const readAt = answer.readAt === undefined || answer.readAt === null ? now : toMillis(answer.readAt, "readAt");
      const verdict = rules.decide(
        payloadJson,
        present,
        rb === undefined || rb === null ? undefined : String(rb),
        uv ?? undefined,
        readAt,
        now,
      );
      return outcome(rules, result, verdict);
    }
  }

  /** A session result with the revocation verdict: "checked"/"unchecked", or a failure. */
  function outcome(rules, result, verdict) {
    if (verdict === "checked" || verdict === "unchecked") return { ...result, revocation: verdict };
    return { valid: false, error: verdict, message: rules.message };
  }

  /** `value`, or a rejection after `ms` milliseconds. */
  function withTimeout(value, ms) {
    if (value === null || typeof value !== "object" || typeof value.then !== "function") return Promise.resolve(value);
    let timer;
    const late = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the isRevoked hook did not answer within ${ms} ms`)), ms);
    });
    return Promise.race([value, late]).finally(() => clearTimeout(timer));
  }

  // Verifiers of the one-shot functions, per configuration object: keys are derived once
  // for a configuration reused across calls, and again when any of its fields changes.
  const verifiers = new WeakMap();
  const NO_CONFIG = {};
  function verifierFor(config) {
    if (config === undefined) config = NO_CONFIG;
    if (config === null || typeof config !== "object") throw typeError("config must be an object");
    const hit = verifiers.get(config);
    if (hit !== undefined && sameConfig(hit.snapshot, config)) return hit.verifier;
    const verifier = new Verifier(config);
    if (hit !== undefined) hit.verifier.free();
    verifiers.set(config, { verifier, snapshot: snapshotOf(config) });
    return verifier;
  }

  // Access-token verifiers per configuration object, as `verifiers` above.
  const accessVerifiers = new WeakMap();
  function accessVerifierFor(config) {
    assertReady();
    if (config === null || typeof config !== "object") throw typeError("verifyAccessToken needs {jwks, issuer, audience}");
    const hit = accessVerifiers.get(config);
    const same = (h) =>
      h.jwks === config.jwks && h.issuer === config.issuer && h.audience === config.audience && h.leeway === config.leeway;
    let entry = hit !== undefined && same(hit) ? hit : undefined;
    if (entry === undefined) {
      const remote = config.jwks instanceof RemoteJwks ? config.jwks : undefined;
      if (remote === undefined && (config.jwks === undefined || config.jwks === null))
        throw typeError("verifyAccessToken needs `jwks` (what /api/auth/jwks serves)", "invalid_key");
      const text = remote ? (remote.jwks ?? EMPTY_JWKS) : jsonText(config.jwks, "jwks");
      const leeway = optionalSeconds(config, "leeway");
      const w = new bindings.AccessTokenVerifier(text, optionalString(config, "issuer"), optionalString(config, "audience"), leeway);
      if (hit !== undefined) hit.w.free();
      entry = { w, remote, remoteVersion: remote?.version, jwks: config.jwks, issuer: config.issuer, audience: config.audience, leeway: config.leeway };
      accessVerifiers.set(config, entry);
    }
    return entry;
  }

  /** Verifies a JWT plugin access token: {valid: true, payload, subject, expiresAt, kid} or {valid: false, error, message}. */
  function verifyAccessToken(token, config, options) {
    const entry = accessVerifierFor(config);
    const { w, remote } = entry;
    if (remote !== undefined) {
      if (remote.version !== entry.remoteVersion) {
        w.setJwks(remote.jwks);
        entry.remoteVersion = remote.version;
      }
      remote.touch(Date.now());
    }
    const now = options?.now !== undefined ? toMillis(options.now, "now") : Date.now();
    const json = w.verify(bearerOf(token), now);
    if (json === undefined) {
      if (remote !== undefined && w.errorKind === "unknown_key") remote.unknownKid(Date.now());
      return { valid: false, error: w.errorKind, message: w.errorMessage };
    }
    return { valid: true, payload: JSON.parse(json), subject: w.subject, expiresAt: w.expiresAt, kid: w.kid };
  }

  return {
    Verifier,
    RemoteJwks,
    createVerifier: (config) => new Verifier(config),
    createRemoteJwks: (url, options) => {
      assertReady();
      return new RemoteJwks(url, options, validateJwks);
    },
    verifyAccessToken,
    generateSigningKey: (alg) => {
      assertReady();
      if (typeof alg !== "string") throw typeError("alg must be EdDSA, ES256, ES512, RS256 or PS256");
      return JSON.parse(bindings.generateSigningKey(alg));
    },
    publicJwks: (keys) => {
      assertReady();
      if (!Array.isArray(keys)) keys = [keys];
      return JSON.parse(bindings.publicJwks(keys.map((k, i) => jsonText(k, `keys[${i}]`))));
    },
    getCookieCache: (input, config) => verifierFor(config).getCookieCache(input),
    decodeCookieCache: (value, config) => verifierFor(config).decodeCookieCache(value),
    verifySession: (input, config) => verifierFor(config).verifySession(input),
    encodeCookieCache: (payload, config, options) => verifierFor(config).encodeCookieCache(payload, options),
    setCookieCacheHeaders: (payload, config, options) =>
      verifierFor(config).setCookieCacheHeaders(payload, options),
    signSessionToken: (token, config) => verifierFor(config).signSessionToken(token),
    verifySessionToken: (value, config) => verifierFor(config).verifySessionToken(value),
    generateSecret: () => {
      assertReady();
      return bindings.generateSecret();
    },
  };
}
