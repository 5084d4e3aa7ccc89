// Makes vectors/cookies/cases.json from the real better-call and Better Auth code:
// Cookie header parsing, Set-Cookie serialization, chunking, the signed session token,
// and the Set-Cookie lists of live sign-up / sign-in / sign-out calls.
//
//   cd vectors && npm ci && node cookies/make.mjs
//
// Modules are loaded from vectors/node_modules (better-auth pinned in
// vectors/package.json), or from /tmp/ba/node_modules when that is absent.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = new URL(".", import.meta.url);
const candidates = [new URL("../node_modules/", here), pathToFileURL("/tmp/ba/node_modules/")];
const root = candidates.find((u) => existsSync(new URL("better-auth/package.json", u)));
if (!root) throw new Error("better-auth is not installed: run `npm ci` in vectors/");
const mod = (path) => import(new URL(path, root).href);
const pkgVersion = (name) =>
  JSON.parse(readFileSync(new URL(`${name}/package.json`, root), "utf8")).version;

const { parseCookies: bcParseCookies, serializeCookie } = await mod("better-call/dist/cookies.mjs");
const { signCookieValue } = await mod("better-call/dist/crypto.mjs");
const { serializeSignedCookie } = await mod("better-call/dist/cookies.mjs");
const { createInternalContext } = await mod("better-call/dist/context.mjs");
const { parseCookies: baParseCookies } = await mod("better-auth/dist/cookies/cookie-utils.mjs");
const { createSessionStore, getChunkedCookie } = await mod("better-auth/dist/cookies/session-store.mjs");
const { getSessionCookie } = await mod("better-auth/dist/cookies/index.mjs");
const { betterAuth } = await mod("better-auth/dist/index.mjs");
const { memoryAdapter } = await mod("better-auth/dist/adapters/memory-adapter/index.mjs");

if (pkgVersion("better-auth") !== "1.7.24") throw new Error("better-auth 1.7.24 expected");

const sha256 = (s) => createHash("sha256").update(s, "utf8").digest("hex");
// JSON cannot carry lone surrogates to serde: they become U+FFFD, as TextEncoder does.
const wf = (s) => (typeof s === "string" ? s.toWellFormed() : s);
const entries = (map) => Array.from(map, ([k, v]) => [wf(k), wf(v)]);

// A header object that is not a fetch `Headers` (which would refuse or rewrite some of
// the headers below): Better Auth only calls `.get("cookie")`.
const fakeHeaders = (cookie) => ({ get: (name) => (name.toLowerCase() === "cookie" ? cookie : null) });
const fakeRequest = (cookie) => ({ headers: fakeHeaders(cookie), [Symbol.toStringTag]: "Request" });

/** better-call's endpoint context for a request with this Cookie header. */
async function endpointContext(cookie) {
  const ctx = await createInternalContext({ request: fakeRequest(cookie) }, { options: {}, path: "/vectors" });
  ctx.headers = fakeHeaders(cookie); // what Better Auth's endpoints see as ctx.headers
  return ctx;
}

// ---------------------------------------------------------------- header parsing
const DATA = "better-auth.session_data";
const TOKEN = "better-auth.session_token";
const many = Array.from({ length: 300 }, (_, i) => `c${i % 250}=v${i}`).join("; ");
const parseHeaders = [
  "", " ", "a", "=", "==", "a=", "=b", "a=b", " a = b ", "a=b;c=d", "a=b; c=d", "a=b ;c=d ;",
  "a=b;;c=d", ";a=b", ";;", "a=b=c", "a==b", "a; b=c", "a;b;c=d", "b=c; a", "b=c; a; d=e",
  "x; y=1; z; w=2", "x=1; x=2", "x=1;x=2;x=3", " x=1; x =2", "x=;x=1", "x=1; x=",
  "a=\"b\"", "a=\"b", "a=b\"", "a=\"\"", "a=\"", "a=\" b \"", "a= \"b\" ", "a=\"b\"c\"", "a=\"%41\"",
  "a=\"\u{1F600}", "a=\"x\u{1F600}", "a=\"\u{1F600}\"", "a=\"b\"; a=c",
  "a=%41", "a=%4", "a=%", "a=%%41", "a=%zz", "a=%E2%82%AC", "a=%E2%82", "a=%C3%28", "a=%ED%A0%80",
  "a=%F0%9F%98%80", "a=%C0%80", "a=%2B+", "a=%3D%3d", "a=100%", "a=%25", "a=\u00e9%41", "a=%C3\u00e9",
  "a=%F4%90%80%80", "a=%00", "%41=1", "a%3D=1",
  "a=b\t", "\ta=b", "a=\u00a0b\u00a0", "a=\ufeffb", "a=\u0085b\u0085", "a=\u2028b", "a=\u3000b\u3000",
  "a=b\r\n", "a=b\u000b", "a=\u000cb", "\u00a0a=b",
  "\u00e9=1", "\u540d=\u5024", "\u{1F600}=\u{1F600}", "a=b c", "a=b,c", "a b=c", "a\"b=c", "a(b)=c",
  "[a]=c", "a=\\b", "a=b\u007f", "a=\u0001", "a=b;c", "a=b; ; c=d",
  `${DATA}.0=abc; ${DATA}.1=def`,
  `${DATA}.1=def; ${DATA}.0=abc`,
  `${DATA}.0=abc; ${DATA}.2=ghi`,
  `${DATA}.0=abc; ${DATA}.01=zzz; ${DATA}.1=def`,
  `${DATA}.1e1=x; ${DATA}.-1=y; ${DATA}. 1=z; ${DATA}.+1=w; ${DATA}.0=abc`,
  `${DATA}=; ${DATA}.0=abc; ${DATA}.1=def`,
  `${DATA}=whole; ${DATA}.0=abc`,
  `${DATA}.0="abc"; ${DATA}.1=d"ef`,
  `${DATA}.0=first; ${DATA}.0=second; ${DATA}.1=x`,
  `${DATA}.0=a b; ${DATA}.1=c,d`,
  `${DATA}.0=%41; ${DATA}.1=%zz`,
  `${DATA}.9007199254740991=b; ${DATA}.9007199254740992=c; ${DATA}.0=a`,
  `${DATA}.10=k; ${DATA}.9=j; ${DATA}.0=a`,
  `${DATA}=\u00e9; ${DATA}.0=abc`,
  `${DATA}.0=abc;${DATA}.1=def`,
  `${TOKEN}=x`,
  `__Secure-${TOKEN}=y; ${TOKEN}=x`,
  `${TOKEN}=x; __Secure-${TOKEN}=y`,
  `__Secure-${TOKEN}=; ${TOKEN}=x`,
  `__Secure-${TOKEN}=; better-auth-session_token=z`,
  `${TOKEN}=; better-auth-session_token=z`,
  "better-auth-session_token=z",
  "__Secure-better-auth-session_token=w; better-auth-session_token=z",
  `${TOKEN}=a%2Fb%3D`,
  `${TOKEN}="quoted"`,
  many,
];

const parse = [];
for (const header of parseHeaders) {
  const bc = bcParseCookies(header);
  const ba = baParseCookies(header);
  const ctx = await endpointContext(header);
  const chunked = getChunkedCookie(ctx, DATA);
  const session = getSessionCookie(fakeHeaders(header));
  parse.push({
    header,
    better_call: entries(bc),
    better_auth: entries(ba),
    chunked_data: wf(chunked),
    session_cookie: wf(session),
  });
}

// ---------------------------------------------------------------- Set-Cookie
const attributeSets = [
  {},
  { path: "/" },
  { path: "" },
  { domain: "" },
  { maxAge: 0 },
  { maxAge: 1 },
  { maxAge: 300 },
  { maxAge: 604800 },
  { maxAge: 34560000 },
  { maxAge: 34560001 },
  { httpOnly: true },
  { secure: true },
  { sameSite: "lax" },
  { sameSite: "strict" },
  { sameSite: "none" },
  { partitioned: true },
  { domain: "example.com" },
  { domain: ".example.com", path: "/api" },
  { secure: false, sameSite: "lax", path: "/", httpOnly: true, maxAge: 604800 },
  { secure: true, sameSite: "lax", path: "/", httpOnly: true, maxAge: 300, domain: "example.com" },
  { secure: true, sameSite: "none", path: "/", httpOnly: true, partitioned: true, domain: "a.b", maxAge: 10 },
  { secure: false, sameSite: "strict", path: "/x", httpOnly: false, maxAge: 0 },
  { secure: false, sameSite: "lax", path: "/", httpOnly: true },
];
const serializeNames = [
  "n", TOKEN, "__Secure-x", "__secure-x", "__SECURE-x", "__Host-x", "__HOST-x", "__host-", "__Hostx",
  "_Secure-x", "\u00e9t\u00e9",
];
const serializeValues = [
  "", "abc", "a b", "a;b", "a,b", "\u00e9", "\u{1F600}", "%", "%41", "!'()*-._~", "a=b/c+d?&#",
  "tok.AmWhvgaf18Oh/W/DaWhgwFbPfvpGJPH29slXaXF0Q+E=", "\u0000\u0001\r\n", "\"q\"", "\\", "\u00ff\u0100",
  "ABCXYZabcxyz0189", "<>[]{}|^`@$:",
];
const serialize = [];
const pushSerialize = (name, value, attributes) => {
  let header = null;
  let error = null;
  try {
    header = serializeCookie(name, value, { ...attributes });
  } catch (e) {
    error = String(e.message);
  }
  serialize.push({ name, value, attributes, header, error });
};
for (const attributes of attributeSets) pushSerialize(TOKEN, "tok.sig=", attributes);
for (const name of serializeNames)
  for (const attributes of [{}, attributeSets[17], attributeSets[19], attributeSets[22]])
    pushSerialize(name, "v", attributes);
for (const value of serializeValues) pushSerialize("n", value, attributeSets[22]);

// ---------------------------------------------------------------- chunking
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** A value spec: pieces of text, each repeated; Rust rebuilds the value from it. */
const pieces = (...list) => list.map(([text, times]) => ({ text, times }));
const build = (spec) => spec.map(({ text, times }) => text.repeat(times)).join("");
const b64Pieces = (len) =>
  pieces([ALPHABET, Math.floor(len / 64)], [ALPHABET.slice(0, len % 64), 1]);

const logger = { warn() {}, debug() {}, info() {}, error() {} };
const baDefault = { secure: false, sameSite: "lax", path: "/", httpOnly: true };
const chunkConfigs = [
  { label: "default", name: DATA, attributes: { ...baDefault, maxAge: 300 } },
  {
    label: "secure+domain",
    name: `__Secure-${DATA}`,
    attributes: { ...baDefault, secure: true, domain: "example.com", maxAge: 604800 },
  },
  { label: "dont-remember", name: DATA, attributes: { ...baDefault } },
  { label: "host-prefix", name: "__Host-cache", attributes: { ...baDefault, domain: "ignored.example", path: "/x" } },
  { label: "huge-domain", name: DATA, attributes: { ...baDefault, domain: "d".repeat(4000) } },
  { label: "max-age-too-large", name: DATA, attributes: { ...baDefault, maxAge: 34560001 } },
];

function runStore(name, attributes, value, requestCookie) {
  const out = [];
  let warned = false;
  const ctx = {
    headers: fakeHeaders(requestCookie),
    context: { logger: { ...logger, warn: () => (warned = true) } },
    setCookie: (n, v, a) => out.push(serializeCookie(n, v, a)),
  };
  let cookies;
  try {
    const store = createSessionStore(name, attributes, ctx);
    cookies = store.chunk(value, attributes);
    store.setCookies(cookies);
  } catch (e) {
    return { error: String(e.name) };
  }
  return {
    skipped: warned,
    cookies: cookies.map((c, i) => {
      const header = out[i];
      const entry = { name: c.name, value_len: c.value.length, header_len: header.length };
      if (c.value.length <= 200) entry.value = c.value;
      else entry.value_sha256 = sha256(c.value);
      if (header.length <= 300) entry.header = header;
      else entry.header_sha256 = sha256(header);
      return entry;
    }),
  };
}

const chunk = [];
for (const config of chunkConfigs) {
  let size = null;
  try {
    size = 4050 - serializeCookie(`${config.name}.99`, "", { ...config.attributes }).length;
  } catch {}
  const lengths = size && size > 0 ? [0, 1, size - 1, size, size + 1, 10240, 2 * size, 100 * size, 100 * size + 1] : [0, 10];
  for (const len of lengths) {
    const spec = b64Pieces(len);
    chunk.push({ ...config, label: `${config.label} len=${len}`, value: spec, request_cookie: "", chunk_size: size, result: runStore(config.name, config.attributes, build(spec), "") });
  }
}
{
  const config = chunkConfigs[0];
  const size = 4050 - serializeCookie(`${config.name}.99`, "", { ...config.attributes }).length;
  const special = [
    ["e-acute (counted before encoding)", pieces(["\u00e9", size + 5])],
    ["emoji, boundary inside a pair", pieces(["\u{1F600}", size])],
    ["emoji, boundaries between pairs", pieces([(size % 2 === 0 ? "" : "a") + "\u{1F600}".repeat(Math.floor(size / 2)), 3])],
    ["percent signs", pieces(["%", size + 1])],
  ];
  for (const [label, spec] of special)
    chunk.push({ ...config, label, value: spec, request_cookie: "", chunk_size: size, result: runStore(config.name, config.attributes, build(spec), "") });
  const stale = [
    ["stale chunks, value in one", b64Pieces(10), `${DATA}.3=x; ${DATA}=y; ${DATA}.0=z; other=1`],
    ["stale chunks, value in two", b64Pieces(size + 1), `${DATA}.3=x; ${DATA}=y; ${DATA}.0=z; ${DATA}.01=w`],
    ["stale chunks, value too large", b64Pieces(100 * size + 1), `${DATA}.1=x; ${DATA}.0=z`],
    ["stale chunks, duplicates and bad names", b64Pieces(2 * size + 3), `${DATA}.1=x; ${DATA}.1=y; ${DATA}.x=1; ${DATA}.0="q"; ${DATA}.2=a b`],
    ["stale chunks, filtered out by Better Auth's parser", b64Pieces(5), `${DATA}.0=\u00e9; ${DATA}.1=a"b`],
  ];
  for (const [label, spec, requestCookie] of stale)
    chunk.push({ ...config, label, value: spec, request_cookie: requestCookie, chunk_size: size, result: runStore(config.name, config.attributes, build(spec), requestCookie) });
  // A cookie name that is a JavaScript array index sorts first among object keys.
  const numeric = { name: "12", attributes: { ...baDefault, maxAge: 300 } };
  const nsize = 4050 - serializeCookie("12.99", "", { ...numeric.attributes }).length;
  for (const [label, spec, requestCookie] of [
    ["numeric name, stale", b64Pieces(nsize + 1), "12.1=x; 12=y"],
    ["numeric name, new plain", b64Pieces(3), "12.1=x; 12.0=y"],
  ])
    chunk.push({ ...numeric, label, value: spec, request_cookie: requestCookie, chunk_size: nsize, result: runStore(numeric.name, numeric.attributes, build(spec), requestCookie) });
}

// ---------------------------------------------------------------- signed values
const SECRETS = {
  main: "a-very-long-secret-for-testing-cookies-1234567890",
  short: "s",
  unicode: "\u00fcn\u00efc\u00f6d\u00e9-secret-\u{1F600}",
  old: "the-previous-secret-of-this-deployment-0987654321",
};
const TOKENS = ["MRW139NrXTvInvWESbkiS7gfLurMzsUq", "tok/en+with=signs", "token.with.dots", "\u00fcn\u00efc\u00f6d\u00e9", "", "true", "a b;c\"d", "%41", "x".repeat(500)];
const signed = [];
for (const [secretName, secret] of Object.entries(SECRETS))
  for (const value of TOKENS) {
    const wire = await signCookieValue(value, secret);
    const header = await serializeSignedCookie(TOKEN, value, secret, { ...baDefault, maxAge: 604800 });
    signed.push({ secret: secretName, value, wire, header });
  }

async function getSigned(cookieHeader, name, secret) {
  const ctx = await endpointContext(cookieHeader);
  const parsed = bcParseCookies(cookieHeader).get(name);
  const result = await ctx.getSignedCookie(name, secret);
  return {
    parsed_value: parsed === undefined ? null : wf(parsed),
    result: result === null ? "null" : result === false ? "false" : "ok",
    value: typeof result === "string" ? wf(result) : null,
  };
}

const verify = [];
const pushVerify = async (label, header, secret = "main") => {
  verify.push({ label, secret, cookie_name: TOKEN, header, ...(await getSigned(header, TOKEN, SECRETS[secret])) });
};
{
  const token = TOKENS[0];
  const good = await signCookieValue(token, SECRETS.main);
  const decoded = decodeURIComponent(good);
  const sig = decoded.slice(decoded.lastIndexOf(".") + 1);
  const flip = (s, i) => s.slice(0, i) + (s[i] === "A" ? "B" : "A") + s.slice(i + 1);
  const std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const nonCanonical = sig.slice(0, 42) + std[std.indexOf(sig[42]) ^ 1] + "=";
  for (const [secretName] of Object.entries(SECRETS))
    for (const value of TOKENS) {
      const wire = await signCookieValue(value, SECRETS[secretName]);
      await pushVerify(`signed ${JSON.stringify(value.slice(0, 20))} with ${secretName}`, `${TOKEN}=${wire}`, secretName);
    }
  await pushVerify("good, not percent-encoded", `${TOKEN}=${decoded}`);
  await pushVerify("good, quoted", `${TOKEN}="${good}"`);
  await pushVerify("good, lower-case escapes", `${TOKEN}=${good.replace(/%3D/g, "%3d")}`);
  await pushVerify("good, double-encoded", `${TOKEN}=${encodeURIComponent(good)}`);
  await pushVerify("token tampered", `${TOKEN}=${encodeURIComponent(flip(token, 3) + "." + sig)}`);
  await pushVerify("signature tampered", `${TOKEN}=${encodeURIComponent(token + "." + flip(sig, 10))}`);
  await pushVerify("signature non-canonical last character (atob accepts)", `${TOKEN}=${encodeURIComponent(token + "." + nonCanonical)}`);
  await pushVerify("signature without =", `${TOKEN}=${encodeURIComponent(token + "." + sig.slice(0, 43))}`);
  await pushVerify("signature with ==", `${TOKEN}=${encodeURIComponent(token + "." + sig + "=")}`);
  await pushVerify("signature ending in A", `${TOKEN}=${encodeURIComponent(token + "." + sig.slice(0, 43) + "A")}`);
  await pushVerify("signature 42 + ==", `${TOKEN}=${encodeURIComponent(token + "." + sig.slice(0, 42) + "==")}`);
  await pushVerify("signature with a space", `${TOKEN}=${encodeURIComponent(token + "." + sig.slice(0, 20) + " " + sig.slice(21))}`);
  await pushVerify("signature with url-safe alphabet", `${TOKEN}=${encodeURIComponent(token + "." + sig.replace(/\+/g, "-").replace(/\//g, "_"))}`);
  await pushVerify("signature non-ASCII, 44 UTF-16 units", `${TOKEN}=${encodeURIComponent(token + "." + "\u00e9".repeat(43) + "=")}`);
  await pushVerify("signature non-BMP, 44 UTF-16 units", `${TOKEN}=${encodeURIComponent(token + "." + "\u{1F600}".repeat(21) + "A=")}`);
  await pushVerify("signature only", `${TOKEN}=${encodeURIComponent("." + sig)}`);
  await pushVerify("no dot", `${TOKEN}=${token}`);
  await pushVerify("dot only", `${TOKEN}=.`);
  await pushVerify("empty", `${TOKEN}=`);
  await pushVerify("absent", "other=1");
  await pushVerify("absent, no header", "");
  await pushVerify("duplicate, bad first", `${TOKEN}=bad.${sig}; ${TOKEN}=${good}`);
  await pushVerify("duplicate, good first", `${TOKEN}=${good}; ${TOKEN}=bad.${sig}`);
  await pushVerify("secure name only", `__Secure-${TOKEN}=${good}`);
  await pushVerify("wrong secret", `${TOKEN}=${good}`, "old");
  await pushVerify("with spaces around", `${TOKEN}=  ${good}  `);
  await pushVerify("token with trailing dot", `${TOKEN}=${encodeURIComponent(token + ".")}.${encodeURIComponent(sig)}`);
}

// Rotation: Better Auth verifies with the current secret only.
const rotation = [];
{
  const keys = [{ version: 2, value: SECRETS.main }, { version: 1, value: SECRETS.old }];
  for (const [signer, secret] of [["current", SECRETS.main], ["older", SECRETS.old], ["unknown", SECRETS.short]]) {
    const wire = await signCookieValue(TOKENS[0], secret);
    const header = `${TOKEN}=${wire}`;
    const r = await getSigned(header, TOKEN, SECRETS.main);
    rotation.push({ label: `signed with the ${signer} secret`, secrets: keys, header, better_auth: r.result, value: TOKENS[0] });
  }
}

// ---------------------------------------------------------------- live Better Auth
const SECRET = SECRETS.main;
async function live(label, config, steps) {
  const db = { user: [], session: [], account: [], verification: [] };
  const options = {
    secret: SECRET,
    baseURL: config.secure ? "https://app.example.com" : "http://localhost:3000",
    emailAndPassword: { enabled: true },
    logger: { disabled: true },
    advanced: {},
    session: { cookieCache: { enabled: true } },
  };
  if (!config.stateless) options.database = memoryAdapter(db);
  if (config.prefix) options.advanced.cookiePrefix = config.prefix;
  if (config.domain) options.advanced.crossSubDomainCookies = { enabled: true, domain: config.domain };
  if (config.expires_in) options.session.expiresIn = config.expires_in;
  if (config.cache_max_age) options.session.cookieCache.maxAge = config.cache_max_age;
  const auth = betterAuth(options);
  const out = [];
  for (const step of steps) {
    const cookie = typeof step.cookie === "function" ? step.cookie(out) : step.cookie || "";
    const headers = new Headers(cookie ? { cookie } : {});
    let r;
    if (step.action === "sign-up")
      r = await auth.api.signUpEmail({ body: { email: step.email, password: "password1234", name: step.name, rememberMe: step.remember }, headers, returnHeaders: true });
    else if (step.action === "sign-in")
      r = await auth.api.signInEmail({ body: { email: step.email, password: "password1234", rememberMe: step.remember }, headers, returnHeaders: true });
    else r = await auth.api.signOut({ headers, returnHeaders: true });
    out.push({ action: step.action, remember: step.remember ?? null, request_cookie: cookie, set_cookie: r.headers.getSetCookie() });
  }
  return { label, config: { prefix: "", secure: false, domain: null, expires_in: 0, cache_max_age: 0, stateless: false, ...config }, secret: SECRET, steps: out };
}
const pick = (setCookies, prefix) => setCookies.filter((h) => h.startsWith(prefix)).map((h) => h.split(";")[0]).join("; ");
const liveCases = [];
liveCases.push(
  await live("default", {}, [
    { action: "sign-up", email: "a@example.com", name: "Ada", remember: true },
    { action: "sign-in", email: "a@example.com", remember: false },
    { action: "sign-in", email: "a@example.com", remember: true, cookie: (o) => pick(o[1].set_cookie, "better-auth.") },
    { action: "sign-out", cookie: (o) => pick(o[2].set_cookie, "better-auth.") },
    { action: "sign-out", cookie: `${DATA}.0=x; ${DATA}=y; ${DATA}.1=z; foo=1; ${DATA}.01=q; ${TOKEN}=t` },
  ]),
);
liveCases.push(
  await live("chunked cache", {}, [
    { action: "sign-up", email: "big@example.com", name: "N".repeat(6000), remember: true },
    { action: "sign-in", email: "big@example.com", remember: true, cookie: `${DATA}.0=a; ${DATA}.5=b; ${DATA}=c; ${DATA}.9=d` },
    { action: "sign-in", email: "big@example.com", remember: false, cookie: (o) => pick(o[1].set_cookie, "better-auth.") },
    { action: "sign-out", cookie: (o) => pick(o[2].set_cookie, "better-auth.") },
  ]),
);
liveCases.push(
  await live("cache too large", {}, [
    { action: "sign-up", email: "huge@example.com", name: "H".repeat(320000), remember: true, cookie: `${DATA}.1=x; ${DATA}.0=y` },
  ]),
);
liveCases.push(
  await live("secure, domain, prefix, times", { prefix: "my", secure: true, domain: "example.com", expires_in: 86400, cache_max_age: 600 }, [
    { action: "sign-up", email: "s@example.com", name: "S".repeat(4500), remember: true },
    { action: "sign-in", email: "s@example.com", remember: false },
    { action: "sign-out", cookie: (o) => pick(o[1].set_cookie, "__Secure-my.") },
  ]),
);
liveCases.push(
  await live("stateless sign-out", { stateless: true, prefix: "my", secure: true, domain: "example.com" }, [
    { action: "sign-out", cookie: "__Secure-my.account_data.0=a; __Secure-my.session_data.1=z; __Secure-my.account_data=b; __Secure-my.session_data.0=q" },
    { action: "sign-out", cookie: "" },
  ]),
);

// ---------------------------------------------------------------- write
const file = new URL("cases.json", here);
const doc = {
  generator: {
    script: "vectors/cookies/make.mjs",
    "better-auth": pkgVersion("better-auth"),
    "better-call": pkgVersion("better-call"),
    node: process.version,
  },
  parse,
  serialize,
  chunk,
  signed,
  verify,
  rotation,
  secrets: SECRETS,
  live: liveCases,
};
writeFileSync(file, JSON.stringify(doc, null, 1) + "\n");
console.log(
  `wrote ${fileURLToPath(file)}: ${parse.length} parse, ${serialize.length} serialize, ${chunk.length} chunk, ` +
    `${signed.length} signed, ${verify.length} verify, ${rotation.length} rotation, ${liveCases.length} live`,
);
