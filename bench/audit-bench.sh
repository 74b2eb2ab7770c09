#!/usr/bin/env bash
# Runs the audit logger's JMH benchmarks (module audit-bench, profile bench) and prints the figures
# recorded in docs/PERFORMANCE.md, section "Audit logger".
#
#   bench/audit-bench.sh                 # everything (about 4 minutes)
#   bench/audit-bench.sh Throughput      # only benchmarks matching a regex
#   JMH_OPTS="-wi 0 -i 1 -r 1s" bench/audit-bench.sh   # other JMH options (smoke test)
#
# Not part of `mvn verify`. Run it on an otherwise idle machine; figures vary with the disk's fsync.
set -euo pipefail
cd "$(dirname "$0")/.."

# Online: a fresh machine has not downloaded JMH yet (the build resolves what it lacks, once).
mvn -B -q -Pbench -pl audit-bench -am package -DskipTests
result="$(mktemp -d)/audit-bench.json"
filter="${1:-StatementOverheadBenchmark|RecordThroughputBenchmark|WriterCeilingBenchmark}"
# shellcheck disable=SC2086 # JMH_OPTS is a list of options
java -jar audit-bench/target/audit-bench.jar "$filter" ${JMH_OPTS:--f 1 -wi 2 -w 2s -i 3 -r 3s} -rf json -rff "$result"

python3 - "$result" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))
median, throughput = {}, {}
for r in runs:
    name = r["benchmark"].rsplit(".", 1)[1]
    params = r.get("params", {})
    m = r["primaryMetric"]
    if r["mode"] == "sample":
        median[(name, params["dataSource"])] = m["scorePercentiles"]["50.0"]
    elif r["mode"] == "thrpt":
        throughput[name if "Ceiling" not in r["benchmark"] else "ceiling"] = m["score"]
print()
print("== rowguard audit logger ==")
for op, label in (("select", "non-delete statement (select by id)"), ("deleteNoMatch", "delete that is not a mass delete"),
                  ("massDelete", "mass delete, recorded with durability=sync, 1 thread")):
    if (op, "raw") in median:
        raw, proxy, audited = (median.get((op, k)) for k in ("raw", "proxy", "audited"))
        print(f"{label}: median raw {raw:.0f} ns, datasource-proxy {proxy:.0f} ns, audited {audited:.0f} ns"
              f" -> added {audited - raw:.0f} ns vs raw, {audited - proxy:.0f} ns vs bare datasource-proxy")
if "append" in throughput:
    print(f"durable records/s with group commit, durability=sync, 256 appending threads: {throughput['append']:,.0f}")
if "ceiling" in throughput:
    print(f"durable records/s, writer ceiling (1 thread appends 1000 async, then flush): {throughput['ceiling']:,.0f}")
PY
