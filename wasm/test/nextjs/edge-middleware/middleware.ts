// Next.js middleware on the Edge runtime (`middleware.ts`: Next.js 16 still runs it on
// the Edge runtime, as 13–15 do by default): the README's Next.js Edge quick start.
import { NextResponse, type NextRequest } from "next/server";
import { createVerifier, type Strategy, type Verifier } from "session-cache";

// Made on the first request (per isolate): keys derived once, not per request.
let auth: Verifier | undefined;

export function middleware(request: NextRequest) {
  auth ??= createVerifier({
    secret: process.env.BETTER_AUTH_SECRET!,
    strategy: (process.env.STRATEGY as Strategy | undefined) ?? "jwe",
  });
  const session = auth.verifySession(request);
  if (!session.valid) return NextResponse.json({ error: session.error }, { status: 401 });
  const headers = new Headers(request.headers);
  headers.set("x-user-email", session.user.email);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/"] };
