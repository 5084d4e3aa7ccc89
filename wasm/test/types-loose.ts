// Type-checked with `strict: false` (what a new Next.js app's tsconfig has): the README's
// patterns must compile there too (`deno check --config test/deno-loose.json …`).
import { createVerifier, decodeCookieCache, getCookieCache } from "session-cache";

const auth = createVerifier({ secret: "s", strategy: "jwe" });

export function handle(request: Request): Response {
  const session = auth.verifySession(request);
  if (!session.valid) return Response.json({ error: session.error, message: session.message }, { status: 401 });
  const email: string = session.user.email;
  const fresh: boolean = session.fresh;
  return Response.json({ email, fresh, expiresAt: session.expiresAt });
}

const r = decodeCookieCache("value", { secret: "s" });
if (r.valid) console.log(r.payload.user.id, r.expiresAt);
else console.log(r.error, r.message);
console.log(getCookieCache("a=b", { secret: "s" })?.user.email);
