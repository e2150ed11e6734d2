#!/usr/bin/env bash
# The shared scenarios and a few unseen ones, each as made (the households' load per quarter hour) and as
# tools/bench/minute-load.py derives it (the same quarter-hour means, varying minute by minute): simulates
# both with the product's policy, scores them with ../shared/tools/score.py, and prints a line per pair,
# side by side (docs/scheduler.md, "Household load that moves within a quarter hour").
#
#   tools/bench/score-minute-load.sh [OUTDIR]     (default target/minute)
#   SEEDS='1 2' tools/bench/score-minute-load.sh  # minute-load.py's seeds (default 1)
#   ONLY='small' tools/bench/score-minute-load.sh # the compounds whose name starts with this
#   COMPOUNDS='seed-101 seed-102' tools/bench/score-minute-load.sh  # unseen ones, from tools/bench/compounds.txt
#   MINUTE_ARGS='--sigma-home 0.6' tools/bench/score-minute-load.sh  # minute-load.py's model, otherwise
#   (a derived file is named by its seed only: use another OUTDIR for other MINUTE_ARGS)
set -euo pipefail
cd "$(dirname "$0")/../.."
seeds=${SEEDS:-1}
source tools/lib/checks.sh  # the working directory is the repository's root
arguments 1 "score-minute-load.sh [OUTDIR]" "$@"
each_of whole_number_or_zero SEEDS "$seeds"
shared=${SHARED:-../shared}
readable_file "SHARED's make-scenario.py" "$shared/tools/make-scenario.py"
readable_file "SHARED's score.py" "$shared/tools/score.py"
# unseen compounds by their name in tools/bench/compounds.txt: seed-11, -13 and -14 are unseen-a, -b and -c of
# tools/score-scenarios.sh; each name checked before anything is built or run.
read -ra compounds <<< "${COMPOUNDS:-seed-11 seed-13 seed-14 seed-4701 seed-4702}"  # a '*' is a name, not files
for name in "${compounds[@]}"; do
  awk -v n="$name" '$1 == n { found = 1 } END { exit !found }' tools/bench/compounds.txt \
    || refuse "each of COMPOUNDS" "$name" "a name in tools/bench/compounds.txt"
done
out=${1:-target/minute}
made_folder OUTDIR "$out"
# What may run, one list built once for both ONLY's check and the runs: the shared scenarios, COMPOUNDS (made below, in
# OUTDIR) and any other compound OUTDIR holds (seed-*.json, made for another COMPOUNDS; not one this script derived,
# NAME-minuteSEED.json). Until 2026-12-07 ONLY was checked against the first two only, and refused one of the third.
given=()
declare -A listed  # by name: a compound named twice runs once
listed_once() { # path
  local name
  name=$(basename "$1" .json)
  if [[ -z ${listed[$name]:-} ]]; then listed[$name]=1; given+=("$1"); fi
}
for s in "$shared"/scenarios/*.json; do
  if [[ -f $s ]]; then listed_once "$s"; fi
done
for name in "${compounds[@]}"; do listed_once "$out/$name.json"; done
for s in "$out"/seed-*.json; do
  if [[ -f $s && $(basename "$s") != *-minute* ]]; then listed_once "$s"; fi
done
# ONLY matching none of them would be a run of nothing that exits 0.
chosen=()
for s in "${given[@]}"; do
  case "$(basename "$s" .json)" in ${ONLY:-}*) chosen+=("$s") ;; esac
done
(( ${#chosen[@]} > 0 )) \
  || refuse ONLY "${ONLY:-}" "the start of a compound's name (SHARED's scenarios, COMPOUNDS, OUTDIR's seed-*.json)"

for name in "${compounds[@]}"; do
  args=$(awk -v n="$name" '$1 == n { $1 = ""; print }' tools/bench/compounds.txt)
  # shellcheck disable=SC2086
  [ -f "$out/$name.json" ] || python3 "$shared/tools/make-scenario.py" $args --name "$name" -o "$out/$name.json" 2>/dev/null
done

run() { # scenario; prints its score's figures
  local name dir
  name=$(basename "$1" .json)
  dir="$out/$name-orderly"
  java -jar tools/target/orderly.jar simulate "$1" --out "$dir" > /dev/null
  PATH=/usr/bin:$PATH python3 "$shared/tools/score.py" "$1" "$dir" > "$dir/score.json" || true
  python3 - "$dir/score.json" > "$dir.line" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
print(f"violations {s.get('violations')}  overloadKWh {s.get('overloadKWh')}  ratioToBound {s.get('ratioToBound')}"
      f"  deliveredShare {s.get('deliveredShare')}  boundResidentCost {s.get('boundResidentCost')}")
PY
}

scenarios=()
for s in "${chosen[@]}"; do
  name=$(basename "$s" .json)
  scenarios+=("$s")
  for seed in $seeds; do
    [ -f "$out/$name-minute$seed.json" ] || python3 tools/bench/minute-load.py "$s" -o "$out/$name-minute$seed.json" --seed "$seed" ${MINUTE_ARGS:-}
    scenarios+=("$out/$name-minute$seed.json")
  done
done

# The jar only now, after the Python steps above: a scenario they refuse ends the script before a build of minutes.
[ -f tools/target/orderly.jar ] || mvn -B -q -o -pl tools -am package -DskipTests
# two at a time: the machine's two cores (score.py's bound is a single-threaded LP)
for s in "${scenarios[@]}"; do
  run "$s" &
  while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n || true; done
done
wait
for s in "${scenarios[@]}"; do
  printf '%-24s %s\n' "$(basename "$s" .json)" "$(cat "$out/$(basename "$s" .json)-orderly.line")"
done
