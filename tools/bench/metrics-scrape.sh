#!/usr/bin/env bash
# The cost of one scrape of the page's GET /metrics: JMH's MetricsScrapeBenchmark (the gateway's test classes) at 300
# and 2,000 piles, SampleTime (median and tail, us per scrape) with -prof gc (bytes allocated per scrape). See
# docs/benchmarks.md, "A scrape of /metrics".
#
#   tools/bench/metrics-scrape.sh                           # a few minutes on 2 cores
#   BENCH_JMH_ARGS="-p piles=300" tools/bench/metrics-scrape.sh   # extra JMH options
#
# Environment: BENCH_WORK (class path; default ${TMPDIR:-/tmp}/orderly-bench), BENCH_OUT (results; default
# $BENCH_WORK/metrics-DATE).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tools/lib/checks.sh
source "$ROOT/tools/lib/checks.sh"
arguments 0 "metrics-scrape.sh (no arguments; the environment sets it, as its first lines say)" "$@"
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/orderly-bench}
OUT=${BENCH_OUT:-$WORK/metrics-$(date +%Y%m%d-%H%M%S)}
# Each named by the variable that sets it, its default too (under TMPDIR): one line, exit 2, not mkdir's (exit 1), nor
# mkdir's help for a BENCH_OUT of --help and the run on (until 2026-12-07).
made_folder BENCH_WORK "$WORK"
made_folder BENCH_OUT "$OUT"
# Absolute before the cd to the root, as absolute_work makes BENCH_WORK: until 2026-12-07 a relative one was made here
# and then used under the root, another folder (its results written there, or nowhere: "No such file or directory").
WORK=$(realpath -m -- "$WORK")
OUT=$(realpath -m -- "$OUT")
cd "$ROOT"

echo "== build"
# shellcheck source=tools/bench/gateway-classpath.sh
source tools/bench/gateway-classpath.sh
# The gateway's test classes (JMH's processor writes the benchmark list) on a private copy of them and the class path.
CP=$(gateway_classpath "$OUT")
test -f "$OUT/test-classes/META-INF/BenchmarkList" || { echo "no JMH BenchmarkList: build incomplete" >&2; exit 1; }

{
  echo "date: $(date -Is)"
  echo "nproc: $(nproc)"
  lscpu | grep -E '^(Model name|CPU\(s\)|Thread)' || true
  echo "uptime: $(uptime)"
  java -version 2>&1
  echo "git: HEAD $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), $(git -C "$ROOT" status --porcelain 2>/dev/null | wc -l) changed paths"
} | tee "$OUT/machine.txt"

echo "== JMH: one scrape's body (SampleTime, us/op; gc.alloc.rate.norm, B/op)"
# shellcheck disable=SC2086
java -cp "$CP" org.openjdk.jmh.Main 'org.orderly.gateway.web.MetricsScrapeBenchmark' -prof gc \
  -rf json -rff "$OUT/jmh.json" ${BENCH_JMH_ARGS:-} >"$OUT/jmh.txt" 2>&1
grep -E '^(Benchmark|MetricsScrapeBenchmark)' "$OUT/jmh.txt" | grep -E 'p0.50|p0.99 |gc.alloc.rate.norm|gc.count|Benchmark'
if grep -q '<failure>' "$OUT/jmh.txt"; then echo "a JMH benchmark failed: see $OUT/jmh.txt" >&2; exit 1; fi
echo "== results in $OUT"
