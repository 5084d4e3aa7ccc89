// Types of the `session-cache` npm package: every export, in every build (Node ESM and
// CommonJS, Deno, workerd, web).

/** The three strategies of Better Auth's cookie cache (`session.cookieCache.strategy`). */
export type Strategy = "compact" | "jwt" | "jwe";

/** The stable, machine-readable kind of every failure (the Rust library's `ErrorKind`). */
export type ErrorKind =
  | "malformed"
  | "too_large"
  | "bad_signature"
  | "decrypt_failed"
  | "unknown_key"
  | "unsupported_algorithm"
  | "invalid_payload"
  | "expired"
  | "not_yet_valid"
  | "session_expired"
  | "version_mismatch"
  | "invalid_key"
  | "invalid_options"
  | "token_mismatch"
  | "no_token"
  | "bad_token_signature"
  | "no_cache"
  | "not_fresh"
  | "too_large_to_write"
  | "random"
  | "wrong_token_type"
  | "wrong_issuer"
  | "wrong_audience"
  | "wrong_subject"
  | "wrong_session_id"
  | "revoked"
  | "revocation_unknown";

/** The signature algorithms of Better Auth's JWT plugin (`jwks.keyPairConfig.alg`). */
export type JwsAlgorithm = "EdDSA" | "ES256" | "ES512" | "RS256" | "PS256";

/** A JWK, public or private (`{kty, crv, x, …, alg, kid}`). */
export interface Jwk {
  kty: string;
  kid?: string;
  alg?: string;
  [member: string]: unknown;
}

/** A key set as Better Auth's `GET /api/auth/jwks` serves it. */
export interface JwksDocument {
  keys: Jwk[];
}

/** A key set: the object, or its JSON text. */
export type JwksInput = JwksDocument | string;

/**
 * The JWT plugin's session cache (`jwt({ sessionCookieCache: true })`, strategy `"jwt"`),
 * with Better Auth's option names: verified with the public keys alone (no secret needed),
 * signed with a private key.
 */
export interface JwtConfig {
  /** The public key set (what `/api/auth/jwks` serves), or a `RemoteJwks` kept fresh. */
  jwks?: JwksInput | RemoteJwks;
  /** The expected `iss` (the auth server's origin); absent: any non-empty string. Also the `iss` written. */
  issuer?: string;
  /** The expected audience (default `"better-auth:session-cache"`). */
  audience?: string;
  /**
   * A private EdDSA JWK (`generateSigningKey`, or the key of Better Auth's `jwks` table) to
   * sign caches. The package verifies all five algorithms but signs with EdDSA (the
   * plugin's default) only; an ES256/ES512/RS256/PS256 key throws `unsupported_algorithm`.
   */
  signingKey?: Jwk | string;
}

/** One versioned secret, as Better Auth's `secrets` option takes them (current first). */
export interface VersionedSecret {
  version: number;
  value: string;
}

/** A date field: a `Date` (default, as Better Auth's reader gives it) or its ISO string (`dates: "string"`). */
export type DateField = Date | string;

/** The session row in the cache. Every additional field is kept as it was signed. */
export interface CachedSession {
  id: string;
  token: string;
  userId: string;
  expiresAt: DateField;
  createdAt?: DateField;
  updatedAt?: DateField;
  ipAddress?: string | null;
  userAgent?: string | null;
  [field: string]: unknown;
}

/** The user row in the cache. Every additional field is kept as it was signed. */
export interface CachedUser {
  id: string;
  email: string;
  name: string;
  emailVerified?: boolean;
  image?: string | null;
  createdAt?: DateField;
  updatedAt?: DateField;
  [field: string]: unknown;
}

/** The cookie-cache payload: `{session, user, updatedAt, version}`. */
export interface CookieCachePayload<S = CachedSession, U = CachedUser> {
  session: S;
  user: U;
  /** When the cache was written, Unix ms. */
  updatedAt: number;
  /** The cache version (`"1"` by default). */
  version?: string;
  [field: string]: unknown;
}

/** What `encodeCookieCache` takes: `updatedAt` (now) and `version` (the configured one) are filled in when absent. */
export interface PayloadInput {
  session: Record<string, unknown>;
  user: Record<string, unknown>;
  updatedAt?: number;
  version?: string;
  [field: string]: unknown;
}

/** A time: Unix milliseconds, a `Date`, or a function returning either (a clock). */
export type TimeInput = number | Date | (() => number | Date);

/** The cache version: a string, or a synchronous function of the session and the user. */
export type VersionOption = string | ((session: CachedSession, user: CachedUser) => string);

/** Something that carries a `Cookie` header. */
export type CookieInput =
  | string
  | { get(name: string): string | null | undefined }
  | { headers: { get(name: string): string | null | undefined } }
  | { headers: { cookie?: string | string[] | undefined } };

/**
 * The configuration, with Better Auth's names. Keys are derived once per configuration
 * (per `createVerifier`, or per configuration object for the one-shot functions).
 */
export interface Config {
  /**
   * The secret (`BETTER_AUTH_SECRET`). Beside `secrets` it is the legacy secret, as in
   * Better Auth. Without `secret` and `secrets`, `process.env.BETTER_AUTH_SECRETS` and
   * `BETTER_AUTH_SECRET` / `AUTH_SECRET` are read when the runtime has them.
   */
  secret?: string;
  /** Versioned secrets, current first: `[{version, value}]` or `"2:new-secret,1:old-secret"`. */
  secrets?: VersionedSecret[] | string;
  /** The cookie-cache strategy (default `"compact"`, as Better Auth). */
  strategy?: Strategy;
  /**
   * The expected cache version (`session.cookieCache.version`). A cache with another
   * version is refused; without it any version passes (`getCookieCache`,
   * `decodeCookieCache`), except in `verifySession`, which expects `"1"` as Better
   * Auth's `getSession` does. Also the version written by `encodeCookieCache`.
   */
  version?: VersionOption;
  /**
   * `true`: `__Secure-` cookie names only; `false`: plain names only; absent: both,
   * `__Secure-` first. Writing (`setCookieCacheHeaders`) uses `__Secure-` and `Secure`
   * only when `true`.
   */
  isSecure?: boolean;
  /** `advanced.cookiePrefix` (default `"better-auth"`). */
  cookiePrefix?: string;
  /** The cookie-cache name after the prefix (default `"session_data"`). */
  cookieName?: string;
  /** The `Domain` of the cookies written (`advanced.crossSubDomainCookies`). */
  domain?: string;
  /** The cache lifetime in seconds (`cookieCache.maxAge`, default 300) when encoding. */
  maxAge?: number;
  /** `session.freshAge` in seconds (default 86 400; 0: always fresh) for `verifySession`. */
  freshAge?: number;
  /** `cookieCache.refreshCache.updateAge` in seconds, for `needsRefresh` in `verifySession`. */
  updateAge?: number;
  /**
   * Accept `compact` and `jwt` caches (and session tokens) signed by an older secret of
   * `secrets`. Better Auth uses the current secret only (the default, `false`); `jwe`
   * always tries every secret, as Better Auth does.
   */
  verifyWithOlderSecrets?: boolean;
  /** Date fields of the payload as `Date` objects (default, as Better Auth) or as the ISO strings that were signed. */
  dates?: "date" | "string";
  /** The time used for every check (default: `Date.now()` at each call). */
  now?: TimeInput;
  /**
   * JWKS mode (strategy `"jwt"`, the default with it): `{jwks, issuer, audience}` as
   * `getCookieCache` takes them, and `signingKey` to sign. `secret` becomes optional:
   * without it `verifySession` binds the session token to the cache's `sid` instead of
   * verifying its signature.
   */
  jwt?: JwtConfig;
}

/** What `verifyAccessToken` checks: the plugin's `jwt.issuer` / `jwt.audience` (by default both the auth server's origin). */
export interface AccessTokenConfig {
  jwks: JwksInput | RemoteJwks;
  /** The expected `iss` (checked when given). */
  issuer?: string;
  /** The expected audience (checked when given; `aud` must be present regardless). */
  audience?: string;
  /** Clock tolerance in seconds (default 0, as the plugin). */
  leeway?: number;
}

/** A verified access token. */
export interface VerifiedAccessToken<C = Record<string, unknown>> {
  valid: true;
  /** Every claim: `iat`, the user's fields, `sub`, `exp`, `iss`, `aud`. */
  payload: C;
  /** `sub`: the user id. */
  subject: string;
  /** `exp`, Unix ms. */
  expiresAt: number;
  /** The `kid` of the key that verified it. */
  kid: string;
  error?: undefined;
  message?: undefined;
}

export interface AccessTokenFailure {
  valid: false;
  error: ErrorKind;
  message: string;
  payload?: undefined;
  subject?: undefined;
}

export type AccessTokenResult<C = Record<string, unknown>> = VerifiedAccessToken<C> | AccessTokenFailure;

/** Something that carries an access token: the token, `"Bearer …"`, or a Request/Headers with `Authorization`. */
export type BearerInput =
  | string
  | { get(name: string): string | null | undefined }
  | { headers: { get(name: string): string | null | undefined } }
  | { headers: { authorization?: string | undefined } };

/** Options of `createRemoteJwks`. */
export interface RemoteJwksOptions {
  /** The `fetch` to use (default `globalThis.fetch`). */
  fetch?: (url: string, init?: { headers?: Record<string, string> }) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;
  /** Refetch a set older than this, in seconds (default 600). */
  maxAge?: number;
  /** Never fetch twice within this, in seconds (default 30). */
  cooldown?: number;
  /** A set to start with (no fetch until it is stale). */
  jwks?: JwksInput;
}

/**
 * A JWKS fetched from the auth server and kept fresh: again when older than `maxAge`,
 * or when a token names an unknown kid (a rotation), at most once per `cooldown`.
 * Fetches run in the background; verifies stay synchronous and use the set at hand.
 */
export declare class RemoteJwks {
  readonly url: string;
  /** The JWKS text in use, undefined before the first successful fetch. */
  readonly jwks: string | undefined;
  /** Increases with every set fetched. */
  readonly version: number;
  /** The error of the last fetch, or null. */
  readonly error: unknown;
  /** The fetch in flight, or null (hand it to `ctx.waitUntil` in a Worker). */
  readonly refreshing: Promise<void> | null;
  /** Fetches if the rule allows it (missing, stale, or `unknownKid`). */
  refresh(options?: { unknownKid?: boolean }): Promise<void>;
  /** Resolves once a set is at hand (fetching when none is or it is stale); rejects when none could be had. */
  ready(): Promise<this>;
}

/** Per-call options of a verifier. */
export interface CallOptions {
  /** The time of this call (default: the configuration's `now`, else `Date.now()`). */
  now?: TimeInput;
}

/** Per-call options when encoding. */
export interface EncodeOptions extends CallOptions {
  /** The cache lifetime in seconds (default: the configuration's `maxAge`, else 300). */
  maxAge?: number;
}

/** Per-call options of `setCookieCacheHeaders`. */
export interface SetCookieOptions extends EncodeOptions {
  /** The incoming request: its cache cookies (chunks) not rewritten are expired. */
  request?: CookieInput;
}

/**
 * A failure: never thrown for a bad cookie, returned. (The `?: undefined` fields let
 * code read `result.user` or `result.error` on the union in non-strict TypeScript too.)
 */
export interface Failure {
  valid: false;
  error: ErrorKind;
  message: string;
  payload?: undefined;
  session?: undefined;
  user?: undefined;
  expiresAt?: undefined;
  strategy?: undefined;
  fresh?: undefined;
  needsRefresh?: undefined;
  dontRemember?: undefined;
}

/** A verified cookie-cache value. */
export interface Decoded<P = CookieCachePayload> {
  valid: true;
  payload: P;
  /** When the cache expires, Unix ms. */
  expiresAt: number;
  strategy: Strategy;
  error?: undefined;
  message?: undefined;
}

export type DecodeResult<P = CookieCachePayload> = Decoded<P> | Failure;

/** A session the cookie cache vouches for (what `getSession` would serve from it). */
export interface VerifiedSession<P extends CookieCachePayload = CookieCachePayload> {
  valid: true;
  session: P["session"];
  user: P["user"];
  payload: P;
  /** When the cache expires, Unix ms. */
  expiresAt: number;
  /** `now - session.createdAt < freshAge`. */
  fresh: boolean;
  /** Less than `updateAge` seconds remain before the cache expires. */
  needsRefresh: boolean;
  /** The request carries a valid `dont_remember` cookie. */
  dontRemember: boolean;
  error?: undefined;
  message?: undefined;
}

export type SessionResult<P extends CookieCachePayload = CookieCachePayload> = VerifiedSession<P> | Failure;

/** Thrown for a bad configuration or argument (`TypeError`), or a payload that cannot be written (`Error`). */
export interface SessionCacheError extends Error {
  code: ErrorKind;
}

/** A keyring and a configuration built once (keys derived once), for hot paths. */
export declare class Verifier {
  /** Throws a `TypeError` (with `code`) on a bad configuration. */
  constructor(config?: Config);
  /** The strategy read and written. */
  readonly strategy: Strategy;
  /** The verified payload of the request's cookie cache, or null (Better Auth's `getCookieCache`, synchronous). */
  getCookieCache<P = CookieCachePayload>(input: CookieInput, options?: CallOptions): P | null;
  /** Decodes and verifies a cookie-cache value. */
  decodeCookieCache<P = CookieCachePayload>(value: string, options?: CallOptions): DecodeResult<P>;
  /** The offline session check: the signed session token, the cache, their match, version, expiry, freshness. */
  verifySession<P extends CookieCachePayload = CookieCachePayload>(input: CookieInput, options?: CallOptions): SessionResult<P>;
  /** The cookie-cache value of a payload, signed (or encrypted) with the current secret. */
  encodeCookieCache(payload: PayloadInput | string, options?: EncodeOptions): string;
  /** The `Set-Cookie` header values that write the cache, chunks included. */
  setCookieCacheHeaders(payload: PayloadInput | string, options?: SetCookieOptions): string[];
  /** The signed session token as it goes in `Set-Cookie`: `encodeURIComponent(token + "." + signature)`. */
  signSessionToken(token: string): string;
  /** The token of a signed session-token cookie value (as parsed from the `Cookie` header), or null. */
  verifySessionToken(signedValue: string): string | null;
  /** Frees the keys now (otherwise when garbage-collected). */
  free(): void;
  [Symbol.dispose](): void;
}

/** A reusable verifier: keys derived once. */
export declare function createVerifier(config?: Config): Verifier;

/** Better Auth's `getCookieCache(request, config)`, synchronous: the payload or null. */
export declare function getCookieCache<P = CookieCachePayload>(input: CookieInput, config?: Config): P | null;

/** Decodes and verifies a cookie-cache value: `{valid: true, payload, expiresAt}` or `{valid: false, error, message}`. */
export declare function decodeCookieCache<P = CookieCachePayload>(value: string, config?: Config): DecodeResult<P>;

/** The offline session check of a request (needs the session token and the cache cookies). */
export declare function verifySession<P extends CookieCachePayload = CookieCachePayload>(
  input: CookieInput,
  config?: Config,
): SessionResult<P>;

/** The cookie-cache value of a payload (uses `config.maxAge`, default 300 s). */
export declare function encodeCookieCache(payload: PayloadInput | string, config?: Config, options?: EncodeOptions): string;

/** The `Set-Cookie` header values that write the cache (chunked when needed). */
export declare function setCookieCacheHeaders(
  payload: PayloadInput | string,
  config?: Config,
  options?: SetCookieOptions,
): string[];

/** The signed session-token cookie value, as Better Auth writes it. */
export declare function signSessionToken(token: string, config?: Config): string;

/** The token of a signed session-token cookie value, or null. */
export declare function verifySessionToken(signedValue: string, config?: Config): string | null;

/** A new random secret: 32 bytes as 64 hex characters. */
export declare function generateSecret(): string;

/** A JWKS at `url` (`https://auth.example.com/api/auth/jwks`), kept fresh in the background. */
export declare function createRemoteJwks(url: string | URL, options?: RemoteJwksOptions): RemoteJwks;

/** Verifies a JWT plugin access token (`/api/auth/token`, `set-auth-jwt`), synchronously. */
export declare function verifyAccessToken<C = Record<string, unknown>>(
  token: BearerInput,
  config: AccessTokenConfig,
  options?: CallOptions,
): AccessTokenResult<C>;

/**
 * A new private EdDSA signing key (a private JWK with `kid` and `alg`). Keep it secret.
 * EdDSA only: to stay under 200 KB gzipped, the WebAssembly build verifies ES256, ES512,
 * RS256 and PS256 but leaves their signing out (they throw `unsupported_algorithm`); mint
 * those keys with `session-cache keygen --alg ES256` or the Rust crate.
 */
export declare function generateSigningKey(alg: JwsAlgorithm): Jwk;

/** The public key set of private EdDSA JWKs, as `/api/auth/jwks` serves it. */
export declare function publicJwks(keys: Jwk | string | Array<Jwk | string>): JwksDocument;

/**
 * Loads the WebAssembly module. Required once in the web build (browsers, bundlers):
 * a `WebAssembly.Module` is instantiated synchronously; a URL, `Request`, `Response`
 * or bytes are fetched and compiled; nothing fetches the `.wasm` beside the module.
 * A no-op in Node, Deno and workerd, where the module is ready at import.
 */
export declare function init(input?: WebAssembly.Module | URL | string | Request | Response | ArrayBuffer | ArrayBufferView): Promise<void>;

/** Instantiates an already-compiled `WebAssembly.Module` (or bytes) synchronously. A no-op where the module is ready at import. */
export declare function initSync(module?: WebAssembly.Module | ArrayBuffer | ArrayBufferView | { module: WebAssembly.Module | ArrayBuffer | ArrayBufferView }): void;

declare const api: {
  Verifier: typeof Verifier;
  createVerifier: typeof createVerifier;
  getCookieCache: typeof getCookieCache;
  decodeCookieCache: typeof decodeCookieCache;
  verifySession: typeof verifySession;
  encodeCookieCache: typeof encodeCookieCache;
  setCookieCacheHeaders: typeof setCookieCacheHeaders;
  signSessionToken: typeof signSessionToken;
  verifySessionToken: typeof verifySessionToken;
  generateSecret: typeof generateSecret;
  RemoteJwks: typeof RemoteJwks;
  createRemoteJwks: typeof createRemoteJwks;
  verifyAccessToken: typeof verifyAccessToken;
  generateSigningKey: typeof generateSigningKey;
  publicJwks: typeof publicJwks;
  init: typeof init;
  initSync: typeof initSync;
};
export default api;

// ---- Revocation through the session store: the `isRevoked` hook ------------------------
// (Declaration merging: these extend `Config`, `Verifier` and `VerifiedSession` above.)

/** What the `isRevoked` hook is asked: the session and the store keys to read (prefix included). */
export interface RevocationQuery {
  /** The session token (a bearer credential: never log it). */
  token: string;
  userId: string;
  /** `[tokenKey, revokedBeforeKey, userVersionKey?]`. */
  keys: string[];
  /** `<prefix><token>`: read whether it exists (`EXISTS`, or `GET` and test for null). */
  tokenKey: string;
  /** `<prefix>revoked-sessions-before-<userId>`: read its value (`GET`). */
  revokedBeforeKey: string;
  /** `<prefix><revocation.userVersionKey><userId>`, when configured: read its value. */
  userVersionKey?: string;
  session: CachedSession;
  user: CachedUser;
}

/** What the store said, as the hook read it; the library decides from it. */
export interface StoreAnswer {
  /** Whether the token key exists: a boolean, `EXISTS`'s count, or `GET`'s value (null: absent). */
  token: boolean | number | string | null;
  /** The value of `revoked-sessions-before-<userId>` (null or absent: no such key). */
  revokedBefore?: string | number | null;
  /** The value of the per-user version key (null: absent, version "1"). */
  userVersion?: string | null;
  /** When the store answered (default: now); a hook that caches answers passes its read time. */
  readAt?: number | Date;
}

/** How the store's answers are judged. */
export interface RevocationOptions {
  /** The prefix of the keys (default `"better-auth:"`, as `@better-auth/redis-storage`; `""` for none). */
  keyPrefix?: string;
  /** The oldest answer (by `readAt`) that may accept a session, in seconds (default 5). */
  maxStaleness?: number;
  /** Better Auth's `session.storeSessionInDatabase`: a missing token key is then `revocation_unknown`, not `revoked`. */
  storeSessionInDatabase?: boolean;
  /** When the hook throws, rejects or times out: accept (`revocation: "unchecked"`) instead of `revocation_unknown`. */
  failOpen?: boolean;
  /** The hook's time limit, ms (default 1000). */
  timeout?: number;
  /**
   * The cache version is the per-user key `<prefix><userVersionKey><userId>` ("1" when
   * absent), as Better Auth's `cookieCache.version` reading its `secondaryStorage` has it:
   * `verifySessionAsync` then expects each cache's own version offline and compares it with
   * the store's. Takes the place of `version` (not both).
   */
  userVersionKey?: string;
}

export interface Config {
  /**
   * Reads the session store (Better Auth's `secondaryStorage`) for `verifySessionAsync`
   * and `checkRevocation`: returns what it said; the decision is the library's.
   */
  isRevoked?: (query: RevocationQuery) => StoreAnswer | Promise<StoreAnswer>;
  /** How the hook's answers are judged. */
  revocation?: RevocationOptions;
}

export interface VerifiedSession<P extends CookieCachePayload = CookieCachePayload> {
  /** With the `isRevoked` hook: `"checked"` (live in the store), `"unchecked"` (store unavailable, failing open). */
  revocation?: "checked" | "unchecked";
}

export interface Verifier {
  /** `verifySession`, then `checkRevocation` when an `isRevoked` hook is configured. */
  verifySessionAsync<P extends CookieCachePayload = CookieCachePayload>(
    input: CookieInput,
    options?: CallOptions,
  ): Promise<SessionResult<P>>;
  /** Asks the hook about a valid session result: the result with `revocation`, or a `revoked` / `revocation_unknown` failure. */
  checkRevocation<P extends CookieCachePayload = CookieCachePayload>(
    result: SessionResult<P>,
    options?: CallOptions,
  ): Promise<SessionResult<P>>;
}
