// Starts a throw-away redis-server on a free 127.0.0.1 port, with no persistence.
//
// As a module:   const r = await startRedis();  r.url, r.port, await r.stop()
// As a command:  node redis/redis-server.mjs      prints the URL on stdout (one line), then
//                keeps Redis running until SIGINT/SIGTERM or Redis exiting; with --watch-stdin,
//                also until its stdin closes.
//
// The binary is `redis-server` from PATH, or $REDIS_SERVER. Every server this module starts
// is killed when the Node process exits, however it exits.

import { spawn } from "node:child_process";
import net from "node:net";
import { pathToFileURL } from "node:url";

export class RedisStartError extends Error {
  constructor(message) {
    super(message);
    this.name = "RedisStartError";
  }
}

const running = new Set();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: a plain SIGKILL to each child we started.
  process.on("exit", () => {
    for (const child of running) {
      try {
        child.kill("SIGKILL");
      } catch {}
    }
  });
}

/** A port that was free a moment ago (bound on 127.0.0.1 then released). */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** One PING over a fresh connection; resolves true on +PONG, false on anything else. */
function ping(port, timeoutMs = 500) {
  return new Promise((resolve) => {
    const sock = net.connect({ host: "127.0.0.1", port });
    let buf = "";
    const done = (ok) => {
      clearTimeout(timer);
      sock.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    sock.on("connect", () => sock.write("PING\r\n"));
    sock.on("data", (d) => {
      buf += d.toString("latin1");
      if (buf.includes("\r\n")) done(buf.startsWith("+PONG"));
      else if (buf.length > 1024) done(false);
    });
    sock.on("error", () => done(false));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function startOnce(port, { binary, readyTimeoutMs }) {
  const args = [
    "--port", String(port),
    "--bind", "127.0.0.1",
    "--save", "",
    "--appendonly", "no",
    "--daemonize", "no",
    "--protected-mode", "yes",
    "--loglevel", "warning",
    "--dir", "/tmp",
  ];
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (d) => {
    // Bounded: only the last 8 KiB of Redis's own output is kept, for error messages.
    output = (output + d.toString("utf8")).slice(-8192);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let exited = null;
  const exitedP = new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      exited = { code, signal };
      running.delete(child);
      resolve(exited);
    });
    child.on("error", (err) => {
      exited = { code: null, signal: null, error: err };
      running.delete(child);
      resolve(exited);
    });
  });
  running.add(child);
  installExitHook();

  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (exited) break;
    if (await ping(port)) {
      let stopping = null;
      const stop = () => {
        if (!stopping) {
          if (!exited) child.kill("SIGTERM");
          stopping = Promise.race([exitedP, sleep(5000).then(() => null)]).then((r) => {
            if (!r && !exited) child.kill("SIGKILL");
            return exitedP;
          });
        }
        return stopping;
      };
      return { port, url: `redis://127.0.0.1:${port}`, pid: child.pid, child, exited: exitedP, stop };
    }
    await sleep(50);
  }
  if (!exited) {
    child.kill("SIGKILL");
    await exitedP;
    throw new RedisStartError(`redis-server did not answer PING on port ${port} within ${readyTimeoutMs} ms: ${output.trim()}`);
  }
  if (exited.error) {
    const hint = exited.error.code === "ENOENT" ? " (install it: apt-get install -y redis-server)" : "";
    throw new RedisStartError(`cannot run ${binary}: ${exited.error.message}${hint}`);
  }
  const e = new RedisStartError(`redis-server exited (code ${exited.code}, signal ${exited.signal}) on port ${port}: ${output.trim()}`);
  e.retryable = /address already in use/i.test(output);
  throw e;
}

/**
 * Start redis-server on a free port. Options: { binary, readyTimeoutMs = 10000, attempts = 5 }.
 * Retries on another port only if the chosen one was taken in the meantime.
 */
export async function startRedis(opts = {}) {
  const binary = opts.binary ?? process.env.REDIS_SERVER ?? "redis-server";
  const readyTimeoutMs = opts.readyTimeoutMs ?? 10000;
  const attempts = opts.attempts ?? 5;
  let last;
  for (let i = 0; i < attempts; i++) {
    try {
      return await startOnce(await freePort(), { binary, readyTimeoutMs });
    } catch (e) {
      last = e;
      if (!e.retryable) throw e;
    }
  }
  throw last;
}

async function main() {
  let redis;
  try {
    redis = await startRedis();
  } catch (e) {
    process.stderr.write(`redis-server.mjs: ${e.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`${redis.url}\n`);
  let stopping = false;
  const shutdown = async (code) => {
    stopping = true;
    await redis.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => shutdown(0));
  process.on("SIGTERM", () => shutdown(0));
  if (process.argv.includes("--watch-stdin")) {
    // With --watch-stdin, stdin closing (e.g. the parent going away) also stops Redis.
    process.stdin.on("end", () => shutdown(0));
    process.stdin.on("error", () => shutdown(0));
    process.stdin.resume();
  }
  redis.exited.then((r) => {
    if (stopping) return;
    process.stderr.write(`redis-server.mjs: redis-server exited unexpectedly (code ${r.code}, signal ${r.signal})\n`);
    process.exit(1);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
