#!/usr/bin/env bash
# Makes every compound docs/scheduler.md measures (tools/bench/compounds.txt: a name and the
# make-scenario.py arguments per line), simulates each with the product's policy (or $POLICY), scores
# it with ../shared/tools/score.py's own code and bound, and prints a line per compound and a summary:
# worst ratio, mean ratio, worst delivered share minus the bound's (points), and how many compounds
# fail a done criterion of issue 2 (ratio above 1.20, or a share more than a point below the bound's, both shares
# as score.py prints them: rounded to four decimals).
#
#   tools/bench/score-compounds.sh [OUTDIR]     (default target/compounds; 2 min 52 s on this 2-core machine, measured)
#   POLICY=clairvoyant tools/bench/score-compounds.sh
#   ONLY='seed-8' tools/bench/score-compounds.sh  # the compounds whose name starts with this
#   BELIEFS=1 tools/bench/score-compounds.sh      # also how calibrated the beliefs were (belief-calibration.py)
#   RISK_AVERSION=2.5 tools/bench/score-compounds.sh  # plan with another riskAversion (simulate --risk-aversion)
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=${SHARED:-../shared}
# shellcheck source=tools/lib/checks.sh
source tools/lib/checks.sh  # the working directory is the repository's root
arguments 1 "score-compounds.sh [OUTDIR]" "$@"
readable_file "SHARED's make-scenario.py" "$shared/tools/make-scenario.py"
readable_file "SHARED's score.py" "$shared/tools/score.py"
one_of BELIEFS "${BELIEFS:-0}" 0 1
# ONLY matching no compound would be a run of nothing, then a traceback of a summary of none.
matched=0
for name in "$shared"/scenarios/*.json $(grep -v '^#' tools/bench/compounds.txt | cut -d' ' -f1); do
  case "$(basename "$name" .json)" in ${ONLY:-}*) matched=1 ;; esac
done
[ "$matched" = 1 ] || refuse ONLY "${ONLY:-}" "the start of a compound's name (SHARED's scenarios, tools/bench/compounds.txt)"
out=${1:-target/compounds}
made_folder OUTDIR "$out"
policy=${POLICY:-orderly}
options=()  # simulate's, beyond the policy
[ "${BELIEFS:-0}" = 1 ] && options+=(--beliefs)
[ -n "${RISK_AVERSION:-}" ] && options+=(--risk-aversion "$RISK_AVERSION")
: > "$out/simulated-$policy.txt"
[ -f tools/target/orderly.jar ] || mvn -B -q -o -pl tools -am package -DskipTests

run() { # name scenario
  local dir="$out/$1-$policy"
  java -jar tools/target/orderly.jar simulate "$2" --out "$dir" --policy "$policy" "${options[@]}" > /dev/null
  printf '%s\n%s\n' "$2" "$dir" >> "$out/simulated-$policy.txt"
  echo "$1 $(python3 tools/bench/bound-share.py "$shared/tools" "$2" "$dir")"
}

{
  for s in "$shared"/scenarios/*.json; do
    case "$(basename "$s" .json)" in ${ONLY:-}*) run "$(basename "$s" .json)" "$s" ;; esac
  done
  grep -v '^#' tools/bench/compounds.txt | while read -r name args; do
    case "$name" in ${ONLY:-}*) ;; *) continue ;; esac
    # shellcheck disable=SC2086
    [ -f "$out/$name.json" ] || python3 "$shared/tools/make-scenario.py" $args --name "$name" -o "$out/$name.json" 2>/dev/null
    run "$name" "$out/$name.json"
  done
} | tee "$out/scores-$policy.txt"

python3 - "$out/scores-$policy.txt" <<'PY'
import json, sys
rows = [(l.split()[0], json.loads(l[l.index("{"):])) for l in open(sys.argv[1]) if "{" in l]
ratio = [r["ratioToBound"] for _, r in rows]
gap = [100 * (r["deliveredShare"] - r["boundShare"]) for _, r in rows]
# score.py rounds shares to 4 decimals: a share exactly a point below the bound's meets the criterion
failing = [n for n, r in rows if r["ratioToBound"] > 1.20 or 100 * (r["deliveredShare"] - r["boundShare"]) < -1.0 - 1e-9
           or r["violations"] or r["overloadKWh"] > 0]
print(f"{len(rows)} compounds: worst ratio {max(ratio):.4f}, mean {sum(ratio) / len(ratio):.4f}, "
      f"worst share {min(gap):+.2f} points; failing {len(failing)}: {' '.join(failing)}")
PY

if [ "${BELIEFS:-0}" = 1 ]; then
  mapfile -t simulated < "$out/simulated-$policy.txt"  # scenario and folder, a line each
  python3 tools/bench/belief-calibration.py "${simulated[@]}"
fi
