// The packed package in a Next.js 16 app, built (`next build`, Turbopack) and served
// (`next start` on 127.0.0.1), sent requests carrying cookies minted by the real
// Better Auth, in every strategy:
//   1. `proxy.ts` (the Node.js runtime middleware) gives the page the user, and a route
//      handler on the Edge runtime (app/api/session, `export const runtime = "edge"`,
//      the `edge-light` build) answers 200 with the user, 401 with the kind otherwise;
//   2. the same app with `middleware.ts` on the Edge runtime instead of `proxy.ts`.
// `npm run test:nextjs`; it installs Next.js (about 150 MB) into a temporary directory,
// so it is not part of `npm test`.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";

import { expectedExports } from "../checks.mjs";
import { mintedByBetterAuth, SECRET, STRATEGIES } from "../interop.mjs";
import { tamper } from "../hono/checks.mjs";

const NEXT = process.env.NEXT_VERSION || "16.4.6";
const REACT = process.env.REACT_VERSION || "19.3.1";
const pkgRoot = fileURLToPath(new URL("../..", import.meta.url));
const app = fileURLToPath(new URL("app/", import.meta.url));
const edgeMiddleware = fileURLToPath(new URL("edge-middleware/middleware.ts", import.meta.url));

async function freePort() {
  return await new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), "session-cache-next-"));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const timings = [];
function timed(what, fn) {
  const started = Date.now();
  const result = fn();
  timings.push(`${what} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}
const run = (cmd, args) => execFileSync(cmd, args, { cwd: dir, env, stdio: ["ignore", "inherit", "inherit"] });
const nextBuild = () => timed("next build", () => run(process.execPath, ["node_modules/next/dist/bin/next", "build"]));

/** `next start` with STRATEGY=strategy; resolves once it answers; returns { base, stop, log }. */
async function nextStart(strategy) {
  const port = await freePort();
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: dir,
    env: { ...env, BETTER_AUTH_SECRET: SECRET, STRATEGY: strategy },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const state = { log: "" };
  server.stdout.on("data", (d) => (state.log += d));
  server.stderr.on("data", (d) => (state.log += d));
  const exited = new Promise((r) => server.on("exit", r));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (server.exitCode !== null) throw new Error(`next start exited:\n${state.log}`);
    try {
      await fetch(`${base}/_not-found`, { signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      if (i > 150) throw new Error(`next start did not answer:\n${state.log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const stop = async () => {
    server.kill("SIGTERM");
    await exited;
  };
  return { base, stop, state };
}

/** The page behind the middleware (proxy.ts or middleware.ts): the user, or 401 with the kind. */
async function checkPage(base, state, strategy, { cookie, email }) {
  const page = await (await fetch(base, { headers: { cookie } })).text();
  assert.match(page, new RegExp(`<p id="user">${email.replace(/[.]/g, "\\.")}</p>`), `${strategy}:\n${page.slice(0, 500)}\n${state.log}`);
  const anonymous = await fetch(base);
  assert.equal(anonymous.status, 401);
  assert.deepEqual(await anonymous.json(), { error: "no_token" });
  const tampered = await fetch(base, { headers: { cookie: tamper(cookie) } });
  assert.equal(tampered.status, 401);
  assert.match((await tampered.json()).error, /^(bad_signature|decrypt_failed|malformed|invalid_payload)$/);
}

before(() => {
  const tarball = timed("npm pack", () =>
    execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: pkgRoot, encoding: "utf8" }).trim().split("\n").pop());
  cpSync(app, dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "next-check", private: true }));
  timed("npm install next", () =>
    run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", `next@${NEXT}`, `react@${REACT}`, `react-dom@${REACT}`, "typescript", "@types/react", "@types/node", `./${tarball}`]));
});

after(() => {
  console.log(`# next.js check: ${timings.join(", ")}`);
  rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

describe(`Next.js ${NEXT}: proxy.ts (Node.js runtime) and a route handler on the Edge runtime`, { timeout: 600_000 }, () => {
  before(() => nextBuild());

  test("the route handlers are Edge functions, bundled with the .wasm once", () => {
    const manifest = JSON.parse(readFileSync(join(dir, ".next/server/middleware-manifest.json"), "utf8"));
    for (const route of ["/api/session/route", "/api/exports/route"]) {
      const fn = manifest.functions[route];
      assert.ok(fn, `${route} in middleware-manifest.json functions: ${Object.keys(manifest.functions)}`);
      assert.equal(fn.wasm?.length, 1, `${route}: one WebAssembly module: ${JSON.stringify(fn.wasm)}`);
    }
    const edgeWasm = readdirSync(join(dir, ".next/server/edge"), { recursive: true }).filter((f) => String(f).endsWith(".wasm"));
    assert.equal(edgeWasm.length, 1, `one .wasm in .next/server/edge: ${edgeWasm}`);
  });

  for (const strategy of STRATEGIES) {
    test(`${strategy}: the page through proxy.ts; the Edge route handler`, { timeout: 120_000 }, async () => {
      const { base, stop, state } = await nextStart(strategy);
      try {
        const minted = await mintedByBetterAuth(strategy, `Next ${strategy}`);
        await checkPage(base, state, strategy, minted);

        const ok = await fetch(`${base}/api/session`, { headers: { cookie: minted.cookie } });
        const body = await ok.json();
        assert.equal(ok.status, 200, `${JSON.stringify(body)}\n${state.log}`);
        assert.equal(body.user.email, minted.email);
        assert.equal(body.user.id, minted.body.user.id);
        const tampered = await fetch(`${base}/api/session`, { headers: { cookie: tamper(minted.cookie) } });
        assert.equal(tampered.status, 401);
        assert.match((await tampered.json()).error, /^(bad_signature|decrypt_failed|malformed|invalid_payload)$/);
        const absent = await fetch(`${base}/api/session`);
        assert.equal(absent.status, 401);
        assert.deepEqual(await absent.json(), { error: "no_token" });

        if (strategy === STRATEGIES[0]) {
          const info = await (await fetch(`${base}/api/exports`)).json();
          assert.equal(info.edgeRuntime, "edge-runtime", "runs on Next.js's Edge runtime");
          assert.deepEqual(info.exports, await expectedExports());
          assert.equal(info.verifies, true);
        }
      } finally {
        await stop();
      }
    });
  }
});

describe(`Next.js ${NEXT}: middleware.ts on the Edge runtime`, { timeout: 600_000 }, () => {
  before(() => {
    rmSync(join(dir, "proxy.ts"));
    cpSync(edgeMiddleware, join(dir, "middleware.ts"));
    nextBuild();
  });

  test("the middleware is an Edge function with the .wasm", () => {
    const manifest = JSON.parse(readFileSync(join(dir, ".next/server/middleware-manifest.json"), "utf8"));
    const mw = manifest.middleware["/"];
    assert.ok(mw, `middleware in middleware-manifest.json: ${JSON.stringify(manifest.middleware)}`);
    assert.equal(mw.wasm?.length, 1, JSON.stringify(mw.wasm));
  });

  for (const strategy of STRATEGIES) {
    test(`${strategy}: the page through middleware.ts`, { timeout: 120_000 }, async () => {
      const { base, stop, state } = await nextStart(strategy);
      try {
        await checkPage(base, state, strategy, await mintedByBetterAuth(strategy, `Next edge ${strategy}`));
      } finally {
        await stop();
      }
    });
  }
});
