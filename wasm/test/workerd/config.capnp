# workerd configuration of the test workers, listening on loopback only: the plain
# worker (worker.mjs) and the Hono app (../hono/worker.mjs). The test (workerd.test.mjs)
# bundles both into out/ first and chooses the ports:
#   workerd serve config.capnp --socket-addr http=127.0.0.1:<port> --socket-addr hono=127.0.0.1:<port>
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .sessionWorker), (name = "hono", worker = .honoWorker) ],
  sockets = [
    (name = "http", address = "127.0.0.1:8787", http = (), service = "main"),
    (name = "hono", address = "127.0.0.1:8788", http = (), service = "hono"),
  ],
);

const sessionWorker :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "out/worker.mjs"),
    (name = "session_cache_wasm_bg.wasm", wasm = embed "out/session_cache_wasm_bg.wasm"),
  ],
  compatibilityDate = "2026-11-01",
  bindings = [
    (name = "BETTER_AUTH_SECRET", text = "interop-secret-5f0c1d2e3a4b5c6d7e8f9a0b1c2d3e4f"),
  ],
);

const honoWorker :Workerd.Worker = (
  modules = [
    (name = "hono.mjs", esModule = embed "out/hono.mjs"),
    (name = "session_cache_wasm_bg.wasm", wasm = embed "out/session_cache_wasm_bg.wasm"),
  ],
  compatibilityDate = "2026-11-01",
  bindings = [
    (name = "BETTER_AUTH_SECRET", text = "interop-secret-5f0c1d2e3a4b5c6d7e8f9a0b1c2d3e4f"),
  ],
);
