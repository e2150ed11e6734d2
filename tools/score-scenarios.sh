#!/usr/bin/env bash
# Simulates the shared scenarios (../shared/scenarios) and a few unseen ones made with
# ../shared/tools/make-scenario.py, scores each with ../shared/tools/score.py, prints one line per
# run, and fails when any run breaks the physics, overloads anything, or (on the shared scenarios)
# costs residents more than MAX_RATIO times the clairvoyant bound.
#
#   tools/score-scenarios.sh [OUTDIR]        (default target/scores)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
out=${1:-target/scores}
max_ratio=${MAX_RATIO:-1.20}
# shellcheck source=tools/lib/checks.sh
source tools/lib/checks.sh
arguments 1 "score-scenarios.sh [OUTDIR]" "$@"
positive_number MAX_RATIO "$max_ratio"
folder "SHARED's scenarios" "$shared/scenarios"
readable_file "SHARED's make-scenario.py" "$shared/tools/make-scenario.py"
readable_file "SHARED's score.py" "$shared/tools/score.py"
made_folder OUTDIR "$out"
[ -f tools/target/orderly.jar ] || mvn -B -q -DskipTests package

gen() { # name, make-scenario arguments...
  local name=$1; shift
  [ -f "$out/$name.json" ] || python3 "$shared/tools/make-scenario.py" "$@" --name "$name" -o "$out/$name.json" 2>/dev/null
}
gen unseen-a --piles 80 --households 250 --days 4 --circuits 2 --phase-limits --grid-events 2 --three-phase-share 0.2 --declared-share 0.3 --seed 11
gen unseen-b --piles 200 --households 500 --days 5 --circuits 3 --phase-limits --grid-events 3 --declared-share 0.8 --seed 13
gen unseen-c --piles 40 --households 100 --days 3 --declared-share 0.0 --seed 14

# One run: simulate, score, check; its line on standard output, non-zero when it fails. Two run at a time (the
# machine's two cores: score.py's bound is a single-threaded LP), their lines printed in order.
score_one() { # scenario, policy
  local scenario=$1 policy=$2 name dir gate=0
  name=$(basename "$scenario" .json)
  dir="$out/$name-$policy"
  java -jar tools/target/orderly.jar simulate "$scenario" --out "$dir" --policy "$policy" > /dev/null || return 1
  python3 "$shared/tools/score.py" "$scenario" "$dir" > "$dir/score.json" || true
  case "$scenario" in "$shared"/*) [ "$policy" = orderly ] && gate=1 ;; esac
  python3 - "$dir/score.json" "$dir/metrics.json" "$name" "$policy" "$gate" "$max_ratio" <<'PY'
import json, sys
score, metrics = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
name, policy, gate, max_ratio = sys.argv[3], sys.argv[4], sys.argv[5] == "1", float(sys.argv[6])
line = (f"{name:14s} {policy:12s} ratioToBound {score.get('ratioToBound')}  deliveredShare {score.get('deliveredShare')}"
        f"  overloadKWh {score.get('overloadKWh')}  violations {score.get('violations')}  loadFactor {score.get('loadFactor')}"
        f"  decision p99 {metrics['decisionMsP99']} ms  wall {metrics['wallSeconds']} s")
bad = []
if score.get("violations") != 0:
    bad.append("physics violations")
if policy != "uncontrolled" and score.get("overloadKWh", 1) > 0:
    bad.append("overload")
if gate and not (score.get("ratioToBound") or 99) <= max_ratio:
    bad.append(f"ratioToBound above {max_ratio}")
print(line + ("  FAIL: " + ", ".join(bad) if bad else ""))
sys.exit(1 if bad else 0)
PY
}

runs=()
for scenario in "$shared"/scenarios/*.json "$out"/unseen-*.json; do
  for policy in orderly equal-share; do
    run="$out/$(basename "$scenario" .json)-$policy"
    mkdir -p "$run"
    ( score_one "$scenario" "$policy" > "$run.line" 2>&1; echo $? > "$run.status" ) &
    runs+=("$run")
    while [ "$(jobs -rp | wc -l)" -ge 2 ]; do
      wait -n || true
    done
  done
done
wait
status=0
for run in "${runs[@]}"; do
  cat "$run.line"
  [ "$(cat "$run.status")" = 0 ] || { echo "$(basename "$run"): failed" >&2; status=1; }
done
exit $status
