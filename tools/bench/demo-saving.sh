#!/usr/bin/env bash
# How soon a first start's saving is known (docs/web.md, "The local page", today's saving; docs/benchmarks.md, "The
# demo's first saving"): runs `orderly demo` (the packaged jar, its 24 piles) RUNS times, each with a fresh data
# directory and on free ports, sets the installer's password through the printed one-time link, signs in, and asks
# /api/overview each second until today's savingYuan is a number; prints the seconds from the log's "control loop
# started" until then, and the cars charging then (the overview's charging). A run that has no saving after LIMIT
# seconds says so.
#
#   tools/bench/demo-saving.sh [RUNS] [LIMIT]     (defaults 3 and 300)
#
# Results to $BENCH_WORK/results.txt (default target/bench/demo-saving). ORDERLY_JAR names the jar (default
# tools/target/orderly.jar, built if missing: mvn -o package, the tests skipped; a copy keeps a build meanwhile from
# replacing it under the running demo).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-3}
limit=${2:-300}
# shellcheck source=tools/lib/checks.sh
source "$ROOT/tools/lib/checks.sh"
arguments 2 "demo-saving.sh [RUNS] [LIMIT]" "$@"
whole_number RUNS "$runs"
whole_number LIMIT "$limit"
program curl curl > /dev/null
program jq jq > /dev/null
# Made (or refused in one line) and made absolute before the cd: a relative BENCH_WORK is from where the script started.
absolute_work "$ROOT/target/bench/demo-saving"
cd "$ROOT"
rm -rf "$work" && mkdir -p "$work"
jar=$(realpath -m "${ORDERLY_JAR:-tools/target/orderly.jar}")
[ -f "$jar" ] || [ -n "${ORDERLY_JAR:-}" ] || mvn -B -q -o -pl tools -am package -DskipTests >&2
readable_file ORDERLY_JAR "$jar" "mvn -B -o -q -pl tools -am package -DskipTests builds it"

# free_base N: a port P with P .. P+N-1 all free on 127.0.0.1 (bound once to see).
free_base() {
  python3 - "$1" << 'PY'
import random, socket, sys
n = int(sys.argv[1])
for _ in range(200):
    base = random.randrange(20000, 60000 - n)
    socks = []
    try:
        for p in range(base, base + n):
            s = socket.socket(); socks.append(s); s.bind(("127.0.0.1", p))
        print(base); break
    except OSError:
        pass
    finally:
        for s in socks: s.close()
else:
    sys.exit("no free run of %d ports" % n)
PY
}

pid=""
trap '[ -z "$pid" ] || kill -TERM "$pid" 2> /dev/null || true' EXIT
{
  echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(java -version 2>&1 | head -1)"
  echo "# git $(git rev-parse --short HEAD), load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
  for run in $(seq "$runs"); do
    base=$(free_base 28)
    log="$work/demo-$run.log"
    java -Dorderly.home="$ROOT" -jar "$jar" demo --data "$work/data-$run" --meter-port "$base" \
      --web-port $((base + 1)) --broker-port $((base + 2)) --first-pile-port $((base + 4)) > "$log" 2>&1 &
    pid=$!
    for _ in $(seq 600); do grep -q "control loop started" "$log" && break; kill -0 "$pid" || break; sleep 0.1; done
    grep -q "control loop started" "$log" || { echo "demo-saving: run $run did not start:" >&2; tail -20 "$log" >&2; exit 1; }
    started=$(date +%s.%N)
    for _ in $(seq 300); do grep -q "#setup=" "$log" && break; sleep 0.1; done
    link=$(grep -o 'http://127\.0\.0\.1:[0-9]*/#setup=[^ ]*' "$log" | head -1)
    page=${link%%/#setup=*}
    curl -sf -o /dev/null -H 'Content-Type: application/json' \
      -d "{\"token\":\"${link##*#setup=}\",\"name\":\"bench\",\"password\":\"bench-password-1\"}" "$page/api/setup"
    curl -sf -o /dev/null -c "$work/cookies-$run" -H 'Content-Type: application/json' \
      -d '{"name":"bench","password":"bench-password-1"}' "$page/api/login"
    result="no saving after $limit s"
    while awk -v s="$started" -v l="$limit" -v now="$(date +%s.%N)" 'BEGIN { exit !(now - s < l) }'; do
      overview=$(curl -sf -b "$work/cookies-$run" "$page/api/overview" || echo '{}')
      if [ "$(jq -r '.today.savingYuan // "null"' <<< "$overview")" != null ]; then
        result=$(jq -r --arg s "$(awk -v s="$started" -v now="$(date +%s.%N)" 'BEGIN { printf "%.0f", now - s }')" \
          '"saving known \($s) s after the control loop started: ¥\(.today.savingYuan), \(.charging) cars charging"' \
          <<< "$overview")
        break
      fi
      sleep 1
    done
    echo "run $run: $result; load average $(cut -d' ' -f1 /proc/loadavg)"
    kill -TERM "$pid"; wait "$pid" || true; pid=""
  done
  echo "# load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$work/results.txt"
