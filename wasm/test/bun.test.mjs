// Bun (the `bun` npm package, pinned): the same checks as Node and Deno on the build
// Bun resolves `import "session-cache"` to (its `node` condition: pkg/node.mjs), live
// Better Auth interop, and the Hono app (hono/app.mjs) served by Bun.serve.
//   node_modules/.bin/bun test test/bun.test.mjs
import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import * as sc from "session-cache";
import { apiChecks, checkAllVectors, expectedExports } from "./checks.mjs";
import { interopChecks, SECRET } from "./interop.mjs";
import { createApp } from "./hono/app.mjs";
import { honoChecks, mintAll } from "./hono/checks.mjs";

const SLOW = 30_000;

describe("Bun: the package", () => {
  test("runs on Bun and resolves to the Node ESM entry", () => {
    expect(typeof Bun.version).toBe("string");
    expect(import.meta.resolve("session-cache")).toMatch(/\/pkg\/node\.mjs$/);
    expect(import.meta.resolve("session-cache/hono")).toMatch(/\/pkg\/hono\.mjs$/);
  });
  test("exports every name createApi() returns, init, initSync, default", async () => {
    expect(Object.keys(sc)).toEqual(await expectedExports());
  });
  test("every vector under vectors/", () => {
    const r = checkAllVectors(sc);
    expect(r.failures).toEqual([]);
    expect(r.valid > 0 && r.invalid > 0).toBe(true);
  });
  for (const [name, check] of Object.entries(apiChecks)) test(name, () => check(sc));
  test("CommonJS: require(\"session-cache\")", () => {
    expect(require.resolve("session-cache")).toMatch(/\/pkg\/node\.cjs$/);
    const cjs = require("session-cache");
    expect(typeof cjs.createVerifier).toBe("function");
    for (const check of Object.values(apiChecks)) check(cjs);
  });
});

describe("Bun: live interop with Better Auth 1.7.24", () => {
  for (const [name, check] of Object.entries(interopChecks)) test(name, () => check(sc), SLOW);
});

describe("Bun: a Hono app with session-cache/hono, on Bun.serve", () => {
  let server;
  let sessions;
  beforeAll(async () => {
    const app = createApp(() => ({ secret: SECRET }));
    server = Bun.serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
    sessions = await mintAll();
  }, SLOW);
  afterAll(() => server?.stop(true));
  for (const [name, check] of Object.entries(honoChecks)) test(name, () => check(`http://127.0.0.1:${server.port}`, sessions), SLOW);
});
