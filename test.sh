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

step "examples: each program run and its output checked, the axum one over HTTP"
examples/check.sh

step "cargo package: session-cache and session-cache-axum as a registry would get them"
# Builds each packaged crate (the integration against the packaged library), then checks
# that every file a crate includes at compile time (its README.md, …) is in its list.
cargo package --quiet --allow-dirty -p session-cache -p session-cache-axum
for crate in session-cache:. session-cache-axum:integrations/axum; do
  name=${crate%%:*} dir=${crate#*:}
  listed=$(cargo package --quiet --allow-dirty --list -p "$name")
  grep -rHoE 'include_(str|bytes)!\("[^"]+"\)' "$dir/src" | while IFS=: read -r file call; do
    path=$(realpath -m --relative-to="$dir" "$(dirname "$file")/$(sed -E 's/.*\("([^"]+)"\)/\1/' <<<"$call")")
    grep -qxF "$path" <<<"$listed" || { echo "cargo package: $path (from $file) is not in $name"; exit 1; }
  done
done

step "WebAssembly package (wasm/): build, then Node, Deno, workerd, Chromium, types"
rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)
export WASM_BINDGEN="$PWD/target/tools/bin/wasm-bindgen"
if [ "$("$WASM_BINDGEN" --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  cargo install --quiet --root target/tools wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium) >/dev/null 2>&1 \
    || echo "warning: could not install chromium; the browser test will say SKIP"
fi
(
  cd wasm
  if [ ! -d node_modules/workerd ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
  npm run --silent build
  npm test
)

printf '\nall checks passed\n'
