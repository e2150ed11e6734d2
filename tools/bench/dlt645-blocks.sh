#!/usr/bin/env bash
# How long a DL/T 645 transformer meter's poll takes read one quantity at a time and with block reads, side by side in
# one run: Dlt645BlockBench (the gateway's test classes) drives the poller on a socat pty at 2400 baud even against the
# simulated meter (gateway/src/test/resources/field/dlt645_meter.py), which holds each reply back for the time the
# request and the reply take on a 2400 baud 8E1 wire plus the meter's reply delay. See docs/benchmarks.md,
# "DL/T 645 block reads". Needs socat and Debian's python3-serial.
#
#   tools/bench/dlt645-blocks.sh                                  # about a minute
#   BENCH_POLLS=15 BENCH_REPLY_DELAYS_MS="20 100 300" tools/bench/dlt645-blocks.sh
#
# Environment: BENCH_POLLS (polls of each kind, default 9), BENCH_REPLY_DELAYS_MS (the meter's delay before answering,
# default "20 100"), BENCH_OUT (the table; default ${TMPDIR:-/tmp}/orderly-bench/dlt645-blocks-DATE.md).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${TMPDIR:-/tmp}/orderly-bench
OUT=${BENCH_OUT:-$WORK/dlt645-blocks-$(date +%Y%m%d-%H%M%S).md}
# shellcheck source=tools/lib/checks.sh
source "$ROOT/tools/lib/checks.sh"
arguments 0 "dlt645-blocks.sh (no arguments; the environment sets it, as its first lines say)" "$@"
whole_number BENCH_POLLS "${BENCH_POLLS:-9}"
each_of whole_number_or_zero BENCH_REPLY_DELAYS_MS "${BENCH_REPLY_DELAYS_MS:-20 100}"
# The table's folder, made or refused in one line, exit 2: until 2026-12-07 mkdir's line (exit 1), or for a BENCH_OUT
# of --help/t.md mkdir's help and the run on.
made_folder "BENCH_OUT's folder" "$(dirname -- "$OUT")"
# Absolute before the cd: the bench writes it from the gateway's folder, where Maven runs its tests, and the table was
# then looked for under the root, so a relative BENCH_OUT was written elsewhere or not at all and `cat` failed (until
# 2026-12-07).
OUT=$(realpath -m -- "$OUT")
program socat socat > /dev/null
cd "$ROOT"
echo "== $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
ORDERLY_BENCH_DLT645="$OUT" mvn -B -o -q -pl gateway -am test -Dtest=Dlt645BlockBench \
  -Dsurefire.failIfNoSpecifiedTests=false
echo "== load after $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$OUT"
