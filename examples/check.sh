#!/usr/bin/env bash
# Runs every example program (examples/ and integrations/axum/examples/) and checks what
# it prints; the axum example is started on a free port and asked over HTTP with curl.
# Builds them first (`cargo build --examples`, a no-op after `cargo test --workspace`).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet --examples
bin=target/debug/examples
fail() { printf 'examples/check.sh: %s\n' "$*" >&2; exit 1; }
expect() { # expect NEEDLE TEXT
  grep -qF -- "$1" <<<"$2" || fail "expected \"$1\" in:"$'\n'"$2"
}

unset BETTER_AUTH_SECRETS AUTH_SECRET
export BETTER_AUTH_SECRET=examples-check-secret-0123456789abcdef

# rotation: the demo, then a real check with the environment's keyring.
out=$("$bin/rotation")
expect "compact Better Auth's rule: refused (bad_signature); any secret: verified by secret 1; re-issued: verified by secret 2" "$out"
expect "jwt     Better Auth's rule: refused (bad_signature); any secret: verified by secret 1; re-issued: verified by secret 2" "$out"
expect "jwe     Better Auth's rule: verified by secret 1; any secret: verified by secret 1; re-issued: verified by secret 2" "$out"

for strategy in compact jwt jwe; do
  # mint: Set-Cookie lines and the Cookie header; verify_env reads it back from stdin.
  minted=$("$bin/mint" --strategy "$strategy" --email "ci-$strategy@example.com")
  expect "Set-Cookie: better-auth.session_token=" "$minted"
  expect "; Max-Age=300; Path=/; HttpOnly; SameSite=Lax" "$minted"
  cookie=$(sed -n 's/^Cookie: //p' <<<"$minted")
  out=$("$bin/verify_env" --strategy "$strategy" - <<<"$cookie")
  expect "valid: ci-$strategy@example.com (user test-user), $strategy cache verified by secret 0, fresh: true" "$out"
  # Another secret: refused, exit 1.
  status=0
  out=$(BETTER_AUTH_SECRET=another-secret-0123456789abcdefghij "$bin/verify_env" --strategy "$strategy" "$cookie") || status=$?
  [ "$status" = 1 ] || fail "verify_env with another secret exited $status"
  expect "invalid: bad_token_signature" "$out"
  # The same cache after a rotation, with the old secret kept as version 1.
  value=$(sed -n 's/^Set-Cookie: better-auth.session_data=\([^;]*\);.*/\1/p' <<<"$minted")
  out=$(BETTER_AUTH_SECRETS="2:the-next-secret-0123456789abcdef,1:$BETTER_AUTH_SECRET" "$bin/rotation" --strategy "$strategy" "$value")
  expect "keyring: secrets 2, 1" "$out"
  expect "any secret: verified by secret 1" "$out"
done
out=$("$bin/verify_env" "theme=dark") || true
expect "invalid: no_token" "$out"

# The axum example: start it, ask it, stop it.
if ! command -v curl >/dev/null && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends curl) >/dev/null 2>&1 || true
fi
command -v curl >/dev/null || fail "curl is needed"
log=$(mktemp)
SESSION_STRATEGY=jwe PORT=0 "$bin/axum" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 100); do grep -q '^listening on' "$log" && break; sleep 0.1; done
url=$(sed -n 's/^listening on \(http:[^ ]*\).*/\1/p' "$log")
[ -n "$url" ] || fail "the axum example did not start: $(cat "$log")"
cookie=$(sed -n "s|.*-H 'Cookie: \(.*\)' $url/me\$|\1|p" "$log")
[ -n "$cookie" ] || fail "the axum example printed no curl command: $(cat "$log")"
out=$(curl -s -i "$url/me")
expect "HTTP/1.1 401 Unauthorized" "$out"
expect 'www-authenticate: Cookie error="no_token"' "$out"
expect '{"error":"no_token"}' "$out"
out=$(curl -s -H "Cookie: $cookie" "$url/me")
expect '"email":"ada@example.com"' "$out"
out=$(curl -s -H "Cookie: $cookie" "$url/account")
expect '{"email":"ada@example.com","fresh":true}' "$out"
out=$(curl -s "$url/")
expect '{"signedIn":null}' "$out"
kill "$pid"
wait "$pid" 2>/dev/null || true

echo "examples: 4 programs checked"
