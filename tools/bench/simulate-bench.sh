#!/usr/bin/env bash
# Wall time of `orderly simulate` and the per-step decision time (the policy's decide call,
# re-planning included) on dense-300 (7 days, 300 piles, 1-minute steps) and on a synthetic
# 2,000-pile compound (2 days), REPS runs each, interleaved; prints each run and the medians.
#
#   tools/bench/simulate-bench.sh [REPS]      (default 3; SHARED defaults to ../shared)
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=${SHARED:-../shared}
reps=${1:-3}
source tools/lib/checks.sh  # the working directory is the repository's root
arguments 1 "simulate-bench.sh [REPS]" "$@"
whole_number REPS "$reps"
work=target/bench
readable_file "SHARED's dense-300.json" "$shared/scenarios/dense-300.json"
[ -f "$work/synthetic-2000.json" ] || readable_file "SHARED's make-scenario.py" "$shared/tools/make-scenario.py"
mkdir -p "$work"
[ -f tools/target/orderly.jar ] || mvn -B -q -o -pl tools -am package -DskipTests
big="$work/synthetic-2000.json"
[ -f "$big" ] || python3 "$shared/tools/make-scenario.py" --piles 2000 --households 5000 --days 2 --circuits 8 \
  --phase-limits --seed 7 --name synthetic-2000 -o "$big"
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1)"
for i in $(seq "$reps"); do
  for s in "$shared/scenarios/dense-300.json" "$big"; do
    name=$(basename "$s" .json)
    java -jar tools/target/orderly.jar simulate "$s" --out "$work/$name" > /dev/null
    # The folder, name and run as arguments, not spliced into the program's text (a quote in a path was its syntax).
    python3 -c "
import json, sys; m = json.load(open(sys.argv[1]))
print(sys.argv[2], 'run', sys.argv[3], 'wallSeconds', m['wallSeconds'], 'decisionMsP50', m['decisionMsP50'],
      'decisionMsP99', m['decisionMsP99'], 'decisionMsMax', m['decisionMsMax'])" "$work/$name/metrics.json" "$name" "$i"
  done
done | tee "$work/simulate-bench.txt"
python3 - "$work/simulate-bench.txt" <<'PY'
import statistics, sys, collections
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = line.split()
    runs[f[0]].append({f[i]: float(f[i + 1]) for i in range(3, len(f), 2)})
for name, rs in runs.items():
    med = {k: statistics.median(r[k] for r in rs) for k in rs[0]}
    print(f"median {name}: " + ", ".join(f"{k} {v:g}" for k, v in med.items()))
PY
