#!/usr/bin/env bash
# What synchronous=FULL costs the store against NORMAL on this machine (docs/benchmarks.md, "Store commits"):
# StoreSyncBench (gateway test classes) runs RUNS rounds, each mode once per round, alternating which goes first:
# single-row commits back to back, and the store's writer under a gateway's load of PILES piles for MINUTES simulated
# minutes as fast as it goes, each 1-s cycle flushed before the next. Then, unless strace is missing, the same two
# once per mode under `strace -f -c` to count the fsync/fdatasync calls each makes.
#
#   tools/bench/store-sync.sh [RUNS] [PILES] [MINUTES] [COMMITS]     (defaults 5, 300, 30, 2000)
#
# The files go to BENCH_WORK (default target/bench/store-sync, on the disk the project is on: the figure is the
# disk's; a relative one is taken from the directory the script is started in); results to $BENCH_WORK/results.txt.
# Compiles the gateway's classes first (mvn -o test-compile; gateway-classpath.sh).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tools/bench/gateway-classpath.sh
source "$ROOT/tools/bench/gateway-classpath.sh"  # and tools/lib/checks.sh, which it sources
runs=${1:-5}
piles=${2:-300}
arguments 4 "store-sync.sh [RUNS] [PILES] [MINUTES] [COMMITS]" "$@"
whole_number RUNS "$runs"
whole_number PILES "$piles"
minutes=${3:-30}
commits=${4:-2000}
whole_number MINUTES "$minutes"
whole_number COMMITS "$commits"
absolute_work "$ROOT/target/bench/store-sync"
cd "$ROOT"
rm -rf "$work" && mkdir -p "$work"

cp=$(gateway_classpath "$work")
java=(java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" org.orderly.gateway.store.StoreSyncBench)

{
  echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(java -version 2>&1 | head -1)"
  echo "# files on $(df --output=source,fstype "$work" | tail -1 | tr -s ' '), load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# $runs rounds; $commits single-row commits; $piles piles for $minutes simulated minutes a run"
  "${java[@]}" "$work/db" "$runs" "$piles" "$minutes" "$commits"
  echo "# load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
  if command -v strace > /dev/null; then
    for mode in NORMAL FULL; do
      for what in "commits $mode $commits" "load $mode $piles $minutes"; do
        # shellcheck disable=SC2086
        syncs=$(strace -f -c -e trace=fsync,fdatasync -o "$work/strace.txt" "${java[@]}" "$work/db" $what > /dev/null \
          && awk '$NF == "fsync" || $NF == "fdatasync" { n += $4 } END { print n + 0 }' "$work/strace.txt")
        echo "# syncs under strace, $what: $syncs fsync/fdatasync calls"
      done
    done
  fi
} | tee "$work/results.txt"
