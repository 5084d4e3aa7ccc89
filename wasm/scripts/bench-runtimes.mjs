#!/usr/bin/env node
// The package's verify in Deno and in workerd (Cloudflare's runtime), on the fixtures
// ./bench.sh mints (target/bench-fixtures.json), with a reusable verifier per strategy:
//
//   node wasm/scripts/bench-runtimes.mjs [FIXTURES] [OUT]
//
// Deno times its own loop with performance.now(). workerd's clocks do not advance while
// a request computes (a Spectre mitigation), so the worker runs N verifies per request
// and this script times the requests from outside: (time of N verifies − time of 0) / N,
// the best of several rounds. Writes {deno: {...}, workerd: {...}} in ns per call.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const wasmDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(wasmDir, "..");
const FIXTURES = process.argv[2] ?? join(root, "target", "bench-fixtures.json");
const OUT = process.argv[3] ?? join(root, "target", "bench-wasm-runtimes.json");
const fx = JSON.parse(readFileSync(FIXTURES, "utf8"));
const STRATEGIES = ["compact", "jwt", "jwe"];
const bin = (name) => join(wasmDir, "node_modules", ".bin", name);
const work = mkdtempSync(join(tmpdir(), "session-cache-bench-"));
const results = { deno: {}, workerd: {} };

// --- Deno -----------------------------------------------------------------------------
const denoScript = join(work, "deno-bench.mjs");
writeFileSync(
  denoScript,
  `import { createVerifier } from ${JSON.stringify(join(wasmDir, "pkg", "deno.mjs"))};
const fx = JSON.parse(Deno.readTextFileSync(${JSON.stringify(FIXTURES)}));
const out = {};
for (const strategy of ${JSON.stringify(STRATEGIES)}) {
  const v = createVerifier({ secret: fx.secret, strategy });
  const value = fx.values[strategy];
  if (!v.decodeCookieCache(value).valid) throw new Error(strategy + ": rejected");
  for (let i = 0; i < 3000; i++) v.decodeCookieCache(value);
  let best = Infinity;
  for (let round = 0; round < 9; round++) {
    const n = 4000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) v.decodeCookieCache(value);
    best = Math.min(best, ((performance.now() - t0) * 1e6) / n);
  }
  out["decode_" + strategy] = best;
}
console.log(JSON.stringify({ deno: Deno.version.deno, v8: Deno.version.v8, results: out }));
`,
);
const denoOut = JSON.parse(
  execFileSync(bin("deno"), ["run", "--no-prompt", "--allow-read", "--allow-env", denoScript], { encoding: "utf8" }),
);
results.deno = { version: denoOut.deno, v8: denoOut.v8, ...denoOut.results };
console.error(`deno ${denoOut.deno}: ${JSON.stringify(denoOut.results)}`);

// --- workerd ----------------------------------------------------------------------------
writeFileSync(
  join(wasmDir, ".bench-worker.mjs"),
  `import { createVerifier } from "session-cache";
const verifiers = new Map();
export default {
  async fetch(request, env) {
    const { strategy, value, n } = await request.json();
    let v = verifiers.get(strategy);
    if (!v) verifiers.set(strategy, (v = createVerifier({ secret: env.SECRET, strategy })));
    let ok = 0;
    for (let i = 0; i < n; i++) ok += v.decodeCookieCache(value).valid ? 1 : 0;
    return new Response(String(ok));
  },
};
`,
);
try {
  await esbuild.build({
    absWorkingDir: wasmDir,
    entryPoints: { worker: ".bench-worker.mjs" },
    outdir: work,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    loader: { ".wasm": "copy" },
    assetNames: "[name]",
    logLevel: "warning",
  });
} finally {
  rmSync(join(wasmDir, ".bench-worker.mjs"), { force: true });
}
writeFileSync(
  join(work, "config.capnp"),
  `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .bench) ],
  sockets = [ (name = "http", address = "127.0.0.1:8787", http = (), service = "main") ],
);
const bench :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "session_cache_wasm_bg.wasm", wasm = embed "session_cache_wasm_bg.wasm"),
  ],
  compatibilityDate = "2026-11-01",
  bindings = [ (name = "SECRET", text = ${JSON.stringify(fx.secret)}) ],
);
`,
);
const port = await new Promise((resolve) => {
  const srv = createServer();
  srv.listen(0, "127.0.0.1", () => {
    const p = srv.address().port;
    srv.close(() => resolve(p));
  });
});
const workerd = spawn(bin("workerd"), ["serve", "config.capnp", "--socket-addr", `http=127.0.0.1:${port}`], {
  cwd: work,
  stdio: ["ignore", "ignore", "inherit"],
});
try {
  const post = async (strategy, n) => {
    const t0 = process.hrtime.bigint();
    const res = await fetch(`http://127.0.0.1:${port}/`, {
      method: "POST",
      body: JSON.stringify({ strategy, value: fx.values[strategy], n }),
    });
    const ok = Number(await res.text());
    const ns = Number(process.hrtime.bigint() - t0);
    if (ok !== n) throw new Error(`workerd ${strategy}: ${ok} of ${n} verified`);
    return ns;
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      await post("compact", 1);
      break;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  for (const strategy of STRATEGIES) {
    const N = 4000;
    await post(strategy, N); // warm-up
    let empty = Infinity;
    let full = Infinity;
    for (let round = 0; round < 9; round++) {
      empty = Math.min(empty, await post(strategy, 0));
      full = Math.min(full, await post(strategy, N));
    }
    results.workerd[`decode_${strategy}`] = (full - empty) / N;
  }
  results.workerd.version = JSON.parse(readFileSync(join(wasmDir, "node_modules", "workerd", "package.json"), "utf8")).version;
  console.error(`workerd ${results.workerd.version}: ${JSON.stringify(results.workerd)}`);
} finally {
  workerd.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
}
writeFileSync(OUT, JSON.stringify(results, null, 2) + "\n");
