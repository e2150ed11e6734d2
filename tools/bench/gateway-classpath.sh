# shellcheck source=tools/lib/checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/checks.sh"  # absolute_work, for BENCH_WORK

# Sourced by the benchmarks whose main is in the gateway's test classes (store-sync.sh, store-check.sh,
# store-check-start.sh, swing-bench.sh, message-sizes.sh, store-growth.sh, password-check.sh, session-tracker.sh,
# metrics-scrape.sh): gateway_classpath WORK compiles the gateway's classes and the project's modules it needs
# (mvn -o -am test-compile), copies their classes under WORK (a snapshot: other builds in this tree must not change them
# under a running benchmark) and prints the class path of the copies and the gateway's other test-scope dependencies
# (nothing is installed into ~/.m2, nor are the project's modules taken from an older install there). Maven's own output
# goes to stderr.
gateway_classpath() {
  module_classpath gateway "$1"
}

# module_classpath MODULE WORK, as gateway_classpath for the benchmarks in another module's test classes
# (planner-bench.sh: tools).
module_classpath() {
  local module=$1 work
  # Absolute: Maven writes the class path from each module's directory, where a relative folder is another one (a
  # relative BENCH_WORK gave metrics-scrape.sh and planner-bench.sh the root pom's class path, without JMH: read57g).
  work=$(realpath -m "$2")
  # One reactor run: the modules' classes compiled in it are what the class path names (the module's own written
  # last). The plugin's version is given: unversioned, Maven takes 2.8, whose dependencies a machine that built the
  # project offline does not hold (metrics-scrape.sh and planner-bench.sh failed so until 2026-12-07).
  mvn -B -q -o -pl "$module" -am test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >&2
  # A class path without the dependencies would start the benchmark only to fail at its first logger.
  [ -s "$work/cp.txt" ] || { echo "module_classpath: Maven wrote no class path to $work/cp.txt" >&2; return 1; }
  rm -rf "$work/classes" "$work/test-classes" "$work/modules"
  cp -r "$module/target/classes" "$work/classes"
  cp -r "$module/target/test-classes" "$work/test-classes"
  # The project's other modules (serial, text, ...) are on the class path as their target/classes: copied too.
  local entries entry name cp="$work/test-classes:$work/classes"
  IFS=: read -r -a entries < "$work/cp.txt" || true   # no newline at the end of the file
  for entry in "${entries[@]}"; do
    if [[ $entry == */target/classes ]]; then
      name=$(basename "$(dirname "$(dirname "$entry")")")
      mkdir -p "$work/modules" && cp -r "$entry" "$work/modules/$name" && entry=$work/modules/$name
    fi
    cp="$cp:$entry"
  done
  echo "$cp"
}

# bench_work NAME sets `work` to an empty BENCH_WORK, or target/bench/NAME under the project root (ROOT), made absolute
# (absolute_work), a relative BENCH_WORK from the folder the script was started in: call it before the script's cd to
# the root. Maven writes the class path from the gateway module's directory, where a relative folder is another one
# (store-check.sh and the like ran without the dependencies so until 2026-12-07); until later that day a relative
# BENCH_WORK of the scripts that call this was taken from the root, which they went to first.
bench_work() {
  absolute_work "$ROOT/target/bench/$1"
  rm -rf "$work" && mkdir -p "$work"
}

# gateway_bench CLASS ARGS... runs a benchmark's main from the gateway's test classes on a snapshot of them (see
# gateway_classpath) in `work`, after a line naming the date, the machine, the JVM, the commit and the load, and keeps
# what it prints in $work/results.txt.
gateway_bench() {
  local cp
  cp=$(gateway_classpath "$work")
  {
    echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(java -version 2>&1 | head -1)"
    echo "# git $(git rev-parse --short HEAD 2>/dev/null || echo '?'), load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
    java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" "$@"
  } | tee "$work/results.txt"
}
