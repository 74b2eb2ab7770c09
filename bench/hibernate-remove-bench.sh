#!/usr/bin/env bash
# Benchmark (not a test) of rowguard's Hibernate integration (HibernateDeletes: the call site of a
# flushed delete is taken at em.remove, one stack walk per remove): Hibernate removes entities one
# by one through an audited H2 DataSource, alternately with the integration and without it (the
# same classes without its META-INF/services file). Prints removes/s per run and the ratio of
# medians. Figures: docs/PERFORMANCE.md, "Call sites of ORM deletes".
#
#   bench/hibernate-remove-bench.sh [RUNS] [ROUNDS] [ENTITIES]    # defaults 5 20 1000
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"; rounds="${2:-20}"; entities="${3:-1000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# One reactor, nothing installed: the class path names this checkout's jars (audit is built last,
# so its class path is the one left in the file).
mvn -B -q -pl audit -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test
cp -r audit/target/classes "$work/without"
rm "$work/without/META-INF/services/org.hibernate.integrator.spi.Integrator"
deps="$(cat "$work/cp.txt")"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
for ((i = 1; i <= runs; i++)); do
  for variant in with without; do
    classes="audit/target/classes"; [ "$variant" = without ] && classes="$work/without"
    printf '%s %s\n' "$variant" "$(java -Xmx512m -Dlogback.configurationFile=audit/src/test/resources/logback-test.xml -cp "$classes:$deps" bench/HibernateRemoves.java "$rounds" "$entities" 2>/dev/null)"
  done
done | tee "$work/runs.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/runs.txt" <<'PY'
import statistics, sys
runs = {"with": [], "without": []}
for line in open(sys.argv[1]):
    variant, rate = line.split()[:2]
    runs[variant].append(float(rate))
w, wo = statistics.median(runs["with"]), statistics.median(runs["without"])
print(f"median removes/s: with {w:,.0f}, without {wo:,.0f}; time per remove with / without: {wo / w:.3f}x")
PY
