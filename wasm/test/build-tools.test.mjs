// The build finds or installs its tools (scripts/tools.mjs), checked with stand-in
// executables on PATH: `wasm-bindgen` scripts that report a version, a `cargo` that
// records how it was called and "installs" a wasm-bindgen, a `rustup` that lists targets.
// The search order ($WASM_BINDGEN, <workspace>/target/tools, PATH), the version pin, and
// the exact install and rustup commands are what is checked; the real install is what
// `npm run build` does on a machine without wasm-bindgen.
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { after, describe, test } from "node:test";

import { ensureWasmBindgen, ensureWasmTarget, findWasmBindgen, lockedWasmBindgenVersion } from "../scripts/tools.mjs";

const WANT = "0.2.130";
const scratch = mkdtempSync(join(tmpdir(), "session-cache-tools-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

let n = 0;
/** A fresh directory layout: bin/ (put on PATH), tools/ (the install root), a log file. */
function layout() {
  const dir = join(scratch, String(++n));
  mkdirSync(join(dir, "bin"), { recursive: true });
  // The only commands the stand-ins run besides the shell's builtins.
  for (const tool of ["mkdir", "chmod"]) symlinkSync(which(tool), join(dir, "bin", tool));
  return { dir, bin: join(dir, "bin"), toolsRoot: join(dir, "tools"), log: join(dir, "calls.log") };
}

function script(path, body) {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}
const fakeWasmBindgen = (path, version) => script(path, `echo "wasm-bindgen ${version}"`);

function which(tool) {
  for (const dir of (process.env.PATH ?? "").split(delimiter).concat(["/usr/bin", "/bin"])) {
    if (dir && existsSync(join(dir, tool))) return join(dir, tool);
  }
  throw new Error(`${tool} not found`);
}

/** PATH with only the stand-ins (so that a real cargo, rustup or wasm-bindgen is never reached). */
const envWith = (l, extra = {}) => ({ PATH: l.bin, ...extra });

describe("wasm-bindgen: found at the Cargo.lock version", () => {
  test("Cargo.lock's version is read from the workspace lock", () => {
    const v = lockedWasmBindgenVersion([new URL("../../Cargo.lock", import.meta.url).pathname]);
    assert.match(v, /^\d+\.\d+\.\d+$/);
    assert.match(readFileSync(new URL("../../Cargo.lock", import.meta.url), "utf8"), new RegExp(`name = "wasm-bindgen"\\nversion = "${v.replace(/\./g, "\\.")}"`));
    assert.throws(() => lockedWasmBindgenVersion([join(scratch, "none.lock")]), /wasm-bindgen is not in/);
  });

  test("WASM_BINDGEN first, when it has the version", () => {
    const l = layout();
    const explicit = fakeWasmBindgen(join(l.dir, "explicit"), WANT);
    fakeWasmBindgen(join(l.toolsRoot, "bin", "wasm-bindgen"), WANT);
    fakeWasmBindgen(join(l.bin, "wasm-bindgen"), WANT);
    assert.equal(findWasmBindgen({ want: WANT, toolsRoot: l.toolsRoot, env: envWith(l, { WASM_BINDGEN: explicit }) }), explicit);
  });

  test("then target/tools, passing over a WASM_BINDGEN at another version or missing", () => {
    const l = layout();
    const tools = fakeWasmBindgen(join(l.toolsRoot, "bin", "wasm-bindgen"), WANT);
    fakeWasmBindgen(join(l.bin, "wasm-bindgen"), WANT);
    const old = fakeWasmBindgen(join(l.dir, "old"), "0.2.99");
    assert.equal(findWasmBindgen({ want: WANT, toolsRoot: l.toolsRoot, env: envWith(l, { WASM_BINDGEN: old }) }), tools);
    assert.equal(findWasmBindgen({ want: WANT, toolsRoot: l.toolsRoot, env: envWith(l, { WASM_BINDGEN: join(l.dir, "absent") }) }), tools);
  });

  test("then PATH; none at the version: null", () => {
    const l = layout();
    fakeWasmBindgen(join(l.toolsRoot, "bin", "wasm-bindgen"), "0.2.100");
    fakeWasmBindgen(join(l.bin, "wasm-bindgen"), WANT);
    assert.equal(findWasmBindgen({ want: WANT, toolsRoot: l.toolsRoot, env: envWith(l) }), "wasm-bindgen");
    fakeWasmBindgen(join(l.bin, "wasm-bindgen"), "0.2.101");
    assert.equal(findWasmBindgen({ want: WANT, toolsRoot: l.toolsRoot, env: envWith(l) }), null);
  });
});

describe("wasm-bindgen: installed when missing", () => {
  test("cargo install --root <tools> wasm-bindgen-cli --version X (no --locked), then used", () => {
    const l = layout();
    fakeWasmBindgen(join(l.bin, "wasm-bindgen"), "0.2.99"); // on PATH, wrong version
    script(
      join(l.bin, "cargo"),
      `echo "$@" >> "${l.log}"\nmkdir -p "${l.toolsRoot}/bin"\nprintf '#!/bin/sh\\necho "wasm-bindgen ${WANT}"\\n' > "${l.toolsRoot}/bin/wasm-bindgen"\nchmod +x "${l.toolsRoot}/bin/wasm-bindgen"`,
    );
    const bin = ensureWasmBindgen({ want: WANT, toolsRoot: l.toolsRoot, cwd: l.dir, env: envWith(l) });
    assert.equal(bin, join(l.toolsRoot, "bin", "wasm-bindgen"));
    assert.equal(readFileSync(l.log, "utf8"), `install --root ${l.toolsRoot} wasm-bindgen-cli --version ${WANT}\n`);
    // Found the second time: no install.
    assert.equal(ensureWasmBindgen({ want: WANT, toolsRoot: l.toolsRoot, cwd: l.dir, env: envWith(l) }), bin);
    assert.equal(readFileSync(l.log, "utf8").split("\n").filter(Boolean).length, 1);
  });

  test("an install that fails, or leaves another version, is an error", () => {
    const l = layout();
    script(join(l.bin, "cargo"), "exit 101");
    assert.throws(() => ensureWasmBindgen({ want: WANT, toolsRoot: l.toolsRoot, cwd: l.dir, env: envWith(l) }), /could not install wasm-bindgen-cli 0\.2\.130/);
    script(join(l.bin, "cargo"), `mkdir -p "${l.toolsRoot}/bin"\nprintf '#!/bin/sh\\necho "wasm-bindgen 0.2.1"\\n' > "${l.toolsRoot}/bin/wasm-bindgen"\nchmod +x "${l.toolsRoot}/bin/wasm-bindgen"`);
    assert.throws(() => ensureWasmBindgen({ want: WANT, toolsRoot: l.toolsRoot, cwd: l.dir, env: envWith(l) }), /at version 0\.2\.1, not 0\.2\.130/);
  });
});

describe("the wasm32-unknown-unknown target", () => {
  const rustup = (l, targets) =>
    script(join(l.bin, "rustup"), `echo "$@" >> "${l.log}"\nif [ "$1 $2" = "target list" ]; then printf '${targets.join("\\n")}\\n'; fi`);

  test("added with rustup when missing", () => {
    const l = layout();
    rustup(l, ["x86_64-unknown-linux-gnu"]);
    ensureWasmTarget({ cwd: l.dir, env: envWith(l) });
    assert.deepEqual(readFileSync(l.log, "utf8").trim().split("\n"), ["target list --installed", "target add wasm32-unknown-unknown"]);
  });

  test("left alone when installed", () => {
    const l = layout();
    rustup(l, ["wasm32-unknown-unknown", "x86_64-unknown-linux-gnu"]);
    ensureWasmTarget({ cwd: l.dir, env: envWith(l) });
    assert.deepEqual(readFileSync(l.log, "utf8").trim().split("\n"), ["target list --installed"]);
  });

  test("without rustup: the toolchain's own sysroot decides", () => {
    const l = layout();
    const sysroot = join(l.dir, "sysroot");
    script(join(l.bin, "rustc"), `echo "${sysroot}"`);
    assert.throws(() => ensureWasmTarget({ cwd: l.dir, env: envWith(l) }), /no wasm32-unknown-unknown target, and there is no rustup/);
    mkdirSync(join(sysroot, "lib", "rustlib", "wasm32-unknown-unknown"), { recursive: true });
    ensureWasmTarget({ cwd: l.dir, env: envWith(l) });
    assert.ok(existsSync(join(sysroot, "lib", "rustlib", "wasm32-unknown-unknown")));
  });
});
