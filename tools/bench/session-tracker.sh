#!/usr/bin/env bash
# What the session tracker costs the 1-second control cycle (docs/benchmarks.md, "The session tracker in the control
# cycle"): JMH's SessionTrackerBenchmark (gateway test classes), one SessionTracker.update of 9 and of 300 piles with a
# car plugged in each, their counts rising (a session's record made anew per pile per cycle) beside held (kept);
# SampleTime (us per cycle) with -prof gc (gc.alloc.rate.norm: bytes allocated per cycle). About 2 minutes.
#
#   tools/bench/session-tracker.sh [JMH OPTIONS...]     (e.g. -p piles=300)
#
# Results to $BENCH_WORK/results.txt (default target/bench/session-tracker). Compiles the gateway's classes first.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tools/bench/gateway-classpath.sh
source "$ROOT/tools/bench/gateway-classpath.sh"
bench_work session-tracker  # before the cd: a relative BENCH_WORK is of the folder the script was started in
cd "$ROOT"
gateway_bench org.openjdk.jmh.Main org.orderly.gateway.app.live.SessionTrackerBenchmark -prof gc "$@" >/dev/null
grep -E '^Benchmark +\(|^SessionTrackerBenchmark.update:(p0.50|gc.alloc.rate.norm) ' "$work/results.txt"
