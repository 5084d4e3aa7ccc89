// Generates cookie-cache.json: Better Auth 1.7.24 session cookie cache vectors.
//
//   cd vectors && npm ci && node generate.mjs [--verbose]
//
// Every value is minted either by Better Auth's own setCookieCache (the normal path) or,
// for "crafted" vectors, with the primitives Better Auth itself uses (createHMAC from
// @better-auth/utils, signJWT / symmetricEncodeJWT from better-auth/crypto, or jose for
// headers Better Auth never writes). Every verdict is Better Auth's: decodeCookieCache +
// the checks getCookieCache applies, and getCookieCache itself for single-secret keys
// (the two must agree or the generator aborts).

import { writeFileSync } from "node:fs";
import { hkdfSync, createHmac as createHmacNode } from "node:crypto";
import {
  VERSIONS,
  base64Url,
  baCrypto,
  baVerdict,
  createHMAC,
  jose,
  mint,
  withClock,
} from "./lib.mjs";

const VERBOSE = process.argv.includes("--verbose");
const OUT = new URL("./cookie-cache.json", import.meta.url);

// ---------------------------------------------------------------------------------------
// Fixed inputs
// ---------------------------------------------------------------------------------------

const T = Date.now(); // mint time: the real clock at generation
const SEC = 1000;
const MIN = 60 * SEC;
const DAY = 24 * 60 * MIN;
const NOW = T + SEC; // default verification time

const S1 = "bav-secret-one-3f9c2a7e51d84b06a9e2c7f13d5b8e40";
const S2 = "bav-secret-two-8d1e6b4a27c95f03e7a1b9d2c4f6085b";
const LEGACY = "bav-legacy-secret-c2a9e4f7b1d3058a6e9f2b7c4d1a8e35";
const WRONG = "bav-wrong-secret-5e8b1f3a9c7d2e046b1a8f5c3e9d7b20";

const KEYS = {
  single: { secret: S1 },
  wrong: { secret: WRONG },
  legacyOnly: { secret: LEGACY },
  versioned: { secrets: [{ version: 2, value: S2 }, { version: 1, value: S1 }] },
  versionedLegacy: { secrets: [{ version: 2, value: S2 }, { version: 1, value: S1 }], legacySecret: LEGACY },
  old: { secrets: [{ version: 1, value: S1 }] },
};

const SALT = "better-auth-session";
const STRATEGIES = ["compact", "jwt", "jwe"];

/** Realistic session/user rows, with Date objects as a database returns them. */
function fixture({ session = {}, user = {} } = {}) {
  return {
    session: {
      id: "ses_01JG8Q2M4V7XK3N9R5T1W6Y0ZB",
      expiresAt: new Date(T + 7 * DAY),
      token: "Yk3n9QpZ2vX8rT5wL1mC7bH4dF6gJ0sA",
      createdAt: new Date(T - 2 * 60 * MIN),
      updatedAt: new Date(T - 5 * MIN),
      ipAddress: "203.0.113.42",
      userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      userId: "usr_01JG8PZK2D6H0C4A9E7F3B5M1N",
      ...session,
    },
    user: {
      id: "usr_01JG8PZK2D6H0C4A9E7F3B5M1N",
      name: "Ada Lovelace",
      email: "ada@example.com",
      emailVerified: true,
      image: "https://cdn.example.com/avatars/ada.png",
      createdAt: new Date("2025-03-14T09:26:53.589Z"),
      updatedAt: new Date("2026-06-01T12:00:00.000Z"),
      ...user,
    },
  };
}

/** The object setCookieCache signs (for crafted vectors built with the primitives). */
function sessionData(data, { version = "1", updatedAt = T } = {}) {
  const o = { session: data.session, user: data.user, updatedAt };
  if (version !== undefined) o.version = version;
  return o;
}

// ---------------------------------------------------------------------------------------
// Encoding helpers (test scaffolding; never used to decide a verdict)
// ---------------------------------------------------------------------------------------

const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const b64uEncode = (s) => Buffer.from(s, "utf8").toString("base64url");
const b64uDecode = (s) => Buffer.from(s, "base64url").toString("utf8");

/** Replace the base64url character at `idx` with another one (all 6 bits change meaningfully). */
function flipChar(s, idx) {
  const v = B64URL.indexOf(s[idx]);
  if (v < 0) throw new Error(`not a base64url char at ${idx}: ${s[idx]}`);
  return s.slice(0, idx) + B64URL[v ^ 0b100000] + s.slice(idx + 1);
}
/** Flip the lowest bit of the last character: only unused padding bits change. */
function flipTrailingBit(s) {
  const v = B64URL.indexOf(s[s.length - 1]);
  return s.slice(0, -1) + B64URL[v ^ 1];
}
function replacePart(token, i, f) {
  const parts = token.split(".");
  parts[i] = f(parts[i]);
  return parts.join(".");
}
const mid = (s) => Math.floor(s.length / 2);

/** Better Auth's JWE key: HKDF-SHA256(secret, "better-auth-session", info, 64). Cross-checked
 *  below against the kid Better Auth writes. */
function deriveKey(secret) {
  return new Uint8Array(hkdfSync("sha256", secret, SALT, "BetterAuth.js Generated Encryption Key", 64));
}
async function thumbprint(key) {
  return jose.calculateJwkThumbprint({ kty: "oct", k: jose.base64url.encode(key) }, "sha256");
}

function compactParts(value) {
  const text = b64uDecode(value);
  const m = /,"expiresAt":(-?[0-9]+),"signature":"([A-Za-z0-9_-]*)"\}$/.exec(text);
  if (!text.startsWith('{"session":') || !m) throw new Error(`unexpected compact layout: ${text.slice(0, 80)}`);
  return { text, sessionText: text.slice('{"session":'.length, m.index), expiresAt: Number(m[1]), signature: m[2] };
}
function compactValue(sessionText, expiresAt, signature) {
  return base64Url.encode(`{"session":${sessionText},"expiresAt":${expiresAt},"signature":"${signature}"}`, { padding: false });
}
/** The HMAC exactly as Better Auth verifies it: over JSON.stringify({...payload, expiresAt}). */
async function compactSignature(secret, sessionText, expiresAt) {
  return createHMAC("SHA-256", "base64urlnopad").sign(secret, JSON.stringify({ ...JSON.parse(sessionText), expiresAt }));
}
async function craftCompact(secret, sessionText, expiresAt = T + 300 * SEC) {
  return compactValue(sessionText, expiresAt, await compactSignature(secret, sessionText, expiresAt));
}

const CLAIMS = ["iat", "exp", "jti"];
function stripClaims(text) {
  const o = JSON.parse(text);
  if (JSON.stringify(o) !== text) throw new Error("claims text is not JSON.stringify output");
  for (const c of CLAIMS) delete o[c];
  return JSON.stringify(o);
}
async function jweDecryptText(value, secret) {
  const { plaintext } = await jose.compactDecrypt(value, deriveKey(secret), {
    keyManagementAlgorithms: ["dir"],
    contentEncryptionAlgorithms: ["A256CBC-HS512"],
  });
  return new TextDecoder().decode(plaintext);
}

/** payloadJson + expiresAt of a value minted by Better Auth. */
async function describe(strategy, value, secret) {
  if (strategy === "compact") {
    const p = compactParts(value);
    return { payloadJson: p.sessionText, expiresAt: p.expiresAt };
  }
  const text = strategy === "jwt" ? b64uDecode(value.split(".")[1]) : await jweDecryptText(value, secret);
  const exp = JSON.parse(text).exp;
  return { payloadJson: stripClaims(text), expiresAt: typeof exp === "number" ? exp * 1000 : null };
}

const iatT = Math.floor(T / 1000);
/** sessionText + ,"iat":..,"exp":.. appended textually (so payloadJson stays the exact prefix). */
function withClaims(sessionText, { iat = iatT, exp = iatT + 300, extra = "" } = {}) {
  if (!sessionText.endsWith("}")) throw new Error("payload text must be an object");
  let add = "";
  if (iat !== null) add += `,"iat":${typeof iat === "string" ? JSON.stringify(iat) : iat}`;
  if (exp !== null) add += `,"exp":${typeof exp === "string" ? JSON.stringify(exp) : exp}`;
  add += extra;
  return sessionText.slice(0, -1) + add + "}";
}
// `crit` extensions are declared to jose's producer so it will write them (the verifier is not told).
const critOpts = (header) => (header.crit ? { crit: Object.fromEntries(header.crit.map((c) => [c, true])) } : undefined);
async function craftJws(secret, claimsText, header = { alg: "HS256" }) {
  return new jose.CompactSign(new TextEncoder().encode(claimsText)).setProtectedHeader(header).sign(new TextEncoder().encode(secret), critOpts(header));
}
async function craftJwe(key, plaintext, header) {
  return new jose.CompactEncrypt(new TextEncoder().encode(plaintext)).setProtectedHeader(header).encrypt(key, critOpts(header));
}

/** Mint a payload object with Better Auth's primitives (as setCookieCache would), at T. */
async function primitiveMint(strategy, secret, payload, maxAge = 300) {
  if (strategy === "compact") {
    const text = JSON.stringify(payload);
    return { value: await craftCompact(secret, text, T + maxAge * SEC), payloadJson: text, expiresAt: T + maxAge * SEC };
  }
  const value = await withClock(T, () =>
    strategy === "jwt" ? baCrypto.signJWT(payload, secret, maxAge) : baCrypto.symmetricEncodeJWT(payload, secret, SALT, maxAge),
  );
  return { value, ...(await describe(strategy, value, secret)) };
}

// ---------------------------------------------------------------------------------------
// Diagnosis (summary only): Better Auth swallows the reason for most rejections, so redo
// the failing step with jose / the primitives to show *why*. Never decides a verdict.
// ---------------------------------------------------------------------------------------

function secretsOf(keys) {
  if (keys.secret !== undefined && !keys.secrets) return [keys.secret];
  const all = keys.secrets.map((x) => x.value);
  if (keys.legacySecret && !all.includes(keys.legacySecret)) all.push(keys.legacySecret);
  return all;
}
async function diagnose(strategy, keys, value, now) {
  const secrets = secretsOf(keys);
  return withClock(now, async () => {
    const joseErr = (e) => `jose ${e.code ?? e.name}: ${e.message}`;
    if (strategy === "compact") {
      let bytes;
      try {
        bytes = base64Url.decode(value);
      } catch (e) {
        return `base64 decoder threw: ${e.message}`;
      }
      const text = new TextDecoder().decode(bytes);
      let o;
      try {
        o = JSON.parse(text);
      } catch (e) {
        return `not JSON: ${e.message}`;
      }
      if (!o || typeof o !== "object" || Array.isArray(o) || !o.session || typeof o.session !== "object" || Array.isArray(o.session) || typeof o.expiresAt !== "number" || typeof o.signature !== "string")
        return "outer structure {session: record, expiresAt: number, signature: string} not met";
      const ok = await createHMAC("SHA-256", "base64urlnopad").verify(secrets[0], JSON.stringify({ ...o.session, expiresAt: o.expiresAt }), o.signature);
      return ok ? "MAC ok over plain JSON.parse+stringify (so the reviver or zod changed what Better Auth re-serialized)" : "MAC mismatch";
    }
    if (strategy === "jwt") {
      try {
        await jose.jwtVerify(value, new TextEncoder().encode(secrets[0]));
        return "jose ok";
      } catch (e) {
        return joseErr(e);
      }
    }
    let hdr;
    try {
      hdr = jose.decodeProtectedHeader(value);
    } catch (e) {
      return `decodeProtectedHeader: ${joseErr(e)}`;
    }
    const opts = { clockTolerance: 15, keyManagementAlgorithms: ["dir"], contentEncryptionAlgorithms: ["A256CBC-HS512", "A256GCM"] };
    const candidates = [];
    for (const sec of secrets) candidates.push({ sec, key: deriveKey(sec), kid: await thumbprint(deriveKey(sec)) });
    if (hdr.kid !== undefined) {
      const c = candidates.find((x) => x.kid === hdr.kid);
      if (!c) return `kid ${JSON.stringify(hdr.kid)} matches no configured secret`;
      try {
        await jose.jwtDecrypt(value, c.key, opts);
        return "jose ok";
      } catch (e) {
        return joseErr(e);
      }
    }
    const errs = [];
    for (const c of candidates) {
      try {
        await jose.jwtDecrypt(value, c.key, opts);
        return "jose ok";
      } catch (e) {
        errs.push(joseErr(e));
      }
    }
    return `no kid; every key failed: ${errs.join(" / ")}`;
  });
}

// ---------------------------------------------------------------------------------------
// Vector collection
// ---------------------------------------------------------------------------------------

const vectors = [];
const observed = [];
const names = new Set();

/**
 * expect: "accept" | "reject" | "observe". For "observe", the final reason is
 * reasonIfAccepted (default null) or reasonIfRejected, by what Better Auth did.
 */
async function add(v) {
  const name = `${v.strategy}/${v.case}`;
  if (names.has(name)) throw new Error(`duplicate vector name ${name}`);
  names.add(name);
  const version = v.version ?? null;
  const now = v.now ?? NOW;
  const ba = await baVerdict({ strategy: v.strategy, keys: v.keys, version, value: v.value, now, cookies: v.cookies });
  if (!ba.agree)
    throw new Error(
      `${name}: decodeCookieCache+policy and getCookieCache disagree:\n  decode: ${ba.accepted} ${ba.payloadJson}\n  getCookieCache: ${JSON.stringify(ba.getCookieCache)}`,
    );
  let reason = v.reason ?? null;
  const expect = v.expect ?? (reason === null ? "accept" : "reject");
  if (expect === "accept" && !ba.accepted)
    throw new Error(`${name}: expected Better Auth to accept; it rejected at ${ba.step} ${ba.error ?? ""}\n${ba.logs.join("\n")}`);
  if (expect === "reject" && ba.accepted) throw new Error(`${name}: expected Better Auth to reject; it accepted ${ba.payloadJson}`);
  if (expect === "observe") {
    reason = ba.accepted ? (v.reasonIfAccepted ?? null) : v.reasonIfRejected;
    if (!ba.accepted && !reason) throw new Error(`${name}: rejected but no reasonIfRejected`);
    observed.push({ name, accepted: ba.accepted, step: ba.step, error: ba.error });
  }
  const baLogs = ba.logs.map((l) => l.replace(/^.*?\[Better Auth\]:\s*/, ""));
  const diag = ba.accepted ? "" : ba.step === "decode" ? await diagnose(v.strategy, v.keys, v.value, now) : "";
  if (VERBOSE) console.error(name, ba.accepted, ba.step, ba.error ?? "", diag, baLogs.join(" | "));
  vectors.push({
    name,
    strategy: v.strategy,
    keys: v.keys,
    version,
    now,
    value: v.value,
    payloadJson: v.payloadJson ?? null,
    expiresAt: v.expiresAt ?? null,
    betterAuth: { accepted: ba.accepted, payloadJson: ba.payloadJson },
    reason,
    note: v.note,
    _step: ba.step,
    _error: ba.error,
    _diag: [diag, ...new Set(baLogs)].filter(Boolean).join(" | "),
  });
  return ba;
}

/** Mint with setCookieCache and add the vector. */
async function addMinted(strategy, c, mintOpts = {}) {
  const mintKeys = mintOpts.keys ?? KEYS.single;
  const cfg = { strategy, keys: mintKeys, maxAge: mintOpts.maxAge ?? 300, cacheVersion: mintOpts.cacheVersion };
  const m = await mint(cfg, mintOpts.data ?? fixture(), mintOpts.at ?? T);
  const secret = mintKeys.secret ?? mintKeys.secrets[0].value;
  const d = await describe(strategy, m.value, secret);
  const chunked = m.cookies.length > 1;
  const extraNote = chunked
    ? ` setCookieCache chunked it into ${m.cookies.length} cookies (${m.cookies.map((k) => `${k.name}=${k.value.length}`).join(", ")} chars); value is the chunks joined in index order.`
    : "";
  const ba = await add({
    strategy,
    keys: KEYS.single,
    ...c,
    value: c.transform ? c.transform(m.value) : m.value,
    cookies: c.transform ? undefined : chunked ? m.cookies : undefined,
    payloadJson: c.payloadJson === undefined ? d.payloadJson : c.payloadJson,
    expiresAt: c.expiresAt === undefined ? d.expiresAt : c.expiresAt,
    note: c.note + extraNote,
  });
  return { m, d, ba };
}

// ---------------------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------------------

async function sanityKid() {
  // The HKDF used for crafted JWEs must be Better Auth's: compare with the kid it writes.
  const m = await mint({ strategy: "jwe", keys: KEYS.single }, fixture(), T);
  const kid = jose.decodeProtectedHeader(m.value).kid;
  if (kid !== (await thumbprint(deriveKey(S1)))) throw new Error("derived JWE key does not match Better Auth's kid");
}

async function commonCases(S) {
  const single = KEYS.single;

  // --- basic & cache versions -----------------------------------------------------------
  const basic = await addMinted(S, { case: "basic", note: "Default config (version \"1\"), single secret, verified 1 s after minting without an expected version." });
  await addMinted(S, { case: "version-1-checked", version: "1", note: "Default cache version \"1\" verified with expected version \"1\"." });
  await addMinted(S, { case: "version-2", version: "2", note: "Minted with cookieCache.version \"2\", verified expecting \"2\"." }, { cacheVersion: "2" });
  await addMinted(S, { case: "version-2-unchecked", version: null, note: "Minted with version \"2\", verified with no expected version: any version passes." }, { cacheVersion: "2" });
  await addMinted(
    S,
    { case: "version-function", version: "admin-7", note: "Minted with a version function (session, user) => user.role === \"admin\" ? \"admin-7\" : \"7\" for an admin; the verifier expects the function's result \"admin-7\"." },
    { cacheVersion: { fn: "role-based" }, data: fixture({ user: { role: "admin" } }) },
  );
  await addMinted(
    S,
    { case: "version-function-other-user", version: "admin-7", reason: "wrong_version", note: "Version function minted \"7\" for a non-admin; a verifier expecting \"admin-7\" rejects." },
    { cacheVersion: { fn: "role-based" }, data: fixture({ user: { role: "member" } }) },
  );
  await addMinted(S, { case: "wrong-version", version: "3", reason: "wrong_version", note: "Minted with version \"2\", verified expecting \"3\"." }, { cacheVersion: "2" });
  await addMinted(S, { case: "wrong-version-default", version: "2", reason: "wrong_version", note: "Minted with the default version \"1\", verified expecting \"2\"." });
  {
    const p = await primitiveMint(S, S1, sessionData(fixture(), { version: undefined }));
    await add({ strategy: S, case: "version-missing-as-1", keys: single, version: "1", ...p, note: "Payload without a version key (signed with Better Auth's primitives) counts as version \"1\"." });
    await add({ strategy: S, case: "version-missing-vs-2", keys: single, version: "2", ...p, reason: "wrong_version", note: "Payload without a version key counts as \"1\", so expecting \"2\" rejects." });
    await add({ strategy: S, case: "version-missing-unchecked", keys: single, version: null, ...p, note: "Payload without a version key, no expected version: accepted." });
  }
  {
    const p = await primitiveMint(S, S1, sessionData(fixture(), { version: "" }));
    await add({ strategy: S, case: "version-empty-string-as-1", keys: single, version: "1", ...p, note: "version \"\" is falsy, so Better Auth's (payload.version || \"1\") treats it as \"1\": accepted when expecting \"1\"." });
  }

  // --- keys and rotation ----------------------------------------------------------------
  await addMinted(S, { case: "secrets-versioned", keys: KEYS.versioned, note: "Minted and verified under secrets [{2,S2},{1,S1}]: the current secret (version 2) is used." }, { keys: KEYS.versioned });
  await addMinted(S, { case: "secrets-with-legacy", keys: KEYS.versionedLegacy, note: "secrets [{2,S2},{1,S1}] plus a legacy `secret`: minted and verified with the current secret S2." }, { keys: KEYS.versionedLegacy });
  await addMinted(S, { case: "single-to-secrets-same-current", keys: KEYS.old, note: "Minted with plain secret S1, verified under secrets [{1,S1}]: version numbers are not on the wire for this strategy." });
  const rotationAccepts = S === "jwe";
  await addMinted(
    S,
    {
      case: "rotation",
      keys: KEYS.versioned,
      reason: rotationAccepts ? null : "wrong_secret",
      note: rotationAccepts
        ? "Minted under secrets [{1,S1}], verified after rotating to [{2,S2},{1,S1}]: jwe finds the old key by kid and accepts."
        : `Minted under secrets [{1,S1}], verified after rotating to [{2,S2},{1,S1}]: Better Auth's ${S} uses only the current secret and rejects.`,
    },
    { keys: KEYS.old },
  );
  await addMinted(
    S,
    {
      case: "rotation-legacy",
      keys: KEYS.versionedLegacy,
      reason: rotationAccepts ? null : "wrong_secret",
      note: rotationAccepts
        ? "Minted under the single secret LEGACY, verified under [{2,S2},{1,S1}] + legacy secret LEGACY: jwe matches the legacy key by kid."
        : `Minted under the single secret LEGACY, verified under [{2,S2},{1,S1}] + legacy LEGACY: ${S} ignores the legacy secret and rejects.`,
    },
    { keys: KEYS.legacyOnly },
  );
  await addMinted(S, { case: "rotation-reverse", keys: KEYS.old, reason: "wrong_secret", note: "Minted under [{2,S2},{1,S1}] (current S2), verified by a server still on [{1,S1}]: rejected." }, { keys: KEYS.versioned });
  await addMinted(S, { case: "wrong-secret", keys: KEYS.wrong, reason: "wrong_secret", note: "Minted with S1, verified with an unrelated secret." });
  await addMinted(S, { case: "rotation-with-legacy-config", keys: KEYS.versionedLegacy, reason: S === "jwe" ? null : "wrong_secret", note: S === "jwe" ? "Minted with S1, verified under [{2,S2},{1,S1}] + legacy: kid matches version 1." : `Minted with S1, verified under [{2,S2},{1,S1}] + legacy: ${S} only tries S2.` });

  // --- payload content ------------------------------------------------------------------
  const P = (c, user, note, extra = {}) => addMinted(S, { case: c, note, ...extra }, { data: fixture({ user }) });
  await P("unicode", { name: "Zoë Ünïcødé 日本語 Ελληνικά Ωμέγα", bio: "Ça va? Grüße aus Köln — 你好，世界" }, "Non-ASCII text in a standard and an additional user field is written raw (UTF-8), not escaped.");
  await P("emoji", { name: "Ada 👩🏽‍💻🎉", bio: "🦀🚀 astral plane: 𝄞 𝔘𝔫𝔦𝔠𝔬𝔡𝔢" }, "Astral-plane characters and ZWJ sequences are written raw as UTF-8 (4-byte sequences).");
  await P("quotes-backslashes", { name: "Ada \"Countess\" O'Lovelace", bio: "back\\slash \\\\ double, slash / and \\u0041 literal" }, "JSON.stringify escapes \" and \\ only; / and a literal backslash-u sequence are preserved.");
  {
    let ctl = "";
    for (let i = 0; i < 0x20; i++) ctl += String.fromCharCode(i);
    await P("control-chars", { bio: `[${ctl}\u007f]` }, "Every control character U+0000..U+001F (\\b \\f \\n \\r \\t short forms, others \\u00xx lowercase) plus DEL, which stays raw.");
  }
  await P("line-separators", { bio: "a\u2028b\u2029c\u0085d\ufeffe" }, "U+2028, U+2029, U+0085 and U+FEFF are not escaped by JSON.stringify.");
  await P("lone-surrogates", { bio: "x\ud800y\udfffz\udc00\ud800w", name: "Ada \ud83d" }, "Lone surrogates in strings are written as \\udXXX escapes (well-formed JSON.stringify).");
  await P("floats", { metrics: { a: 0.1, b: 1e21, c: 1e-7, d: 5e-324, e: 1.7976931348623157e308, f: 123456789.125, g: -2.5e-8, h: 1e20, i: 0.000001, j: 100 } }, "Shortest round-trip number forms: 0.1, 1e+21, 1e-7, 5e-324, 1.7976931348623157e+308, 1e+20 written as 100000000000000000000, 0.000001.");
  // eslint-disable-next-line no-loss-of-precision
  await P("big-integers", { counter: 9007199254740993, neg: -9007199254740993, safe: 9007199254740991, huge: 2 ** 64 }, "Integers above 2^53 are doubles: the literal 9007199254740993 becomes 9007199254740992; 2^64 is written 18446744073709552000.");
  await P("negative-zero", { score: -0, list: [-0, 0] }, "-0 is written as 0 by JSON.stringify.");
  await P("index-keys", { prefs: { 10: 1, 2: 2, a: 3, 0: 4, 4294967294: 5, 4294967295: 6, "01": 7, "-1": 8 } }, "Object built as {\"10\":1,\"2\":2,\"a\":3,\"0\":4,...}: array-index keys (<= 4294967294) come first ascending, then others (incl. \"4294967295\", \"01\", \"-1\") in insertion order.");
  await P("nested", { prefs: { theme: { dark: true, accents: ["#ff0000", null, { depth: [[[1, [2, [3]]]]] }] }, empty: {}, none: [], flags: [true, false, null] }, tags: null }, "Nested arrays/objects, empty containers, null and booleans.");
  await P("email-uppercase", { email: "Ada.Lovelace@Example.COM" }, "Accepted; Better Auth's user schema lowercases email in what it returns (the signature covers the original).");
  {
    // ~10 KB additional field.
    let big = "";
    for (let i = 0; big.length < 10 * 1024; i++) big += `line ${i}: the quick brown fox jumps over the lazy dog; `;
    await P("large", { bio: big }, `A ~10 KB additional user field (${big.length} chars).`);
  }

  // --- date-shaped strings (Better Auth's date reviver) ----------------------------------
  const dr = (c, user, note) => addMinted(S, { case: c, expect: "observe", reasonIfAccepted: "date_reviver", reasonIfRejected: "date_reviver", note }, { data: fixture({ user }) });
  await dr("date-name-no-millis", { name: "2026-01-01T00:00:00Z" }, "user.name \"2026-01-01T00:00:00Z\": Better Auth's reviver turns it into a Date (re-serialized with .000Z / failing the string schema); a byte-faithful verifier accepts.");
  await dr("date-name-millis", { name: "2026-01-01T00:00:00.000Z" }, "user.name \"2026-01-01T00:00:00.000Z\" is revived to a Date and fails z.string(); a byte-faithful verifier accepts.");
  await dr("date-name-feb30", { name: "2026-02-30T00:00:00Z" }, "user.name \"2026-02-30T00:00:00Z\" is a valid JS date (2026-03-02): revived like any date.");
  await dr("date-extra-field-no-millis", { lastSeenAt: "2026-01-01T00:00:00Z" }, "An additional (schema-free) field \"2026-01-01T00:00:00Z\" is revived to a Date; Better Auth's outcome differs from the signed bytes (compact: MAC over the re-serialized text; jwt/jwe: returned as 2026-01-01T00:00:00.000Z).");
  await dr("date-extra-field-micros", { lastSeenAt: "2026-01-01T00:00:00.123456Z" }, "An additional field with 6 fractional digits is revived (milliseconds kept, digits lost).");
  await addMinted(S, { case: "date-extra-field-canonical", note: "An additional field already in toISOString form round-trips unchanged through the reviver: plain positive." }, { data: fixture({ user: { lastSeenAt: "2026-01-01T00:00:00.000Z" } }) });
  await addMinted(S, { case: "date-invalid-month", note: "\"2026-13-01T00:00:00Z\" matches the reviver regex but is not a valid date, so it stays a string: plain positive." }, { data: fixture({ user: { lastSeenAt: "2026-13-01T00:00:00Z" } }) });

  // --- time -----------------------------------------------------------------------------
  await addMinted(S, { case: "verified-before-mint", now: T - 60 * SEC, note: "Verified 60 s before the mint time: no check on iat / issue time." });
  {
    const data = fixture({ session: { expiresAt: new Date(T + MIN) } });
    await addMinted(S, { case: "session-expired", now: T + 2 * MIN, reason: "session_expired", note: "Embedded session.expiresAt is 1 min after minting; verified at +2 min, inside the 1 h cache lifetime." }, { data, maxAge: 3600 });
    await addMinted(S, { case: "session-not-yet-expired", now: T + 30 * SEC, note: "Embedded session.expiresAt 1 min after minting; verified at +30 s: accepted." }, { data, maxAge: 3600 });
    await addMinted(S, { case: "session-expiry-boundary", now: T + MIN, note: "now == session.expiresAt exactly: isEmbeddedSessionExpired uses <, so still accepted." }, { data, maxAge: 3600 });
  }

  // --- schema (correctly signed, Better Auth's zod schema decides) ------------------------
  const sd = (mod) => {
    const o = sessionData(fixture());
    mod(o);
    return o;
  };
  const schemaCase = async (c, payload, expect, note, reason = "schema") => {
    const p = await primitiveMint(S, S1, payload);
    await add({ strategy: S, case: c, keys: single, ...p, reason: expect === "accept" ? null : reason, expect, note });
  };
  await schemaCase("schema-missing-email", sd((o) => delete o.user.email), "reject", "Correctly signed payload whose user has no email: fails Better Auth's user schema.");
  await schemaCase("schema-updatedAt-string", sd((o) => (o.updatedAt = String(T))), "reject", "Top-level updatedAt as a string instead of a number: schema rejects.");
  await schemaCase("schema-version-number", sd((o) => (o.version = 2)), "reject", "version as the number 2: schema requires a string.");
  await schemaCase("schema-session-expiresAt-garbage", sd((o) => (o.session.expiresAt = "next tuesday")), "reject", "session.expiresAt not an ISO date: stays a string and fails z.date().");
  await schemaCase("schema-session-expiresAt-number", sd((o) => (o.session.expiresAt = T + 7 * DAY)), "reject", "session.expiresAt as epoch ms: fails z.date().");
  await schemaCase("schema-missing-session-token", sd((o) => delete o.session.token), "reject", "session without token: schema rejects.");
  await schemaCase("schema-user-null", sd((o) => (o.user = null)), "reject", "user: null — schema rejects.");
  await schemaCase(
    "schema-defaults",
    sd((o) => {
      delete o.user.emailVerified;
      delete o.user.createdAt;
      delete o.user.image;
    }),
    "accept",
    "user without emailVerified/createdAt/image: accepted; Better Auth fills emailVerified=false and createdAt=now (the verification time) in what it returns.",
  );
  await schemaCase("schema-userId-number", sd((o) => (o.session.userId = 42)), "accept", "session.userId as the number 42: z.coerce.string() accepts and returns \"42\".");
  await schemaCase("schema-extra-top-level", sd((o) => (o.extra = { a: 1 })), "accept", "Unknown top-level payload key: the loose schema keeps it.");

  return basic;
}

// --- compact-specific ------------------------------------------------------------------
async function compactCases(basic) {
  const S = "compact";
  const k = KEYS.single;
  const { value } = basic.m;
  const p = compactParts(value);
  const base = { strategy: S, keys: k, payloadJson: p.sessionText, expiresAt: p.expiresAt };

  // Expiry
  await add({ ...base, case: "expired", value, now: p.expiresAt + 1, reason: "expired", note: "now = embedded expiresAt + 1 ms: rejected (no tolerance)." });
  await add({ ...base, case: "expiry-boundary", value, now: p.expiresAt, note: "now == embedded expiresAt: accepted (Better Auth rejects only when expiresAt < now)." });

  // Tampering
  const tamperedText = p.text.replace('"name":"Ada Lovelace"', '"name":"Ada Lovelacf"');
  if (tamperedText === p.text) throw new Error("compact tamper failed");
  await add({ ...base, case: "tampered-payload", value: base64Url.encode(tamperedText, { padding: false }), reason: "tampered_payload", note: "user.name changed by one character inside the decoded JSON, re-encoded, not re-signed." });
  await add({ ...base, case: "tampered-expiresAt", value: compactValue(p.sessionText, p.expiresAt + 3600 * SEC, p.signature), reason: "tampered_payload", note: "Embedded expiresAt extended by 1 h without re-signing: the MAC covers it." });
  await add({ ...base, case: "tampered-signature", value: compactValue(p.sessionText, p.expiresAt, flipChar(p.signature, 10)), reason: "tampered_signature", note: "One base64url character of the signature changed." });
  await add({ ...base, case: "signature-truncated", value: compactValue(p.sessionText, p.expiresAt, p.signature.slice(0, -2)), reason: "tampered_signature", note: "Signature with its last 2 characters removed." });
  await add({ ...base, case: "signature-empty", value: compactValue(p.sessionText, p.expiresAt, ""), reason: "tampered_signature", note: "Empty signature string." });
  {
    const textOver = `{"session":${p.sessionText},"expiresAt":${p.expiresAt}}`; // a plausible but wrong MAC input
    const sig = await createHMAC("SHA-256", "base64urlnopad").sign(S1, textOver);
    await add({ ...base, case: "signature-over-wrong-text", value: compactValue(p.sessionText, p.expiresAt, sig), reason: "tampered_signature", note: "MAC over {\"session\":…,\"expiresAt\":…} (the cookie layout) instead of {...payload, expiresAt}: rejected." });
  }

  // Lenient decoding in Better Auth (@better-auth/utils base64) — observed. These need a value
  // with at least two '-'/'_', a length that is not a multiple of 4 and a signature with a
  // '-' or '_'; ASCII JSON rarely encodes to '-'/'_', so search over a user field "nonce".
  let L = null;
  for (let i = 0; i < 1000 && !L; i++) {
    const o = JSON.parse(p.sessionText);
    o.user.nonce = `${i}:~~~???`; // '~' and '?' in a byte triple's last slot encode to '-' and '_'.
    const st = JSON.stringify(o);
    const sig = await compactSignature(S1, st, p.expiresAt);
    const v = compactValue(st, p.expiresAt, sig);
    if ((v.match(/[-_]/g) ?? []).length >= 2 && v.length % 4 !== 0 && /[-_]/.test(sig)) L = { st, sig, v };
  }
  if (!L) throw new Error("no suitable value for the lenient vectors");
  const lbase = { strategy: S, keys: k, payloadJson: L.st, expiresAt: p.expiresAt };
  const lenient = (c, v, note, reasonIfRejected) => add({ ...lbase, case: c, value: v, expect: "observe", reasonIfRejected, note });
  await add({ ...lbase, case: "lenient-control", value: L.v, note: "The unmodified value the lenient-* vectors are derived from (JSON.stringify payload with user.nonce, signed with the primitives)." });
  await lenient("lenient-signature-trailing-bits", compactValue(L.st, p.expiresAt, flipTrailingBit(L.sig)), "Last signature char differs only in its 2 unused low bits: Better Auth's base64 decoder ignores them.", "tampered_signature");
  await lenient("lenient-signature-padded", compactValue(L.st, p.expiresAt, L.sig + "="), "Signature with a trailing '=': the decoder stops at '='.", "tampered_signature");
  await lenient("lenient-signature-junk-after-padding", compactValue(L.st, p.expiresAt, L.sig + "=!!junk"), "Signature followed by '=' and junk: the decoder stops at '=' and ignores the rest.", "tampered_signature");
  await lenient("lenient-signature-std-alphabet", compactValue(L.st, p.expiresAt, L.sig.replace(/-/g, "+").replace(/_/g, "/")), "Signature in the standard base64 alphabet (+ and / instead of - and _): the decoder picks the alphabet by whether - or _ occur.", "tampered_signature");
  await add({ ...lbase, case: "signature-mixed-alphabet", value: compactValue(L.st, p.expiresAt, L.sig.replace(/[-_]/, (c) => (c === "-" ? "+" : "/")) + "-"), reason: "tampered_signature", note: "Signature mixing '+' or '/' with '-': the url alphabet is chosen and the decoder throws; decodeCookieCache and getCookieCache propagate the exception instead of returning null." });
  await lenient("lenient-value-trailing-bits", flipTrailingBit(L.v), "Cookie value's last char differs only in unused low bits: same bytes after decoding.", "not_base64");
  await lenient("lenient-value-padded", L.v + "=".repeat((4 - (L.v.length % 4)) % 4), "Cookie value with '=' padding appended: the decoder stops at '='.", "not_base64");
  await lenient("lenient-value-junk-after-padding", L.v + "=garbage", "Cookie value followed by '=garbage': ignored after '='.", "not_base64");
  await lenient("lenient-value-std-alphabet", L.v.replace(/-/g, "+").replace(/_/g, "/"), "Cookie value in the standard base64 alphabet (+ and / instead of - and _): accepted because no - or _ remain.", "not_base64");
  await add({ ...lbase, case: "mixed-alphabet", value: L.v.replace(/[-_]/, (c) => (c === "-" ? "+" : "/")), reason: "not_base64", note: "One - or _ replaced by its standard-alphabet twin while others remain: Better Auth's decoder picks the url alphabet and throws on + or /." });

  // Malformed
  await add({ ...base, case: "truncated", value: value.slice(0, Math.floor(value.length * 0.6)), reason: "truncated", note: "First 60% of the value: the decoded JSON is cut off." });
  await add({ ...base, case: "truncated-one-char", value: value.slice(0, -1), reason: "truncated", note: "Last character dropped: the closing brace is lost." });
  await add({ ...base, case: "not-base64", value: "!!not*base64!!", payloadJson: null, expiresAt: null, reason: "not_base64", note: "Characters outside both base64 alphabets: Better Auth's decoder throws (decodeCookieCache/getCookieCache throw)." });
  await add({ ...base, case: "empty-value", value: "", payloadJson: null, expiresAt: null, reason: "truncated", note: "Empty cookie value." });
  await add({ ...base, case: "not-json", value: b64uEncode("hello, this is not JSON"), payloadJson: null, expiresAt: null, reason: "not_json", note: "Valid base64url of text that is not JSON." });
  await add({ ...base, case: "not-utf8", value: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString("base64url"), payloadJson: null, expiresAt: null, reason: "not_json", note: "Invalid UTF-8 bytes (decoded leniently to U+FFFD, then not JSON)." });
  await add({ ...base, case: "no-signature", value: b64uEncode(`{"session":${p.sessionText},"expiresAt":${p.expiresAt}}`), reason: "bad_structure", note: "Cookie JSON without the signature member." });
  await add({ ...base, case: "signature-number", value: b64uEncode(`{"session":${p.sessionText},"expiresAt":${p.expiresAt},"signature":12345}`), reason: "bad_structure", note: "signature is a number." });
  await add({ ...base, case: "expiresAt-string", value: b64uEncode(`{"session":${p.sessionText},"expiresAt":"${p.expiresAt}","signature":"${p.signature}"}`), reason: "bad_structure", note: "Embedded expiresAt as a string." });
  await add({ ...base, case: "session-array", value: await craftCompact(S1, "[1,2,3]", p.expiresAt), payloadJson: "[1,2,3]", reason: "bad_structure", note: "session is a JSON array (correctly signed): the outer schema wants a record." });
  await add({ ...base, case: "top-level-array", value: b64uEncode(`[${JSON.stringify(p.text)}]`), payloadJson: null, expiresAt: null, reason: "bad_structure", note: "The cookie JSON is an array." });

  // Crafted: JSON text that is not what JSON.stringify writes, signed the way Better Auth verifies.
  const sdObj = JSON.parse(p.sessionText);
  const crafted = async (c, sessionText, note, reasonIfRejected = "tampered_signature", extraOuter = null) => {
    const E = p.expiresAt;
    let v;
    if (extraOuter) v = base64Url.encode(extraOuter(sessionText, E, await compactSignature(S1, sessionText, E)), { padding: false });
    else v = await craftCompact(S1, sessionText, E);
    return add({ strategy: S, case: c, keys: k, value: v, payloadJson: sessionText, expiresAt: E, expect: "observe", reasonIfRejected, note });
  };
  await crafted("crafted-whitespace", JSON.stringify(sdObj, null, 2).replace(/^\{/, "{ \t\r\n"), "Pretty-printed session JSON (spaces, tabs, CR/LF); MAC over the re-serialized form.");
  await crafted("crafted-unicode-escapes", p.sessionText.replace('"name":"Ada Lovelace"', '"name":"\\u0041da Lovel\\u0061ce"').replace('"id":"', '"\\u0069d":"'), "\\u0041-style escapes inside a string value and a key; MAC over the unescaped re-serialization.");
  await crafted("crafted-number-forms", p.sessionText.replace('"name":"Ada Lovelace"', '"name":"Ada Lovelace","n1":1E2,"n2":-0,"n3":1.0,"n4":0.5e1,"n5":1e-0,"n6":12345678901234567890'), "Numbers written 1E2, -0, 1.0, 0.5e1, 1e-0 and a 20-digit integer; re-serialized as 100, 0, 1, 5, 1, 12345678901234567000.");
  await crafted("crafted-updatedAt-float", p.sessionText.replace(/"updatedAt":(\d+),"version"/, '"updatedAt":$1.0,"version"'), "Top-level updatedAt written with a .0 fraction.");
  await crafted("crafted-duplicate-keys", p.sessionText.replace('"name":"Ada Lovelace"', '"name":"Mallory","email":"mallory@example.com","name":"Ada Lovelace"'), "Duplicate keys: JSON.parse keeps the first position and the last value (name \"Ada Lovelace\").");
  await crafted("crafted-duplicate-keys-last-wins", p.sessionText.replace('"name":"Ada Lovelace"', '"name":"Ada Lovelace","name":"Mallory"'), "Duplicate key whose last value (\"Mallory\") is what is signed and returned.");
  await crafted("crafted-index-key-order", p.sessionText.replace('"name":"Ada Lovelace"', '"name":"Ada Lovelace","prefs":{"b":1,"10":2,"2":3,"a":{"1":0,"0":1}}'), "Array-index keys in non-JS order in the text; the MAC covers JS order {\"2\":3,\"10\":2,\"b\":1,...}.");
  await crafted("crafted-key-order", (() => {
    const o = JSON.parse(p.sessionText);
    return JSON.stringify({ version: o.version, updatedAt: o.updatedAt, user: o.user, session: o.session });
  })(), "Top-level payload keys in a different order (version, updatedAt, user, session): the MAC covers that order.");
  await crafted("crafted-payload-has-expiresAt", (() => {
    const o = JSON.parse(p.sessionText);
    return JSON.stringify({ session: o.session, expiresAt: 0, user: o.user, updatedAt: o.updatedAt, version: o.version });
  })(), "The payload already has a top-level expiresAt (0) in the middle: {...payload, expiresAt} replaces it in place, so the MAC covers expiresAt at that position with the cookie's value.");
  await crafted("crafted-proto-top-level", '{"__proto__":{"polluted":true},' + p.sessionText.slice(1), "A top-level \"__proto__\" key (own property after JSON.parse), signed over JSON.stringify({...JSON.parse(text), expiresAt}).");
  {
    const st = '{"__proto__":{"polluted":true},' + p.sessionText.slice(1);
    const sig = await createHMAC("SHA-256", "base64urlnopad").sign(S1, JSON.stringify({ ...JSON.parse(p.sessionText), expiresAt: p.expiresAt }));
    await add({ strategy: S, case: "crafted-proto-top-level-mac-without-it", keys: k, value: compactValue(st, p.expiresAt, sig), payloadJson: st, expiresAt: p.expiresAt, expect: "observe", reasonIfRejected: "tampered_signature", note: "Same top-level \"__proto__\" payload, but the MAC computed over the payload WITHOUT that key (what Better Auth's zod record schema leaves before it re-serializes)." });
  }
  await crafted("crafted-proto-in-user", p.sessionText.replace('"name":"Ada Lovelace"', '"name":"Ada Lovelace","__proto__":{"isAdmin":true}'), "\"__proto__\" key inside user, signed the same way.");
  await crafted("crafted-outer-key-order", p.sessionText, "Outer cookie object written signature-first: {\"signature\":…,\"expiresAt\":…,\"session\":…}.", "bad_structure", (st, E, sig) => `{"signature":"${sig}","expiresAt":${E},"session":${st}}`);
  await crafted("crafted-outer-extra-key", p.sessionText, "Outer cookie object with an extra member \"kid\":\"x\".", "bad_structure", (st, E, sig) => `{"session":${st},"expiresAt":${E},"signature":"${sig}","kid":"x"}`);
  await crafted("crafted-outer-whitespace", p.sessionText, "Outer cookie object with whitespace between members.", "bad_structure", (st, E, sig) => `{ "session" : ${st} ,\n "expiresAt" : ${E} , "signature" : "${sig}" }`);
  await crafted("crafted-expiresAt-float", p.sessionText, "Outer expiresAt written as 1.7e12-style exponent form (same number).", "bad_structure", (st, E, sig) => `{"session":${st},"expiresAt":${(E / 1e3).toString()}e3,"signature":"${sig}"}`);
}

// --- jwt-specific -----------------------------------------------------------------------
async function jwtCases(basic) {
  const S = "jwt";
  const k = KEYS.single;
  const { value } = basic.m;
  const d = basic.d;
  const base = { strategy: S, keys: k, payloadJson: d.payloadJson, expiresAt: d.expiresAt };
  const exp = d.expiresAt / 1000;

  await add({ ...base, case: "expired", value, now: exp * 1000, reason: "expired", note: "now == exp (seconds): jose rejects when exp <= now, no tolerance." });
  await add({ ...base, case: "expiry-boundary", value, now: exp * 1000 - 1, note: "1 ms before exp: floor(now/1000) = exp-1 < exp, accepted." });
  await add({ ...base, case: "expired-well-past", value, now: exp * 1000 + 3600 * SEC, reason: "expired", note: "1 h after exp." });

  await add({ ...base, case: "tampered-header", value: replacePart(value, 0, (h) => flipChar(h, 5)), reason: "tampered_header", note: "One base64url character of the protected header changed." });
  await add({ ...base, case: "tampered-payload", value: replacePart(value, 1, (s) => flipChar(s, mid(s))), reason: "tampered_payload", note: "One base64url character in the middle of the payload changed." });
  await add({ ...base, case: "tampered-signature", value: replacePart(value, 2, (s) => flipChar(s, 10)), reason: "tampered_signature", note: "One base64url character of the signature changed." });
  await add({ ...base, case: "lenient-signature-trailing-bits", value: replacePart(value, 2, flipTrailingBit), expect: "observe", reasonIfRejected: "tampered_signature", note: "Signature's last char differs only in its 2 unused low bits (jose on this Node decodes via atob, which ignores them)." });
  await add({ ...base, case: "lenient-signature-padded", value: replacePart(value, 2, (s) => s + "="), expect: "observe", reasonIfRejected: "tampered_signature", note: "Signature with '=' padding appended." });
  await add({ ...base, case: "wrong-header-alg-hs384", value: (() => {
    const parts = value.split(".");
    parts[0] = b64uEncode('{"alg":"HS384"}');
    return parts.join(".");
  })(), reason: "tampered_header", note: "Header alg switched to HS384, HS256 signature kept." });

  await add({ ...base, case: "truncated", value: value.slice(0, -10), reason: "truncated", note: "Last 10 characters of the signature removed." });
  await add({ ...base, case: "two-segments", value: value.split(".").slice(0, 2).join("."), reason: "bad_structure", note: "header.payload without the signature segment." });
  await add({ ...base, case: "not-base64", value: replacePart(value, 2, (s) => s.slice(0, 5) + "*" + s.slice(6)), reason: "not_base64", note: "A '*' inside the signature segment." });
  await add({ ...base, case: "tampered-payload-std-alphabet", value: replacePart(value, 1, (x) => x.slice(0, 3) + "+" + x.slice(4)), reason: "tampered_payload", note: "A '+' written into the payload segment without re-signing: the signing input is the literal segment text, so the signature fails first." });
  {
    // Re-signed over the modified segment text, so only base64url decoding can object.
    const [h, pl] = value.split(".");
    const hs = (input) => createHmacNode("sha256", S1).update(input).digest("base64url");
    const plStd = pl.slice(0, 3) + "+" + pl.slice(4);
    await add({ ...base, case: "payload-std-alphabet-resigned", value: `${h}.${plStd}.${hs(`${h}.${plStd}`)}`, payloadJson: null, reason: "not_base64", note: "Payload segment containing '+', correctly HMAC-signed over that text: the signature verifies, then base64url decoding of the payload fails." });
    {
      // Trailing JSON whitespace (0-2 spaces) so the payload segment needs padding.
      let claimsText = b64uDecode(pl);
      while (b64uEncode(claimsText).length % 4 === 0) claimsText += " ";
      const plPad = b64uEncode(claimsText) + "=".repeat((4 - (b64uEncode(claimsText).length % 4)) % 4);
      await add({ ...base, case: "lenient-payload-padded-resigned", value: `${h}.${plPad}.${hs(`${h}.${plPad}`)}`, expect: "observe", reasonIfRejected: "not_base64", note: "Payload segment (claims JSON plus trailing spaces) with '=' padding, correctly HMAC-signed over the padded text." });
    }
    const hWs = b64uEncode('{ "alg" : "HS256" }');
    await add({ ...base, case: "tampered-header-reencoded", value: `${hWs}.${pl}.${value.split(".")[2]}`, reason: "tampered_header", note: "Header re-encoded as { \"alg\" : \"HS256\" } (same meaning, different bytes) with the old signature: the signing input changed." });
    await add({ ...base, case: "header-whitespace-resigned", value: `${hWs}.${pl}.${hs(`${hWs}.${pl}`)}`, note: "Header { \"alg\" : \"HS256\" } with whitespace, correctly signed: accepted." });
  }

  const craft = async (c, claimsText, { header, secret = S1, payloadJson, expiresAt, ...rest }) =>
    add({ strategy: S, case: c, keys: k, value: await craftJws(secret, claimsText, header), payloadJson, expiresAt, ...rest });
  const st = d.payloadJson;
  const e = iatT + 300;
  await craft("not-json", "this is not json", { payloadJson: null, expiresAt: null, reason: "not_json", note: "Correct HS256 signature over bytes that are not JSON." });
  await craft("claims-array", "[1,2,3]", { payloadJson: "[1,2,3]", expiresAt: null, reason: "bad_structure", note: "Correctly signed JSON array as claims: jose requires an object." });
  await craft("hs384", withClaims(st), { header: { alg: "HS384" }, payloadJson: st, expiresAt: e * 1000, expect: "observe", reasonIfRejected: "unsupported_alg", note: "HS384 with the same secret: jwtVerify is called without an algorithms allow-list." });
  await craft("hs512", withClaims(st), { header: { alg: "HS512" }, payloadJson: st, expiresAt: e * 1000, expect: "observe", reasonIfRejected: "unsupported_alg", note: "HS512 with the same secret: jwtVerify is called without an algorithms allow-list." });
  await craft("header-typ-kid", withClaims(st), { header: { alg: "HS256", typ: "JWT", kid: "anything" }, payloadJson: st, expiresAt: e * 1000, note: "Extra header members typ and kid are ignored." });
  await craft("crit-unknown", withClaims(st), { header: { alg: "HS256", crit: ["x-unknown"], "x-unknown": 1 }, payloadJson: st, expiresAt: e * 1000, reason: "bad_structure", note: "A crit header naming an unknown extension: jose rejects." });
  await craft("nbf-future", withClaims(st, { extra: `,"nbf":${iatT + 120}` }), { payloadJson: st, expiresAt: e * 1000, reason: "expired", note: "nbf 2 min in the future (no 'not yet valid' reason exists; tagged expired: outside the validity window)." });
  await craft("nbf-past", withClaims(st, { extra: `,"nbf":${iatT - 120}` }), { payloadJson: st, expiresAt: e * 1000, note: "nbf in the past: accepted." });
  await craft("exp-string", withClaims(st, { exp: String(e) }), { payloadJson: st, expiresAt: null, reason: "bad_structure", note: "exp as a string: jose rejects (\"exp\" claim must be a number)." });
  await craft("exp-float", withClaims(st, { exp: e + 0.5 }), { payloadJson: st, expiresAt: (e + 0.5) * 1000, note: "exp with a fraction (NumericDate may be non-integer): accepted." });
  await craft("no-exp-stale", withClaims(st, { exp: null }), { payloadJson: st, expiresAt: null, reason: "session_expired", now: T + 30 * DAY, note: "No exp claim, verified 30 days later: only the embedded session.expiresAt (7 days) stops it." });
  await craft("no-exp-fresh", withClaims(st, { exp: null }), { payloadJson: st, expiresAt: null, expect: "observe", reasonIfRejected: "bad_structure", now: T + DAY, note: "No exp claim, verified 1 day later: jose does not require exp, so only session.expiresAt bounds it." });
  await craft("iat-future", withClaims(st, { iat: iatT + 3600 }), { payloadJson: st, expiresAt: e * 1000, note: "iat 1 h in the future: no maxTokenAge, so iat is not checked." });
  await craft("iat-string", withClaims(st, { iat: "yesterday" }), { payloadJson: st, expiresAt: e * 1000, expect: "observe", reasonIfRejected: "bad_structure", note: "iat as a string: jose validates iat's type only when maxTokenAge is set." });
  await craft("whitespace-payload", withClaims(JSON.stringify(JSON.parse(st), null, 1)), { payloadJson: JSON.stringify(JSON.parse(st), null, 1), expiresAt: e * 1000, note: "Claims JSON pretty-printed: the signature is over bytes, any JSON text is fine." });
  {
    const dup = st.replace('"name":"Ada Lovelace"', '"name":"Mallory","name":"Ada Lovelace"');
    await craft("duplicate-keys", withClaims(dup), { payloadJson: dup, expiresAt: e * 1000, note: "Duplicate key in user: JSON.parse keeps the last value (\"Ada Lovelace\")." });
  }
  {
    const esc = st.replace('"name":"Ada Lovelace"', '"name":"\\u0041da Lovelace"');
    await craft("unicode-escapes", withClaims(esc), { payloadJson: esc, expiresAt: e * 1000, note: "\\u0041 escape in the signed text: decoded to \"Ada Lovelace\"." });
  }
  {
    const proto = '{"__proto__":{"polluted":true},' + st.slice(1);
    await craft("proto-top-level", withClaims(proto), { payloadJson: proto, expiresAt: e * 1000, expect: "observe", reasonIfRejected: "schema", note: "Top-level \"__proto__\" key in the claims." });
  }
  {
    const proto = st.replace('"name":"Ada Lovelace"', '"name":"Ada Lovelace","__proto__":{"isAdmin":true}');
    await craft("proto-in-user", withClaims(proto), { payloadJson: proto, expiresAt: e * 1000, expect: "observe", reasonIfRejected: "schema", note: "\"__proto__\" key inside user." });
  }
  {
    const bad = Buffer.from(withClaims(st).replace("Ada Lovelace", "Ada \u0000Lovelace"), "utf8");
    bad[bad.indexOf(0)] = 0xff; // invalid UTF-8 byte inside a string
    const v = await new jose.CompactSign(bad).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(S1));
    await add({ strategy: S, case: "invalid-utf8", keys: k, value: v, payloadJson: null, expiresAt: e * 1000, reason: "not_json", note: "Correctly signed claims containing an invalid UTF-8 byte: jose decodes with a fatal UTF-8 decoder." });
  }
  {
    const none = `${b64uEncode('{"alg":"none"}')}.${b64uEncode(withClaims(st))}.`;
    await add({ strategy: S, case: "alg-none", keys: k, value: none, payloadJson: st, expiresAt: e * 1000, reason: "unsupported_alg", note: "Unsecured JWT (alg none, empty signature)." });
  }
  await craft("wrong-secret-crafted", withClaims(st), { secret: S2, payloadJson: st, expiresAt: e * 1000, reason: "wrong_secret", note: "HS256 with a different secret." });
}

// --- jwe-specific -----------------------------------------------------------------------
async function jweCases(basic) {
  const S = "jwe";
  const k = KEYS.single;
  const { value } = basic.m;
  const d = basic.d;
  const base = { strategy: S, keys: k, payloadJson: d.payloadJson, expiresAt: d.expiresAt };
  const exp = d.expiresAt / 1000;
  const key1 = deriveKey(S1);
  const kid1 = await thumbprint(key1);

  await add({ ...base, case: "expired", value, now: (exp + 15) * 1000, reason: "expired", note: "now = exp + 15 s: jose rejects when exp <= now - 15 (15 s tolerance)." });
  await add({ ...base, case: "expired-within-tolerance", value, now: (exp + 15) * 1000 - 1, note: "now = exp + 14.999 s: still accepted thanks to the 15 s clock tolerance (getCookieCache accepts; getSession would discard it, as it checks exp*1000 < now itself)." });
  await add({ ...base, case: "expired-just-after-exp", value, now: exp * 1000 + 1, note: "1 ms after exp: accepted (tolerance)." });
  await add({ ...base, case: "expired-well-past", value, now: exp * 1000 + 3600 * SEC, reason: "expired", note: "1 h after exp." });

  // Tampering: header . encrypted_key(empty) . iv . ciphertext . tag
  await add({ ...base, case: "tampered-header", value: replacePart(value, 0, (h) => flipChar(h, mid(h))), reason: "tampered_header", note: "One base64url character of the protected header changed (it is the AAD)." });
  {
    const hdr = jose.decodeProtectedHeader(value);
    const spaced = b64uEncode(JSON.stringify(hdr, null, 1));
    await add({ ...base, case: "tampered-header-aad", value: replacePart(value, 0, () => spaced), reason: "tampered_header", note: "Protected header re-encoded with whitespace (same alg/enc/kid, different bytes): the header segment is the AAD, so the tag fails." });
  }
  await add({ ...base, case: "tampered-iv", value: replacePart(value, 2, (s) => flipChar(s, 5)), reason: "tampered_iv", note: "One base64url character of the IV changed." });
  await add({ ...base, case: "tampered-ciphertext", value: replacePart(value, 3, (s) => flipChar(s, mid(s))), reason: "tampered_ciphertext", note: "One base64url character in the middle of the ciphertext changed." });
  await add({ ...base, case: "tampered-tag", value: replacePart(value, 4, (s) => flipChar(s, 10)), reason: "tampered_tag", note: "One base64url character of the authentication tag changed." });
  await add({ ...base, case: "lenient-tag-trailing-bits", value: replacePart(value, 4, flipTrailingBit), expect: "observe", reasonIfRejected: "tampered_tag", note: "Tag's last char differs only in its 2 unused low bits." });
  await add({ ...base, case: "lenient-iv-trailing-bits", value: replacePart(value, 2, flipTrailingBit), expect: "observe", reasonIfRejected: "tampered_iv", note: "IV's last char differs only in its 4 unused low bits." });
  await add({ ...base, case: "encrypted-key-nonempty", value: replacePart(value, 1, () => "AAAA"), reason: "bad_structure", note: "Non-empty encrypted_key segment with alg dir." });
  await add({ ...base, case: "truncated", value: value.slice(0, -10), reason: "truncated", note: "Last 10 characters removed (tag cut short)." });
  await add({ ...base, case: "four-segments", value: value.split(".").slice(0, 4).join("."), reason: "bad_structure", note: "Tag segment missing." });
  await add({ ...base, case: "not-base64", value: replacePart(value, 3, (s) => s.slice(0, 5) + "*" + s.slice(6)), reason: "not_base64", note: "A '*' inside the ciphertext segment." });
  await add({ ...base, case: "header-not-base64", value: replacePart(value, 0, (s) => "*" + s.slice(1)), reason: "not_base64", note: "A '*' in the protected header: decodeProtectedHeader fails." });

  // Crafted with jose + the derived key
  const payloadText = d.payloadJson;
  const claims = withClaims(payloadText, { extra: ',"jti":"5f0c2b1e-8d7a-4c3b-9e6f-1a2b3c4d5e6f"' });
  const E = (iatT + 300) * 1000;
  const cj = (c, plaintext, header, key, rest) => craftJwe(key, plaintext, header).then((v) => add({ strategy: S, case: c, keys: k, value: v, payloadJson: payloadText, expiresAt: E, ...rest }));

  await cj("no-kid", claims, { alg: "dir", enc: "A256CBC-HS512" }, key1, { note: "Re-encrypted without kid under the single secret: the only key is used." });
  await cj("kid-rotation-fallback-index1", claims, { alg: "dir", enc: "A256CBC-HS512" }, key1, { keys: KEYS.versioned, note: "No kid, encrypted with the key of S1 (index 1 of [{2,S2},{1,S1}]): current key fails, fallback tries the others in order and accepts." });
  await cj("kid-rotation-fallback-legacy", claims, { alg: "dir", enc: "A256CBC-HS512" }, deriveKey(LEGACY), { keys: KEYS.versionedLegacy, note: "No kid, encrypted with the legacy secret's key (last in order): fallback accepts." });
  await cj("kid-rotation-fallback-current", claims, { alg: "dir", enc: "A256CBC-HS512" }, deriveKey(S2), { keys: KEYS.versioned, note: "No kid, encrypted with the current secret's key: accepted on the first try." });
  await cj("no-kid-wrong-secret", claims, { alg: "dir", enc: "A256CBC-HS512" }, deriveKey(WRONG), { keys: KEYS.versioned, reason: "wrong_secret", note: "No kid, encrypted with an unknown secret's key: every fallback fails." });
  await cj("unknown-kid", claims, { alg: "dir", enc: "A256CBC-HS512", kid: "unknown-kid-0000" }, key1, { reason: "unknown_kid", note: "Correct key, but a kid that matches no configured secret: rejected without trying keys." });
  await cj("kid-of-other-secret", claims, { alg: "dir", enc: "A256CBC-HS512", kid: await thumbprint(deriveKey(S2)) }, key1, { keys: KEYS.versioned, reason: "unknown_kid", note: "kid names S2's key but the token was encrypted with S1's: decryption fails and there is no fallback when a kid is present." });
  await cj("kid-empty-string", claims, { alg: "dir", enc: "A256CBC-HS512", kid: "" }, key1, { reason: "unknown_kid", note: "kid \"\" (present but empty): matches nothing." });
  await cj("a256gcm-first32", claims, { alg: "dir", enc: "A256GCM", kid: kid1 }, key1.slice(0, 32), { expect: "observe", reasonIfRejected: "unsupported_alg", note: "enc A256GCM with the first 32 bytes of the derived key (kid of the 64-byte key): Better Auth hands jose the 64-byte key, which fails A256GCM's 256-bit CEK length check." });
  await cj("a256gcm-last32", claims, { alg: "dir", enc: "A256GCM", kid: kid1 }, key1.slice(32), { expect: "observe", reasonIfRejected: "unsupported_alg", note: "enc A256GCM with the last 32 bytes of the derived key: same outcome as first32." });
  await cj("a256gcm-first32-no-kid", claims, { alg: "dir", enc: "A256GCM" }, key1.slice(0, 32), { expect: "observe", reasonIfRejected: "unsupported_alg", note: "enc A256GCM, first 32 bytes, no kid." });
  await cj("a128cbc-hs256", claims, { alg: "dir", enc: "A128CBC-HS256", kid: kid1 }, key1.slice(0, 32), { reason: "unsupported_alg", note: "enc A128CBC-HS256 is not in the allowed content-encryption list." });
  await cj("alg-a256kw", claims, { alg: "A256KW", enc: "A256CBC-HS512", kid: kid1 }, key1.slice(0, 32), { reason: "unsupported_alg", note: "alg A256KW (key wrapping) instead of dir: only dir is allowed." });
  await cj("zip-deflate", claims, { alg: "dir", enc: "A256CBC-HS512", kid: kid1, zip: "DEF" }, key1, { expect: "observe", reasonIfRejected: "unsupported_alg", note: "Protected header zip: DEF (raw-DEFLATE-compressed plaintext): jose decompresses it unless told otherwise." });
  await cj("crit-unknown", claims, { alg: "dir", enc: "A256CBC-HS512", kid: kid1, crit: ["x-unknown"], "x-unknown": 1 }, key1, { reason: "bad_structure", note: "crit naming an unknown extension: jose rejects." });
  await cj("header-extras", claims, { alg: "dir", enc: "A256CBC-HS512", kid: kid1, typ: "JWT", cty: "json" }, key1, { note: "Extra header members typ and cty are ignored." });
  await cj("no-exp", withClaims(payloadText, { exp: null }), { alg: "dir", enc: "A256CBC-HS512", kid: kid1 }, key1, { expiresAt: null, expect: "observe", reasonIfRejected: "bad_structure", now: T + DAY, note: "No exp claim, verified 1 day later: only session.expiresAt bounds it." });
  await cj("nbf-future", withClaims(payloadText, { extra: `,"nbf":${iatT + 120}` }), { alg: "dir", enc: "A256CBC-HS512", kid: kid1 }, key1, { reason: "expired", note: "nbf 2 min in the future, beyond the 15 s tolerance (tagged expired: outside the validity window)." });
  await cj("nbf-within-tolerance", withClaims(payloadText, { extra: `,"nbf":${iatT + 10}` }), { alg: "dir", enc: "A256CBC-HS512", kid: kid1 }, key1, { now: T, note: "nbf 10 s in the future, within the 15 s tolerance: accepted." });
  await cj("exp-string", withClaims(payloadText, { exp: String(iatT + 300) }), { alg: "dir", enc: "A256CBC-HS512", kid: kid1 }, key1, { expiresAt: null, reason: "bad_structure", note: "exp as a string: jose rejects." });
  await cj("not-json", "this is not json", { alg: "dir", enc: "A256CBC-HS512", kid: kid1 }, key1, { payloadJson: null, expiresAt: null, reason: "not_json", note: "Correctly encrypted plaintext that is not JSON." });
  await cj("claims-array", "[1,2,3]", { alg: "dir", enc: "A256CBC-HS512", kid: kid1 }, key1, { payloadJson: "[1,2,3]", expiresAt: null, reason: "bad_structure", note: "Correctly encrypted JSON array as claims." });
  {
    const dup = payloadText.replace('"name":"Ada Lovelace"', '"name":"Mallory","name":"Ada Lovelace"');
    await cj("duplicate-keys", withClaims(dup), { alg: "dir", enc: "A256CBC-HS512", kid: kid1 }, key1, { payloadJson: dup, note: "Duplicate key in the plaintext JSON: last value wins." });
  }
  {
    const ws = JSON.stringify(JSON.parse(payloadText), null, "\t");
    await cj("whitespace-plaintext", withClaims(ws), { alg: "dir", enc: "A256CBC-HS512", kid: kid1 }, key1, { payloadJson: ws, note: "Pretty-printed plaintext JSON: accepted." });
  }
  {
    const proto = '{"__proto__":{"polluted":true},' + payloadText.slice(1);
    await cj("proto-top-level", withClaims(proto), { alg: "dir", enc: "A256CBC-HS512", kid: kid1 }, key1, { payloadJson: proto, expect: "observe", reasonIfRejected: "schema", note: "Top-level \"__proto__\" key in the plaintext." });
  }
  {
    const proto = payloadText.replace('"name":"Ada Lovelace"', '"name":"Ada Lovelace","__proto__":{"isAdmin":true}');
    await cj("proto-in-user", withClaims(proto), { alg: "dir", enc: "A256CBC-HS512", kid: kid1 }, key1, { payloadJson: proto, expect: "observe", reasonIfRejected: "schema", note: "\"__proto__\" key inside user." });
  }
  // Better Auth's own encoder under a legacy-only config, with the same key but a header rewrite is not
  // possible (AAD); the rotation-legacy vector in the common set covers minted legacy tokens.
}

// ---------------------------------------------------------------------------------------

await sanityKid();
for (const S of STRATEGIES) {
  const basic = await commonCases(S);
  if (S === "compact") await compactCases(basic);
  if (S === "jwt") await jwtCases(basic);
  if (S === "jwe") await jweCases(basic);
}

// Final sanity: negatives rejected, plain positives accepted (date_reviver is recorded as observed).
for (const v of vectors) {
  if (v.reason === null && !v.betterAuth.accepted) throw new Error(`${v.name}: positive but rejected`);
  if (v.reason !== null && v.reason !== "date_reviver" && v.betterAuth.accepted) throw new Error(`${v.name}: negative (${v.reason}) but accepted`);
  if (v.betterAuth.accepted !== (v.betterAuth.payloadJson !== null)) throw new Error(`${v.name}: inconsistent betterAuth`);
}

const out = {
  generator: { "better-auth": VERSIONS["better-auth"], jose: VERSIONS.jose, node: VERSIONS.node },
  vectors: vectors.map(({ _step, _error, _diag, ...v }) => v),
};
writeFileSync(OUT, JSON.stringify(out, null, 2) + "\n");

// Summary
const pad = (s, n) => String(s).padEnd(n);
const w = Math.max(...vectors.map((v) => v.name.length)) + 2;
console.log(`${pad("name", w)}${pad("accepted", 10)}${pad("reason", 20)}detail`);
for (const v of vectors)
  console.log(`${pad(v.name, w)}${pad(v.betterAuth.accepted, 10)}${pad(v.reason ?? "-", 20)}${v.betterAuth.accepted ? "" : `${v._step}${v._error ? ` (${v._error})` : ""}${v._diag ? `: ${v._diag}` : ""}`}`);
const byStrategy = {};
const byReason = {};
for (const v of vectors) {
  byStrategy[v.strategy] = (byStrategy[v.strategy] ?? 0) + 1;
  byReason[v.reason ?? "(positive)"] = (byReason[v.reason ?? "(positive)"] ?? 0) + 1;
}
console.log(`\n${vectors.length} vectors written to ${OUT.pathname}`);
console.log("by strategy:", JSON.stringify(byStrategy));
console.log("by reason:  ", JSON.stringify(byReason));
console.log("\nobserved (Better Auth's verdict recorded, not asserted):");
for (const o of observed) {
  const v = vectors.find((x) => x.name === o.name);
  console.log(`  ${pad(o.name, w)}${o.accepted ? "ACCEPTED" : `rejected at ${o.step}${o.error ? ` (${o.error})` : ""}${v._diag ? `: ${v._diag}` : ""}`}`);
}
console.log(`generator: better-auth ${VERSIONS["better-auth"]}, jose ${VERSIONS.jose}, node ${VERSIONS.node}`);
