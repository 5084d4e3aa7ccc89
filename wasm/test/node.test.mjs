// Node's built-in test runner: the ESM build (through the package's `exports`, as
// `import "session-cache"` resolves it), the CommonJS build, and the web build's
// `initSync` with an already-compiled module — every vector, the API checks, and live
// interop with Better Auth in both directions.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { test, describe } from "node:test";

import * as sc from "session-cache";
import { apiChecks, checkAllVectors, loadVectors } from "./checks.mjs";
import { interopChecks } from "./interop.mjs";

const require = createRequire(import.meta.url);

describe("ESM build (node import condition)", () => {
  test("resolves to the Node ESM entry", () => {
    assert.match(import.meta.resolve("session-cache"), /\/pkg\/node\.mjs$/);
  });
  test("every vector under vectors/", () => {
    const r = checkAllVectors(sc);
    assert.deepEqual(r.failures, []);
    assert.ok(r.valid > 0 && r.invalid > 0);
    console.log(`# vectors: ${r.total} (${r.valid} valid, ${r.invalid} invalid)`);
  });
  for (const [name, check] of Object.entries(apiChecks)) test(name, () => check(sc));
});

describe("live interop with Better Auth 1.7.24", () => {
  for (const [name, check] of Object.entries(interopChecks)) test(name, () => check(sc));
});

describe("CommonJS build (node require condition)", () => {
  const cjs = require("session-cache");
  test("resolves to the CommonJS entry", () => {
    assert.match(require.resolve("session-cache"), /\/pkg\/node\.cjs$/);
    assert.equal(typeof cjs.createVerifier, "function");
  });
  test("API checks", () => {
    for (const check of Object.values(apiChecks)) check(cjs);
  });
  test("every vector under vectors/", () => {
    assert.deepEqual(checkAllVectors(cjs).failures, []);
  });
});

describe("web build in Node: initSync with an already-compiled WebAssembly.Module", async () => {
  const web = await import("../pkg/web.mjs");
  test("throws a clear error before init", () => {
    assert.throws(() => web.createVerifier({ secret: "s" }), /call `await init\(\)`/);
  });
  test("initSync(module), then every vector", () => {
    const bytes = readFileSync(new URL("../pkg/web/session_cache_wasm_bg.wasm", import.meta.url));
    web.initSync(new WebAssembly.Module(bytes));
    web.initSync(new WebAssembly.Module(bytes)); // a second call is a no-op
    const r = checkAllVectors(web, loadVectors());
    assert.deepEqual(r.failures, []);
  });
  test("API checks", () => {
    for (const check of Object.values(apiChecks)) check(web);
  });
});
