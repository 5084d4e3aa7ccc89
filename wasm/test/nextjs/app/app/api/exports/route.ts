// The names the Edge build exports (compared with every other entry's), and the
// runtime this route runs on (the Edge runtime defines the global `EdgeRuntime`).
import * as sc from "session-cache";

export const runtime = "edge";

export function GET() {
  return Response.json({
    exports: Object.keys(sc).sort(),
    edgeRuntime: (globalThis as { EdgeRuntime?: string }).EdgeRuntime ?? null,
    verifies: typeof sc.createVerifier({ secret: "s" }).verifySession("") === "object",
  });
}
