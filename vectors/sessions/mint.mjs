// Signs users up with the real Better Auth 1.7.24 and prints what it sent: the
// Set-Cookie headers, and the Cookie header a browser would send back. For tests that
// need live cookies (integrations/axum/tests/server.rs).
//
//   echo '{"cases":[{"name":"x","config":{...},"at":1790000001234}]}' | node sessions/mint.mjs
//
// stdin:  { "cases": [ { "name",
//                        "config": as in sessions/cases.json (see sessions/ba.mjs),
//                        "at":     <ms>: the frozen clock of the sign-up,
//                        "user":   optional { "name", "bio" } (bio: an additional field,
//                                  long enough to make the cache chunked),
//                        "rememberMe": optional bool } ] }
// stdout: one line { "results": [ { "name", "email", "setCookies": [<Set-Cookie>],
//                                   "cookieHeader": "<Cookie header>" } ] }
//
// Each case signs up a new user on its own instance (memory adapter, so Better Auth
// writes its session row and the cookie cache as in production).

const out = process.stdout.write.bind(process.stdout);
for (const m of ["log", "info", "debug"]) console[m] = (...a) => console.error(...a);

const { Jar, emptyDb, makeAuth, validateConfig, withClock } = await import("./ba.mjs");
const { readCases } = await import("../stdin.mjs");
const input = await readCases("sessions/mint.mjs");

const results = [];
let n = 0;
for (const c of input.cases) {
  validateConfig(c.config);
  if (!Number.isFinite(c.at)) throw new Error(`${c.name}: "at" must be a time in ms`);
  const auth = makeAuth(c.config, emptyDb());
  const email = `mint-${++n}@example.com`;
  const body = {
    email,
    password: "password1234",
    name: c.user?.name ?? "Ada Lovelace",
    ...(c.user?.bio !== undefined ? { bio: c.user.bio } : {}),
    ...(c.rememberMe !== undefined ? { rememberMe: c.rememberMe } : {}),
  };
  const r = await withClock(c.at, () => auth.api.signUpEmail({ body, headers: new Headers(), returnHeaders: true }));
  const setCookies = r.headers.getSetCookie();
  results.push({ name: c.name, email, setCookies, cookieHeader: new Jar().apply(setCookies).header() });
}
out(JSON.stringify({ results }) + "\n");
