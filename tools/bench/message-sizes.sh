#!/usr/bin/env bash
# The size of the largest messages the gateway sends the grid side (docs/benchmarks.md, "Message sizes"):
# MessageSizeBench (gateway test classes) writes a day's cmd/history answer as the gateway does, for a day of round
# figures, one without EV load and one with every figure a full-precision mean, and a 97-slot plan, and prints each
# payload's bytes and the history answer's PUBLISH packet bytes as the gateway counts them against the broker's limit.
# The sizes do not depend on the machine; they change only with the messages' form.
#
#   tools/bench/message-sizes.sh [MINUTES]     (default 1440, a day)
#
# Results to $BENCH_WORK/results.txt (default target/bench/message-sizes). Compiles the gateway's classes first
# (mvn -o test-compile; gateway-classpath.sh).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
minutes=${1:-1440}
# shellcheck source=tools/lib/checks.sh
source "$ROOT/tools/lib/checks.sh"
arguments 1 "message-sizes.sh [MINUTES]" "$@"
whole_number MINUTES "$minutes"
# shellcheck source=tools/bench/gateway-classpath.sh
source "$ROOT/tools/bench/gateway-classpath.sh"
bench_work message-sizes  # before the cd: a relative BENCH_WORK is of the folder the script was started in
cd "$ROOT"
gateway_bench org.orderly.gateway.upstream.command.MessageSizeBench "$minutes"
