#!/usr/bin/env bash
# Speed and memory of session-cache against its peers, side by side in one run:
# Better Auth 1.7.24 and jose 6.2.17 in Node, jsonwebtoken in Rust, on the same inputs
# (minted by Better Auth itself). Prints a Markdown table and writes benches/RESULTS.md.
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

step "fixtures, minted by Better Auth (target/bench-fixtures.json)"
node benches/node/fixtures.mjs

step "Rust: cargo bench --bench codec"
cargo bench --bench codec

step "Node: time"
node benches/node/bench.mjs time

step "Node: memory"
node --expose-gc --min-semi-space-size=64 --max-semi-space-size=64 benches/node/bench.mjs memory

step "report (benches/RESULTS.md)"
BENCH_DATE="$(date -u '+%Y-%m-%d %H:%M UTC')" \
BENCH_SECONDS="$(($(date +%s) - start))" \
BENCH_NPROC="$(nproc)" \
BENCH_CPU="$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')" \
BENCH_LOAD="$load" \
BENCH_RUSTC="$(rustc --version)" \
  node benches/node/report.mjs
