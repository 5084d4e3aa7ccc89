#!/usr/bin/env node
// Builds the npm package into pkg/:
//   1. cargo build --target wasm32-unknown-unknown --release (size-oriented profile
//      settings passed with --config, so the root profile stays as it is);
//   2. wasm-bindgen (the CLI at exactly the version Cargo.lock pins) for
//      --target nodejs (CommonJS) and --target web (ES module with initSync);
//   3. the entry points: node.cjs, node.mjs (the web glue given the .wasm read with
//      `new URL(…, import.meta.url)`, which bundlers follow), workerd.mjs (imports the
//      .wasm as a module and initialises synchronously), deno.mjs, web.mjs, and
//      api.mjs / api.cjs.
//
// Environment: CARGO_TARGET_DIR (default: the workspace's target/), WASM_BINDGEN (default
// `wasm-bindgen` on PATH), SKIP_CARGO=1 to reuse the last cargo build; for measurements
// only (scripts/bench.mjs): OPT_LEVEL (default 2), CARGO_FEATURES, PKG_DIR (default pkg).
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = join(root, process.env.PKG_DIR || "pkg");
const optLevel = process.env.OPT_LEVEL || "2";
const features = process.env.CARGO_FEATURES ? ["--features", process.env.CARGO_FEATURES] : [];
const targetDir = process.env.CARGO_TARGET_DIR || join(root, "..", "target");
const NAME = "session_cache_wasm";

function run(cmd, args, opts = {}) {
  console.error(`$ ${cmd} ${args.join(" ")}`);
  return execFileSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"], cwd: root, ...opts });
}

/** The wasm-bindgen version Cargo.lock pins (the workspace's lock, or wasm/'s own). */
function lockedWasmBindgenVersion() {
  for (const lock of [join(root, "..", "Cargo.lock"), join(root, "Cargo.lock")]) {
    if (!existsSync(lock)) continue;
    const text = readFileSync(lock, "utf8");
    const m = text.match(/\[\[package\]\]\nname = "wasm-bindgen"\nversion = "([^"]+)"/);
    if (m) return m[1];
  }
  throw new Error("wasm-bindgen is not in Cargo.lock: run `cargo generate-lockfile` or a cargo build first");
}

// 1. cargo
if (process.env.SKIP_CARGO !== "1") {
  run(
    "cargo",
    [
      "build",
      "--target",
      "wasm32-unknown-unknown",
      "--release",
      "-p",
      "session-cache-wasm",
      ...features,
      // opt-level 2: measured fastest (1.7x opt-level "s", faster than 3) for 8 % more
      // gzipped bytes than "s" (README, "Size and speed"); fat LTO, one codegen unit.
      "--config",
      /^[0-3]$/.test(optLevel) ? `profile.release.opt-level=${optLevel}` : `profile.release.opt-level="${optLevel}"`,
      "--config",
      "profile.release.lto=true",
      "--config",
      "profile.release.codegen-units=1",
      "--config",
      'profile.release.panic="abort"',
      "--config",
      "profile.release.debug=false",
    ],
    { env: { ...process.env, CARGO_TARGET_DIR: targetDir } },
  );
}
const input = join(targetDir, "wasm32-unknown-unknown", "release", `${NAME}.wasm`);
if (!existsSync(input)) throw new Error(`missing ${input}`);

// 2. wasm-bindgen, at the locked version
const wasmBindgen = process.env.WASM_BINDGEN || "wasm-bindgen";
const want = lockedWasmBindgenVersion();
let have;
try {
  have = execFileSync(wasmBindgen, ["--version"], { encoding: "utf8" }).trim().split(/\s+/).pop();
} catch {
  throw new Error(`wasm-bindgen not found: cargo install wasm-bindgen-cli --version ${want}`);
}
if (have !== want)
  throw new Error(`wasm-bindgen ${have} is installed, Cargo.lock has ${want}: cargo install wasm-bindgen-cli --version ${want}`);

rmSync(pkg, { recursive: true, force: true });
for (const [target, dir] of [
  ["nodejs", "node"],
  ["web", "web"],
]) {
  run(wasmBindgen, [
    "--target",
    target,
    "--out-dir",
    join(pkg, dir),
    "--no-typescript",
    "--remove-name-section",
    "--remove-producers-section",
    input,
  ]);
}
// The nodejs output is CommonJS, the web output an ES module, whatever the consumer's
// package.json says.
writeFileSync(join(pkg, "node", "package.json"), '{ "type": "commonjs" }\n');
writeFileSync(join(pkg, "web", "package.json"), '{ "type": "module" }\n');

// 3. entry points
const api = readFileSync(join(root, "js", "api.mjs"), "utf8");
writeFileSync(join(pkg, "api.mjs"), api);
const cjs = api.replace(/^export function createApi\(/m, "function createApi(") + "\nmodule.exports = { createApi };\n";
if (cjs === api || /^export /m.test(cjs)) throw new Error("api.mjs: cannot make the CommonJS copy");
writeFileSync(join(pkg, "api.cjs"), `"use strict";\n${cjs}`);
for (const entry of ["node.cjs", "node.mjs", "workerd.mjs", "deno.mjs", "web.mjs"]) {
  copyFileSync(join(root, "js", entry), join(pkg, entry));
}

const wasmFile = join(pkg, "web", `${NAME}_bg.wasm`);
const bytes = readFileSync(wasmFile);
const gz = gzipSync(bytes, { level: 9 }).length;
console.error(
  `built ${pkg}: ${NAME}_bg.wasm ${statSync(wasmFile).size} bytes, ${gz} gzipped (gzip -9: run \`gzip -9 -c ${wasmFile} | wc -c\`)`,
);
