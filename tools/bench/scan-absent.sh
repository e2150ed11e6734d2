#!/usr/bin/env bash
# What a unit that does not answer costs `orderly modbus scan` on a serial line (docs/operations.md, "Installing and
# commissioning"): a socat pty pair with nothing on its other end; for each --timeout-ms, the scan of unit 1 alone
# and of units 1-21 are timed (the JVM's start in both), REPS times by turns, and the difference of their medians over
# 20 is the cost of one absent unit: the code's own bound (ScanEstimate) plus what the machine takes to get round to
# each step.
#
#   tools/bench/scan-absent.sh [TIMEOUTS] [REPS]     (defaults "100 300 1000" and 3)
#
# Needs socat; uses tools/target/orderly.jar as built (mvn -B -o -q package -DskipTests). Logs in
# target/bench/scan-absent.
set -euo pipefail
cd "$(dirname "$0")/../.."
timeouts=${1:-100 300 1000}
reps=${2:-3}
source tools/lib/checks.sh  # the working directory is the repository's root
arguments 2 "scan-absent.sh [TIMEOUTS] [REPS]" "$@"
each_of whole_number TIMEOUTS "$timeouts"
whole_number REPS "$reps"
readable_file "the jar" tools/target/orderly.jar "mvn -B -o -q -pl tools -am package -DskipTests builds it"
program socat socat > /dev/null
program bc bc > /dev/null
work=$(realpath -m target/bench/scan-absent)
rm -rf "$work" && mkdir -p "$work"
cp tools/target/orderly.jar "$work/orderly.jar"        # a snapshot: other builds may replace the original
socat pty,raw,echo=0,link="$work/line" pty,raw,echo=0,link="$work/other" 2> "$work/socat.log" &
socat_pid=$!
trap 'kill -TERM "$socat_pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -e "$work/line" ] && break; sleep 0.1; done
cpu=$(lscpu | sed -n 's/^Model name: *//p')
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores ($cpu), load average $(cut -d' ' -f1-3 /proc/loadavg)"
scan() {  # $1 timeout, $2 units: prints the wall seconds
  local start end
  start=$(date +%s.%N)
  java -jar "$work/orderly.jar" modbus scan --port "$work/line" --units "$2" --timeout-ms "$1" \
    > "$work/scan-$1-$2.log" 2>&1 || true     # exits non-zero when nothing answers
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "| --timeout-ms | unit 1 alone, s (median of $reps) | units 1-21, s (median of $reps) | an absent unit, s |"
echo "|---|---|---|---|"
for t in $timeouts; do
  ones=() ; many=()
  for _ in $(seq "$reps"); do
    ones+=("$(scan "$t" 1-1)")
    many+=("$(scan "$t" 1-21)")
  done
  one=$(printf '%s\n' "${ones[@]}" | median)
  all=$(printf '%s\n' "${many[@]}" | median)
  printf '| %s | %.2f | %.2f | %.3f |\n' "$t" "$one" "$all" "$(echo "($all - $one) / 20" | bc -l)"
done
echo "# load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
