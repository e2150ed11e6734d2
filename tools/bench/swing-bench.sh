#!/usr/bin/env bash
# The live gateway's control loop against household load that swings within seconds (docs/benchmarks.md, "Household
# swings within the second"): SwingBench (gateway test classes) starts, RUNS times, a gateway at its 1 s control period
# with PILES real firmware-bridges (7 kW cars that follow a lower offer LAG_MS after it) and a real Modbus TCP
# transformer meter, all on 127.0.0.1, and runs it SECONDS against HOMES households switching 2 to 8 kW appliances on for
# 5 to 60 s (and now and then a third of them at once). Prints per run, and the medians: the seconds and kWh the
# transformer and its lines were over their limits because of the cars (beyond what the households alone made), the
# worst such excess, how long each spell over lasted, and the cars' energy against the room the households left.
#
#   tools/bench/swing-bench.sh [RUNS] [SECONDS] [LAG_MS] [SEED] [PILES] [HOMES]     (defaults 3, 180, 2000, 1, 9, 30)
#
# SWING_JAVA_OPTS passes -Dswing.limitKw (60), -Dswing.phaseLimitA (100) or -Dswing.periodMs (1000). Results to
# $BENCH_WORK/results.txt (default target/bench/swing). Compiles the gateway's classes first
# (mvn -o test-compile; gateway-classpath.sh). -Dswing.trace=FILE (in SWING_JAVA_OPTS) writes each run's samples (every
# 20 ms: time, cycle, the households', the cars' and the offered kW on A, B, C) to FILE in the run's folder.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tools/bench/gateway-classpath.sh
source "$ROOT/tools/bench/gateway-classpath.sh"
# shellcheck source=tools/lib/checks.sh
source "$ROOT/tools/lib/checks.sh"
arguments 6 "swing-bench.sh [RUNS] [SECONDS] [LAG_MS] [SEED] [PILES] [HOMES]" "$@"
whole_number RUNS "${1:-3}"
positive_number SECONDS "${2:-180}"
whole_number_or_zero LAG_MS "${3:-2000}"
seed_number SEED "${4:-1}"
whole_number PILES "${5:-9}"
whole_number HOMES "${6:-30}"
absolute_work "$ROOT/target/bench/swing"
cd "$ROOT"
rm -rf "$work" && mkdir -p "$work"

cp=$(gateway_classpath "$work")
mkdir -p "$work/runs"
# shellcheck disable=SC2086
{
  echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(java -version 2>&1 | head -1)"
  echo "# load average at start $(cut -d' ' -f1-3 /proc/loadavg); commit $(git rev-parse --short HEAD)"
  java -Xmx512m ${SWING_JAVA_OPTS:-} -cp "$cp" org.orderly.gateway.app.SwingBench "$work/runs" "$@" \
    2> "$work/stderr.log"
  echo "# load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$work/results.txt"
