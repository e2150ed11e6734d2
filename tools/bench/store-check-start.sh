#!/usr/bin/env bash
# The store's checks since they were split (docs/benchmarks.md, "The store's check at start"): on a store made by
# tools/bench/store-check.sh (run it first, with the same BENCH_WORK), the start's cheap check (StoreCheck.atOpening)
# RUNS times after dropping the page cache, then the full check in the background under a gateway's writes for PILES
# piles, with the WAL's size before, during and after (StoreCheckBench wal), after dropping the page cache again.
#
#   tools/bench/store-check-start.sh [RUNS] [PILES...]     (defaults 5, then 20 and 300)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tools/bench/gateway-classpath.sh
source "$ROOT/tools/bench/gateway-classpath.sh"  # and tools/lib/checks.sh, which it sources
runs=${1:-5}
whole_number RUNS "$runs"
shift || true
piles=(20 300)
[ $# -eq 0 ] || piles=("$@")
each_of whole_number PILES "${piles[*]}"
absolute_work "$ROOT/target/bench/store-check"
cd "$ROOT"
readable_file "the store" "$work/db/orderly.db" "run tools/bench/store-check.sh first, with the same BENCH_WORK"
cp=$(gateway_classpath "$work")
java=(java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" org.orderly.gateway.store.StoreCheckBench)
drop() {
  if sync && echo 3 > /proc/sys/vm/drop_caches 2> /dev/null; then echo "# page cache dropped"; else echo "# page cache not dropped"; fi
}
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(java -version 2>&1 | head -1)"
echo "# file $(du -m "$work/db/orderly.db" | cut -f1) MB on $(df --output=source,fstype "$work" | tail -1 | tr -s ' '), load average $(cut -d' ' -f1-3 /proc/loadavg)"
drop
"${java[@]}" "$work/db" start "$runs"
drop
java -Dbench.driverFirst=true -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
  org.orderly.gateway.store.StoreCheckBench "$work/db" start "$runs"
for p in "${piles[@]}"; do
  drop
  "${java[@]}" "$work/db" wal "$p"
done
echo "# load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
