// The README's Bun quick start: `bun server.mjs` serves it (Bun's default-export
// server). The test (bun.test.mjs) runs it on 127.0.0.1 with PORT and BETTER_AUTH_SECRET.
import { createVerifier } from "session-cache";

const auth = createVerifier({ secret: process.env.BETTER_AUTH_SECRET, strategy: "jwe" });

export default {
  hostname: "127.0.0.1",
  port: Number(process.env.PORT ?? 3000),
  fetch(request) {
    const session = auth.verifySession(request);
    if (!session.valid) return Response.json({ error: session.error }, { status: 401 });
    return Response.json({ user: session.user });
  },
};
