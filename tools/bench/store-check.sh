#!/usr/bin/env bash
# How long the store's full check takes (docs/benchmarks.md, "The store's check at start"; since it was split, the
# background check's and selftest's; the start's own: store-check-start.sh): StoreCheckBench (gateway test classes)
# makes a store of PILES piles over DAYS days with the gateway's schema, then runs
# StoreCheck.inspect (PRAGMA quick_check on a read-only connection) RUNS times. The first run after dropping the page
# cache reads the file from the disk, where the kernel allows it (root, not in every container).
#
#   tools/bench/store-check.sh [PILES] [DAYS] [RUNS]     (defaults 20, 90, 3)
#
# The file goes to BENCH_WORK (default target/bench/store-check, on the disk the project is on; a relative one is taken
# from the directory the script is started in).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tools/bench/gateway-classpath.sh
source "$ROOT/tools/bench/gateway-classpath.sh"  # and tools/lib/checks.sh, which it sources
piles=${1:-20}
days=${2:-90}
runs=${3:-3}
arguments 3 "store-check.sh [PILES] [DAYS] [RUNS]" "$@"
whole_number PILES "$piles"
whole_number DAYS "$days"
whole_number RUNS "$runs"
absolute_work "$ROOT/target/bench/store-check"
cd "$ROOT"
rm -rf "$work" && mkdir -p "$work"

cp=$(gateway_classpath "$work")
java=(java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" org.orderly.gateway.store.StoreCheckBench)

echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(java -version 2>&1 | head -1)"
echo "# file on $(df --output=source,fstype "$work" | tail -1 | tr -s ' '), load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
"${java[@]}" "$work/db" "$piles" "$days" 0
if sync && echo 3 > /proc/sys/vm/drop_caches 2> /dev/null; then
  echo "# page cache dropped: the first check reads the file from the disk"
else
  echo "# page cache not dropped (not allowed here): every check reads from memory"
fi
"${java[@]}" "$work/db" check "$runs"
echo "# load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
