// Opt-in (`npm run test:nextjs`, not part of `npm test`: it installs Next.js, about
// 150 MB): the packed package in a Next.js 16 app whose `proxy.ts` (the Node.js runtime
// middleware) verifies the session with no configuration; `next build`, `next start` on
// 127.0.0.1, and requests carrying cookies minted by the real Better Auth.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";

import { mintedByBetterAuth, SECRET, STRATEGIES } from "../interop.mjs";

const NEXT = process.env.NEXT_VERSION || "16.4.6";
const REACT = process.env.REACT_VERSION || "19.3.1";
const pkgRoot = fileURLToPath(new URL("../..", import.meta.url));
const app = fileURLToPath(new URL("app/", import.meta.url));

async function freePort() {
  return await new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

test(`Next.js ${NEXT} proxy.ts verifies Better Auth cookies`, { timeout: 600_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "session-cache-next-"));
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const run = (cmd, args) => execFileSync(cmd, args, { cwd: dir, env, stdio: ["ignore", "inherit", "inherit"] });
  let server;
  try {
    const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: pkgRoot, encoding: "utf8" }).trim().split("\n").pop();
    cpSync(app, dir, { recursive: true });
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "next-check", private: true }));
    run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", `next@${NEXT}`, `react@${REACT}`, `react-dom@${REACT}`, "typescript", "@types/react", "@types/node", `./${tarball}`]);
    run(process.execPath, ["node_modules/next/dist/bin/next", "build"]);
    for (const strategy of STRATEGIES) {
      const port = await freePort();
      server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], {
        cwd: dir,
        env: { ...env, BETTER_AUTH_SECRET: SECRET, STRATEGY: strategy },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let log = "";
      server.stdout.on("data", (d) => (log += d));
      server.stderr.on("data", (d) => (log += d));
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; ; i++) {
        try {
          await fetch(base, { signal: AbortSignal.timeout(1000) });
          break;
        } catch {
          if (i > 100) throw new Error(`next start did not answer:\n${log}`);
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      const { cookie, email } = await mintedByBetterAuth(strategy, `Next ${strategy}`);
      const page = await (await fetch(base, { headers: { cookie } })).text();
      assert.match(page, new RegExp(`<p id="user">${email.replace(/[.]/g, "\\.")}</p>`), `${strategy}:\n${page.slice(0, 500)}\n${log}`);
      const anonymous = await fetch(base);
      assert.equal(anonymous.status, 401);
      assert.equal((await anonymous.json()).error, "no_token");
      server.kill("SIGTERM");
      await new Promise((r) => server.on("exit", r));
      server = undefined;
    }
  } finally {
    server?.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
});
