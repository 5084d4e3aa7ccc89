// Merges one ./bench.sh run into a Markdown report: criterion's medians
// (target/criterion/<id>/new/estimates.json), the Rust allocation counts
// (target/bench-memory-rust.json) and the Node results (target/bench-node.json,
// target/bench-node-memory.json). Prints it and writes benches/RESULTS.md.
//
//   node benches/node/report.mjs [OUT]   (bench.sh passes the run time and start load in
//                                        BENCH_* variables; the rest it finds itself)

import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { execSync } from "node:child_process";
import os from "node:os";
import { ROOT } from "./resolve.mjs";

const TARGET = process.env.SESSION_CACHE_BENCH_DIR ?? join(ROOT, "target");
const CRITERION = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, "target"), "criterion");
const OUT = process.argv[2] ?? join(ROOT, "benches", "RESULTS.md");
const env = (k, d = "?") => process.env[k] ?? d;
const sh = (cmd) => {
  try {
    return execSync(cmd, { encoding: "utf8" }).trim();
  } catch {
    return "?";
  }
};
const DATE = env("BENCH_DATE", new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC");
const NPROC = env("BENCH_NPROC", String(os.availableParallelism?.() ?? os.cpus().length));
const CPU = env("BENCH_CPU", os.cpus()[0]?.model ?? "?");
const RUSTC = env("BENCH_RUSTC", sh("rustc --version"));

const readJson = (p) => JSON.parse(readFileSync(p, "utf8"));
const fixtures = readJson(join(TARGET, "bench-fixtures.json"));
const rustMem = readJson(join(TARGET, "bench-memory-rust.json"));
const nodeTime = readJson(join(TARGET, "bench-node.json"));
const nodeMem = readJson(join(TARGET, "bench-node-memory.json"));
const optional = (name) => (existsSync(join(TARGET, name)) ? readJson(join(TARGET, name)) : null);
const threads = optional("bench-threads-rust.json");
const runtimes = optional("bench-wasm-runtimes.json");

function rustNs(id) {
  const p = join(CRITERION, id, "new", "estimates.json");
  if (!existsSync(p)) return null;
  return readJson(p).median.point_estimate;
}
const nodeNs = (id, peer) => nodeTime.results.find((r) => r.name === id && r.peer === peer)?.nsPerOp ?? null;
const nodeBytes = (id, peer) => nodeMem.results.find((r) => r.name === id && r.peer === peer) ?? null;

const us = (ns) => (ns == null ? "—" : ns >= 100_000 ? `${(ns / 1000).toFixed(0)} µs` : ns >= 10_000 ? `${(ns / 1000).toFixed(1)} µs` : `${(ns / 1000).toFixed(2)} µs`);
const ratio = (a, b) => (a == null || b == null ? "—" : `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×`);
const kb = (b) => (b == null ? "—" : b >= 10_000 ? `${(b / 1024).toFixed(0)} KiB` : b >= 1024 ? `${(b / 1024).toFixed(1)} KiB` : `${Math.round(b)} B`);

const OPS = [
  ["decode_compact", "decode `compact`"],
  ["decode_jwt", "decode `jwt`"],
  ["decode_jwe", "decode `jwe`"],
  ["encode_compact", "encode `compact`"],
  ["encode_jwt", "encode `jwt`"],
  ["encode_jwe", "encode `jwe`"],
  ["check_session_compact", "`check_session`, `compact` (whole Cookie header)"],
  ["check_session_jwt", "`check_session`, `jwt` (whole Cookie header)"],
  ["check_session_jwe", "`check_session`, `jwe` (whole Cookie header)"],
  ["keyring_from_secret", "`Keyring::from_secret` (HKDF key + thumbprint)¹"],
];
const JWT_PEER = { decode_jwt: "jsonwebtoken_decode_jwt", encode_jwt: "jsonwebtoken_encode_jwt" };

const timeRows = OPS.map(([id, label]) => {
  const ours = rustNs(id);
  const ba = nodeNs(id, "better-auth");
  const jose = nodeNs(id, "jose");
  const jwt = JWT_PEER[id] ? rustNs(JWT_PEER[id]) : null;
  return `| ${label} | ${us(ours)} | ${us(ba)} | ${us(jose)} | ${us(jwt)} | **${ratio(ba, ours)}** |`;
});

const memRows = OPS.map(([id, label]) => {
  const ours = rustMem.perCall[id];
  const peer = JWT_PEER[id] ? rustMem.perCall[JWT_PEER[id]] : null;
  const ba = nodeBytes(id, "better-auth");
  const jose = nodeBytes(id, "jose");
  const node = (r) => (r && r.heapBytes != null ? `${kb(r.heapBytes)} (+${kb(r.arrayBufferBytes)})` : "—");
  const rust = (r) => (r ? `${kb(r.bytes)} in ${Math.round(r.allocations)}` : "—");
  return `| ${label} | ${rust(ours)} | ${node(ba)} | ${node(jose)} | ${rust(peer)} | ${ratio(ba?.heapBytes, ours?.bytes)} |`;
});

const S = ["compact", "jwt", "jwe"];
const SIZES = [["small", "_small"], ["typical", ""], ["large", "_large"]];
const cells = (f) => S.map((s) => f(s)).join(" | ");
const headline = [
  `| native decode, session-cache (Rust) | ${cells((s) => us(rustNs(`decode_${s}`)))} |`,
  `| the floor: SIMD base64 + the MAC / decryption + a validate-only JSON pass, same bytes (Rust) | ${cells((s) => us(rustNs(`floor_${s}`)))} |`,
  `| **native ÷ floor** | ${cells((s) => `**${ratio(rustNs(`decode_${s}`), rustNs(`floor_${s}`))}**`)} |`,
  `| WASM in Node, reusable verifier (\`decodeCookieCache\`) | ${cells((s) => us(nodeNs(`decode_${s}`, "wasm")))} |`,
  ...(runtimes
    ? [
        `| WASM in Deno ${runtimes.deno.version} | ${cells((s) => us(runtimes.deno[`decode_${s}`]))} |`,
        `| WASM in workerd ${runtimes.workerd.version} | ${cells((s) => us(runtimes.workerd[`decode_${s}`]))} |`,
      ]
    : []),
  `| Better Auth \`getCookieCache\`, same process (Node) | ${cells((s) => us(nodeNs(`decode_${s}`, "better-auth")))} |`,
  `| **Better Auth ÷ WASM in Node** | ${cells((s) => `**${ratio(nodeNs(`decode_${s}`, "better-auth"), nodeNs(`decode_${s}`, "wasm"))}**`)} |`,
  `| hand-written sync \`node:crypto\` check (base64 → \`JSON.parse\` → \`createHmac\` over \`JSON.stringify({...session, expiresAt})\` → \`timingSafeEqual\`) | ${us(nodeNs("decode_compact", "hand-written"))} | — | — |`,
  `| **hand-written ÷ WASM in Node** | **${ratio(nodeNs("decode_compact", "hand-written"), nodeNs("decode_compact", "wasm"))}** | — | — |`,
];
const checkRows = S.map((s) => {
  const check = rustNs(`check_session_${s}`);
  const decode = rustNs(`decode_${s}`);
  const a = rustMem.perCall[`check_session_${s}`];
  return `| \`${s}\` | ${us(decode)} | ${us(check)} | **${ratio(check, decode)}** | ${a ? Math.round(a.allocations) : "—"} (${a ? kb(a.bytes) : "—"}) | ${us(nodeNs(`check_session_${s}`, "wasm"))} | ${us(nodeNs(`check_session_${s}`, "better-auth"))} |`;
});
const sizeBytes = (size, s) => fixtures.sizes[size].values[s].length;
const sizeRows = SIZES.flatMap(([size, sfx]) =>
  S.map((s) => {
    const ours = rustNs(`decode_${s}${sfx}`);
    const perKB = ours == null ? null : (ours / sizeBytes(size, s)) * 1024;
    return `| ${size} | \`${s}\` | ${sizeBytes(size, s)} B | ${us(ours)} | ${us(perKB)} | ${us(rustNs(`floor_${s}${sfx}`))} | ${us(rustNs(`check_session_${s}${sfx}`))} | ${us(nodeNs(`decode_${s}${sfx}`, "wasm"))} | ${us(nodeNs(`decode_${s}${sfx}`, "better-auth"))} | ${s === "compact" ? us(nodeNs(`decode_compact${sfx}`, "hand-written")) : "—"} |`;
  }),
);
const threadRows = threads
  ? S.map((s) => {
      const t = threads[`decode_${s}`];
      return `| \`${s}\` | ${Math.round(t.oneThreadPerSecond).toLocaleString("en")} | ${Math.round(t.twoThreadsPerSecond).toLocaleString("en")} | **${t.speedup.toFixed(2)}×** |`;
    })
  : [];

/** The version Cargo.lock pins for a crate. */
function lockVersion(name) {
  const lock = readFileSync(join(ROOT, "Cargo.lock"), "utf8");
  const m = lock.match(new RegExp(`name = "${name}"\\nversion = "([^"]+)"`));
  return m ? m[1] : "?";
}
const loadEnd = process.env.BENCH_LOAD_END ?? (existsSync("/proc/loadavg") ? readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ") : "?");
const payloadBytes = Buffer.byteLength(fixtures.payloadJson);
const v = fixtures.values;
const h = fixtures.headers;
const md = `# Benchmark results

Measured by \`./bench.sh\` on ${DATE}, in one run (Rust first, then Node, one
after the other), in ${env("BENCH_SECONDS")} s (with the up-to-date check of the bench build).

- Machine: ${NPROC} cores, ${CPU}; load average ${env("BENCH_LOAD")} at the start, ${loadEnd} at the end.
  The machine is shared. In the five runs made while this script was written, the Rust
  medians agreed within about 10 % when nothing else was busy, and rose by up to 2× (jwt
  decode 7.1 → 13.2 µs) while another CPU-bound job ran; the Node medians varied by up to
  2.3× (Better Auth's jwe decode 455–1028 µs), as they are mostly thread hand-offs (see
  below). Read the ratios with that margin.
- Rust: ${RUSTC}, \`[profile.release]\` (LTO, one codegen unit), criterion ${lockVersion("criterion")}
  (median of 30 samples, 2 s each after 0.5 s of warm-up).
- Node: ${nodeTime.node} (V8 ${nodeTime.v8}), better-auth ${nodeTime["better-auth"]}, jose ${nodeTime.jose}
  (from \`vectors/package-lock.json\`); median of 7 rounds of sequential awaited calls after
  ≥ 300 ms of warm-up.
- Inputs, the same bytes on both sides, minted by Better Auth's own \`setCookieCache\`
  (\`benches/node/fixtures.mjs\`): a session + user payload of ${payloadBytes} bytes of JSON (ISO
  dates, additional fields \`role\`, \`banned\`, \`twoFactorEnabled\`, \`locale\`, \`plan\`); cookie
  values of ${v.compact.length} (compact), ${v.jwt.length} (jwt) and ${v.jwe.length} (jwe) bytes; Cookie headers of
  ${h.compact.length}–${h.jwe.length} bytes with the signed session token and three unrelated cookies.

## The headline: a typical session (~1 KB cookie), per strategy

| | \`compact\` | \`jwt\` | \`jwe\` |
|---|---:|---:|---:|
${headline.join("\n")}

## The whole offline session check against the decode of its cache

\`check_session\` on the whole Cookie header (signed session token, cache cookie, three
unrelated cookies) beside the decode of the cache value alone; allocations per check.

| strategy | decode (Rust) | \`check_session\` (Rust) | check ÷ decode | allocations per check | \`verifySession\` (WASM, Node) | Better Auth's getSession cookie path (Node) |
|---|---:|---:|---:|---:|---:|---:|
${checkRows.join("\n")}

## Small, typical and large sessions

The same session with fewer fields (small), as above (typical), and with 40 organization
records added to the user (large: the cookie is chunked in three). Per KB: the decode time
divided by the cookie's size.

| size | strategy | cookie | decode (Rust) | per KB | floor (Rust) | \`check_session\` (Rust) | WASM decode (Node) | Better Auth (Node) | hand-written (Node) |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|
${sizeRows.join("\n")}
${
  threads
    ? `
## Two threads

Decodes per second on one thread and on two threads at once sharing one keyring (best of
5 rounds of 200 000 calls; the machine has ${NPROC} cores).

| strategy | one thread | two threads | speedup |
|---|---:|---:|---:|
${threadRows.join("\n")}
`
    : ""
}
## Time per operation (median; lower is better)

| operation | session-cache (Rust) | Better Auth (Node) | jose (Node) | jsonwebtoken (Rust) | ratio Better Auth ÷ ours |
|---|---:|---:|---:|---:|---:|
${timeRows.join("\n")}

## Memory per operation

Rust: bytes requested from the allocator per call (reallocations count their new size)
and the number of allocations, counted by a global allocator over ${rustMem.iterations} calls outside the
timed loops. Node: growth of V8's used heap per call (and, in parentheses, of ArrayBuffer
memory) over up to 200 calls between two forced GCs with a 64 MiB young generation, in a
window checked to contain no GC — what the JavaScript heap allocated, not what is retained;
WebCrypto's native (OpenSSL) allocations are not in it, so Node's figures are a lower bound.

| operation | session-cache (Rust) | Better Auth (Node) | jose (Node) | jsonwebtoken (Rust) | ratio Better Auth ÷ ours |
|---|---:|---:|---:|---:|---:|
${memRows.join("\n")}

Peak RSS of each process: Rust bench ${(rustMem.peakRssKiB / 1024).toFixed(1)} MiB (criterion included),
Node bench ${(nodeTime.peakRssKiB / 1024).toFixed(1)} MiB (better-auth, jose and their imports loaded).

## What each cell is

- **session-cache**: \`Strategy::{Compact,Jwt,Jwe}.decode(value, &keys, &DecodeOptions::default(), now)\`
  and \`.encode(&payload, &keys, &EncodeOptions::default().with_max_age(${fixtures.maxAge}), now)\`;
  \`session::check_session(header, &keys, &SessionConfig::new(strategy), now)\` (session token
  signature, cache decode, token match, version, expiry, freshness). Keys are derived once, in
  \`Keyring::from_secret\`, which has its own row.
- **Better Auth**: decode = \`getCookieCache(headers, {secret, strategy, isSecure: false})\`
  from \`better-auth/cookies\` (verification, zod schema, embedded-expiry check); encode = the
  minting expressions of \`setCookieCache\` — \`createHMAC("SHA-256", "base64urlnopad")\` +
  \`base64Url.encode\` (\`@better-auth/utils\`) for compact, \`signJWT\` and \`symmetricEncodeJWT\`
  (\`better-auth/crypto\`) for jwt and jwe — without the cookie serialization around them;
  \`check_session\` = better-call's \`parseCookies\`, the signed token checked as
  \`getSignedCookie\` does, \`getCookieCache\` on the whole header and the token compared.
- **The floor** (\`floor_*\` in \`benches/codec.rs\`): what any verifier of the same bytes must do
  at the least, with off-the-shelf crates: \`base64-simd\`, RustCrypto's HMAC (keyed per
  call) or HMAC-SHA-512 tag + AES-256-CBC decryption, and \`serde_json\` into \`IgnoredAny\`
  (a validate-only pass); no schema, no canonical-form check, no payload returned.
- **WASM**: the npm package built by \`cd wasm && npm run build\` (\`wasm/pkg\`), one
  \`createVerifier({secret, strategy})\` per strategy kept for the whole run, then
  \`decodeCookieCache(value)\` (payload object with \`Date\`s, as Better Auth returns it),
  \`getCookieCache(headers)\` and \`verifySession(headers)\`; every call synchronous. Deno and
  workerd: \`wasm/scripts/bench-runtimes.mjs\` (workerd timed from outside, N verifies per
  request, since its clocks stand still while a request computes).
- **hand-written**: the ten lines a Node user writes for \`compact\` with the synchronous
  \`node:crypto\` (in \`benches/node/bench.mjs\`); it checks less than either library (no
  schema, version or embedded session expiry).
- **jose**: \`jwtVerify(value, secretBytes)\`, \`jwtDecrypt(value, derivedKey, {clockTolerance: 15,
  …})\`, \`SignJWT\` / \`EncryptJWT\` with Better Auth's headers and claims; the keys are prepared
  once outside the loop, which Better Auth does not do.
- **jsonwebtoken** ${lockVersion("jsonwebtoken")} (\`rust_crypto\` backend): \`decode::<serde_json::Value>\` with HS256, no leeway,
  \`exp\` required — the work of our jwt decode, minus the payload typing and the
  JavaScript-exact JSON — and \`encode\` of the same claims as a \`serde_json::Value\`.
- ¹ Better Auth has no keyring: \`symmetricEncodeJWT\` and \`symmetricDecodeJWT\` redo this HKDF
  (\`@noble/hashes\`) and the JWK thumbprint on **every** call; that per-call cost is the Better Auth
  cell. session-cache pays it once per keyring.
- Node's WebCrypto (every HMAC and AES operation of Better Auth and jose) is asynchronous and
  runs on libuv's thread pool. In this run one HMAC-SHA256 over the 1.1 KB jwt signing input
  took ${us(nodeNs("hmac_webcrypto", "node"))} through \`crypto.subtle.sign\` (key imported once) against
  ${us(nodeNs("hmac_sync", "node"))} through the synchronous \`node:crypto\` \`createHmac\`: most of a Node
  figure is such round trips (Better Auth also re-imports the key on every call), and their
  cost grows with the machine's load: the Node columns, and so the ratios, are the most
  load-sensitive figures here.

## Reproduce

\`\`\`sh
./bench.sh
\`\`\`

It needs Rust and Node 20 with npm (it runs \`npm ci\` in \`vectors/\` when needed), mints the
fixtures, runs \`cargo bench --bench codec\`, then \`benches/node/bench.mjs\` (time, and memory
under \`--expose-gc\`), then \`wasm/scripts/bench-runtimes.mjs\` (Deno and workerd), and
writes this file. Rust alone, on existing fixtures:
\`cargo bench --bench codec\` (the fixtures live one hour: \`node benches/node/fixtures.mjs\`
makes new ones).
`;

writeFileSync(OUT, md);
process.stdout.write(md);
