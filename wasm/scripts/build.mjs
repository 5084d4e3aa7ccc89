#!/usr/bin/env node
// Builds the npm package into pkg/:
//   0. the tools, found or installed (scripts/tools.mjs): wasm-bindgen at exactly the
//      version Cargo.lock pins ($WASM_BINDGEN, <workspace>/target/tools/bin, PATH; else
//      `cargo install --root <workspace>/target/tools wasm-bindgen-cli --version X`),
//      and the wasm32-unknown-unknown target (`rustup target add` when missing);
//   1. cargo build --target wasm32-unknown-unknown --release (size-oriented profile
//      settings passed with --config, so the root profile stays as it is);
//   2. wasm-bindgen for --target nodejs (CommonJS) and --target web (ES module with
//      initSync);
//   3. the entry points, from js/: node.cjs, node.mjs (the web glue given the .wasm read
//      with `new URL(…, import.meta.url)`, which bundlers follow), workerd.mjs and
//      edge.mjs (import the .wasm as a compiled module and initialise synchronously),
//      deno.mjs, web.mjs, each with the export list generated from createApi();
//      api.mjs / api.cjs; hono.mjs (`session-cache/hono`).
//
// Environment: CARGO_TARGET_DIR (default: the workspace's target/), WASM_BINDGEN (tried
// first), SKIP_CARGO=1 to reuse the last cargo build; for measurements only
// (scripts/bench.mjs): OPT_LEVEL (default "s"), WASM_SIMD=0 (no simd128), CARGO_FEATURES,
// PKG_DIR (default pkg).
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

import { ensureWasmBindgen, ensureWasmTarget, lockedWasmBindgenVersion } from "./tools.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = join(root, process.env.PKG_DIR || "pkg");
// opt-level "s" for the whole build (measured within 10 % of 2 on every verify in Node,
// and 25 KB smaller gzipped), 2 for the hash, cipher and base64 crates, "z" for the
// public-key ones and for this package's glue crate: with all five JWKS algorithms the
// .wasm stays under 200 KB gzipped.
const optLevel = process.env.OPT_LEVEL || "s";
const HOT_CRATES = ["sha2", "aes", "cbc", "base64-simd", "vsimd"];
const SMALL_CRATES = [
  "p256",
  "p521",
  "primeorder",
  "ecdsa",
  "elliptic-curve",
  "curve25519-dalek",
  "ed25519-dalek",
  "num-bigint-dig",
  "rsa",
  "crypto-bigint",
  "signature",
  "session-cache-wasm",
];
const features = process.env.CARGO_FEATURES ? ["--features", process.env.CARGO_FEATURES] : [];
const workspace = resolve(root, "..");
const targetDir = process.env.CARGO_TARGET_DIR || join(workspace, "target");
const NAME = "session_cache_wasm";
/** The runtime entries, in js/ (package.json `exports` maps the conditions to them). */
const ENTRIES = ["node.mjs", "node.cjs", "deno.mjs", "workerd.mjs", "edge.mjs", "web.mjs"];

function run(cmd, args, opts = {}) {
  console.error(`$ ${cmd} ${args.join(" ")}`);
  return execFileSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"], cwd: root, ...opts });
}

// 0. the tools: wasm-bindgen at the version Cargo.lock pins (found, or installed into
// <workspace>/target/tools), the wasm32 target (added with rustup when missing)
const wasmBindgen = ensureWasmBindgen({
  want: lockedWasmBindgenVersion([join(workspace, "Cargo.lock"), join(root, "Cargo.lock")]),
  toolsRoot: join(workspace, "target", "tools"),
  cwd: workspace,
});

// 1. cargo
if (process.env.SKIP_CARGO !== "1") {
  ensureWasmTarget({ cwd: workspace });
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
      // Fat LTO, one codegen unit.
      "--config",
      /^[0-3]$/.test(optLevel) ? `profile.release.opt-level=${optLevel}` : `profile.release.opt-level="${optLevel}"`,
      // The hot primitives of every verify at full speed; the JWT plugin's public-key
      // algorithms (slow in WebAssembly whatever the level) as small as they go.
      ...HOT_CRATES.flatMap((c) => ["--config", `profile.release.package.${c}.opt-level=2`]),
      ...SMALL_CRATES.flatMap((c) => ["--config", `profile.release.package.${c}.opt-level="z"`]),
      "--config",
      "profile.release.lto=true",
      "--config",
      "profile.release.codegen-units=1",
      "--config",
      'profile.release.panic="abort"',
      "--config",
      "profile.release.debug=false",
      // WebAssembly SIMD, which every runtime the package supports has: base64
      // decoding uses it.
      ...(process.env.WASM_SIMD === "0"
        ? []
        : ["--config", 'target.wasm32-unknown-unknown.rustflags=["-C", "target-feature=+simd128"]']),
    ],
    { env: { ...process.env, CARGO_TARGET_DIR: targetDir } },
  );
}
const input = join(targetDir, "wasm32-unknown-unknown", "release", `${NAME}.wasm`);
if (!existsSync(input)) throw new Error(`missing ${input}`);

// 2. wasm-bindgen
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
// The Edge build's copy of the web glue, without its default `new URL("….wasm",
// import.meta.url)`: Next.js's bundler would emit (and its sandbox compile) the .wasm a
// second time for it, beside the `?module` import that edge.mjs initialises with.
const glue = readFileSync(join(pkg, "web", `${NAME}.js`), "utf8");
const defaultUrl = `new URL('${NAME}_bg.wasm', import.meta.url)`;
if (glue.split(defaultUrl).length !== 2) throw new Error(`the web glue does not have exactly one \`${defaultUrl}\``);
mkdirSync(join(pkg, "edge"));
writeFileSync(
  join(pkg, "edge", `${NAME}.js`),
  glue.replace(defaultUrl, () => `(() => { throw new Error("session-cache: the Edge build is initialised with its own module"); })()`),
);
writeFileSync(join(pkg, "edge", "package.json"), '{ "type": "module" }\n');

// 3. entry points: api.mjs / api.cjs, then each runtime's entry, js/<entry> with its
// export list generated in place of the `// @exports` line, from the names createApi()
// returns (so that an export added to api.mjs is in every entry): `export const {…} =
// api`, the no-op init()/initSync() where the entry defines none (the module is ready at
// import), and the default export; in node.cjs, a `module.exports = {…}` literal whose
// names Node's CommonJS lexer finds (named imports of the .cjs from ES modules).
const api = readFileSync(join(root, "js", "api.mjs"), "utf8");
writeFileSync(join(pkg, "api.mjs"), api);
const cjs = api.replace(/^export function createApi\(/m, "function createApi(") + "\nmodule.exports = { createApi };\n";
if (cjs === api || /^export /m.test(cjs)) throw new Error("api.mjs: cannot make the CommonJS copy");
writeFileSync(join(pkg, "api.cjs"), `"use strict";\n${cjs}`);

const names = await exportNames();
for (const entry of ENTRIES) {
  const source = readFileSync(join(root, "js", entry), "utf8");
  writeFileSync(join(pkg, entry), withExports(entry, source, names));
}
// Integrations, over the entry the runtime resolves `session-cache` to.
copyFileSync(join(root, "js", "hono.mjs"), join(pkg, "hono.mjs"));

/** The names of the package's API: the keys of createApi() over the built bindings. */
async function exportNames() {
  const bindings = await import(pathToFileURL(join(pkg, "web", `${NAME}.js`)).href);
  bindings.initSync({ module: readFileSync(join(pkg, "web", `${NAME}_bg.wasm`)) });
  const { createApi } = await import(pathToFileURL(join(pkg, "api.mjs")).href);
  const keys = Object.keys(createApi(bindings));
  for (const key of keys) {
    if (!/^[A-Za-z_$][\w$]*$/.test(key) || ["default", "init", "initSync"].includes(key))
      throw new Error(`createApi() returns \`${key}\`, which cannot be exported by that name`);
  }
  if (keys.length === 0) throw new Error("createApi() returned no exports");
  return keys;
}

/** An entry with its generated export list in place of its `// @exports` line. */
function withExports(entry, source, names) {
  const marker = /^\/\/ @exports\b.*$/m;
  if (!marker.test(source)) throw new Error(`js/${entry} has no \`// @exports\` line`);
  const commonjs = entry.endsWith(".cjs");
  const definesInit = commonjs ? /\bfunction init\b/.test(source) : /^export (async )?function init\b/m.test(source);
  const lines = [`// Generated by scripts/build.mjs: the names createApi() returns.`];
  if (!definesInit) {
    lines.push("/** Nothing to wait for here: present so that code shared with the web build runs. */");
    lines.push(commonjs ? "async function init() {}" : "export async function init() {}");
    lines.push(commonjs ? "function initSync() {}" : "export function initSync() {}");
  }
  if (commonjs) {
    lines.push(`const { ${names.join(", ")} } = api;`);
    lines.push(`module.exports = { ${[...names, "init", "initSync"].join(", ")} };`);
  } else {
    lines.push(`export const { ${names.join(", ")} } = api;`);
    lines.push("export default { ...api, init, initSync };");
  }
  return source.replace(marker, () => lines.join("\n"));
}

const wasmFile = join(pkg, "web", `${NAME}_bg.wasm`);
const bytes = readFileSync(wasmFile);
const gz = gzipSync(bytes, { level: 9 }).length;
console.error(
  `built ${pkg}: ${NAME}_bg.wasm ${statSync(wasmFile).size} bytes, ${gz} gzipped (gzip -9: run \`gzip -9 -c ${wasmFile} | wc -c\`)`,
);
