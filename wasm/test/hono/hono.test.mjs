// Hono on Node: the app (app.mjs) served by @hono/node-server on 127.0.0.1, its
// `session-cache/hono` middleware verifying cookies minted by the real Better Auth.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { serve } from "@hono/node-server";

import { SECRET } from "../interop.mjs";
import { sessionMiddleware } from "session-cache/hono";
import { createVerifier } from "session-cache";
import { Hono } from "hono";
import { createApp } from "./app.mjs";
import { honoChecks, mintAll, readmeChecks } from "./checks.mjs";
import readmeApp from "./readme.mjs";

let server;
let base;
let sessions;

before(async () => {
  process.env.BETTER_AUTH_SECRET = SECRET;
  const app = createApp(() => ({ secret: process.env.BETTER_AUTH_SECRET }));
  await new Promise((resolve) => {
    server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info) => {
      base = `http://127.0.0.1:${info.port}`;
      resolve();
    });
  });
  sessions = await mintAll();
});

after(() => {
  server?.close();
  delete process.env.BETTER_AUTH_SECRET;
});

describe("Hono on Node (@hono/node-server): sessionMiddleware", () => {
  test("resolves to the package's middleware and the Node build", () => {
    assert.match(import.meta.resolve("session-cache/hono"), /\/pkg\/hono\.mjs$/);
  });
  for (const [name, check] of Object.entries(honoChecks)) test(name, () => check(base, sessions));

  test("a verifier, or a function of the context returning one; typed option errors", async () => {
    const { minted } = sessions;
    const verifier = createVerifier({ secret: SECRET, strategy: "jwt" });
    const app = new Hono();
    app.use("/a", sessionMiddleware({ verifier }));
    app.get("/a", (c) => c.json({ email: c.get("session").user.email }));
    let calls = 0;
    app.use("/b", sessionMiddleware({ verifier: () => (calls++, verifier), required: false }));
    app.get("/b", (c) => c.json({ email: c.get("session")?.user.email ?? null }));
    const a = await app.request("/a", { headers: { cookie: minted.jwt.cookie } });
    assert.deepEqual(await a.json(), { email: minted.jwt.email });
    // Another strategy's cookie: refused by the verifier, with its kind.
    const other = await app.request("/a", { headers: { cookie: minted.jwe.cookie } });
    assert.equal(other.status, 401);
    assert.notEqual((await other.json()).error, "no_token");
    await app.request("/b", { headers: { cookie: minted.jwt.cookie } });
    assert.deepEqual(await (await app.request("/b")).json(), { email: null });
    assert.equal(calls, 2);

    for (const bad of [undefined, {}, { verifier, config: { secret: SECRET } }, { verifier, required: "no" }, { verifier, onError: 1 }]) {
      assert.throws(() => sessionMiddleware(bad), (e) => e instanceof TypeError && e.code === "invalid_options");
    }
    // A bad configuration: the verifier's own TypeError, thrown (Hono's 500), not a 401.
    const broken = new Hono();
    broken.use("*", sessionMiddleware({ config: { secret: SECRET, strategy: "rot13" } }));
    broken.get("/", (c) => c.text("unreachable"));
    broken.onError((e, c) => c.json({ thrown: e.code }, 500));
    const res = await broken.request("/");
    assert.equal(res.status, 500);
    assert.deepEqual(await res.json(), { thrown: "invalid_options" });
  });
});

describe("the README's Hono quick start", () => {
  test("is readme.mjs, verbatim", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("## Quick start: Hono"));
    const block = section.match(/```js\n([\s\S]*?)```/)[1];
    const file = readFileSync(new URL("readme.mjs", import.meta.url), "utf8");
    assert.equal(file.slice(file.indexOf('import { Hono }')), block);
  });
  test("answers as it says, secret in c.env (Hono's app.request)", () =>
    readmeChecks((path, headers) => readmeApp.request(path, { headers }, { BETTER_AUTH_SECRET: SECRET })));
});
