#!/usr/bin/env bash
# How fast one `orderly aggregate --journal` drains a backlog (docs/benchmarks.md, "The journal forced before the ack",
# under "Aggregate"): a Mosquitto 2 on a free loopback port; the instance subscribes once (session expiry 600 s) and
# stops; MESSAGES telemetry messages of one gateway are published QoS 1 into its session; the instance starts again
# and takes the backlog as fast as it can. Throughput is the journal's count over the span of its receivedAt
# times. Mosquitto's default of 20 unacknowledged messages per client applies, so the figure includes the wait for
# each PUBACK (which the instance sends only once the journal line is on the disk).
#
#   tools/bench/aggregate-journal.sh [MESSAGES]     (default 20000)
#   TELEMETRY=current tools/bench/aggregate-journal.sh
#
# TELEMETRY=short (the default, the message the throughput figures of 2026-12-01 were measured with) publishes a
# telemetry of a few fields with short figures; TELEMETRY=current one with every field of docs/upstream.md's
# telemetry, its figures full-precision doubles as a control cycle computes them. The last line says the journal's
# bytes a line (what a day of telemetry costs its disk: docs/aggregate.md, "Footprint").
#
# Needs Debian's mosquitto and mosquitto_pub. Uses tools/target/orderly.jar as built (mvn -B -o -q package
# -DskipTests). Results and logs go to target/bench/aggregate-journal/.
set -euo pipefail
cd "$(dirname "$0")/../.."
messages=${1:-20000}
source tools/lib/checks.sh  # the working directory is the repository's root
arguments 1 "aggregate-journal.sh [MESSAGES]" "$@"
whole_number MESSAGES "$messages"
telemetry=${TELEMETRY:-short}
one_of TELEMETRY "$telemetry" short current
readable_file "the jar" tools/target/orderly.jar "mvn -B -o -q -pl tools -am package -DskipTests builds it"
mosquitto=$(program mosquitto mosquitto)
program mosquitto_pub mosquitto-clients > /dev/null
work=target/bench/aggregate-journal
rm -rf "$work" && mkdir -p "$work"
cp tools/target/orderly.jar "$work/orderly.jar"        # a snapshot: other builds may replace the original
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $($mosquitto -h | head -1)"
echo "# a backlog of $messages messages, one instance with --journal on $(df --output=source "$work" | tail -1)"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/mosquitto.conf" <<CONF
listener $port 127.0.0.1
allow_anonymous true
persistence false
max_queued_messages 0
log_dest stderr
log_type error
log_type warning
CONF
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
"$mosquitto" -c "$work/mosquitto.conf" 2> "$work/mosquitto.log" & pids+=($!)
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
url="tcp://127.0.0.1:$port"

aggregate() {  # $1: the log; runs until SIGTERM
  java -Xmx256m -jar "$work/orderly.jar" aggregate --broker "$url" --plaintext --client-id agg-j --group bench \
    --session-expiry 600 --out "$work/agg.csv" --journal "$work/agg.jsonl" > "$1" 2>&1 &
  agg=$!
  for _ in $(seq 150); do grep -q "group bench" "$1" && return; sleep 0.2; done
  echo "the instance did not start; see $1" >&2; exit 1
}

aggregate "$work/agg-subscribe.log"         # only to leave a session with the broker
kill -TERM "$agg"; wait "$agg" || true

python3 - "$messages" "$telemetry" > "$work/backlog.txt" <<'PY'
import random, sys
from datetime import datetime, timezone
ts = datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")  # microseconds, as Java 17's system clock gives
rnd = random.Random(55)
for seq in range(int(sys.argv[1])):
    if sys.argv[2] == "short":
        print('{"v":1,"type":"telemetry","id":"bench-gw:%d","seq":%d,"gatewayId":"bench-gw","ts":"%s",'
              '"transformerKw":101.0,"baseKw":100.0,"evKw":1.0,"limitKw":400.0,'
              '"flex":{"shedKw":1.0,"addKw":299.0},"mode":"normal"}' % (seq, seq, ts))
        continue
    # docs/upstream.md's telemetry with every field, its figures as a cycle computes them (differences and sums of
    # readings: a double's full precision, as Java writes it; Python's repr writes the same shortest digits).
    transformer = 300 + 300 * rnd.random()
    ev = 60 * rnd.random()
    base = transformer - ev
    a, b, c = (transformer * 1000 / 230 / 3 * (0.95 + 0.1 * rnd.random()) for _ in range(3))
    print('{"v":1,"type":"telemetry","id":"bench-gw:%d","seq":%d,"gatewayId":"bench-gw","ts":"%s",'
          '"transformerKw":%r,"baseKw":%r,"baseBound":false,"evKw":%r,"evUnmeasuredKw":0.0,"limitKw":600.0,'
          '"headroomKw":%r,"phaseCurrentsA":{"A":%r,"B":%r,"C":%r},"flex":{"shedKw":%r,"addKw":%r},"mode":"normal",'
          '"piles":{"total":120,"plugged":31,"charging":9,"offline":0,"unmeasured":0}}'
          % (seq, seq, ts, transformer, base, ev, 600 - transformer, a, b, c, ev, 600 - transformer))
PY
mosquitto_pub -h 127.0.0.1 -p "$port" -V mqttv5 -q 1 -t orderly/v1/bench-gw/telemetry -l < "$work/backlog.txt"

aggregate "$work/agg.log"
pids+=("$agg")
for _ in $(seq 1200); do
  [ "$(wc -l < "$work/agg.jsonl")" -ge "$messages" ] && break
  sleep 0.5
done
kill -TERM "$agg"; wait "$agg" || true
grep -h "received" "$work/agg.log" || true
python3 - "$work/agg.jsonl" "$messages" <<'PY'
import json, sys
from datetime import datetime
times = [datetime.fromisoformat(json.loads(l)["receivedAt"].replace("Z", "+00:00")).timestamp()
         for l in open(sys.argv[1])]
span = max(times) - min(times)
print(f"journalled {len(times)} of {sys.argv[2]} in {span:.2f} s: {(len(times) - 1) / span:.0f} messages/s")
PY
lines=$(wc -l < "$work/agg.jsonl")
journal_bytes=$(wc -c < "$work/agg.jsonl")
payload_bytes=$(wc -c < "$work/backlog.txt")
echo "journal: $lines lines, $journal_bytes bytes, $((journal_bytes / lines)) bytes a line" \
  "(telemetry $telemetry: $((payload_bytes / messages - 1)) bytes a message)"
