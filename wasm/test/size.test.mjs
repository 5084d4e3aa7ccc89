// The size budget of the package's WebAssembly: under 200,000 bytes gzipped (gzip -9), the
// figure wasm/README.md states. Every algorithm verifies; signing is EdDSA only, and the
// build (scripts/build.mjs) optimizes for size except the crates on the hot path. A change
// that grows it past the budget fails here, not in a user's edge bundle.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { constants, gzipSync } from "node:zlib";

const BUDGET = 200_000;

test(`the .wasm is under ${BUDGET} bytes gzipped`, () => {
  for (const build of ["node", "web"]) {
    const wasm = readFileSync(new URL(`../pkg/${build}/session_cache_wasm_bg.wasm`, import.meta.url));
    const gz = gzipSync(wasm, { level: constants.Z_BEST_COMPRESSION }).length;
    assert.ok(gz < BUDGET, `pkg/${build}: ${gz} bytes gzipped, over the ${BUDGET}-byte budget (built with OPT_LEVEL other than the default "s"?)`);
    // The same module in both builds.
    assert.ok(wasm.length > 100_000, `pkg/${build}: ${wasm.length} bytes, not a whole build`);
  }
});
