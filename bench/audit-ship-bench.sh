#!/usr/bin/env bash
# Benchmark (not a test) of shipping the audit log to Kafka (module audit-kafka, docs/FLEET.md):
# a KRaft broker in the benchmark's JVM (audit-kafka's test KraftBroker), the real writer and the
# real shipper (ShipBench under audit-kafka's test sources). Prints
#   throughput: records per second shipped from a log written beforehand (a spool after an outage)
#   lag:        end-to-end lag (record ts to a consumer receiving it) while a writer appends at RATE
# The figures are in docs/PERFORMANCE.md, section "Shipping to Kafka". Goal: >= 100k records/s.
#
#   bench/audit-ship-bench.sh                    # 1,000,000 records; 100,000/s for 20 s
#   bench/audit-ship-bench.sh RECORDS RATE SECONDS [KEY=VALUE...]   # producer settings
#
# Needs about 0.5 KB per record twice (log and broker) under ${TMPDIR:-/tmp}.
set -euo pipefail
cd "$(dirname "$0")/.."

records="${1:-1000000}"
rate="${2:-100000}"
seconds="${3:-20}"
shift $(( $# < 3 ? $# : 3 ))
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
# One reactor: this checkout's modules come from their target/ directories, not from ~/.m2 (the
# last module built, audit-kafka, writes the class path file last).
mvn -B -q -pl audit-kafka -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
echo "uptime before: $(uptime)"
java -Xmx2g -cp "audit-kafka/target/test-classes:audit-kafka/target/classes:$(cat "$cp_file")" \
  dev.rowguard.audit.kafka.ShipBench "$records" "$rate" "$seconds" "$@" 2>/dev/null | grep -E '^(throughput|lag) '
echo "uptime after: $(uptime)"
