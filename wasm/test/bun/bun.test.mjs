// Bun (the `bun` npm package, pinned): the same checks as Node and Deno on the build
// Bun resolves `import "session-cache"` to (its `node` condition: pkg/node.mjs), live
// Better Auth interop, the README's server (server.mjs) run by `bun`, and the Hono app
// (../hono/app.mjs) served by Bun.serve.
//   node_modules/.bin/bun test test/bun/bun.test.mjs
import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import * as sc from "session-cache";
import { apiChecks, checkAllVectors, expectedExports } from "../checks.mjs";
import { interopChecks, mintedByBetterAuth, SECRET } from "../interop.mjs";
import { createApp } from "../hono/app.mjs";
import { honoChecks, mintAll, tamper } from "../hono/checks.mjs";

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

describe("Bun: the README's server, run by bun", () => {
  let child;
  let base;
  beforeAll(async () => {
    const probe = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response() });
    const port = probe.port; // a free port
    probe.stop(true);
    base = `http://127.0.0.1:${port}`;
    child = Bun.spawn([process.execPath, new URL("server.mjs", import.meta.url).pathname], {
      env: { ...process.env, PORT: String(port), BETTER_AUTH_SECRET: SECRET },
      stdout: "pipe",
      stderr: "pipe",
    });
    for (let i = 0; ; i++) {
      try {
        await fetch(base, { signal: AbortSignal.timeout(1000) });
        return;
      } catch {
        if (i > 100 || child.exitCode !== null) throw new Error(`bun server.mjs did not answer: ${await new Response(child.stderr).text()}`);
        await Bun.sleep(100);
      }
    }
  }, SLOW);
  afterAll(() => child?.kill());
  test("a Better Auth cookie: 200 with the user; none or tampered: 401 with the kind", async () => {
    const { cookie, email } = await mintedByBetterAuth("jwe", "Bun User");
    const ok = await fetch(base, { headers: { cookie } });
    expect(ok.status).toBe(200);
    expect((await ok.json()).user.email).toBe(email);
    const none = await fetch(base);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: "no_token" });
    const bad = await fetch(base, { headers: { cookie: tamper(cookie) } });
    expect(bad.status).toBe(401);
    expect((await bad.json()).error).toMatch(/^(bad_signature|decrypt_failed|malformed|invalid_payload)$/);
  }, SLOW);
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
