// A route handler on the Edge runtime: the README's Next.js Edge quick start, as is.
// `import "session-cache"` resolves (the `edge-light` condition) to the build that
// imports the .wasm with `?module`, handed over compiled by Next.js's bundler.
import { createVerifier, type Strategy, type Verifier } from "session-cache";

export const runtime = "edge";

// Made on the first request: `next build` evaluates this module, without the secret.
let auth: Verifier | undefined;

export function GET(request: Request) {
  auth ??= createVerifier({
    secret: process.env.BETTER_AUTH_SECRET!,
    strategy: (process.env.STRATEGY as Strategy | undefined) ?? "jwe",
  });
  const session = auth.verifySession(request);
  if (!session.valid) return Response.json({ error: session.error }, { status: 401 });
  return Response.json({ user: session.user });
}
