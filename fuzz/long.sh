#!/usr/bin/env bash
# The long runs of the report: each target given, 660 s, two at a time, niced.
#   fuzz/long.sh TARGET...      logs in fuzz/target/logs/
cd "$(dirname "$0")"
run() { nice -n 15 ./run.sh run "$1" 660; echo "$1 exit $?" >> target/logs/status; }
mkdir -p target/logs
set -- "$@"
while [ $# -gt 0 ]; do
  run "$1" & a=$!
  if [ $# -gt 1 ]; then run "$2" & b=$!; shift; fi
  shift
  wait $a ${b:-}; b=
done
