// Cloudflare's runtime: the worker (worker.mjs) and the Hono app (../hono/worker.mjs)
// are bundled by esbuild with wrangler's conditions, served by workerd (the npm package)
// on 127.0.0.1, and sent requests that carry cookies minted by the real Better Auth in
// this process. They must answer with the verified user, in every strategy, and refuse
// tampered, missing and (Hono, `fresh`) stale sessions.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import * as esbuild from "esbuild";

import { expectedExports } from "../checks.mjs";
import { mintedByBetterAuth, STRATEGIES } from "../interop.mjs";
import { honoChecks, mintAll, readmeChecks } from "../hono/checks.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const workerdBin = fileURLToPath(new URL("../../node_modules/workerd/bin/workerd", import.meta.url));

async function freePort() {
  return await new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

let child;
let base;
let honoBase;
let output = "";

before(async () => {
  const result = await esbuild.build({
    absWorkingDir: here,
    entryPoints: { worker: "worker.mjs", hono: "../hono/worker.mjs" },
    outdir: "out",
    outExtension: { ".js": ".mjs" },
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    loader: { ".wasm": "copy" },
    assetNames: "[name]",
    metafile: true,
    logLevel: "warning",
  });
  const inputs = Object.keys(result.metafile.inputs);
  assert.ok(inputs.some((p) => p.endsWith("pkg/workerd.mjs")), `bundled the workerd entry: ${inputs.join(", ")}`);
  assert.ok(inputs.some((p) => p.endsWith("pkg/hono.mjs")), `bundled the Hono middleware: ${inputs.join(", ")}`);
  assert.ok(inputs.some((p) => p.endsWith("node_modules/hono/dist/hono.js")), `bundled hono: ${inputs.join(", ")}`);
  for (const out of ["worker.mjs", "hono.mjs"])
    assert.match(readFileSync(new URL(`out/${out}`, import.meta.url), "utf8"), /from "\.\/session_cache_wasm_bg\.wasm"/);

  const port = await freePort();
  const honoPort = await freePort();
  base = `http://127.0.0.1:${port}`;
  honoBase = `http://127.0.0.1:${honoPort}`;
  const sockets = ["--socket-addr", `http=127.0.0.1:${port}`, "--socket-addr", `hono=127.0.0.1:${honoPort}`];
  child = spawn(workerdBin, ["serve", "config.capnp", ...sockets, "--verbose"], {
    cwd: here,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`workerd exited ${child.exitCode}:\n${output}`);
    try {
      await fetch(`${base}/`, { signal: AbortSignal.timeout(1000) });
      await fetch(`${honoBase}/`, { signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`workerd did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
});

after(() => {
  child?.kill("SIGTERM");
});

describe("workerd: a worker verifies Better Auth cookies", () => {
  for (const strategy of STRATEGIES) {
    test(`${strategy}: verifySession and getCookieCache answer with the user`, async () => {
      const { cookie, email, name, body } = await mintedByBetterAuth(strategy, `Worker ${strategy}`);
      const res = await fetch(`${base}/session?strategy=${strategy}`, { headers: { cookie } });
      const json = await res.json();
      assert.equal(res.status, 200, `${JSON.stringify(json)}\n${output}`);
      assert.equal(json.user.email, email);
      assert.equal(json.user.name, name);
      assert.equal(json.user.id, body.user.id);
      assert.equal(json.fresh, true);
      const cache = await fetch(`${base}/cache?strategy=${strategy}`, { headers: { cookie } });
      assert.equal(cache.status, 200);
      assert.equal((await cache.json()).user.email, email);
      // Tampered, missing, or read with another strategy: 401 with the error kind.
      const tampered = cookie.replace(/(session_data=[^;]{20})./, (_, keep) => keep + (cookie.includes(keep + "A") ? "B" : "A"));
      const bad = await fetch(`${base}/session?strategy=${strategy}`, { headers: { cookie: tampered } });
      assert.equal(bad.status, 401);
      assert.match((await bad.json()).error, /^(bad_signature|decrypt_failed|malformed|invalid_payload)$/);
      const none = await fetch(`${base}/session?strategy=${strategy}`);
      assert.equal(none.status, 401);
      assert.equal((await none.json()).error, "no_token");
    });
  }
});

describe("workerd: the package's exports", () => {
  test("import * from the workerd entry: every name createApi() returns, init, initSync, default", async () => {
    const res = await fetch(`${base}/exports`);
    assert.deepEqual(await res.json(), await expectedExports());
  });
});

describe("workerd: a Hono app with session-cache/hono", () => {
  let sessions;
  before(async () => {
    sessions = await mintAll();
  });
  for (const [name, check] of Object.entries(honoChecks)) test(name, () => check(honoBase, sessions));
  test("the README's Hono quick start (readme.mjs), secret as a binding", () =>
    readmeChecks((path, headers) => fetch(`${honoBase}/readme${path}`, { headers, redirect: "manual" })));
});
