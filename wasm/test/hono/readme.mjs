// The README's Hono quick start, verbatim (test/hono/readme.test.mjs and the workerd
// worker run it, with BETTER_AUTH_SECRET as a binding in c.env).
import { Hono } from "hono";
import { sessionMiddleware } from "session-cache/hono";

// Workers: the secret is a binding, in c.env; Node, Bun, Deno: process.env.BETTER_AUTH_SECRET.
const config = (c) => ({ secret: c.env.BETTER_AUTH_SECRET, strategy: "jwe" });

const app = new Hono();

// Required (the default): 401 {error: "no_token" | "bad_signature" | …} without a valid session.
app.use("/api/*", sessionMiddleware({ config }));
app.get("/api/me", (c) => c.json({ user: c.get("session").user }));

// Signed in less than freshAge (a day) ago, else 403 {error: "not_fresh"}.
app.use("/account/*", sessionMiddleware({ config, fresh: true }));

// Optional: c.get("session") is the session or null.
app.use("/", sessionMiddleware({ config, required: false }));

// Your own answer to a failure (required routes only).
app.use("/dashboard/*", sessionMiddleware({ config, onError: (c, failure) => c.redirect(`/sign-in?error=${failure.error}`) }));

export default app;
