#!/usr/bin/env node
// `npm test`: every check of the npm package, in every runtime, against the build in
// pkg/ (`npm run build` first). Exits non-zero on any failure.
//   1. Node's test runner: the ESM, CommonJS and web builds (vectors, API, live Better
//      Auth interop, one export list), the build's tool install, Hono on Node, workerd
//      (a worker and a Hono app over loopback), headless Chromium (skipped, loudly, only
//      when /usr/bin/chromium is missing);
//   2. Deno: the same checks on the ESM build, the Hono app on Deno.serve;
//   3. Bun: the same checks, live interop, the README's server, the Hono app on Bun.serve;
//   4. the TypeScript types (deno check), strict and not (as a new Next.js app has it),
//      and session-cache/hono's with hono's own;
//   5. Next.js 16 (test/nextjs, also `npm run test:nextjs`): the packed package in an
//      app built and served on 127.0.0.1, proxy.ts (Node.js runtime), a route handler
//      and middleware.ts on the Edge runtime. It installs Next.js (about 150 MB; 40 s to
//      2 min): SKIP_NEXTJS=1 skips it, loudly.
// Also in step 1: the tarball of `npm pack` installed into an empty project.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(root, "node_modules", ".bin", name);

for (const file of ["pkg/node.cjs", "pkg/web/session_cache_wasm_bg.wasm", "pkg/node/session_cache_wasm_bg.wasm"]) {
  if (!existsSync(join(root, file))) {
    console.error(`missing ${file}: run \`npm run build\` first`);
    process.exit(1);
  }
}
for (const tool of ["deno", "workerd", "esbuild", "bun"]) {
  if (!existsSync(bin(tool))) {
    console.error(`missing node_modules/.bin/${tool}: run \`npm ci\` first`);
    process.exit(1);
  }
}
if (!existsSync(join(root, "..", "vectors", "cookie-cache.json"))) {
  console.error("missing ../vectors/cookie-cache.json");
  process.exit(1);
}

function run(name, cmd, args, parse) {
  return new Promise((done) => {
    console.log(`\n== ${name}: ${[cmd, ...args].join(" ")}`);
    const started = Date.now();
    const child = spawn(cmd, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    // Both streams are read: Bun's test runner writes its results on stderr.
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on("data", (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.on("exit", (code, signal) => {
      const counts = parse(out, code);
      done({ name, code: code ?? signal, seconds: (Date.now() - started) / 1000, ...counts });
    });
  });
}

const nodeCounts = (out) => {
  const n = (re) => Number(out.match(re)?.[1] ?? 0);
  return { passed: n(/^# pass (\d+)$/m), failed: n(/^# fail (\d+)$/m) + n(/^# cancelled (\d+)$/m), skipped: n(/^# skipped (\d+)$/m) };
};
const denoCounts = (out) => {
  const m = out.match(/(\d+) passed.*?(\d+) failed/); // "28 passed (3 steps) | 0 failed"
  return { passed: Number(m?.[1] ?? 0), failed: Number(m?.[2] ?? 0), skipped: 0 };
};
const bunCounts = (out) => {
  const n = (re) => Number(out.match(re)?.[1] ?? 0);
  return { passed: n(/^ *(\d+) pass$/m), failed: n(/^ *(\d+) fail$/m), skipped: n(/^ *(\d+) skip$/m) };
};
const checkCounts = (_out, code) => ({ passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 });

const results = [];
results.push(
  await run("node (ESM, CommonJS, web build; vectors; Better Auth interop; build tools; Hono; npm pack; JWKS; size budget), workerd, chromium", process.execPath, [
    "--test",
    "--test-concurrency=1",
    "test/node.test.mjs",
    "test/build-tools.test.mjs",
    "test/hono/hono.test.mjs",
    "test/pack.test.mjs",
    "test/jwks.test.mjs",
    "test/size.test.mjs",
    "test/revocation.test.mjs",
    "test/workerd/workerd.test.mjs",
    "test/browser/browser.test.mjs",
  ], nodeCounts),
);
results.push(
  await run("deno (ESM build; vectors; Better Auth interop; Hono on Deno.serve)", bin("deno"), [
    "test",
    "--no-check",
    "--no-prompt",
    "--allow-read",
    "--allow-env",
    "--allow-sys",
    "--allow-net=127.0.0.1",
    "test/deno.test.mjs",
  ], denoCounts),
);
results.push(await run("bun (ESM, CommonJS; vectors; Better Auth interop; a server; Hono on Bun.serve)", bin("bun"), ["test", "test/bun/bun.test.mjs"], bunCounts));
results.push(await run("TypeScript types, strict (deno check)", bin("deno"), ["check", "test/types.ts"], checkCounts));
results.push(
  await run("TypeScript types, strict: false (deno check)", bin("deno"), [
    "check",
    "--config",
    "test/deno-loose.json",
    "test/types-loose.ts",
  ], checkCounts),
);
results.push(await run("TypeScript types of session-cache/hono, with hono's (deno check)", bin("deno"), ["check", "test/types-hono.ts"], checkCounts));
const nextName = "next.js 16 (next build + next start): proxy.ts on Node.js; route handler and middleware.ts on the Edge runtime";
if (process.env.SKIP_NEXTJS === "1") {
  console.log(`\n== ${nextName}\nSKIP: SKIP_NEXTJS=1`);
  results.push({ name: nextName, code: 0, seconds: 0, passed: 0, failed: 0, skipped: 1, skip: true });
} else {
  results.push(await run(nextName, process.execPath, ["--test", "test/nextjs/nextjs.check.mjs"], nodeCounts));
}

console.log("\n== summary");
let passed = 0;
let failed = 0;
let skipped = 0;
for (const r of results) {
  const ok = r.skip === true || (r.code === 0 && r.failed === 0 && r.passed > 0);
  if (!ok && r.failed === 0) r.failed = 1;
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped;
  console.log(`${ok ? "ok  " : "FAIL"} ${r.name}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ""} (${r.seconds.toFixed(1)} s)`);
}
if (skipped > 0) console.log(`WARNING: ${skipped} skipped (see the SKIP lines above)`);
console.log(`wasm: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed === 0 ? 0 : 1);
