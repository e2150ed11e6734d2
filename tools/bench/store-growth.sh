#!/usr/bin/env bash
# How fast the store grows (docs/benchmarks.md, "Store growth"; docs/operations.md, "The store"): StoreGrowthBench
# (gateway test classes) has the store's own writer take what a gateway of PILES piles records over MINUTES simulated
# minutes (5 + 2 x PILES series each second, full-precision figures; a 192-slot plan every 15 minutes), as fast as it
# goes, then counts each table's pages (SQLite's dbstat): bytes a reading row, bytes a plan, MB a day.
#
#   tools/bench/store-growth.sh [PILES] [MINUTES]     (defaults 20 and 1440, a day)
#
# The file goes to BENCH_WORK (default target/bench/store-growth); results to $BENCH_WORK/results.txt. Compiles the
# gateway's classes first (mvn -o test-compile; gateway-classpath.sh).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
piles=${1:-20}
minutes=${2:-1440}
# shellcheck source=tools/lib/checks.sh
source "$ROOT/tools/lib/checks.sh"
arguments 2 "store-growth.sh [PILES] [MINUTES]" "$@"
whole_number PILES "$piles"
whole_number MINUTES "$minutes"
# shellcheck source=tools/bench/gateway-classpath.sh
source "$ROOT/tools/bench/gateway-classpath.sh"
bench_work store-growth  # before the cd: a relative BENCH_WORK is of the folder the script was started in
cd "$ROOT"
gateway_bench org.orderly.gateway.store.StoreGrowthBench "$work/db" "$piles" "$minutes"
