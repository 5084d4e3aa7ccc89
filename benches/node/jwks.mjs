// The Node side of benches/jwks.rs: on the same values minted by Better Auth 1.7.24's JWT
// plugin (vectors/jwks/cases.json), times
//   - jose.jwtVerify with the key imported once (the pure signature and claims cost), and
//   - Better Auth's getCookieCache({strategy: "jwt", jwt: {jwks, issuer}}) on the Cookie
//     header (what an edge function would call: it imports the JWK on every call),
// then prints them beside the criterion medians of `cargo bench --bench jwks` (read from
// target/criterion/) with the ratios.
//
//   cargo bench --bench jwks && node benches/node/jwks.mjs
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, load, packageVersion } from "./resolve.mjs";
import { time as timeRounds } from "./timing.mjs";

for (const m of ["log", "info", "warn", "debug"]) {
  const original = console[m];
  if (m === "log") continue;
  console[m] = () => {};
  void original;
}

const { withClock } = await import("../../vectors/lib.mjs");
const jose = await load("jose");
const { getCookieCache } = await load("better-auth/cookies");
const cases = JSON.parse(readFileSync(join(ROOT, "vectors/jwks/cases.json"), "utf8"));
// The WebAssembly package when built (bench.sh builds it): verifier.decodeCookieCache.
const WASM = join(ROOT, "wasm", "pkg", "node.mjs");
const wasm = existsSync(WASM) ? await import(pathToFileURL(WASM).href) : null;
const ORIGIN = "http://localhost:3000";
const ALGS = ["EdDSA", "ES256", "ES512", "RS256", "PS256"];

/** Median ns per call (benches/node/timing.mjs; rounds of at most 100 000 calls). */
const time = async (fn) => (await timeRounds(fn, 100_000)).nsPerOp;

function criterion(id) {
  const file = join(ROOT, "target", "criterion", id.replaceAll("/", "_"), "new", "estimates.json");
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, "utf8")).median.point_estimate;
}

const fmt = (ns) => (ns === null ? "—" : ns >= 1e3 ? `${(ns / 1e3).toFixed(ns >= 1e5 ? 0 : 1)} µs` : `${ns.toFixed(0)} ns`);
const ratio = (a, b) => (a === null || b === null ? "—" : `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×`);

const rows = [];
for (const alg of ALGS) {
  const v = cases.vectors.find((x) => x.name === `${alg}/session/sign-in`);
  const jwks = cases.keySets[`${alg}/single`].jwks;
  const key = await jose.importJWK(jwks.keys[0], jwks.keys[0].alg);
  // jose is given the vector's time; Better Auth reads the clock, frozen at it (vectors/lib.mjs).
  const options = {
    clockTolerance: 15,
    audience: "better-auth:session-cache",
    issuer: ORIGIN,
    algorithms: [alg],
    currentDate: new Date(v.now),
  };
  await jose.jwtVerify(v.value, key, options); // must verify
  const headers = new Headers({ cookie: v.cookieHeader });
  const config = { strategy: "jwt", isSecure: false, jwt: { jwks, issuer: ORIGIN } };
  const joseNs = await time(() => jose.jwtVerify(v.value, key, options));
  const baNs = await withClock(v.now, async () => {
    if ((await getCookieCache(headers, config)) === null) throw new Error(`${alg}: getCookieCache refused`);
    return await time(() => getCookieCache(headers, config));
  });
  let wasmNs = null;
  if (wasm) {
    const verifier = wasm.createVerifier({ strategy: "jwt", jwt: { jwks, issuer: ORIGIN } });
    const decode = () => verifier.decodeCookieCache(v.value, { now: v.now });
    const r = decode();
    if (!r.valid) throw new Error(`${alg}: the WebAssembly package refused: ${r.error}`);
    wasmNs = await time(decode);
  }
  rows.push({ alg, joseNs, baNs, wasmNs, oursNs: criterion(`jwks/${alg}/verify`), sessionNs: criterion(`jwks/${alg}/session`) });
}

console.log(`jose ${packageVersion("jose")}, better-auth ${packageVersion("better-auth")}, Node ${process.version}; medians\n`);
console.log("| algorithm | session-cache verify (Rust) | offline check, Cookie header (Rust) | session-cache (WebAssembly, Node) | jose.jwtVerify (Node) | getCookieCache (Node) | jose ÷ Rust | getCookieCache ÷ Rust | getCookieCache ÷ WebAssembly |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows)
  console.log(
    `| ${r.alg} | ${fmt(r.oursNs)} | ${fmt(r.sessionNs)} | ${fmt(r.wasmNs)} | ${fmt(r.joseNs)} | ${fmt(r.baNs)} | ${ratio(r.joseNs, r.oursNs)} | ${ratio(r.baNs, r.oursNs)} | ${ratio(r.baNs, r.wasmNs)} |`,
  );
if (rows.some((r) => r.oursNs === null)) console.log("\n(run `cargo bench --bench jwks` first for the Rust column)");
