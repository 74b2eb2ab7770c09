#!/usr/bin/env bash
# Benchmark (not a test) of what rowguard-test's DeleteWatch costs a test: the sample's
# blast-radius test run whole, unwatched and watched, alternating (WatchCostBench in
# sample-project's test sources). Prints the median per test and the ratio; the issue's budget is
# 1.3x. The figures are recorded in docs/PERFORMANCE.md, section "rowguard-test".
#
#   bench/watch-bench.sh                 # 15 rounds; 4 tenants (the test) and 120 (the demo)
#   bench/watch-bench.sh 30 4 120 1000   # rounds, then tenant counts
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mvn -B -q -pl sample-project -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" -DskipTests
cp="sample-project/target/test-classes:sample-project/target/classes:$(cat "$work/cp.txt")"
java -Xmx1g -Dorg.jboss.logging.provider=slf4j -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
  dev.rowguard.sample.tenant.WatchCostBench "$@"
