// Cookies minted by the real Better Auth 1.7.24, for the Python tests: each case signs a
// user up (and, with `rememberMe: false`, signs in again without "remember me") on a
// real `betterAuth()` instance with a memory database, at the real clock, and returns the
// Cookie header a browser would send back.
//
//   echo '{"cases":[{"config":{...}, "name":"Ada", "bio":null, "rememberMe":true}]}' \
//     | node python/tests/node/mint.mjs
//
// stdin:  { "cases": [ { "config" (as in vectors/sessions/cases.json; see
//                        vectors/sessions/ba.mjs), "name", "bio"?: string,
//                        "rememberMe"?: bool } ] }
// stdout: one line { "results": [ { "cookieHeader", "email", "name", "userId",
//                                   "setCookies": [...] } ] }
//
// Better Auth is imported through vectors/sessions/ba.mjs, so from vectors/node_modules
// (`cd vectors && npm ci`).

const out = process.stdout.write.bind(process.stdout);
for (const m of ["log", "info", "debug", "warn"]) console[m] = (...a) => console.error(...a);
for (const k of ["BETTER_AUTH_SECRET", "BETTER_AUTH_SECRETS", "AUTH_SECRET", "BETTER_AUTH_URL", "BETTER_AUTH_TELEMETRY"]) {
  delete process.env[k];
}

const { makeAuth, emptyDb, Jar, cookieNames } = await import("../../../vectors/sessions/ba.mjs");
const { readCases } = await import("../../../vectors/stdin.mjs");

const input = await readCases("python/tests/node/mint.mjs");
const PASSWORD = "correct horse battery staple";
let counter = 0;

const results = [];
for (const c of input.cases) {
  const auth = makeAuth(c.config, emptyDb());
  const email = `python-${c.config.strategy}-${++counter}-${Date.now()}@example.com`;
  const name = c.name ?? "Ada Lovelace";
  const up = await auth.api.signUpEmail({
    body: { email, password: PASSWORD, name, ...(c.bio != null ? { bio: c.bio } : {}) },
    returnHeaders: true,
  });
  let jar = new Jar().apply(up.headers.getSetCookie());
  let setCookies = up.headers.getSetCookie();
  if (c.rememberMe === false) {
    const inAgain = await auth.api.signInEmail({ body: { email, password: PASSWORD, rememberMe: false }, returnHeaders: true });
    setCookies = inAgain.headers.getSetCookie();
    jar = new Jar().apply(setCookies);
  }
  const names = cookieNames(c.config);
  if (!jar.names().some((n) => n === names.data || n.startsWith(`${names.data}.`))) throw new Error("no cookie cache was set");
  results.push({
    cookieHeader: jar.header(),
    email,
    name,
    userId: up.response.user.id,
    setCookies,
  });
}
out(JSON.stringify({ results }) + "\n");
