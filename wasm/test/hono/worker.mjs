// The Hono app as a Cloudflare Worker: the secret is a binding, read from c.env.
import { createApp } from "./app.mjs";

export default createApp((c) => ({ secret: c.env.BETTER_AUTH_SECRET }));
