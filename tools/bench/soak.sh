#!/usr/bin/env bash
# A soak of the whole demo: `orderly demo --speed 60` (-Xmx256m) against a Mosquitto of its own for MINUTES, on
# ports of its own (web 28080, meter 25020, bridges 25701..25724, broker 21883; loopback only), while a client
# polls the page's API as a browser would (me, overview, piles every ~3 s; chart, events, status, a 4 s live stream
# and an MQTT v5 subscriber that takes 5 messages every ~15 s; a fresh sign-in every ~100 s) and the broker is
# killed and started again 20 s later every ~3.5 min. Once a minute (after a forced GC) it samples into
# OUT/samples.csv: RSS, heap used after the GC, old generation, metaspace, threads, open fds, TCP connections,
# the store's file sizes and row counts; then prints start, end and the least-squares slope per hour of each
# series after WARMUP seconds (default 600). Stops the demo with SIGTERM (its clean shutdown).
#
#   tools/bench/soak.sh [MINUTES] [OUT]      (defaults 40 and target/bench/soak)
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes=${1:-40}
source tools/lib/checks.sh  # the working directory is the repository's root
arguments 2 "soak.sh [MINUTES] [OUT]" "$@"
whole_number MINUTES "$minutes"
whole_number_or_zero WARMUP "${WARMUP:-600}"
mosquitto=$(program mosquitto mosquitto)
for needed in mosquitto_sub:mosquitto-clients sqlite3:sqlite3 curl:curl; do program "${needed%:*}" "${needed#*:}" > /dev/null; done
made_folder OUT "${2:-target/bench/soak}"
out=$(cd "${2:-target/bench/soak}" && pwd)
rm -rf "$out/data" "$out"/*.csv "$out"/*.log "$out/cookies" "$out/broker.pid"
[ -f tools/target/orderly.jar ] || mvn -B -q -o -pl tools -am package -DskipTests  # never install: ~/.m2 is shared
web=http://127.0.0.1:28080
printf 'listener 21883 127.0.0.1\nallow_anonymous true\npersistence false\n' > "$out/mosquitto.conf"
"$mosquitto" -c "$out/mosquitto.conf" >> "$out/mosquitto.log" 2>&1 &
echo $! > "$out/broker.pid"
java -Xmx256m -Dorderly.home="$PWD" -jar tools/target/orderly.jar demo --data "$out/data" --web-port 28080 \
  --meter-port 25020 --first-pile-port 25701 --broker tcp://127.0.0.1:21883 --speed 60 \
  > "$out/demo.out" 2> "$out/demo.log" &
pid=$!
trap 'kill -TERM "$pid" "$(cat "$out/broker.pid")" 2>/dev/null || true' EXIT
for _ in $(seq 60); do grep -q "setup=" "$out/demo.out" && break; sleep 1; done
token=$(grep -o 'setup=[A-Za-z0-9_-]*' "$out/demo.out" | head -1 | cut -d= -f2)
curl -sf -o /dev/null -c "$out/cookies" -H 'Content-Type: application/json' \
  -d "{\"token\":\"$token\",\"name\":\"soak\",\"password\":\"soak-password-123\"}" "$web/api/setup"

count() { sqlite3 -readonly "file:$out/data/orderly.db?mode=ro" "select count(*) from $1" 2>/dev/null || echo NA; }
sample() {
  echo "utc,elapsed_s,rss_kb,heap_after_gc_kb,old_used_kb,meta_kb,threads,fds,tcp_conns,db_bytes,wal_bytes,outbox_rows,events_rows,readings_rows,sessions_rows,plans_rows,plan_slots_rows,datadir_bytes" > "$out/samples.csv"
  local t0 now
  t0=$(date +%s)
  while kill -0 "$pid" 2>/dev/null; do
    now=$(date +%s)
    jcmd "$pid" GC.run > /dev/null 2>&1 || true
    sleep 2
    local heap gc
    heap=$(jcmd "$pid" GC.heap_info 2>/dev/null | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+')
    gc=$(jstat -gc "$pid" 2>/dev/null | tail -1)
    echo "$(date -u +%FT%TZ),$((now - t0)),$(ps -o rss= -p "$pid" | tr -d ' '),$heap,$(echo "$gc" | awk '{print int($8)}'),$(echo "$gc" | awk '{print int($10)}'),$(ls "/proc/$pid/task" | wc -l),$(ls "/proc/$pid/fd" | wc -l),$(ss -tanp 2>/dev/null | grep -c "pid=$pid,"),$(stat -c %s "$out/data/orderly.db"),$(stat -c %s "$out/data/orderly.db-wal" 2>/dev/null || echo 0),$(count outbox),$(count events),$(count readings),$(count sessions),$(count plans),$(count plan_slots),$(du -sb "$out/data" | cut -f1)" >> "$out/samples.csv"
    sleep $((60 - ($(date +%s) - now)))
  done
}
load() {
  local n=0 p
  while kill -0 "$pid" 2>/dev/null; do
    n=$((n + 1))
    for p in me overview piles; do curl -s -o /dev/null -w "%{http_code} $p\n" -b "$out/cookies" "$web/api/$p"; done
    if (( n % 5 == 0 )); then
      for p in chart "events?hours=24" status; do curl -s -o /dev/null -w "%{http_code} $p\n" -b "$out/cookies" "$web/api/$p"; done
      timeout 4 curl -s -N -b "$out/cookies" -H 'Accept: text/event-stream' "$web/api/live" > /dev/null && echo "sse $?" || echo "sse $?"
      timeout 5 mosquitto_sub -h 127.0.0.1 -p 21883 -V mqttv5 -t 'orderly/v1/demo/#' -C 5 > /dev/null && echo "mqtt 0" || echo "mqtt $?"
    fi
    if (( n % 30 == 0 )); then
      curl -s -o /dev/null -w "%{http_code} login\n" -c "$out/cookies" -H 'Content-Type: application/json' \
        -d '{"name":"soak","password":"soak-password-123"}' "$web/api/login"
    fi
    if (( n % 60 == 0 )); then
      kill "$(cat "$out/broker.pid")"; echo "broker down $(date -u +%T)"; sleep 20
      "$mosquitto" -c "$out/mosquitto.conf" >> "$out/mosquitto.log" 2>&1 &
      echo $! > "$out/broker.pid"; echo "broker up $(date -u +%T)"
    fi
    sleep 2
  done
}
sample &
sampler=$!
load > "$out/load.log" 2>&1 &
loader=$!
sleep $((minutes * 60))
kill -TERM "$pid"
wait "$pid" || true
wait "$sampler" "$loader" || true
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1); requests: $(grep -c '^200' "$out/load.log") answered 200 of $(grep -c '^[0-9]' "$out/load.log") (000: sent after the stop)"
python3 "$(dirname "$0")/soak-slope.py" "$out/samples.csv" "${WARMUP:-600}"
