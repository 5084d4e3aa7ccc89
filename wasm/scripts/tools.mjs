// The tools `npm run build` needs, found or installed:
//   - the `wasm32-unknown-unknown` Rust target (added with rustup when missing);
//   - `wasm-bindgen` at exactly the version Cargo.lock pins, looked for as
//     $WASM_BINDGEN, then <workspace>/target/tools/bin/wasm-bindgen, then on PATH; when
//     none has that version, installed with
//     `cargo install --root <workspace>/target/tools wasm-bindgen-cli --version X`.
// Every step says what it does on stderr. test/build-tools.test.mjs checks the search
// order and the install with stand-in executables.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const WASM_TARGET = "wasm32-unknown-unknown";

const say = (line) => console.error(`build: ${line}`);

/** The wasm-bindgen version pinned by the first of these Cargo.lock files that has it. */
export function lockedWasmBindgenVersion(locks) {
  for (const lock of locks) {
    if (!existsSync(lock)) continue;
    const m = readFileSync(lock, "utf8").match(/\[\[package\]\]\r?\nname = "wasm-bindgen"\r?\nversion = "([^"]+)"/);
    if (m) return m[1];
  }
  throw new Error(`wasm-bindgen is not in ${locks.join(" or ")}: run \`cargo generate-lockfile\` or a cargo build first`);
}

/** The version a wasm-bindgen executable reports, or null when it does not run. */
export function wasmBindgenVersion(bin, env = process.env) {
  try {
    const out = execFileSync(bin, ["--version"], { encoding: "utf8", env, stdio: ["ignore", "pipe", "ignore"] });
    return out.trim().split(/\s+/).pop() || null;
  } catch {
    return null;
  }
}

/** The wasm-bindgen candidates, in the order they are tried. */
export function wasmBindgenCandidates({ toolsRoot, env = process.env }) {
  const list = [];
  if (env.WASM_BINDGEN) list.push({ bin: env.WASM_BINDGEN, from: "WASM_BINDGEN" });
  list.push({ bin: join(toolsRoot, "bin", process.platform === "win32" ? "wasm-bindgen.exe" : "wasm-bindgen"), from: "target/tools" });
  list.push({ bin: "wasm-bindgen", from: "PATH" });
  return list;
}

/** The first candidate at version `want`, or null; says why each other one was passed over. */
export function findWasmBindgen({ want, toolsRoot, env = process.env }) {
  for (const { bin, from } of wasmBindgenCandidates({ toolsRoot, env })) {
    const have = wasmBindgenVersion(bin, env);
    if (have === want) return bin;
    if (have !== null) say(`${bin} (${from}) is wasm-bindgen ${have}, Cargo.lock has ${want}: not used`);
    else if (from === "WASM_BINDGEN") say(`${bin} (WASM_BINDGEN) does not run: not used`);
  }
  return null;
}

/** wasm-bindgen at version `want`: found, else installed into `toolsRoot` with cargo. */
export function ensureWasmBindgen({ want, toolsRoot, cwd, env = process.env }) {
  const found = findWasmBindgen({ want, toolsRoot, env });
  if (found !== null) return found;
  const args = ["install", "--root", toolsRoot, "wasm-bindgen-cli", "--version", want];
  say(`wasm-bindgen ${want} (Cargo.lock's version) is not installed: installing it into ${toolsRoot} (a few minutes, once)`);
  say(`$ cargo ${args.join(" ")}`);
  try {
    execFileSync("cargo", args, { cwd, env, stdio: ["ignore", "inherit", "inherit"] });
  } catch (e) {
    throw new Error(`could not install wasm-bindgen-cli ${want} (cargo install failed: ${e.message})`);
  }
  const bin = wasmBindgenCandidates({ toolsRoot, env: {} })[0].bin;
  const have = wasmBindgenVersion(bin, env);
  if (have !== want) throw new Error(`cargo install left ${bin} at version ${have ?? "(none)"}, not ${want}`);
  return bin;
}

/** Adds the wasm32-unknown-unknown target with rustup when the toolchain does not have it. */
export function ensureWasmTarget({ cwd, env = process.env }) {
  let installed;
  try {
    installed = execFileSync("rustup", ["target", "list", "--installed"], { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch {
    // No rustup: the toolchain must already have the target's standard library.
    try {
      const sysroot = execFileSync("rustc", ["--print", "sysroot"], { cwd, env, encoding: "utf8" }).trim();
      if (existsSync(join(sysroot, "lib", "rustlib", WASM_TARGET))) return;
    } catch {
      throw new Error("neither rustup nor rustc runs: install Rust (https://rustup.rs)");
    }
    throw new Error(`the Rust toolchain has no ${WASM_TARGET} target, and there is no rustup to add it`);
  }
  if (installed.split(/\r?\n/).includes(WASM_TARGET)) return;
  say(`the Rust target ${WASM_TARGET} is missing: adding it`);
  say(`$ rustup target add ${WASM_TARGET}`);
  execFileSync("rustup", ["target", "add", WASM_TARGET], { cwd, env, stdio: ["ignore", "inherit", "inherit"] });
}
