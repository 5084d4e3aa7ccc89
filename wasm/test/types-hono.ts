// Type-checked, never run (`deno check test/types-hono.ts`): `session-cache/hono` with
// the real hono types, as the README's Hono quick start uses it, and misuses refused.
import { Hono } from "hono";
import { createVerifier, type VerifiedSession } from "session-cache";
import { type SessionEnv, sessionMiddleware } from "session-cache/hono";

type Bindings = { BETTER_AUTH_SECRET: string };

// Required (the default): the route's `c.get("session")` is a verified session.
const app = new Hono<{ Bindings: Bindings } & SessionEnv>();
app.use("/api/*", sessionMiddleware({ config: (c) => ({ secret: c.env.BETTER_AUTH_SECRET, strategy: "jwe" }) }));
app.get("/api/me", (c) => {
  const session = c.get("session");
  const email: string = session.user.email;
  const stale: boolean = session.needsRefresh || !session.fresh;
  return c.json({ email, stale });
});

// Inline on a route: the middleware's variables reach the handler.
const verifier = createVerifier({ secret: "s" });
const plain = new Hono();
plain.get("/me", sessionMiddleware({ verifier, fresh: true }), (c) => c.json({ id: c.get("session").user.id }));

// Optional: null when there is no session.
plain.get("/maybe", sessionMiddleware({ verifier: () => verifier, required: false }), (c) => {
  const session: VerifiedSession | null = c.get("session");
  // @ts-expect-error possibly null
  c.get("session").user;
  return c.json({ user: session?.user ?? null });
});

// onError: the failure's kind, a Response back.
sessionMiddleware({
  config: { secret: "s" },
  onError: (c, failure) => {
    const kind: "no_token" | string = failure.error;
    return c.redirect(`/sign-in?error=${kind}`);
  },
});

// @ts-expect-error verifier or config, not both
sessionMiddleware({ verifier, config: { secret: "s" } });
// @ts-expect-error required is a boolean
sessionMiddleware({ verifier, required: "yes" });
// @ts-expect-error onError returns a Response
sessionMiddleware({ verifier, onError: () => 401 });
// @ts-expect-error a config's strategy is checked
sessionMiddleware({ config: { secret: "s", strategy: "rot13" } });
