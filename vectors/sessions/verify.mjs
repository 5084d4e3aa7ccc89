// Better Auth's verdict on whole Cookie headers (for tests/session_interop.rs).
//
//   echo '{"cases":[{"name":"x","config":{...},"cookieHeader":"...","now":null}]}' \
//     | node sessions/verify.mjs            (from vectors/)
//
// stdin:  { "cases": [ { "name", "config" (as in sessions/cases.json; see sessions/ba.mjs),
//                        "cookieHeader": "<Cookie header>",
//                        "now": <ms> | null (null = real clock) } ] }
// stdout: one line { "results": [ { "name",
//            "session":     <auth.api.getSession result as JSON, or null; lone surrogates
//                            in strings become U+FFFD>,
//            "cookieCache": <getCookieCache result as JSON, or null>,
//            "refreshed":   <bool: getSession re-issued the cache (refreshCache)>,
//            "error":       <string or null: getSession / getCookieCache threw, bad input> } ] }
//
// getSession runs on a STATELESS instance (no `database`) built from `config`, so it can
// only trust the cookies: a non-null session was served from the cookie cache.
// getCookieCache is Better Auth's public reader, given the current secret, the strategy,
// the prefix, `isSecure: config.secure` and the version when configured; it does not look
// at the session token cookie.

// Keep stdout for the single result line: anything else goes to stderr.
const out = process.stdout.write.bind(process.stdout);
for (const m of ["log", "info", "debug"]) console[m] = (...a) => console.error(...a);

const { statelessVerdict, validateConfig } = await import("./ba.mjs");

const { readCases } = await import("../stdin.mjs");
const input = await readCases("sessions/verify.mjs");

// JSON.stringify writes a lone surrogate as \udXXX, which serde_json refuses: strings are
// made well-formed (U+FFFD in place of a lone surrogate) in the output.
const wellFormed = (v) => (v == null ? null : JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === "string" ? x.toWellFormed() : x))));

const results = [];
for (const c of input.cases) {
  const name = c?.name ?? null;
  try {
    validateConfig(c.config);
    if (typeof c.cookieHeader !== "string") throw new Error("cookieHeader must be a string");
    if (c.now !== null && c.now !== undefined && !Number.isFinite(c.now)) throw new Error("now must be null or a number (ms)");
    const v = await statelessVerdict(c.config, c.cookieHeader, c.now ?? null);
    const errors = [v.error && `getSession: ${v.error}`, v.cookieCacheError && `getCookieCache: ${v.cookieCacheError}`].filter(Boolean);
    results.push({ name, session: wellFormed(v.session), cookieCache: wellFormed(v.cookieCache), refreshed: v.refreshed, error: errors.length ? errors.join("; ") : null });
  } catch (e) {
    results.push({ name, session: null, cookieCache: null, refreshed: false, error: `sessions/verify.mjs: ${e instanceof Error ? e.message : String(e)}` });
  }
}
out(JSON.stringify({ results }) + "\n");
