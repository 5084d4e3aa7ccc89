// A browser: headless Chromium (Debian's, /usr/bin/chromium) loads the web build from a
// page served on 127.0.0.1 and verifies every vector and cookies minted by Better Auth
// in this process; the page POSTs its result back. No other network.
// Skipped, loudly, only when /usr/bin/chromium is missing (CI installs it with apt).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";

import { mintedByBetterAuth, SECRET, STRATEGIES } from "../interop.mjs";
import { VECTORS_PATH } from "../checks.mjs";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const root = fileURLToPath(new URL("../..", import.meta.url));
const TYPES = { ".html": "text/html", ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };

const available = existsSync(CHROMIUM);
if (!available) {
  console.log(`\n#############################################################\n# SKIP: browser test: ${CHROMIUM} is missing (apt-get install chromium)\n#############################################################\n`);
}

test("headless Chromium runs the web build", { skip: !available && `${CHROMIUM} is missing`, timeout: 120_000 }, async () => {
  const minted = [];
  for (const strategy of STRATEGIES) {
    const m = await mintedByBetterAuth(strategy, `Browser ${strategy}`);
    minted.push({ strategy, secret: SECRET, cookie: m.cookie, email: m.email });
  }
  let resolveResult;
  const result = new Promise((r) => (resolveResult = r));
  const requests = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    requests.push(url.pathname);
    if (req.method === "POST" && url.pathname === "/result") {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        res.end("ok");
        resolveResult(JSON.parse(body));
      });
      return;
    }
    let file;
    if (url.pathname === "/vectors.json") file = fileURLToPath(VECTORS_PATH);
    else if (url.pathname === "/minted.json") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify(minted));
    } else {
      const path = normalize(join(root, decodeURIComponent(url.pathname)));
      if (!path.startsWith(join(root, "pkg")) && !path.startsWith(join(root, "test", "browser"))) {
        res.writeHead(404);
        return res.end();
      }
      file = path;
    }
    if (!existsSync(file)) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address();
  const profile = mkdtempSync(join(tmpdir(), "session-cache-chromium-"));
  const chromium = spawn(
    CHROMIUM,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${profile}`,
      `http://127.0.0.1:${port}/test/browser/index.html`,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  chromium.stdout.on("data", (d) => (log += d));
  chromium.stderr.on("data", (d) => (log += d));
  const exited = new Promise((r) => chromium.on("exit", (code) => r(code)));
  try {
    const r = await Promise.race([
      result,
      exited.then((code) => ({ ok: false, failures: [`chromium exited ${code}:\n${log}`] })),
      new Promise((r) => {
        setTimeout(() => r({ ok: false, failures: [`timed out:\n${log}\nrequests: ${requests.join(" ")}`] }), 90_000).unref();
      }),
    ]);
    assert.deepEqual(r.failures, []);
    assert.equal(r.ok, true);
    assert.ok(r.checked >= 100, `checked ${r.checked} vectors`);
    assert.deepEqual(r.sessions, STRATEGIES);
    console.log(`# chromium: ${r.checked} vectors and ${r.sessions.length} Better Auth sessions verified (${r.userAgent})`);
  } finally {
    chromium.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
    if (chromium.exitCode === null) chromium.kill("SIGKILL");
    server.close();
    // Chromium's helper processes may still be writing the profile for a moment.
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
    } catch (e) {
      console.log(`# could not remove ${profile}: ${e.message}`);
    }
  }
});
