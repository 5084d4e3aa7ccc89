// Deno (the `deno` npm package) runs the same checks on the ESM build, imported by
// name: Deno resolves `session-cache` through the package's `exports` with its `deno`
// condition (pkg/deno.mjs, which imports the .wasm as a compiled module).
// Also the Hono app (hono/app.mjs) on Deno.serve.
//   deno test --no-check --no-prompt --allow-read --allow-env --allow-sys --allow-net=127.0.0.1 test/deno.test.mjs
import assert from "node:assert/strict";

import * as sc from "session-cache";
import { apiChecks, checkAllVectors, expectedExports } from "./checks.mjs";
import { interopChecks, SECRET } from "./interop.mjs";

Deno.test("resolves to the Deno entry", () => {
  assert.match(import.meta.resolve("session-cache"), /\/pkg\/deno\.mjs$/);
});

Deno.test("exports every name createApi() returns, init, initSync, default", async () => {
  assert.deepEqual(Object.keys(sc), await expectedExports());
});

Deno.test("every vector under vectors/", () => {
  const r = checkAllVectors(sc);
  assert.deepEqual(r.failures, []);
  assert.ok(r.valid > 0 && r.invalid > 0);
  console.log(`vectors: ${r.total} (${r.valid} valid, ${r.invalid} invalid)`);
});

for (const [name, check] of Object.entries(apiChecks)) Deno.test(name, () => check(sc));

for (const [name, check] of Object.entries(interopChecks)) {
  // Better Auth keeps timers alive between calls; Deno's sanitizers would count them.
  Deno.test({ name: `Better Auth interop: ${name}`, sanitizeOps: false, sanitizeResources: false }, () => check(sc));
}

Deno.test({ name: "Hono on Deno.serve: session-cache/hono with Better Auth cookies", sanitizeOps: false, sanitizeResources: false }, async (t) => {
  const { createApp } = await import("./hono/app.mjs");
  const { honoChecks, mintAll } = await import("./hono/checks.mjs");
  assert.match(import.meta.resolve("session-cache/hono"), /\/pkg\/hono\.mjs$/);
  const app = createApp(() => ({ secret: SECRET }));
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, app.fetch);
  try {
    const sessions = await mintAll();
    const base = `http://127.0.0.1:${server.addr.port}`;
    for (const [name, check] of Object.entries(honoChecks)) await t.step(name, () => check(base, sessions));
  } finally {
    await server.shutdown();
  }
});
