// What a new user gets: `npm pack`, the tarball installed into an empty project (with
// hono, for the subpath), then imported from an ES module and required from CommonJS
// by Node, each verifying a cookie minted by the real Better Auth; the Hono middleware
// from ESM; the types, from the installed package, checked by `deno check`.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";

import { mintedByBetterAuth, SECRET } from "./interop.mjs";

const pkgRoot = fileURLToPath(new URL("..", import.meta.url));
const devDependencies = JSON.parse(readFileSync(join(pkgRoot, "package.json"), "utf8")).devDependencies;
const deno = join(pkgRoot, "node_modules", ".bin", "deno");
const dir = mkdtempSync(join(tmpdir(), "session-cache-pack-"));
let files;
let minted;

before(async () => {
  const [packed] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: pkgRoot, encoding: "utf8" }));
  files = packed.files.map((f) => f.path);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "new-user", private: true }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", `./${packed.filename}`, `hono@${devDependencies.hono}`], {
    cwd: dir,
    stdio: ["ignore", "inherit", "inherit"],
  });
  minted = await mintedByBetterAuth("jwe", "Packed User");
});

after(() => rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }));

/** Runs `file` (written into the project) with Node; returns its stdout parsed as JSON. */
function runInProject(file, source) {
  writeFileSync(join(dir, file), source);
  const out = execFileSync(process.execPath, [file], {
    cwd: dir,
    encoding: "utf8",
    env: { PATH: process.env.PATH, COOKIE: minted.cookie, BETTER_AUTH_SECRET: SECRET },
  });
  return JSON.parse(out);
}

describe("npm pack, installed into an empty project", () => {
  test("the tarball holds the entries, the .wasm, the types, and nothing of the tests", () => {
    for (const f of ["package.json", "README.md", "index.d.ts", "hono.d.ts", "pkg/node.mjs", "pkg/node.cjs", "pkg/deno.mjs", "pkg/workerd.mjs", "pkg/edge.mjs", "pkg/web.mjs", "pkg/hono.mjs", "pkg/api.mjs", "pkg/api.cjs", "pkg/web/session_cache_wasm_bg.wasm", "pkg/node/session_cache_wasm_bg.wasm", "pkg/edge/session_cache_wasm.js"])
      assert.ok(files.includes(f), `${f} in the tarball: ${files.join(", ")}`);
    assert.deepEqual(files.filter((f) => /^(test|scripts|js|src)\//.test(f) || f.endsWith(".rs")), []);
  });

  test("import from an ES module: verifies a Better Auth cookie", () => {
    const r = runInProject(
      "esm.mjs",
      `import { createVerifier, verifySession } from "session-cache";
const auth = createVerifier({ secret: process.env.BETTER_AUTH_SECRET, strategy: "jwe" });
const s = auth.verifySession(process.env.COOKIE);
const none = verifySession("", { strategy: "jwe" });
console.log(JSON.stringify({ resolved: import.meta.resolve("session-cache"), email: s.user?.email, fresh: s.fresh, none: none.error }));
`,
    );
    assert.match(r.resolved, /node_modules\/session-cache\/pkg\/node\.mjs$/);
    assert.equal(r.email, minted.email);
    assert.equal(r.fresh, true);
    assert.equal(r.none, "no_token");
  });

  test("require from CommonJS: verifies a Better Auth cookie", () => {
    const r = runInProject(
      "cjs.cjs",
      `const { createVerifier, getCookieCache } = require("session-cache");
const auth = createVerifier({ secret: process.env.BETTER_AUTH_SECRET, strategy: "jwe" });
const s = auth.verifySession(process.env.COOKIE);
const payload = getCookieCache(process.env.COOKIE, { strategy: "jwe" });
console.log(JSON.stringify({ resolved: require.resolve("session-cache"), email: s.user?.email, cached: payload?.user.email }));
`,
    );
    assert.match(r.resolved, /node_modules\/session-cache\/pkg\/node\.cjs$/);
    assert.equal(r.email, minted.email);
    assert.equal(r.cached, minted.email);
  });

  test("session-cache/hono from an ES module: the middleware, with the installed hono", () => {
    const r = runInProject(
      "hono.mjs",
      `import { Hono } from "hono";
import { sessionMiddleware } from "session-cache/hono";
const app = new Hono();
app.use("*", sessionMiddleware({ config: { secret: process.env.BETTER_AUTH_SECRET, strategy: "jwe" } }));
app.get("/", (c) => c.json({ email: c.get("session").user.email }));
const ok = await app.request("/", { headers: { cookie: process.env.COOKIE } });
const none = await app.request("/");
console.log(JSON.stringify({ status: ok.status, body: await ok.json(), none: none.status, error: (await none.json()).error }));
`,
    );
    assert.deepEqual(r, { status: 200, body: { email: minted.email }, none: 401, error: "no_token" });
  });

  test("the types of the installed package (deno check)", () => {
    writeFileSync(
      join(dir, "types.ts"),
      `import { createVerifier, type VerifiedSession } from "session-cache";
import { sessionMiddleware, type SessionEnv } from "session-cache/hono";
import { Hono } from "hono";
const auth = createVerifier({ secret: "s", strategy: "jwe" });
const r = auth.verifySession("");
const email: string | undefined = r.valid ? r.user.email : undefined;
const app = new Hono<SessionEnv>();
app.use("*", sessionMiddleware({ verifier: auth }));
app.get("/", (c) => {
  const s: VerifiedSession = c.get("session");
  return c.json({ email, id: s.user.id });
});
// @ts-expect-error not a strategy
createVerifier({ secret: "s", strategy: "rot13" });
`,
    );
    execFileSync(deno, ["check", "types.ts"], { cwd: dir, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, NO_COLOR: "1" } });
  });
});
