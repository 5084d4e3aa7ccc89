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
  and \`.encode(&payload, &keys, &EncodeOptions::with_max_age(${fixtures.maxAge}), now)\`;
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
under \`--expose-gc\`), and writes this file. Rust alone, on existing fixtures:
\`cargo bench --bench codec\` (the fixtures live one hour: \`node benches/node/fixtures.mjs\`
makes new ones).
`;

writeFileSync(OUT, md);
process.stdout.write(md);
