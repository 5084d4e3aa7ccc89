// Type-checked, never run (`deno check test/types.ts`): every export and option of
// index.d.ts used as documented, and misuses refused.
import defaultApi, {
  type CachedUser,
  type Config,
  type CookieCachePayload,
  createVerifier,
  decodeCookieCache,
  type DecodeResult,
  encodeCookieCache,
  type ErrorKind,
  generateSecret,
  getCookieCache,
  init,
  initSync,
  type SessionCacheError,
  type SessionResult,
  setCookieCacheHeaders,
  signSessionToken,
  type Strategy,
  Verifier,
  verifySession,
  verifySessionToken,
} from "session-cache";

const config: Config = {
  secret: "s",
  secrets: [{ version: 2, value: "new" }, { version: 1, value: "old" }],
  strategy: "jwe",
  version: (_session, user) => (user.role === "admin" ? "admin-1" : "1"),
  isSecure: true,
  cookiePrefix: "my-app",
  cookieName: "session_data",
  domain: "example.com",
  maxAge: 300,
  freshAge: 86_400,
  updateAge: 60,
  verifyWithOlderSecrets: false,
  dates: "date",
  now: () => Date.now(),
};
const envStyle: Config = { secrets: "2:new,1:old", version: "2", now: new Date() };
// @ts-expect-error unknown strategy
const badStrategy: Config = { secret: "s", strategy: "jws" };
// @ts-expect-error dates is "date" or "string"
const badDates: Config = { secret: "s", dates: "iso" };

const request = new Request("https://example.com/", { headers: { cookie: "a=b" } });
const payload: CookieCachePayload | null = getCookieCache(request, config);
if (payload) {
  const id: string = payload.user.id;
  const email: string = payload.user.email;
  const expires: Date | string = payload.session.expiresAt;
  const role: unknown = payload.user.role;
  void [id, email, expires, role];
}
getCookieCache(request.headers, envStyle);
getCookieCache("better-auth.session_data=x", config);
getCookieCache({ headers: { cookie: "a=b" } }, config);
// @ts-expect-error a number is not a cookie input
getCookieCache(42, config);

const decoded: DecodeResult = decodeCookieCache("value", config);
if (decoded.valid) {
  const at: number = decoded.expiresAt;
  const s: Strategy = decoded.strategy;
  void [at, s, decoded.payload.user.name];
} else {
  const kind: ErrorKind = decoded.error;
  const message: string = decoded.message;
  void [kind, message];
}

interface MyUser extends CachedUser {
  role: "admin" | "user";
}
const checked: SessionResult<CookieCachePayload<CookieCachePayload["session"], MyUser>> = verifySession(request, config);
if (checked.valid) {
  const role: "admin" | "user" = checked.user.role;
  const flags: boolean[] = [checked.fresh, checked.needsRefresh, checked.dontRemember];
  void [role, flags, checked.session.token, checked.expiresAt];
} else {
  // @ts-expect-error not a kind
  const wrong: "nope" = checked.error;
  void wrong;
}

const input = { session: { id: "s", token: "t", userId: "u", expiresAt: new Date() }, user: { id: "u", email: "e", name: "n" } };
const value: string = encodeCookieCache(input, config, { maxAge: 60, now: Date.now() });
const cookies: string[] = setCookieCacheHeaders(input, config, { request, maxAge: 60 });
const signed: string = signSessionToken("token", config);
const token: string | null = verifySessionToken(decodeURIComponent(signed), config);
const secret: string = generateSecret();
void [value, cookies, token, secret];

const verifier: Verifier = createVerifier(config);
const again = new Verifier({ secret: "s" });
const strategy: Strategy = verifier.strategy;
verifier.getCookieCache(request, { now: 0 });
verifier.decodeCookieCache("v", { now: new Date() });
verifier.verifySession("a=b");
verifier.encodeCookieCache(input, { maxAge: 10 });
verifier.setCookieCacheHeaders(input, { request: "a=b" });
verifier.signSessionToken("t");
verifier.verifySessionToken("t.sig");
verifier.free();
again[Symbol.dispose]();
void strategy;

await init();
await init(new URL("https://example.com/session_cache_wasm_bg.wasm"));
initSync(new WebAssembly.Module(new Uint8Array()));
initSync({ module: new Uint8Array() });
defaultApi.getCookieCache("a=b", config);

try {
  createVerifier({});
} catch (e) {
  const err = e as SessionCacheError;
  const code: ErrorKind = err.code;
  void code;
}
void [badStrategy, badDates];

// ---- The isRevoked hook (revocation through the session store) ----
{
  const revoking = createVerifier({
    secret: "s",
    strategy: "jwe",
    revocation: { keyPrefix: "better-auth:", maxStaleness: 5, storeSessionInDatabase: false, failOpen: false, timeout: 500, userVersionKey: "v-" },
    isRevoked: async (q: import("session-cache").RevocationQuery): Promise<import("session-cache").StoreAnswer> => {
      const keys: string[] = [q.tokenKey, q.revokedBeforeKey, ...(q.userVersionKey ? [q.userVersionKey] : [])];
      void keys;
      return { token: 1, revokedBefore: "1796158631134", userVersion: null, readAt: Date.now() };
    },
  });
  const checked: SessionResult = await revoking.verifySessionAsync("a=b");
  if (checked.valid) {
    const r: "checked" | "unchecked" | undefined = checked.revocation;
    void r;
  } else {
    const kind: ErrorKind = checked.error;
    const revoked: ErrorKind = "revoked";
    const unknown: ErrorKind = "revocation_unknown";
    void [kind, revoked, unknown];
  }
  const again: SessionResult = await revoking.checkRevocation(revoking.verifySession("a=b"));
  void again;
  // @ts-expect-error: the hook must return what the store said, not a boolean
  createVerifier({ secret: "s", isRevoked: async () => true });
}
