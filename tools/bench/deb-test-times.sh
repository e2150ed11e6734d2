#!/usr/bin/env bash
# How long the .deb's tests take (docs/operations.md, "The install test"; docs/benchmarks.md, "The .deb's tests"):
# builds the package (mvn verify of packaging/deb and what it needs, the unit tests skipped) and runs its two
# integration tests, DebInstallIT (install, upgrade, purge in a throwaway root) and UnitUnderSystemdIT (the unit
# under a real systemd as PID 1), RUNS times, then prints each run's time per test class as failsafe reports it
# (the class's tests, not the build) and the medians. Needs root, dpkg, adduser and systemd, as the tests do; run
# under CI=true so that a test skipped for want of one fails instead.
#
#   tools/bench/deb-test-times.sh [RUNS]     (default 3)
#
# Results to $BENCH_WORK/results.txt (default target/bench/deb-test-times).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-3}
# shellcheck source=tools/lib/checks.sh
source "$ROOT/tools/lib/checks.sh"
arguments 1 "deb-test-times.sh [RUNS]" "$@"
whole_number RUNS "$runs"
# Made (or refused in one line) and made absolute before the cd: a relative BENCH_WORK is from where the script started.
absolute_work "$ROOT/target/bench/deb-test-times"
cd "$ROOT"
rm -rf "$work" && mkdir -p "$work"
reports=packaging/deb/target/failsafe-reports
{
  echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(java -version 2>&1 | head -1)"
  echo "# git $(git rev-parse --short HEAD), load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
  for run in $(seq "$runs"); do
    rm -rf "$reports"
    CI=true mvn -B -o -q -pl packaging/deb -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
      -Dit.test='DebInstallIT,UnitUnderSystemdIT' -Dfailsafe.failIfNoSpecifiedTests=false > "$work/mvn-$run.log" 2>&1 \
      || { echo "deb-test-times: run $run failed; its log: $work/mvn-$run.log" >&2; exit 1; }
    for class in DebInstallIT UnitUnderSystemdIT; do
      # The <testsuite> element's time, with its tests and skipped: a skipped test would be timed at nothing.
      python3 - "$(ls "$reports"/TEST-*."$class".xml)" "$run" "$class" "$work/times-$class" << 'PY'
import sys, xml.etree.ElementTree as ET
report, run, name, times = sys.argv[1:]
suite = ET.parse(report).getroot()
print(f"run {run}: {name} {float(suite.get('time')):.1f} s ({suite.get('tests')} tests, {suite.get('skipped')} skipped,"
      f" {suite.get('failures')} failed), load average {open('/proc/loadavg').read().split()[0]}")
with open(times, "a") as f:
    f.write(suite.get("time") + "\n")
PY
    done
  done
  for class in DebInstallIT UnitUnderSystemdIT; do
    sort -n "$work/times-$class" \
      | awk -v c="$class" '{ t[NR] = $1 } END { printf "# median of %d, %s: %.1f s\n", NR, c, t[int((NR + 1) / 2)] }'
  done
  echo "# load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>&1 | tee "$work/results.txt"
