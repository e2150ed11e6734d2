#!/usr/bin/env bash
# What silent piles cost `orderly selftest` (docs/operations.md, "Installing and commissioning"): three plain
# firmware-bridges with simulated cars on 127.0.0.1, and a transformer meter whose port refuses; `orderly selftest
# --config FILE` (--wait-s 5, the default) is timed, the JVM's start included, with 0, 1, 2 and 3 of the bridges
# stopped (SIGSTOP, so they take the request and never answer), REPS times each by turns. The piles are read side by
# side, so a silent pile costs its own --wait-s, not the others' too.
#
#   tools/bench/selftest-silent.sh [REPS]     (default 3)
#
# Uses tools/target/orderly.jar as built (mvn -B -o -q package -DskipTests). Logs in target/bench/selftest-silent.
set -euo pipefail
cd "$(dirname "$0")/../.."
reps=${1:-3}
source tools/lib/checks.sh  # the working directory is the repository's root
arguments 1 "selftest-silent.sh [REPS]" "$@"
whole_number REPS "$reps"
program bc bc > /dev/null
readable_file "the jar" tools/target/orderly.jar "mvn -B -o -q -pl tools -am package -DskipTests builds it"
work=$(realpath -m target/bench/selftest-silent)
rm -rf "$work" && mkdir -p "$work"
cp tools/target/orderly.jar "$work/orderly.jar"        # a snapshot: other builds may replace the original
read -r meter p1 p2 p3 < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(4)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])')
ports=("$p1" "$p2" "$p3")
pids=()
cleanup() { for p in "${pids[@]}"; do kill -CONT "$p" 2>/dev/null || true; kill -TERM "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
for i in 0 1 2; do
  java -cp "$work/orderly.jar" org.orderly.bridge.BridgeMain --pile "p0$((i + 1))" --bind 127.0.0.1 \
    --port "${ports[$i]}" --plain --simulate-vehicle > "$work/bridge-$i.log" 2>&1 &
  pids+=($!)
done
cat > "$work/selftest.yaml" <<YAML
gatewayId: bench
compound:
  transformer: { limitKw: 32, phaseLimitA: 44, phaseVoltageV: 220 }
  circuits:
    - { id: garage-01, limitKw: 60 }
  piles:
    - { id: p01, phase: A, maxA: 32, circuit: garage-01, driver: { coap: { host: 127.0.0.1, port: $p1, plain: true } } }
    - { id: p02, phase: B, maxA: 32, circuit: garage-01, driver: { coap: { host: 127.0.0.1, port: $p2, plain: true } } }
    - { id: p03, phase: C, maxA: 32, circuit: garage-01, driver: { coap: { host: 127.0.0.1, port: $p3, plain: true } } }
meters:
  transformer: { bus: room, unit: 1, map: eastron-sdm630 }
buses:
  - { name: room, tcp: { host: 127.0.0.1, port: $meter }, timing: { gapMs: 0, timeoutMs: 300, retries: 1 } }
tariff:
  zone: Asia/Shanghai
  periods:
    - { from: "00:00", to: "24:00", price: 0.50 }
control: { periodMs: 1000, staleAfterMs: 3000, safeEvKw: 5.1 }
store: { path: $work/orderly.db }
YAML
# Every bridge answers before the timing starts.
for _ in $(seq 60); do
  java -jar "$work/orderly.jar" selftest --config "$work/selftest.yaml" > "$work/ready.log" 2>&1 || true
  [ "$(grep -c '^p0[123] .* PASS' "$work/ready.log")" = 3 ] && break
  sleep 1
done
[ "$(grep -c '^p0[123] .* PASS' "$work/ready.log")" = 3 ] || { echo "the bridges did not answer:" >&2; cat "$work/ready.log" >&2; exit 1; }
cpu=$(lscpu | sed -n 's/^Model name: *//p')
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores ($cpu), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| bridges stopped | selftest wall times, s | median |"
echo "|---|---|---|"
for stopped in 0 1 2 3; do
  times=()
  for _ in $(seq "$reps"); do
    for i in $(seq 0 $((stopped - 1))); do kill -STOP "${pids[$i]}"; done
    start=$(date +%s.%N)
    java -jar "$work/orderly.jar" selftest --config "$work/selftest.yaml" > "$work/selftest-$stopped.log" 2>&1 || true
    end=$(date +%s.%N)
    for i in $(seq 0 $((stopped - 1))); do kill -CONT "${pids[$i]}"; done
    times+=("$(echo "$end - $start" | bc -l)")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  printf '| %s | %s | %.2f |\n' "$stopped" "$(printf '%.2f ' "${times[@]}")" "$median"
done
echo "# load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
