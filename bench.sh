#!/usr/bin/env bash
# Speed and memory of session-cache against its peers, side by side in one run, on the
# same inputs (minted by Better Auth itself): the Rust library against the floor (SIMD
# base64 + the MAC or decryption + a validate-only JSON pass) and jsonwebtoken; the
# WebAssembly package in Node against Better Auth 1.7.24, jose 6.2.17 and a hand-written
# node:crypto check, then in Deno and workerd. Small, typical and large sessions; two
# threads. Prints a Markdown report and writes benches/RESULTS.md.
#
#   ./bench.sh
#
# Needs Rust and Node 20 with npm. About 70 s on 2 cores once the bench is built (the first
# build takes about 2.5 minutes: the bench profile is the release one, with LTO).
set -euo pipefail
cd "$(dirname "$0")"

step() { printf '\n== %s\n' "$*" >&2; }
start=$(date +%s)
load=$(cut -d' ' -f1-3 /proc/loadavg)
if awk -v l="${load%% *}" 'BEGIN { exit !(l > 0.5) }'; then
  echo "bench.sh: load average $load: something else is running, the figures will be noisy" >&2
fi

step "npm packages (vectors/, pinned by vectors/package-lock.json)"
if [ ! -d vectors/node_modules/better-auth ] || [ vectors/package-lock.json -nt vectors/node_modules/.package-lock.json ]; then
  (cd vectors && npm ci --no-audit --no-fund --loglevel=error)
fi

step "build the Rust bench"
cargo bench --bench codec --no-run

step "build the WebAssembly package (wasm/pkg)"
(
  cd wasm
  if [ ! -d node_modules/workerd ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
  npm run --silent build >/dev/null
)

step "fixtures, minted by Better Auth (target/bench-fixtures.json)"
node benches/node/fixtures.mjs

step "Rust: cargo bench --bench codec"
cargo bench --bench codec

step "Node: time"
node benches/node/bench.mjs time

step "Node: memory"
node --expose-gc --min-semi-space-size=64 --max-semi-space-size=64 benches/node/bench.mjs memory

step "WebAssembly in Deno and workerd"
node wasm/scripts/bench-runtimes.mjs

step "report (benches/RESULTS.md)"
BENCH_DATE="$(date -u '+%Y-%m-%d %H:%M UTC')" \
BENCH_SECONDS="$(($(date +%s) - start))" \
BENCH_NPROC="$(nproc)" \
BENCH_CPU="$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')" \
BENCH_LOAD="$load" \
BENCH_RUSTC="$(rustc --version)" \
  node benches/node/report.mjs
