#!/usr/bin/env bash
# Load benchmark of the grid side (docs/benchmarks.md, "Aggregate"): a Mosquitto 2 on a free loopback port, two
# `orderly aggregate` JVMs sharing one subscription, and GATEWAYS simulated gateways (one JVM, a Paho MQTT v5
# connection each) publishing telemetry every PERIOD seconds for SECONDS. Then aggregate-load.py checks that every
# acknowledged message reached an instance (by gatewayId and seq across the instances' journals) and reports the
# split, throughput and end-to-end lag (publish to aggregation).
#
#   tools/bench/aggregate-load.sh [SECONDS] [GATEWAYS] [PERIOD]     (defaults 300, 1000, 10)
#
# Needs Debian's mosquitto. Results and logs go to target/bench/aggregate-load/.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-300}
gateways=${2:-1000}
period=${3:-10}
source tools/lib/checks.sh  # the working directory is the repository's root
arguments 3 "aggregate-load.sh [SECONDS] [GATEWAYS] [PERIOD]" "$@"
whole_number SECONDS "$seconds"
whole_number GATEWAYS "$gateways"
whole_number PERIOD "$period"
one_of BENCH_BUILD "${BENCH_BUILD:-1}" 0 1
mosquitto=$(program mosquitto mosquitto)
work=target/bench/aggregate-load
rm -rf "$work" && mkdir -p "$work"
# Build through the reactor, never `install`: the jar and the test classes (the fleet) are what we need.
if [ ! -f tools/target/orderly.jar ] || [ "${BENCH_BUILD:-1}" = 1 ]; then
  mvn -B -q -o -pl tools -am package -DskipTests
fi
cp tools/target/orderly.jar "$work/orderly.jar"        # a snapshot: other builds may replace the original
cp -r tools/target/test-classes "$work/test-classes"
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1), $($mosquitto -h | head -1)"
echo "# $gateways gateways, telemetry every $period s, for $seconds s"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/mosquitto.conf" <<CONF
listener $port 127.0.0.1
allow_anonymous true
persistence false
max_queued_messages 100000
log_dest stderr
log_type error
log_type warning
CONF
ulimit -n 20000 2>/dev/null || true
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
"$mosquitto" -c "$work/mosquitto.conf" 2> "$work/mosquitto.log" & pids+=($!)
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

url="tcp://127.0.0.1:$port"
for i in 1 2; do
  java -Xmx256m -jar "$work/orderly.jar" aggregate --broker "$url" --plaintext --client-id "agg-$i" --group bench \
    --out "$work/agg-$i.csv" --journal "$work/agg-$i.jsonl" > "$work/agg-$i.log" 2>&1 &
  pids+=($!)
done
for i in 1 2; do
  for _ in $(seq 100); do grep -q "group bench" "$work/agg-$i.log" && break; sleep 0.2; done
done
java -Xmx1g -Xss512k -cp "$work/test-classes:$work/orderly.jar" org.orderly.tools.bench.GatewayFleet "$url" \
  "$gateways" "$period" "$seconds" "$work/fleet-summary.txt" 2>&1 | tee "$work/fleet.log" | grep -v "^fleet: .* failed" || true
# SIGTERM: each aggregate writes its open buckets and its totals, then exits.
sleep 3
for p in "${pids[@]:1}"; do kill -TERM "$p"; wait "$p" || true; done
grep -h "aggregate agg-" "$work"/agg-*.log | grep received || true
python3 tools/bench/aggregate-load.py "$work/fleet-summary.txt" "$work/agg-1.jsonl" "$work/agg-2.jsonl"
# How complete each instance's own rows were (gateways per bucket; the first and last buckets are partial).
for i in 1 2; do
  echo "agg-$i rows, gateways per bucket: $(tail -n +2 "$work/agg-$i.csv" | cut -d, -f4 | tr '\n' ' ')"
done
