// A Cloudflare Worker that verifies the Better Auth session of each request offline
// (no database, no Node crypto) and answers with the user. Bundled by esbuild with the
// conditions wrangler uses (workerd, worker, browser), so `import "session-cache"`
// resolves through the package's `exports` to pkg/workerd.mjs, which imports the .wasm
// as a compiled module.
import * as sc from "session-cache";
import { createVerifier, getCookieCache } from "session-cache";

const verifiers = new Map();
function verifierFor(env, strategy) {
  let v = verifiers.get(strategy);
  if (!v) {
    // Built once per isolate and strategy: keys derived once, not per request.
    v = createVerifier({ secret: env.BETTER_AUTH_SECRET, strategy });
    verifiers.set(strategy, v);
  }
  return v;
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const strategy = url.searchParams.get("strategy") ?? "compact";
    if (url.pathname === "/exports") return Response.json(Object.keys(sc).sort());
    if (url.pathname === "/cache") {
      // Better Auth's getCookieCache, synchronous.
      const payload = getCookieCache(request, { secret: env.BETTER_AUTH_SECRET, strategy });
      return Response.json({ user: payload?.user ?? null }, { status: payload ? 200 : 401 });
    }
    const session = verifierFor(env, strategy).verifySession(request);
    if (!session.valid) return Response.json({ error: session.error, message: session.message }, { status: 401 });
    return Response.json({ user: session.user, fresh: session.fresh, expiresAt: session.expiresAt });
  },
};
