#!/usr/bin/env bash
# Planner benchmarks: GreedyPlanner (the product's) against LpPlanner and NeedLpPlanner (ojAlgo LPs) on PlanProblems
# captured from the product policy running the shared scenarios, the greedy alone on a synthetic
# 2,000-pile compound, the OrderlyPolicy.decide cycle at 300 and 2,000 piles, and (unless
# BENCH_SIM=0) whole simulations of small-24 and compound-150 with either planner, scored by
# ../shared/tools/score.py. See docs/benchmarks-planner.md.
#
#   tools/bench/planner-bench.sh            # everything, a few minutes on 2 cores
#   BENCH_SIM=0 tools/bench/planner-bench.sh
#   BENCH_LP_LARGE=1 tools/bench/planner-bench.sh             # also the LP at 2,000 piles (slow)
#   BENCH_JMH_ARGS="-wi 1 -i 2" tools/bench/planner-bench.sh   # extra JMH options
#
# Environment: ORDERLY_SHARED (default ../shared from the project root), BENCH_WORK (generated
# scenario, class path; default ${TMPDIR:-/tmp}/orderly-bench), BENCH_OUT (results; default
# $BENCH_WORK/results-DATE), BENCH_REPS (side-by-side repetitions per problem, default 5).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${ORDERLY_SHARED:-$ROOT/../shared}
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/orderly-bench}
OUT=${BENCH_OUT:-$WORK/results-$(date +%Y%m%d-%H%M%S)}
REPS=${BENCH_REPS:-5}
# shellcheck source=tools/lib/checks.sh
source "$ROOT/tools/lib/checks.sh"
arguments 0 "planner-bench.sh (no arguments; the environment sets it, as its first lines say)" "$@"
whole_number BENCH_REPS "$REPS"
one_of BENCH_SIM "${BENCH_SIM:-1}" 0 1
one_of BENCH_LP_LARGE "${BENCH_LP_LARGE:-0}" 0 1
folder "ORDERLY_SHARED's scenarios" "$SHARED/scenarios"
# Each named by the variable that sets it, its default too (under TMPDIR): one line, exit 2, not mkdir's (exit 1), nor
# mkdir's help for a BENCH_OUT of --help and the run on (until 2026-12-07).
made_folder BENCH_WORK "$WORK"
made_folder BENCH_OUT "$OUT"
# Absolute before the cd to the root, as absolute_work makes BENCH_WORK: until 2026-12-07 a relative one was made here
# and then used under the root, another folder (its results written there, or nowhere: "No such file or directory").
WORK=$(realpath -m -- "$WORK")
OUT=$(realpath -m -- "$OUT")
SHARED=$(realpath -m -- "$SHARED")
cd "$ROOT"

echo "== build"
# shellcheck source=tools/bench/gateway-classpath.sh
source tools/bench/gateway-classpath.sh
# Tools' test classes (JMH's annotation processor writes the benchmark list) and the project's classes, a private copy
# of them: other builds in this work tree must not pull classes away from under a running benchmark.
SNAP="$OUT/classpath"
mkdir -p "$SNAP"
CP=$(module_classpath tools "$SNAP")
test -f "$SNAP/test-classes/META-INF/BenchmarkList" || { echo "no JMH BenchmarkList: build incomplete" >&2; exit 1; }

BIG="$WORK/piles-2000.json"
if [ ! -s "$BIG" ]; then
  echo "== generating $BIG"
  python3 "$SHARED/tools/make-scenario.py" --piles 2000 --households 5000 --days 2 --circuits 8 \
    --phase-limits --seed 7 -o "$BIG.partial"
  mv "$BIG.partial" "$BIG"
fi

JAVA=(java -Dorderly.scenarios="$SHARED/scenarios:$WORK" -cp "$CP")

{
  echo "date: $(date -Is)"
  echo "nproc: $(nproc)"
  lscpu | head -n 20
  echo "uptime: $(uptime)"
  java -version 2>&1
  echo "git: HEAD $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), $(git -C "$ROOT" status --porcelain 2>/dev/null | wc -l) changed paths, diff sha1 $(git -C "$ROOT" diff HEAD 2>/dev/null | sha1sum | cut -c1-12)"
} | tee "$OUT/machine.txt"

echo "== JMH: planner solve times (SampleTime, ms/op)"
# shellcheck disable=SC2086
"${JAVA[@]}" org.openjdk.jmh.Main 'org.orderly.tools.bench.PlannerBenchmark' \
  -rf json -rff "$OUT/jmh.json" ${BENCH_JMH_ARGS:-} >"$OUT/jmh.txt" 2>&1
grep -E '^(Benchmark|PlannerBenchmark|# Run complete|#.*captured)' "$OUT/jmh.txt" | grep -v ':p0.9999\|:p0.999 \|:p1.00'
if grep -q '<failure>' "$OUT/jmh.txt"; then echo "a JMH benchmark failed: see $OUT/jmh.txt" >&2; exit 1; fi

echo "== side by side, same JVM, interleaved: greedy vs LP time and objective"
"${JAVA[@]}" org.orderly.tools.bench.PlannerComparison --reps "$REPS" compound-150 dense-300 \
  2>"$OUT/comparison.log" | grep -E '^\|' | tee "$OUT/comparison.md"

echo "== side by side on the greedy's own objective (insurance rule, energy bands): greedy vs NeedLpPlanner"
"${JAVA[@]}" org.orderly.tools.bench.NeedObjectiveComparison --reps 3 small-24 compound-150 \
  2>"$OUT/need-comparison.log" | grep -E '^\|' | tee "$OUT/need-comparison.md"

if [ "${BENCH_LP_LARGE:-0}" != 0 ]; then
  echo "== optional: LP on the 2,000-pile compound too (every 250th problem, 3 reps)"
  "${JAVA[@]}" -Dorderly.captureEvery=250 org.orderly.tools.bench.PlannerComparison --reps 3 --warmup 1 piles-2000 \
    2>"$OUT/comparison-2000.log" | grep -E '^\|' | tee "$OUT/comparison-2000.md"
fi

echo "== OrderlyPolicy.decide per control cycle (whole replays)"
"${JAVA[@]}" org.orderly.tools.bench.DecideCycleTiming --warmup 1 --runs 3 dense-300 piles-2000 \
  2>"$OUT/decide.log" | grep -E '^\|' | tee "$OUT/decide.md"

if [ "${BENCH_SIM:-1}" != 0 ]; then
  echo "== whole simulations with each planner, scored by score.py"
  echo "| scenario | planner | ratioToBound | deliveredShare | residentCost | overloadKWh | violations | planner calls | planner ms p50 / p99 | wall s |" \
    | tee "$OUT/simulation.md"
  echo "|---|---|---|---|---|---|---|---|---|---|" | tee -a "$OUT/simulation.md"
  for s in small-24 compound-150; do
    for p in greedy lp; do
      dir="$OUT/sim-$s-$p"
      "${JAVA[@]}" org.orderly.tools.bench.PlannerSimulation "$s" "$p" "$dir" >"$dir.log" 2>&1
      python3 "$SHARED/tools/score.py" "$SHARED/scenarios/$s.json" "$dir" >"$dir/score.json"
      python3 - "$s" "$p" "$dir" <<'EOF' | tee -a "$OUT/simulation.md"
import json, sys
s, p, d = sys.argv[1:]
sc = json.load(open(f"{d}/score.json"))
m = json.load(open(f"{d}/metrics.json"))
print(f"| {s} | {p} | {sc.get('ratioToBound')} | {sc.get('deliveredShare')} | {sc.get('residentCost')} | "
      f"{sc.get('overloadKWh')} | {sc.get('violations')} | {m['plannerCalls']} | "
      f"{m['plannerMsP50']:.3f} / {m['plannerMsP99']:.3f} | {m['wallSeconds']} |")
EOF
    done
  done
fi
echo "== results in $OUT"
