// Node.js, ES module: the web build's glue, given the .wasm read from beside this file.
// `new URL("…", import.meta.url)` is also the pattern bundlers (Next.js/Turbopack,
// webpack) follow to emit the .wasm with a server bundle, so this entry works bundled
// too (Next.js 16 `proxy.ts`, checked) where a `__dirname` path would not.
import { readFileSync } from "node:fs";
import * as bindings from "./web/session_cache_wasm.js";
import { createApi } from "./api.mjs";

bindings.initSync({ module: readFileSync(new URL("./web/session_cache_wasm_bg.wasm", import.meta.url)) });
const api = createApi(bindings);

export const {
  Verifier,
  createVerifier,
  getCookieCache,
  decodeCookieCache,
  verifySession,
  encodeCookieCache,
  setCookieCacheHeaders,
  signSessionToken,
  verifySessionToken,
  generateSecret,
  RemoteJwks,
  createRemoteJwks,
  verifyAccessToken,
  generateSigningKey,
  publicJwks,
} = api;
/** Nothing to wait for in Node: present so that code shared with the web build runs. */
export async function init() {}
export function initSync() {}
export default { ...api, init, initSync };
