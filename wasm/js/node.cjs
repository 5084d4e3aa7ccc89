"use strict";
// Node.js, CommonJS: wasm-bindgen's nodejs output reads and compiles the .wasm
// synchronously when it is required.
const bindings = require("./node/session_cache_wasm.js");
const api = require("./api.cjs").createApi(bindings);

module.exports = {
  ...api,
  // Nothing to wait for in Node: present so that code shared with the web build runs.
  init: async () => {},
  initSync: () => {},
};
