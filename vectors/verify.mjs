// Verify cookie-cache values with the real Better Auth (the reverse direction, for Rust tests).
//
//   echo '{"cases":[{"name":"x","strategy":"compact","keys":{"secret":"..."},"version":null,"value":"...","now":null}]}' \
//     | node verify.mjs
//
// stdin:  { "cases": [ { "name", "strategy": "compact"|"jwt"|"jwe",
//                        "keys": {"secret": "..."} | {"secrets": [{"version", "value"}], "legacySecret"?},
//                        "version": null | "<expected cache version>",
//                        "value": "<session_data cookie value, chunks already joined>",
//                        "now": <ms> | null (null = real clock) } ] }
// stdout: one line { "results": [ { "name", "accepted", "payloadJson", "error" } ] }
//
// The verdict is computed exactly as in generate.mjs: decodeCookieCache + the checks
// getCookieCache applies, and, for single-secret keys, getCookieCache itself; if those two
// disagree, `error` says so (accepted is still decodeCookieCache's verdict).

// Keep stdout for the single result line: anything else goes to stderr.
const out = process.stdout.write.bind(process.stdout);
for (const m of ["log", "info", "debug"]) console[m] = (...a) => console.error(...a);

const { baVerdict } = await import("./lib.mjs");

const { readCases } = await import("./stdin.mjs");
const input = await readCases("verify.mjs");

const results = [];
for (const c of input.cases) {
  const name = c?.name ?? null;
  try {
    if (!["compact", "jwt", "jwe"].includes(c.strategy)) throw new Error(`unknown strategy ${JSON.stringify(c.strategy)}`);
    if (typeof c.value !== "string") throw new Error("value must be a string");
    if (c.version !== null && c.version !== undefined && typeof c.version !== "string") throw new Error("version must be null or a string");
    if (c.now !== null && c.now !== undefined && !Number.isFinite(c.now)) throw new Error("now must be null or a number (ms)");
    const v = await baVerdict({ strategy: c.strategy, keys: c.keys, version: c.version ?? null, value: c.value, now: c.now ?? null });
    let error = v.error;
    if (!v.agree)
      error = `${error ? `${error}; ` : ""}getCookieCache disagrees: accepted=${v.getCookieCache.accepted} payloadJson=${v.getCookieCache.payloadJson} error=${v.getCookieCache.error}`;
    results.push({ name, accepted: v.accepted, payloadJson: v.payloadJson, error: error ?? null });
  } catch (e) {
    results.push({ name, accepted: false, payloadJson: null, error: `verify.mjs: ${e instanceof Error ? e.message : String(e)}` });
  }
}
out(JSON.stringify({ results }) + "\n");
