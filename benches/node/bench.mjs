// The Node peers of benches/codec.rs, on the same bytes (target/bench-fixtures.json):
// Better Auth 1.7.24's own functions and `jose` 6.2.17 directly, from vectors/node_modules.
//
//   node benches/node/bench.mjs time [OUT]
//       ns/op: warm-up, then 7 rounds of N sequential awaited calls timed with
//       process.hrtime.bigint(); the median round. Also the process's peak RSS.
//   node --expose-gc --min-semi-space-size=64 --max-semi-space-size=64 \
//        benches/node/bench.mjs memory [OUT]
//       bytes per call: growth of V8's used heap (and of ArrayBuffer memory) over N calls
//       between two forced GCs, with a young generation large enough that no GC runs in
//       between (checked with a `gc` PerformanceObserver; a window with a GC is retried
//       with fewer calls). That is what the JavaScript heap allocated per call; memory
//       that OpenSSL allocates natively for WebCrypto is not in it.
//
// ./bench.sh runs both, after `cargo bench`, and merges everything into benches/RESULTS.md.
//
// What each operation is (the Rust names of benches/codec.rs):
//   decode_<s>      Better Auth: getCookieCache(headers, {secret, strategy, isSecure: false}),
//                   headers = new Headers({cookie: "better-auth.session_data=<value>"}) built
//                   once; it verifies, runs the payload schema and the embedded-expiry check.
//                   jose: jwtVerify(value, secretBytes) / jwtDecrypt(value, derivedKey,
//                   Better Auth's options), keys prepared once.
//   encode_<s>      Better Auth's minting expressions from setCookieCache: compact =
//                   createHMAC("SHA-256", "base64urlnopad").sign over JSON.stringify({...data,
//                   expiresAt}) then base64Url.encode (@better-auth/utils, as setCookieCache);
//                   jwt = signJWT; jwe = symmetricEncodeJWT (better-auth/crypto). jose:
//                   SignJWT / EncryptJWT with the same header and claims, keys prepared once.
//   check_session_<s>  Better Auth's cookie path of getSession, on a Headers object built
//                   once: better-call's parseCookies, the signed session token checked as
//                   better-call's getSignedCookie does (getCryptoKey + subtle.verify; copied,
//                   it is not exported), then getCookieCache on the whole Cookie header and
//                   the token compared.
//   keyring_from_secret  What Better Auth redoes on every jwe call: HKDF-SHA256 of the
//                   64-byte key (@noble/hashes, as better-auth/crypto) and its JWK
//                   thumbprint (jose.calculateJwkThumbprint).

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createHmac as createHmacSync, timingSafeEqual } from "node:crypto";
import { PerformanceObserver } from "node:perf_hooks";
import { ROOT, load, packageVersion } from "./resolve.mjs";
import { median, time } from "./timing.mjs";

for (const k of ["BETTER_AUTH_SECRET", "BETTER_AUTH_SECRETS", "AUTH_SECRET", "BETTER_AUTH_URL", "BETTER_AUTH_TELEMETRY"]) {
  delete process.env[k];
}

const MODE = process.argv[2] ?? "time";
if (!["time", "memory"].includes(MODE)) throw new Error(`unknown mode ${MODE}: time or memory`);
const OUT = process.argv[3] ?? join(ROOT, "target", MODE === "time" ? "bench-node.json" : "bench-node-memory.json");
const FIXTURES = join(process.env.SESSION_CACHE_BENCH_DIR ?? join(ROOT, "target"), "bench-fixtures.json");

const { getCookieCache } = await load("better-auth/cookies");
const { signJWT, symmetricEncodeJWT, getCryptoKey } = await load("better-auth/crypto");
const { createHMAC } = await load("@better-auth/utils/hmac");
const { base64Url } = await load("@better-auth/utils/base64");
const { parseCookies } = await load("better-call");
const { hkdf } = await load("@noble/hashes/hkdf.js");
const { sha256 } = await load("@noble/hashes/sha2.js");
const jose = await load("jose");

const fx = JSON.parse(readFileSync(FIXTURES, "utf8"));
const ageS = (Date.now() - fx.mintedAt) / 1000;
if (ageS + 300 > fx.maxAge) {
  throw new Error(`the fixtures are ${ageS | 0} s old (cache lifetime ${fx.maxAge} s): re-run node benches/node/fixtures.mjs`);
}
const { secret, maxAge } = fx;
const data = JSON.parse(fx.payloadJson); // {session, user, updatedAt, version}, dates as ISO strings
const SALT = "better-auth-session";
const INFO = new TextEncoder().encode("BetterAuth.js Generated Encryption Key"); // as better-auth/crypto
const ENC = "A256CBC-HS512";
const secretBytes = new TextEncoder().encode(secret);
const deriveKey = () => hkdf(sha256, new TextEncoder().encode(secret), new TextEncoder().encode(SALT), INFO, 64);
const jweKey = deriveKey();
const kid = await jose.calculateJwkThumbprint({ kty: "oct", k: jose.base64url.encode(jweKey) }, "sha256");
const jwtDecryptOpts = { clockTolerance: 15, keyManagementAlgorithms: ["dir"], contentEncryptionAlgorithms: [ENC, "A256GCM"] };
const TOKEN_COOKIE = "better-auth.session_token";
const DATA_COOKIE = "better-auth.session_data";
const nowSec = () => Math.floor(Date.now() / 1000);
const jwtInput = new TextEncoder().encode(fx.values.jwt.slice(0, fx.values.jwt.lastIndexOf(".")));
const hmacKey = await crypto.subtle.importKey("raw", secretBytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);

const dataHeaders = Object.fromEntries(
  ["compact", "jwt", "jwe"].map((s) => [s, new Headers({ cookie: `${DATA_COOKIE}=${fx.values[s]}` })]),
);

/** better-call's getSignedCookie on an already parsed cookie map (not exported). */
async function getSignedCookie(cookies, name) {
  const value = cookies.get(name);
  if (!value) return null;
  const pos = value.lastIndexOf(".");
  if (pos < 1) return null;
  const signedValue = value.substring(0, pos);
  const signature = value.substring(pos + 1);
  if (signature.length !== 44 || !signature.endsWith("=")) return null;
  const key = await getCryptoKey(secret);
  try {
    const bin = atob(signature);
    const sig = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) sig[i] = bin.charCodeAt(i);
    const ok = await crypto.subtle.verify({ name: "HMAC", hash: "SHA-256" }, key, sig, new TextEncoder().encode(signedValue));
    return ok ? signedValue : false;
  } catch {
    return false;
  }
}

const STRATEGIES = ["compact", "jwt", "jwe"];
const SIZES = ["small", "typical", "large"];
const suffix = (size) => (size === "typical" ? "" : `_${size}`);
const fullHeaders = Object.fromEntries(STRATEGIES.map((s) => [s, new Headers({ cookie: fx.headers[s] })]));
const sized = Object.fromEntries(
  SIZES.map((size) => [
    size,
    Object.fromEntries(
      STRATEGIES.map((s) => [
        s,
        {
          value: fx.sizes[size].values[s],
          data: new Headers({ cookie: fx.sizes[size].dataCookies[s] }),
          full: new Headers({ cookie: fx.sizes[size].headers[s] }),
        },
      ]),
    ),
  ]),
);

// The WebAssembly package, as built by `cd wasm && npm run build` (bench.sh does), with a
// reusable verifier per strategy: what a server keeps for its lifetime.
const WASM = join(ROOT, "wasm", "pkg", "node.mjs");
if (!existsSync(WASM)) throw new Error(`${WASM} is missing: cd wasm && npm ci && npm run build`);
const wasm = await import(pathToFileURL(WASM).href);
const verifiers = Object.fromEntries(STRATEGIES.map((s) => [s, wasm.createVerifier({ secret, strategy: s })]));

/**
 * What a Node user writes by hand for the compact strategy, synchronously with
 * node:crypto: base64 → JSON.parse → createHmac over JSON.stringify({...session,
 * expiresAt}) → timingSafeEqual, then the expiry. (No schema, no version, no embedded
 * session expiry: less than either library checks.)
 */
const handKey = Buffer.from(secret);
function handWrittenCompact(value) {
  const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  const mac = createHmacSync("sha256", handKey)
    .update(JSON.stringify({ ...parsed.session, expiresAt: parsed.expiresAt }))
    .digest();
  const signature = Buffer.from(parsed.signature, "base64url");
  if (signature.length !== mac.length || !timingSafeEqual(signature, mac)) return null;
  if (parsed.expiresAt < Date.now()) return null;
  return parsed.session;
}

async function checkSession(strategy) {
  const headers = fullHeaders[strategy]; // a request's headers, as a server has them
  const cookies = parseCookies(headers.get("cookie"));
  const token = await getSignedCookie(cookies, TOKEN_COOKIE);
  if (!token) return null;
  const cache = await getCookieCache(headers, { secret, strategy, isSecure: false });
  if (!cache || cache.session.token !== token) return null;
  return cache;
}

async function encodeCompact() {
  const expiresAt = Date.now() + maxAge * 1000;
  return base64Url.encode(
    JSON.stringify({
      session: data,
      expiresAt,
      signature: await createHMAC("SHA-256", "base64urlnopad").sign(secret, JSON.stringify({ ...data, expiresAt })),
    }),
    { padding: false },
  );
}

const verifyOut = (strategy) => async (value) =>
  !!(await getCookieCache(new Headers({ cookie: `${DATA_COOKIE}=${value}` }), { secret, strategy, isSecure: false }));
const isPayload = (p) => p?.user?.email === "ada.lovelace@example.com";
const isCheck = (r) => r?.valid && isPayload(r);

// [name, peer, fn, check(result)]
const OPS = [
  ["decode_compact", "better-auth", () => getCookieCache(dataHeaders.compact, { secret, strategy: "compact", isSecure: false }), isPayload],
  ["decode_jwt", "better-auth", () => getCookieCache(dataHeaders.jwt, { secret, strategy: "jwt", isSecure: false }), isPayload],
  ["decode_jwe", "better-auth", () => getCookieCache(dataHeaders.jwe, { secret, strategy: "jwe", isSecure: false }), isPayload],
  ["decode_jwt", "jose", () => jose.jwtVerify(fx.values.jwt, secretBytes), (r) => isPayload(r.payload)],
  ["decode_jwe", "jose", () => jose.jwtDecrypt(fx.values.jwe, jweKey, jwtDecryptOpts), (r) => isPayload(r.payload)],
  ["encode_compact", "better-auth", encodeCompact, verifyOut("compact")],
  ["encode_jwt", "better-auth", () => signJWT(data, secret, maxAge), verifyOut("jwt")],
  ["encode_jwe", "better-auth", () => symmetricEncodeJWT(data, secret, SALT, maxAge), verifyOut("jwe")],
  [
    "encode_jwt",
    "jose",
    () => new jose.SignJWT(data).setProtectedHeader({ alg: "HS256" }).setIssuedAt().setExpirationTime(nowSec() + maxAge).sign(secretBytes),
    verifyOut("jwt"),
  ],
  [
    "encode_jwe",
    "jose",
    () =>
      new jose.EncryptJWT(data)
        .setProtectedHeader({ alg: "dir", enc: ENC, kid })
        .setIssuedAt()
        .setExpirationTime(nowSec() + maxAge)
        .setJti(crypto.randomUUID())
        .encrypt(jweKey),
    verifyOut("jwe"),
  ],
  ...STRATEGIES.map((s) => [`check_session_${s}`, "better-auth", () => checkSession(s), isPayload]),
  // The package: a reusable verifier; every call is synchronous.
  ...STRATEGIES.flatMap((s) => [
    [`decode_${s}`, "wasm", () => verifiers[s].decodeCookieCache(fx.values[s]), (r) => r.valid && isPayload(r.payload)],
    [`get_cookie_cache_${s}`, "wasm", () => verifiers[s].getCookieCache(dataHeaders[s]), isPayload],
    [`check_session_${s}`, "wasm", () => verifiers[s].verifySession(fullHeaders[s]), (r) => r.valid && isPayload(r)],
  ]),
  ["decode_compact", "hand-written", () => handWrittenCompact(fx.values.compact), isPayload],
  // Small and large sessions (large: a chunked cookie).
  ...SIZES.filter((size) => size !== "typical").flatMap((size) =>
    STRATEGIES.flatMap((s) => [
      [`decode_${s}${suffix(size)}`, "better-auth", () => getCookieCache(sized[size][s].data, { secret, strategy: s, isSecure: false }), isPayload],
      [`decode_${s}${suffix(size)}`, "wasm", () => verifiers[s].decodeCookieCache(sized[size][s].value), (r) => r.valid && isPayload(r.payload)],
      [`check_session_${s}${suffix(size)}`, "wasm", () => verifiers[s].verifySession(sized[size][s].full), (r) => r.valid && isPayload(r)],
      ...(s === "compact" ? [[`decode_compact${suffix(size)}`, "hand-written", () => handWrittenCompact(sized[size][s].value), isPayload]] : []),
    ]),
  ),
  [
    "keyring_from_secret",
    "better-auth",
    async () => {
      const key = deriveKey();
      return await jose.calculateJwkThumbprint({ kty: "oct", k: jose.base64url.encode(key) }, "sha256");
    },
    (t) => t === kid,
  ],
  // Diagnostics, not peers: one HMAC-SHA256 over the jwt signing input (1.1 KB) through
  // WebCrypto (async, on libuv's thread pool; key imported once), and through node:crypto's
  // synchronous createHmac. Their difference is the cost of one thread-pool round trip.
  ["hmac_webcrypto", "node", () => crypto.subtle.sign("HMAC", hmacKey, jwtInput), (r) => r.byteLength === 32],
  ["hmac_sync", "node", () => createHmacSync("sha256", secretBytes).update(jwtInput).digest(), (r) => r.length === 32],
];

// Every operation must succeed (and encodes must verify) before anything is measured.
for (const [name, peer, fn, check] of OPS) {
  const r = await fn();
  if (!(await check(r))) throw new Error(`${peer} ${name}: the fixture does not verify`);
}


let gcEvents = 0;
async function flushObserver() {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
}

async function memory(fn) {
  if (typeof globalThis.gc !== "function") throw new Error("memory mode needs node --expose-gc");
  for (let i = 0; i < 200; i++) await fn(); // warm: compiled code, inline caches
  for (let n = 200; n >= 10; n = Math.floor(n / 2)) {
    const samples = [];
    for (let attempt = 0; attempt < 5 && samples.length < 3; attempt++) {
      globalThis.gc();
      globalThis.gc();
      await flushObserver();
      const events0 = gcEvents;
      const m0 = process.memoryUsage();
      for (let i = 0; i < n; i++) await fn();
      const m1 = process.memoryUsage();
      await flushObserver();
      if (gcEvents !== events0) continue; // a GC ran inside the window: not a clean count
      samples.push({ heap: (m1.heapUsed - m0.heapUsed) / n, arrayBuffers: (m1.arrayBuffers - m0.arrayBuffers) / n });
    }
    if (samples.length >= 3) {
      return {
        heapBytes: median(samples.map((s) => s.heap)),
        arrayBufferBytes: median(samples.map((s) => s.arrayBuffers)),
        calls: n,
      };
    }
  }
  return null;
}

const results = [];
if (MODE === "time") {
  for (const [name, peer, fn] of OPS) {
    const r = await time(fn);
    results.push({ name, peer, ...r });
    console.error(`${peer.padEnd(12)} ${name.padEnd(22)} ${(r.nsPerOp / 1000).toFixed(2).padStart(8)} µs/op`);
  }
} else {
  const obs = new PerformanceObserver((list) => {
    gcEvents += list.getEntries().length;
  });
  obs.observe({ entryTypes: ["gc"] });
  for (const [name, peer, fn] of OPS) {
    const r = await memory(fn);
    results.push({ name, peer, ...(r ?? { heapBytes: null, arrayBufferBytes: null }) });
    console.error(
      `${peer.padEnd(12)} ${name.padEnd(22)} ` +
        (r ? `${Math.round(r.heapBytes)} B heap + ${Math.round(r.arrayBufferBytes)} B ArrayBuffers per call` : "no GC-free window"),
    );
  }
  obs.disconnect();
}

const report = {
  mode: MODE,
  node: process.version,
  v8: process.versions.v8,
  "better-auth": packageVersion("better-auth"),
  jose: packageVersion("jose"),
  execArgv: process.execArgv,
  peakRssKiB: process.resourceUsage().maxRSS,
  results,
};
writeFileSync(OUT, JSON.stringify(report, null, 2) + "\n");
