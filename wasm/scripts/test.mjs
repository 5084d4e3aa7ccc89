#!/usr/bin/env node
// `npm test`: every check of the npm package, in every runtime, against the build in
// pkg/ (`npm run build` first). Exits non-zero on any failure.
//   1. Node's test runner: the ESM, CommonJS and web builds (vectors, API, live Better
//      Auth interop), workerd (a worker over loopback), headless Chromium (skipped,
//      loudly, only when /usr/bin/chromium is missing);
//   2. Deno: the same checks on the ESM build;
//   3. the TypeScript types (deno check), strict and not (as a new Next.js app has it).
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
for (const tool of ["deno", "workerd", "esbuild"]) {
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
    const child = spawn(cmd, args, { cwd: root, stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, NO_COLOR: "1" } });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      process.stdout.write(d);
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
  const m = out.match(/(\d+) passed[^\d]+(\d+) failed/);
  return { passed: Number(m?.[1] ?? 0), failed: Number(m?.[2] ?? 0), skipped: 0 };
};
const checkCounts = (_out, code) => ({ passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 });

const results = [];
results.push(
  await run("node (ESM, CommonJS, web build; vectors; Better Auth interop), workerd, chromium", process.execPath, [
    "--test",
    "--test-concurrency=1",
    "test/node.test.mjs",
    "test/jwks.test.mjs",
    "test/workerd/workerd.test.mjs",
    "test/browser/browser.test.mjs",
  ], nodeCounts),
);
results.push(
  await run("deno (ESM build; vectors; Better Auth interop)", bin("deno"), [
    "test",
    "--no-check",
    "--no-prompt",
    "--allow-read",
    "--allow-env",
    "--allow-sys",
    "test/deno.test.mjs",
  ], denoCounts),
);
results.push(await run("TypeScript types, strict (deno check)", bin("deno"), ["check", "test/types.ts"], checkCounts));
results.push(
  await run("TypeScript types, strict: false (deno check)", bin("deno"), [
    "check",
    "--config",
    "test/deno-loose.json",
    "test/types-loose.ts",
  ], checkCounts),
);

console.log("\n== summary");
let passed = 0;
let failed = 0;
let skipped = 0;
for (const r of results) {
  const ok = r.code === 0 && r.failed === 0 && r.passed > 0;
  if (!ok && r.failed === 0) r.failed = 1;
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped;
  console.log(`${ok ? "ok  " : "FAIL"} ${r.name}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ""} (${r.seconds.toFixed(1)} s)`);
}
if (skipped > 0) console.log(`WARNING: ${skipped} skipped (see the SKIP lines above)`);
console.log(`wasm: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed === 0 ? 0 : 1);
