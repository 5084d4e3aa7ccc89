#!/usr/bin/env bash
# Instructions per operation, counted by callgrind: repeatable on a noisy machine, where
# criterion's times are not. Used to find and check speed changes; the figures reported in
# benches/RESULTS.md are criterion's.
#
#   benches/callgrind.sh [OP...]     # OP: decode-S, check-S, floor-S (S: compact, jwt, jwe)
#
# Each operation runs N and 2N times in the bench binary (benches/codec.rs with
# SESSION_CACHE_CALLGRIND=OP:N, on the typical inputs of target/bench-fixtures.json);
# (Ir(2N) - Ir(N)) / N is the cost of one call with the set-up taken out. Under valgrind
# the CPU features differ (SHA-NI is not used), so read the counts as relative.
# Needs valgrind and the fixtures (`node benches/node/fixtures.mjs`, which ./bench.sh runs).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-2000}
ops=("$@")
[ ${#ops[@]} -gt 0 ] || ops=(decode-compact decode-jwt decode-jwe floor-compact floor-jwt floor-jwe check-compact check-jwt check-jwe)
bin=$(cargo bench --bench codec --no-run --message-format=json 2>/dev/null |
  node -e 'let t="";process.stdin.on("data",d=>t+=d).on("end",()=>{for(const l of t.split("\n")){try{const m=JSON.parse(l);if(m.executable&&m.target.name==="codec")console.log(m.executable)}catch{}}})')
[ -x "$bin" ] || { echo "callgrind.sh: no bench binary (cargo bench --bench codec --no-run)" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
ir() {
  SESSION_CACHE_CALLGRIND="$1:$2" valgrind --tool=callgrind --callgrind-out-file="$out/cg" "$bin" >/dev/null 2>"$out/log"
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$out/log"
}
printf '| operation | instructions per call |\n|---|---:|\n'
for op in "${ops[@]}"; do
  a=$(ir "$op" "$N")
  b=$(ir "$op" $((2 * N)))
  printf '| %s | %s |\n' "$op" $(((b - a) / N))
done
