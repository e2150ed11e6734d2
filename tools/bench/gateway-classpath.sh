# Sourced by the benchmarks whose main is in the gateway's test classes (store-sync.sh, store-check.sh,
# swing-bench.sh): gateway_classpath WORK compiles the gateway's classes (mvn -o test-compile), copies them under WORK
# (a snapshot: other builds in this tree must not change them under a running benchmark) and prints the classpath of
# the copy and the gateway's test-scope dependencies. Maven's own output goes to stderr.
gateway_classpath() {
  local work=$1
  mvn -B -q -o -pl gateway test-compile >&2
  mvn -B -q -o -pl gateway org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >&2
  cp -r gateway/target/classes "$work/classes"
  cp -r gateway/target/test-classes "$work/test-classes"
  echo "$work/test-classes:$work/classes:$(cat "$work/cp.txt")"
}
