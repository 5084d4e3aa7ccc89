// The differential run: random payloads and configurations, minted by Better Auth 1.7.24
// and by session-cache (the WebAssembly package built from wasm/), each verified by both,
// then mutated (bit flips, truncation, splices, swapped parts, chunk splices) and
// verified by both again. Every verdict of one side must be the other's; a difference is
// either one of the documented, deliberate differences (classified by name) or a bug.
//
//   cd vectors && npm ci && (cd ../wasm && npm ci && npm run build)
//   node differential.mjs --cases 100000 --seed 1        # the long run (~1 h on 2 cores)
//   node differential.mjs --cases 1500                   # CI's short run
//
// Prints one JSON summary line; exits 1 on any unexplained disagreement, after writing
// each one (its inputs and both verdicts) to differential-failures.json for pinning.
//
// What is compared, per case:
//   - mint: for compact and jwt (deterministic), session-cache's value must be Better
//     Auth's byte for byte, and so must its Set-Cookie chunks; for jwe, the chunk names;
//   - decode: Better Auth's decodeCookieCache + getCookieCache's checks (baVerdict, with a
//     frozen clock) against session-cache's decodeCookieCache, for both values, at a
//     random time around the expiries, with the minting keys or others (rotation, an
//     unrelated secret) and an expected version or none; an accepted payload must be the
//     one that was signed, to the byte;
//   - mutations of both values, verified by both;
//   - the Cookie header path (single secrets): Better Auth's public getCookieCache with
//     a prefix and isSecure against session-cache's getCookieCache, on the minted cookies,
//     chunk splices of two cookies, dropped chunks, and the other spelling.
import { isUtf8 } from "node:buffer";
import { writeFileSync } from "node:fs";
import { baVerdict, getContext, getCookieCache, mint, withClock, captureConsole } from "./lib.mjs";

const sc = await import("../wasm/pkg/node.mjs");

// ---------------------------------------------------------------------------------------
// Arguments and the random source (seeded: a case is reproducible from --seed and its index)
// ---------------------------------------------------------------------------------------

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => {
    if (a.startsWith("--")) acc.push([a.slice(2), all[i + 1]]);
    return acc;
  }, []),
);
const CASES = Number(args.cases ?? 1000);
const SEED = Number(args.seed ?? 1);
const FIRST = Number(args.first ?? 0);
const QUIET = args.quiet !== undefined;

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
let rand = mulberry32(SEED);
const int = (n) => Math.floor(rand() * n);
const pick = (xs) => xs[int(xs.length)];
const chance = (p) => rand() < p;

// ---------------------------------------------------------------------------------------
// Configurations (a small pool, so that Better Auth instances are cached and reused)
// ---------------------------------------------------------------------------------------

const S = [
  "differential-secret-alpha-0123456789abcdef",
  "differential-secret-bravo-0123456789abcdef",
  "differential-secret-charlie-0123456789abcd",
  "ünïcödé-secret-😀-differential-0123456789",
];
const KEYSETS = [
  { secret: S[0] },
  { secret: S[1] },
  { secret: S[3] },
  { secrets: [{ version: 1, value: S[0] }] },
  { secrets: [{ version: 2, value: S[1] }, { version: 1, value: S[0] }] },
  { secrets: [{ version: 3, value: S[2] }, { version: 2, value: S[1] }, { version: 1, value: S[0] }], legacySecret: S[3] },
  { secrets: [{ version: 2, value: S[1] }], legacySecret: S[0] },
];
const MAX_AGES = [60, 300, 3600];
const MINT_VERSIONS = [undefined, "2", "v3"];
const EXPECTED_VERSIONS = [null, null, "1", "2", "v3"];
const PREFIXES = [undefined, "app", "my-app"];

function scConfig(keys, strategy, extra = {}) {
  const c = { strategy, dates: "string", ...extra };
  if (keys.secrets) {
    c.secrets = keys.secrets;
    if (keys.legacySecret) c.secret = keys.legacySecret;
  } else c.secret = keys.secret;
  return c;
}
const verifiers = new Map();
function verifier(keys, strategy, version, extra = {}) {
  const id = JSON.stringify([keys, strategy, version, extra]);
  let v = verifiers.get(id);
  if (!v) {
    v = sc.createVerifier(scConfig(keys, strategy, { ...(version ? { version } : {}), ...extra }));
    verifiers.set(id, v);
  }
  return v;
}

// ---------------------------------------------------------------------------------------
// Payloads
// ---------------------------------------------------------------------------------------

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const id = (n = 32) => Array.from({ length: n }, () => ALNUM[int(ALNUM.length)]).join("");
const PIECES = [
  () => id(1 + int(12)),
  () => "Ada Lovelace",
  () => "é",
  () => "中文",
  () => "😀",
  () => "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}",
  () => String.fromCharCode(int(0x20)),
  () => "\u007f",
  () => "\ud800",
  () => "\udfff",
  () => "\udc00\ud800",
  () => "\u2028\u2029",
  () => "\ufeff",
  () => '"',
  () => "\\",
  () => "</script><script>",
  () => "\u0000",
  () => " ",
  () => "%3D;,=",
];
function str(maxPieces = 6) {
  let s = "";
  const n = 1 + int(maxPieces);
  for (let i = 0; i < n; i++) s += pick(PIECES)();
  return s;
}
const NUMBERS = [
  () => int(1000),
  () => -int(1e6),
  () => rand() * 1e6,
  () => (rand() - 0.5) * 10 ** (int(40) - 20),
  () => 10 ** (21 + int(287)),
  () => 1e21,
  () => 5e-324,
  () => Number.MIN_VALUE * (1 + int(100)),
  () => -0,
  () => 2 ** 53 + 1,
  () => 2 ** 64,
  () => 0.1 + 0.2,
  () => Number.MAX_VALUE,
  () => 1 / 3,
  () => NaN,
  () => Infinity,
];
function value(depth) {
  const r = int(10);
  if (depth > 4 || r < 3) return str();
  if (r < 6) return pick(NUMBERS)();
  if (r < 7) return pick([true, false, null]);
  if (r < 8) return Array.from({ length: int(4) }, () => value(depth + 1));
  return object(depth + 1);
}
function key() {
  return pick([
    () => String(int(12)),
    () => String(int(4294967296)),
    () => "4294967295",
    () => "01",
    () => "-1",
    () => "1.5",
    () => str(2),
    () => id(6),
    () => "__proto__",
    () => "constructor",
  ])();
}
function object(depth) {
  const o = {};
  const n = int(5);
  for (let i = 0; i < n; i++) o[key()] = value(depth);
  return o;
}
function deep(n) {
  let v = "bottom";
  for (let i = 0; i < n; i++) v = chance(0.5) ? [v] : { d: v };
  return v;
}

/** {session, user} rows as a database gives them (Dates), and whether they hold a date-shaped string. */
function rows(at) {
  const DAY = 86_400_000;
  const session = {
    id: id(),
    expiresAt: new Date(at + (chance(0.8) ? 7 * DAY : pick([30_000, -60_000, 1000]))),
    token: id(),
    createdAt: new Date(at - int(3 * DAY)),
    updatedAt: new Date(at - int(DAY)),
    ipAddress: pick(["203.0.113.42", "", "::1", str(2)]),
    userAgent: pick(["Mozilla/5.0", "", str()]),
    userId: id(),
  };
  const user = {
    id: session.userId,
    name: chance(0.1) ? pick(["", "x".repeat(1 + int(3000))]) : str(),
    email: pick([`${id(8)}@example.com`, `${id(5)}@EXAMPLE.COM`, str(3)]),
    emailVerified: chance(0.5),
    image: pick([null, "https://cdn.example.com/a.png", str(2)]),
    createdAt: new Date(at - int(400 * DAY)),
    updatedAt: new Date(at - int(DAY)),
  };
  if (chance(0.4)) Object.assign(user, object(0));
  if (chance(0.2)) Object.assign(session, object(0));
  if (chance(0.05)) user.deep = deep(1 + int(60));
  if (chance(0.002)) user.tooDeep = deep(257 + int(40));
  if (chance(0.02)) user[pick(["name", "nickname"])] = pick(["2026-01-01T00:00:00Z", "2026-01-01T00:00:00.000Z", "2026-02-30T00:00:00Z"]);
  // Sizes around the chunk boundary (3977 characters for the default names) and, rarely,
  // near the 100-chunk limit.
  const size = int(1000);
  if (size < 120) user.bio = "b".repeat(2500 + int(3000));
  else if (size < 150) user.bio = "b".repeat(10_000 + int(30_000));
  else if (size < 151) user.bio = "b".repeat(250_000 + int(20_000));
  if (chance(0.01)) {
    // Outside Better Auth's schema: both must refuse what they mint, or both accept.
    pick([
      () => delete user.email,
      () => (user.name = 42),
      () => (session.token = null),
      () => (session.expiresAt = "not a date"),
      () => (user.emailVerified = "yes"),
      () => (session.userId = 42),
    ])();
  }
  return { session, user };
}

const DATE_SHAPED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;
const DATE_FIELDS = new Set(["expiresAt", "createdAt", "updatedAt"]);
/** Whether the payload has a date-shaped string Better Auth's reviver turns into a Date. */
function hasRevivedString(v, k = "", depth = 0) {
  if (typeof v === "string") return DATE_SHAPED.test(v) && !Number.isNaN(new Date(v).getTime()) && !(depth === 2 && DATE_FIELDS.has(k));
  if (v && typeof v === "object") return Object.entries(v).some(([kk, vv]) => hasRevivedString(vv, kk, depth + 1));
  return false;
}
function depthOf(v) {
  if (v && typeof v === "object") return 1 + Math.max(0, ...Object.values(v).map(depthOf));
  return 0;
}

// ---------------------------------------------------------------------------------------
// Verdicts
// ---------------------------------------------------------------------------------------

async function ba(strategy, keys, version, value, now, cookies) {
  const v = await baVerdict({ strategy, keys, version, value, now, cookies });
  return { accepted: v.accepted, payloadJson: v.payloadJson, payload: v.payload, error: v.error, step: v.step, agree: v.agree };
}

function ours(strategy, keys, version, value, now) {
  const r = verifier(keys, strategy, version).decodeCookieCache(value, { now });
  return r.valid ? { accepted: true, payload: r.payload, json: JSON.stringify(r.payload) } : { accepted: false, error: r.error };
}

// Lax base64 as Better Auth (compact: the first `=` ends the value; either alphabet) and
// jose (padding, unused bits) read it: Node's decoder is laxer still, which is fine here:
// it is only asked whether two texts that Better Auth accepts carry the same bytes.
const laxBytes = (s) => Buffer.from(s.split("=")[0], "base64").toString("hex");
function sameLaxBytes(strategy, a, b) {
  if (strategy === "compact") return laxBytes(a) === laxBytes(b);
  const pa = a.split(".");
  const pb = b.split(".");
  return pa.length === pb.length && pa.every((p, i) => laxBytes(p) === laxBytes(pb[i]));
}

// ---------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const MUTATIONS = {
  "flip-char": (v) => {
    const i = int(v.length);
    let c;
    do c = B64[int(64)];
    while (c === v[i]);
    return v.slice(0, i) + c + v.slice(i + 1);
  },
  "flip-bit": (v) => {
    const i = int(v.length);
    return v.slice(0, i) + String.fromCharCode(v.charCodeAt(i) ^ (1 << int(7))) + v.slice(i + 1);
  },
  "last-char": (v) => v.slice(0, -1) + B64[(B64.indexOf(v.at(-1)) ^ (1 + int(3))) & 63],
  truncate: (v) => v.slice(0, int(v.length)),
  "drop-char": (v) => {
    const i = int(v.length);
    return v.slice(0, i) + v.slice(i + 1);
  },
  "insert-char": (v) => {
    const i = int(v.length + 1);
    return v.slice(0, i) + pick([...B64, "=", ".", "+", "/", " ", "%"]) + v.slice(i);
  },
  "pad-garbage": (v) => v + pick(["=", "==", "=garbage", "=!!", "."]),
  "std-alphabet": (v) => v.replace(/-/g, "+").replace(/_/g, "/"),
  "swap-part": (v, other) => {
    const a = v.split(".");
    const b = other.split(".");
    if (a.length !== b.length || a.length < 2) return other.slice(0, int(other.length)) + v.slice(int(v.length));
    const i = int(a.length);
    a[i] = b[i];
    return a.join(".");
  },
  splice: (v, other) => {
    const i = int(Math.min(v.length, other.length));
    return v.slice(0, i) + other.slice(i);
  },
  "drop-part": (v) => {
    const a = v.split(".");
    a.splice(int(a.length), 1);
    return a.join(".");
  },
  "empty-part": (v) => {
    const a = v.split(".");
    a[int(a.length)] = "";
    return a.join(".");
  },
};
const MUTATION_NAMES = Object.keys(MUTATIONS);

// ---------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------

const stats = {
  cases: 0,
  mints: { betterAuth: 0, sessionCache: 0, identical: 0, refusedByBoth: 0 },
  comparisons: 0,
  agreements: 0,
  accepted: 0,
  rejected: 0,
  mutations: 0,
  cookieHeaders: 0,
  deliberate: {},
  disagreements: 0,
  byStrategy: { compact: 0, jwt: 0, jwe: 0 },
};
const failures = [];

function deliberate(name) {
  stats.deliberate[name] = (stats.deliberate[name] ?? 0) + 1;
}

function disagree(what, detail) {
  stats.disagreements++;
  if (failures.length < 50) failures.push({ what, ...detail });
  if (!QUIET) console.error(`DISAGREEMENT ${what}: ${JSON.stringify(detail).slice(0, 600)}`);
}

/**
 * Compares the two verdicts on one value. `signedJson`: the JSON that was signed, when the
 * value is an unmodified mint; `originals`: the values it was made from (a mutation, a
 * splice or a swap of two values).
 */
function compare(c, value, b, o, { signedJson, originals = [], kind }) {
  stats.comparisons++;
  if (b.accepted === o.accepted) {
    stats.agreements++;
    if (b.accepted) {
      stats.accepted++;
      if (signedJson !== undefined && o.json !== signedJson)
        disagree("payload", { ...c.info, kind, value, ours: o.json, signed: signedJson });
      const bp = b.payload;
      if (bp && (bp.session?.token !== o.payload.session?.token || bp.user?.id !== o.payload.user?.id))
        disagree("payload-fields", { ...c.info, kind, value, ours: o.json, betterAuth: b.payloadJson });
    } else stats.rejected++;
    return;
  }
  // Documented differences (src/lib.rs, "Where this crate differs from Better Auth").
  // Judged on the value itself: the payload the accepting side returned.
  if (o.accepted && hasRevivedString(o.payload)) return deliberate("date-shaped strings (Better Auth's reviver)");
  if (b.accepted && depthOf(b.payload) > 256) return deliberate("JSON nested deeper than 256 levels");
  if (b.accepted && !o.accepted && originals.some((v) => sameLaxBytes(c.strategy, value, v)))
    return deliberate(`lax base64 (${c.strategy})`);
  // Better Auth reads a compact value's bytes with a lenient UTF-8 decoder (bad bytes
  // become U+FFFD); a splice can break a character inside a member that a later duplicate
  // overrides, and the MAC still verifies there.
  if (b.accepted && !o.accepted && c.strategy === "compact" && !isUtf8(Buffer.from(value.split("=")[0], "base64")))
    return deliberate("lenient UTF-8 (compact)");
  disagree("verdict", { ...c.info, kind, value: value.length > 2000 ? `${value.slice(0, 2000)}…` : value, betterAuth: { accepted: b.accepted, step: b.step, error: b.error }, ours: { accepted: o.accepted, error: o.error } });
}

async function runCase(index) {
  rand = mulberry32((SEED * 1_000_003 + index) >>> 0);
  const strategy = pick(["compact", "jwt", "jwe"]);
  const mintKeys = pick(KEYSETS);
  const maxAge = pick(MAX_AGES);
  const mintVersion = pick(MINT_VERSIONS);
  const at = 1_790_000_000_000 + int(86_400_000 * 30) + int(1000);
  const data = rows(at);
  const verifyKeys = chance(0.7) ? mintKeys : pick(KEYSETS);
  const expected = chance(0.5) ? (mintVersion ?? pick([null, "1"])) : pick(EXPECTED_VERSIONS);
  const offsets = [0, 1000, 59_000, maxAge * 1000 - 1, maxAge * 1000, maxAge * 1000 + 1, maxAge * 1000 + 14_999, maxAge * 1000 + 15_000, -60_000, 2 * maxAge * 1000];
  const now = at + (chance(0.5) ? int(maxAge * 1000) : pick(offsets)) + (strategy === "compact" ? 0 : pick([0, -(at % 1000), 999 - (at % 1000)]));
  const payloadObj = { session: data.session, user: data.user, updatedAt: at, version: mintVersion ?? "1" };
  const signedJson = JSON.stringify(payloadObj);
  const c = {
    strategy,
    revived: hasRevivedString(JSON.parse(signedJson)),
    tooDeep: depthOf(JSON.parse(signedJson)) > 256,
    info: { case: index, seed: SEED, strategy, mintKeys, verifyKeys, maxAge, mintVersion: mintVersion ?? null, expected, at, now },
  };
  stats.cases++;
  stats.byStrategy[strategy]++;

  // Both mint.
  const cfg = { strategy, keys: mintKeys, maxAge, cacheVersion: mintVersion };
  let baMint = null;
  try {
    baMint = await mint(cfg, data, at);
    stats.mints.betterAuth++;
  } catch {
    // setCookieCache sets nothing (more than 100 chunks).
  }
  const mintVerifier = verifier(mintKeys, strategy, mintVersion, { maxAge });
  let ourValue = null;
  let ourCookies = null;
  try {
    ourValue = mintVerifier.encodeCookieCache(signedJson, { now: at, maxAge });
    ourCookies = mintVerifier.setCookieCacheHeaders(signedJson, { now: at, maxAge });
    stats.mints.sessionCache++;
  } catch (e) {
    if (baMint && !c.tooDeep) {
      // Better Auth mints payloads outside its own schema; session-cache refuses to.
      if (e.code === "invalid_payload") deliberate("mint refused: payload outside Better Auth's schema");
      else disagree("mint", { ...c.info, error: String(e), code: e.code });
    } else if (c.tooDeep) deliberate("JSON nested deeper than 256 levels");
  }
  if (!baMint && !ourValue) stats.mints.refusedByBoth++;
  if (baMint && !ourValue && !c.tooDeep) {
    // Nothing more to compare for a payload only Better Auth writes; still check that
    // we refuse its value as it does (its own reader refuses it by its schema too).
  } else if (!baMint && ourValue) {
    if (!ourCookies || ourCookies.length <= 100) disagree("mint", { ...c.info, note: "Better Auth set no cookie, session-cache minted" });
  }
  if (baMint && ourValue && strategy !== "jwe") {
    if (baMint.value !== ourValue) disagree("mint-bytes", { ...c.info, betterAuth: baMint.value.slice(0, 300), ours: ourValue.slice(0, 300) });
    else stats.mints.identical++;
  }
  if (baMint && ourCookies) {
    const baPairs = baMint.cookies.map((k) => (strategy === "jwe" ? k.name : `${k.name}=${k.value}`));
    const ourPairs = ourCookies.map((h) => h.split(";")[0]).map((p) => (strategy === "jwe" ? p.split("=")[0] : p));
    if (JSON.stringify(baPairs) !== JSON.stringify(ourPairs))
      disagree("chunks", { ...c.info, betterAuth: baPairs.map((p) => p.slice(0, 60)), ours: ourPairs.map((p) => p.slice(0, 60)) });
  }

  // Both verify both.
  const values = [];
  if (baMint) values.push(["betterAuth", baMint.value]);
  if (ourValue && (strategy === "jwe" || !baMint || baMint.value !== ourValue)) values.push(["sessionCache", ourValue]);

  for (const [kind, v] of values) {
    const b = await ba(strategy, verifyKeys, expected, v, now);
    const o = ours(strategy, verifyKeys, expected, v, now);
    compare(c, v, b, o, { signedJson: c.revived ? undefined : signedJson, kind: `minted by ${kind}` });
  }

  // A second, unrelated value of the same configuration to splice with (a splice inside
  // the common header turns one value into the other).
  let second = null;
  try {
    const d2 = rows(at);
    const json2 = JSON.stringify({ ...d2, updatedAt: at, version: mintVersion ?? "1" });
    second = mintVerifier.encodeCookieCache(json2, { now: at, maxAge });
  } catch {}

  // Mutations, verified by both.
  if (values.length > 0) {
    const other = ourValue ?? baMint.value;
    const n = values[0][1].length > 20_000 ? 1 : 3;
    for (let m = 0; m < n; m++) {
      const [kind, v] = pick(values);
      const name = pick(MUTATION_NAMES);
      const partner = chance(0.5) && second ? second : other;
      const mutated = MUTATIONS[name](v, partner);
      if (mutated === v) continue;
      stats.mutations++;
      const b = await ba(strategy, verifyKeys, expected, mutated, now);
      const o = ours(strategy, verifyKeys, expected, mutated, now);
      compare(c, mutated, b, o, { originals: [v, partner], kind: `${name} of ${kind}` });
    }
  }

  // The Cookie header path: single secrets, explicit spelling, a prefix.
  if (verifyKeys.secret && baMint) {
    const isSecure = chance(0.5);
    const prefix = pick(PREFIXES);
    const name = `${isSecure ? "__Secure-" : ""}${prefix ?? "better-auth"}.session_data`;
    const rename = (cookieName) => name + cookieName.slice("better-auth.session_data".length);
    let cookies = baMint.cookies.map((k) => ({ name: rename(k.name), value: k.value }));
    const variants = [["as minted", cookies]];
    if (cookies.length > 1) {
      variants.push(["drop a chunk", cookies.filter((_, i) => i !== int(cookies.length))]);
      variants.push(["reversed", [...cookies].reverse()]);
    }
    if (second && cookies.length > 1) {
      const chunksOf = (v) => v.match(/.{1,3977}/gs) ?? [];
      const b = chunksOf(second);
      const spliced = cookies.map((k, i) => (i % 2 === 1 && b[i] ? { name: k.name, value: b[i] } : k));
      variants.push(["chunks of two cookies", spliced]);
    }
    if (chance(0.2)) {
      const otherName = `${isSecure ? "" : "__Secure-"}${prefix ?? "better-auth"}.session_data`;
      variants.push(["the other spelling", cookies.map((k) => ({ name: otherName + k.name.slice(name.length), value: k.value }))]);
    }
    const noise = chance(0.3) ? ["theme=dark", `${prefix ?? "better-auth"}.session_token=${id()}.${id(43)}=`] : [];
    for (const [label, list] of variants) {
      const header = [...noise, ...list.map((k) => `${k.name}=${k.value}`)].join("; ");
      stats.cookieHeaders++;
      const { result: baPayload } = await captureConsole(() =>
        withClock(now, async () => {
          try {
            return await getCookieCache(new Headers({ cookie: header }), {
              secret: verifyKeys.secret,
              strategy,
              isSecure,
              ...(prefix ? { cookiePrefix: prefix } : {}),
              ...(expected ? { version: expected } : {}),
            });
          } catch (e) {
            return null;
          }
        }),
      );
      const v = verifier(verifyKeys, strategy, expected, { isSecure, ...(prefix ? { cookiePrefix: prefix } : {}) });
      const ourPayload = v.getCookieCache(header, { now });
      const b = { accepted: !!baPayload, payload: baPayload, step: "getCookieCache" };
      const o = ourPayload ? { accepted: true, payload: ourPayload, json: JSON.stringify(ourPayload) } : { accepted: false, error: v.decodeCookieCache("", { now }).error };
      compare(c, header, b, o, { signedJson: label === "as minted" && !c.revived ? signedJson : undefined, kind: `Cookie header: ${label}` });
    }
  }
}

const started = Date.now();
for (let i = FIRST; i < FIRST + CASES; i++) {
  await runCase(i);
  if (!QUIET && (i - FIRST + 1) % 5000 === 0)
    console.error(`${i - FIRST + 1} cases, ${stats.comparisons} comparisons, ${stats.disagreements} disagreements, ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
stats.seconds = Math.round((Date.now() - started) / 1000);
stats.seed = SEED;
stats.first = FIRST;
if (failures.length > 0) writeFileSync(new URL("./differential-failures.json", import.meta.url), JSON.stringify(failures, null, 1));
console.log(JSON.stringify(stats));
process.exit(stats.disagreements === 0 ? 0 : 1);
