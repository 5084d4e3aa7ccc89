#!/usr/bin/env bash
# Runs the fuzz targets (cargo-fuzz on the stable toolchain: RUSTC_BOOTSTRAP=1 lets it
# use the nightly-only sanitizer flags). Seeds come from fuzz/corpus/<target> (checked in,
# made by make_corpus.py); what a run discovers goes to fuzz/target/new-corpus/<target>,
# never into the checked-in corpus.
#
#   fuzz/run.sh smoke [SECONDS]        every target SECONDS (default 5) each, one after another
#   fuzz/run.sh run TARGET SECONDS     one target; log in fuzz/target/logs/TARGET.log
#   fuzz/run.sh list                   the targets
#
# FUZZ_BUILD_FLAGS adds flags to `cargo fuzz build/run` (default: -O, ASan on).
set -euo pipefail
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
FLAGS=${FUZZ_BUILD_FLAGS:--O}

targets() { cargo fuzz list; }

run_one() {
  local target=$1 seconds=$2 log=${3:-/dev/stdout}
  mkdir -p "target/new-corpus/$target" artifacts
  # -rss_limit_mb: the library must stay far below 2 GB on any input; -timeout: any
  # input that takes 10 s is a hang.
  # shellcheck disable=SC2086
  cargo fuzz run $FLAGS "$target" "target/new-corpus/$target" "corpus/$target" -- \
    -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="artifacts/$target-" >"$log" 2>&1
}

case "${1:-}" in
  list) targets ;;
  smoke)
    seconds=${2:-5}
    # shellcheck disable=SC2086
    cargo fuzz build $FLAGS
    for target in $(targets); do
      log=$(mktemp)
      if run_one "$target" "$seconds" "$log"; then
        printf '%-16s ok   %s\n' "$target" "$(grep -E '^#[0-9]+.*(DONE|pulse)' "$log" | tail -1 | sed 's/  */ /g')"
      else
        printf '%-16s FAILED\n' "$target"; tail -40 "$log"; rm -f "$log"; exit 1
      fi
      rm -f "$log"
    done
    ;;
  run)
    mkdir -p target/logs
    run_one "$2" "$3" "target/logs/$2.log"
    ;;
  *) sed -n '2,12p' "$0"; exit 2 ;;
esac
