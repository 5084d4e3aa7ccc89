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
import { ROOT, load, packageVersion } from "./resolve.mjs";

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
const ORIGIN = "http://localhost:3000";
const ALGS = ["EdDSA", "ES256", "ES512", "RS256", "PS256"];

const hr = () => process.hrtime.bigint();
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Median ns per call over 7 rounds, after a warm-up of at least 300 ms and 200 calls. */
async function time(fn) {
  let n = 0;
  const w0 = hr();
  while (n < 200 || hr() - w0 < 300_000_000n) {
    await fn();
    n++;
  }
  const per = Number(hr() - w0) / n;
  const iters = Math.max(50, Math.min(100_000, Math.round(250e6 / per)));
  const rounds = [];
  for (let r = 0; r < 7; r++) {
    const t0 = hr();
    for (let i = 0; i < iters; i++) await fn();
    rounds.push(Number(hr() - t0) / iters);
  }
  return median(rounds);
}

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
  rows.push({ alg, joseNs, baNs, oursNs: criterion(`jwks/${alg}/verify`), sessionNs: criterion(`jwks/${alg}/session`) });
}

console.log(`jose ${packageVersion("jose")}, better-auth ${packageVersion("better-auth")}, Node ${process.version}; medians\n`);
console.log("| algorithm | session-cache verify (Rust) | offline check, Cookie header (Rust) | jose.jwtVerify (Node) | getCookieCache (Node) | jose ÷ ours | getCookieCache ÷ ours |");
console.log("|---|---:|---:|---:|---:|---:|---:|");
for (const r of rows)
  console.log(
    `| ${r.alg} | ${fmt(r.oursNs)} | ${fmt(r.sessionNs)} | ${fmt(r.joseNs)} | ${fmt(r.baNs)} | ${ratio(r.joseNs, r.oursNs)} | ${ratio(r.baNs, r.oursNs)} |`,
  );
if (rows.some((r) => r.oursNs === null)) console.log("\n(run `cargo bench --bench jwks` first for the Rust column)");
