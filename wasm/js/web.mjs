// Browsers and bundlers: the .wasm is fetched or handed in, once, before the first call.
//   await init();                                  // fetches session_cache_wasm_bg.wasm next to this file
//   await init(new URL("/assets/x.wasm", location.href));   // or a URL, a Response, bytes
//   initSync(module);                              // or an already-compiled WebAssembly.Module
import initBindings, * as bindings from "./web/session_cache_wasm.js";
import { createApi } from "./api.mjs";

let ready = false;
function assertReady() {
  if (!ready)
    throw new Error("session-cache: call `await init()` (or `initSync(module)`) once before using the web build");
}

/**
 * Loads the WebAssembly module: a `WebAssembly.Module` (instantiated synchronously),
 * or a URL, `Request`, `Response`, `ArrayBuffer` or typed array (compiled), or nothing
 * (fetches `session_cache_wasm_bg.wasm` beside this file). Calling it again is a no-op.
 */
export async function init(input) {
  if (ready) return;
  if (input instanceof WebAssembly.Module) initSync(input);
  else {
    await initBindings(input === undefined ? undefined : { module_or_path: input });
    ready = true;
  }
}

/** Instantiates an already-compiled `WebAssembly.Module` (or bytes) synchronously. */
export function initSync(module) {
  if (ready) return;
  if (module && typeof module === "object" && "module" in module && !(module instanceof WebAssembly.Module))
    module = module.module;
  bindings.initSync({ module });
  ready = true;
}

const api = createApi(bindings, assertReady);

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
export default { ...api, init, initSync };
