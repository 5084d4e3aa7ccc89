// Next.js 16 proxy (Node.js runtime middleware): the README's quick start, as is.
import { NextResponse, type NextRequest } from "next/server";
import { createVerifier, type Strategy } from "session-cache";

const auth = createVerifier({
  secret: process.env.BETTER_AUTH_SECRET!,
  strategy: (process.env.STRATEGY as Strategy | undefined) ?? "jwe",
});

export function proxy(request: NextRequest) {
  const session = auth.verifySession(request);
  if (!session.valid) return NextResponse.json({ error: session.error }, { status: 401 });
  const headers = new Headers(request.headers);
  headers.set("x-user-email", session.user.email);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/"] };
