// Deno: the .wasm is imported as a compiled module (source phase import, no read
// permission needed) and instantiated synchronously.
import source wasmModule from "./web/session_cache_wasm_bg.wasm";
import * as bindings from "./web/session_cache_wasm.js";
import { createApi } from "./api.mjs";

bindings.initSync({ module: wasmModule });
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
/** Nothing to wait for here: present so that code shared with the web build runs. */
export async function init() {}
export function initSync() {}
export default { ...api, init, initSync };
