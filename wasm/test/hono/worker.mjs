// The Hono apps as a Cloudflare Worker: the secret is a binding, read from c.env. The
// test battery (app.mjs) at /, the README's app (readme.mjs) under /readme.
import { createApp } from "./app.mjs";
import readme from "./readme.mjs";

const app = createApp((c) => ({ secret: c.env.BETTER_AUTH_SECRET }));
app.route("/readme", readme);

export default app;
