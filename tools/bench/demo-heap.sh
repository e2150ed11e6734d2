#!/usr/bin/env bash
# The gateway's heap with many simulated piles: runs `orderly demo --piles PILES` (the packaged jar) under
# -Xmx128m with the serial collector and a GC log for SECONDS, forces one full GC near the end (jcmd GC.run, if
# jcmd is there) so the live set is measured, stops it with SIGTERM (the demo's clean shutdown) and reports:
# OutOfMemoryError or not, the heap after the last full GC and after the last GC, the most heap ever in use
# (occupancy just before a collection), and control cycles completed against expected.
# The demo hosts the simulated meter and every firmware-bridge in the same JVM, so the figures are an upper bound
# for the gateway alone. With GATEWAY_ONLY=1 the meter and bridges run in a JVM of their own
# (`demo --no-gateway`, -Xmx1g) and the measured JVM is the gateway alone: `orderly run --config DATA/demo-PILES.yaml`.
#
#   tools/bench/demo-heap.sh [SECONDS] [PILES]     (defaults 120 and 300)
#   GATEWAY_ONLY=1 tools/bench/demo-heap.sh 300
#   DEMO_ARGS="--meter-port 15020 --first-pile-port 15101" tools/bench/demo-heap.sh   (beside a running demo)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-120}
piles=${2:-300}
source tools/lib/checks.sh  # the working directory is the repository's root
arguments 2 "demo-heap.sh [SECONDS] [PILES]" "$@"
whole_number SECONDS "$seconds"
whole_number PILES "$piles"
xmx=${XMX:-128m}
heap_size XMX "$xmx"
one_of GATEWAY_ONLY "${GATEWAY_ONLY:-0}" 0 1
work=target/bench/demo-heap
rm -rf "$work" && mkdir -p "$work"
[ -f tools/target/orderly.jar ] || mvn -B -q -o -pl tools -am package -DskipTests  # never install: ~/.m2 is shared
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1)"
jvm=(java "-Xmx$xmx" -XX:+UseSerialGC "-Xlog:gc:file=$work/gc.log" -Dorderly.home="$PWD" -jar tools/target/orderly.jar)
peers=""
if [ "${GATEWAY_ONLY:-0}" = 1 ]; then
  java -Xmx1g -Dorderly.home="$PWD" -jar tools/target/orderly.jar demo --no-gateway --piles "$piles" \
    --data "$work/data" ${DEMO_ARGS:-} > "$work/peers.log" 2>&1 &
  peers=$!
  trap 'kill -TERM "$peers" 2>/dev/null || true' EXIT
  for _ in $(seq 60); do grep -q "no gateway" "$work/peers.log" && break; sleep 1; done
  grep -q "no gateway" "$work/peers.log" || { echo "demo-heap: the peers did not start:" >&2; tail -20 "$work/peers.log" >&2; exit 1; }
  cmd=("${jvm[@]}" run --config "$work/data/demo-$piles.yaml")
else
  cmd=("${jvm[@]}" demo --piles "$piles" --data "$work/data" ${DEMO_ARGS:-})
fi
echo "# ${cmd[*]}   (for $seconds s, then SIGTERM)"
"${cmd[@]}" > "$work/out.log" 2>&1 &
pid=$!
trap 'kill -KILL "$pid" 2>/dev/null || true; [ -z "$peers" ] || kill -TERM "$peers" 2>/dev/null || true' EXIT
sleep $((seconds > 10 ? seconds - 5 : seconds))
if ! kill -0 "$pid" 2>/dev/null; then
  echo "demo-heap: the demo exited early; its output:" >&2
  tail -40 "$work/out.log" >&2
  exit 1
fi
threads=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo "?")
rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo "?")
if [ "$seconds" -gt 10 ] && command -v jcmd > /dev/null; then
  jcmd "$pid" GC.run > /dev/null
  sleep 5
fi
kill -TERM "$pid"
stopped_in=0
while kill -0 "$pid" 2>/dev/null && [ "$stopped_in" -lt 30 ]; do sleep 1; stopped_in=$((stopped_in + 1)); done
if kill -0 "$pid" 2>/dev/null; then
  echo "demo-heap: not stopped 30 s after SIGTERM; killing it" >&2
  kill -KILL "$pid"
fi
wait "$pid" && rc=0 || rc=$?
trap - EXIT
if [ -n "$peers" ]; then
  kill -TERM "$peers" 2>/dev/null || true
  wait "$peers" || true
  grep -E "bridges hold a lease" "$work/peers.log" | tail -1 | sed 's/^/peers: /'
fi
python3 tools/bench/heap-report.py "$work" "$rc" "$threads" "$rss_kb" "$stopped_in"
