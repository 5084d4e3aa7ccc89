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

step "system packages for the josekit tests (libssl-dev, pkg-config)"
# josekit, a dev-dependency (tests/josekit.rs), links OpenSSL; the library never does.
if ! pkg-config --exists openssl 2>/dev/null; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libssl-dev pkg-config) >/dev/null
  else
    echo "error: the josekit tests need libssl-dev and pkg-config (apt-get install libssl-dev pkg-config)" >&2
    exit 1
  fi
fi
step "redis-server, then the live revocation tests (integrations/redis/: a real Redis, the real Better Auth on it)"
# Debian's redis-server, installed when missing; every test starts its own on a free
# 127.0.0.1 port and stops it. The CLI (cargo test) and the npm package (npm test) have
# live Redis tests too, so this comes first.
if ! command -v redis-server >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server) >/dev/null
fi
redis-server --version
cargo clippy -p session-cache-redis --features tokio --all-targets --quiet -- -D warnings
cargo test -p session-cache-redis --features tokio
cargo clippy -p session-cache-axum --features redis --all-targets --quiet -- -D warnings
cargo test -p session-cache-axum --features redis --test revocation

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

step "cargo package: session-cache, session-cache-redis and session-cache-axum as a registry would get them"
# Builds each packaged crate (the integrations against the packaged library), then checks
# that every file a crate includes at compile time (its README.md, …) is in its list.
# session-cache-redis is packaged too: session-cache-axum names it (optional, feature redis).
# Cargo verifies the integrations against the packaged library through a local overlay
# registry, which it extracts under $CARGO_HOME/registry/src/-<hash>/ and never refreshes:
# a second run would build them against the first run's library. Drop those copies.
rm -rf "${CARGO_HOME:-$HOME/.cargo}"/registry/src/-*/session-cache-*
cargo package --quiet --allow-dirty -p session-cache -p session-cache-redis -p session-cache-axum
for crate in session-cache:. session-cache-redis:integrations/redis session-cache-axum:integrations/axum; do
  name=${crate%%:*} dir=${crate#*:}
  listed=$(cargo package --quiet --allow-dirty --list -p "$name")
  grep -rHoE 'include_(str|bytes)!\("[^"]+"\)' "$dir/src" | while IFS=: read -r file call; do
    path=$(realpath -m --relative-to="$dir" "$(dirname "$file")/$(sed -E 's/.*\("([^"]+)"\)/\1/' <<<"$call")")
    grep -qxF "$path" <<<"$listed" || { echo "cargo package: $path (from $file) is not in $name"; exit 1; }
  done
done

step "WebAssembly package (wasm/): build (installs its tools), then Node, Deno, Bun, workerd, Chromium, Hono, npm pack, types, Next.js"
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

step "Python package (python/): abi3 wheel (maturin), pip-installed into a venv, pytest against it"
# The wheel is built in the dev profile (it reuses the library cargo test just built; about
# a minute); PYTHON_WHEEL_PROFILE=release builds the optimized one. The tests import the
# installed package, never python/ itself (tests/test_package.py checks it).
PY_VENV=target/python-venv
if [ ! -x "$PY_VENV/bin/python" ]; then
  rm -rf "$PY_VENV"
  if ! python3 -m venv "$PY_VENV" 2>/dev/null; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv) >/dev/null
    fi
    rm -rf "$PY_VENV"
    python3 -m venv "$PY_VENV"
  fi
fi
"$PY_VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r python/requirements-test.txt
rm -rf target/python-wheels
(cd python && "../$PY_VENV/bin/maturin" build --quiet --profile "${PYTHON_WHEEL_PROFILE:-dev}" -o ../target/python-wheels)
"$PY_VENV/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps target/python-wheels/session_cache-*.whl
(cd python/tests && "../../$PY_VENV/bin/python" -I -m pytest -q -p no:cacheprovider)
"$PY_VENV/bin/python" python/bench/bench.py --quick >/dev/null   # the bench runs (figures: python/README.md)

step "security: no OpenSSL or josekit in the library's dependency tree"
if cargo tree -p session-cache -e normal --prefix none | grep -Eiq '^(openssl|josekit)'; then
  echo "error: OpenSSL or josekit entered the library's dependencies" >&2
  exit 1
fi

step "security: differential run against Better Auth (vectors/differential.mjs, 3000 cases)"
# The long run (100 000 cases and more) is the same script with --cases; see SECURITY.md.
(cd vectors && node differential.mjs --cases 3000 --seed 2 --quiet)

step "security: fuzz smoke runs (cargo-fuzz, every target 5 s from fuzz/corpus)"
# cargo-fuzz goes into cargo's own bin directory, so that a machine keeps it from one run
# to the next (installing it takes ~3 min; building the ASan targets ~2.5 min, running
# them ~75 s).
CARGO_FUZZ_VERSION=0.13.2
if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
  cargo install --quiet --locked cargo-fuzz --version "$CARGO_FUZZ_VERSION"
fi
fuzz/run.sh smoke 5

printf '\nall checks passed\n'
