#!/usr/bin/env bash
# How long a sign-in's password check takes on this machine (docs/benchmarks.md, "A sign-in's password check";
# docs/web.md, "Monitoring"): PasswordCheckBench (gateway test classes) times RUNS checks of PasswordHash.matches
# (PBKDF2-HMAC-SHA256, 600,000 rounds) after one to warm up, and prints each and the median. The figure is the
# machine's: a Raspberry Pi-class core is slower.
#
#   tools/bench/password-check.sh [RUNS]     (default 7)
#
# Results to $BENCH_WORK/results.txt (default target/bench/password-check). Compiles the gateway's classes first.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-7}
# shellcheck source=tools/lib/checks.sh
source "$ROOT/tools/lib/checks.sh"
arguments 1 "password-check.sh [RUNS]" "$@"
whole_number RUNS "$runs"
# shellcheck source=tools/bench/gateway-classpath.sh
source "$ROOT/tools/bench/gateway-classpath.sh"
bench_work password-check  # before the cd: a relative BENCH_WORK is of the folder the script was started in
cd "$ROOT"
gateway_bench org.orderly.gateway.web.auth.PasswordCheckBench "$runs"
