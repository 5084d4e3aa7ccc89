#!/usr/bin/env bash
# Runs every check of the project: formatting, lints, unit and integration tests
# (Better Auth vectors, live interop with Better Auth in Node), doc tests and docs.
set -euo pipefail
cd "$(dirname "$0")"

step() { printf '\n== %s\n' "$*"; }

step "npm packages for the vectors and the live interop (vectors/)"
if [ ! -d vectors/node_modules/better-auth ] || [ vectors/package-lock.json -nt vectors/node_modules/.package-lock.json ]; then
  (cd vectors && npm ci --no-audit --no-fund --loglevel=error)
fi

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "cargo test"
cargo test --workspace

step "cargo doc"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet

printf '\nall checks passed\n'
