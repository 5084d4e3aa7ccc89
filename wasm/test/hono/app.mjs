// The Hono app of the README's quick start, run as is by Node (hono.test.mjs, over
// @hono/node-server) and by workerd (worker.mjs): one set of routes per strategy,
// each behind `sessionMiddleware` from `session-cache/hono`. `configOf(c)` gives the
// verifier's configuration (Node: process.env; Workers: c.env).
import { Hono } from "hono";
import { sessionMiddleware } from "session-cache/hono";

export function createApp(configOf) {
  const app = new Hono();
  for (const strategy of ["compact", "jwt", "jwe"]) {
    const config = (c) => ({ ...configOf(c), strategy });
    const routes = new Hono();

    // Required (the default): 401 {error} without a valid session.
    routes.use("/me", sessionMiddleware({ config }));
    routes.get("/me", (c) => {
      const session = c.get("session");
      return c.json({ user: session.user, fresh: session.fresh, needsRefresh: session.needsRefresh });
    });

    // A fresh session is required (signed in less than freshAge ago, a day by default,
    // 1 s on /recent): else 403 {error: "not_fresh"}.
    routes.use("/sensitive", sessionMiddleware({ config, fresh: true }));
    routes.get("/sensitive", (c) => c.json({ user: c.get("session").user }));
    routes.use("/recent", sessionMiddleware({ config: (c) => ({ ...config(c), freshAge: 1 }), fresh: true }));
    routes.get("/recent", (c) => c.json({ user: c.get("session").user }));

    // Optional: the session or null.
    routes.use("/maybe", sessionMiddleware({ config, required: false }));
    routes.get("/maybe", (c) => {
      const session = c.get("session");
      return c.json({ signedIn: session !== null, user: session?.user ?? null });
    });

    // updateAge (Better Auth's refreshCache): needsRefresh when the cache is about to expire.
    routes.use("/refreshing", sessionMiddleware({ config: (c) => ({ ...config(c), updateAge: 300 }) }));
    routes.get("/refreshing", (c) => c.json({ needsRefresh: c.get("session").needsRefresh }));

    // onError: the application's own answer.
    routes.use("/page", sessionMiddleware({ config, onError: (c, failure) => c.redirect(`/sign-in?error=${failure.error}`) }));
    routes.get("/page", (c) => c.text(`hello ${c.get("session").user.name}`));

    app.route(`/${strategy}`, routes);
  }
  return app;
}
