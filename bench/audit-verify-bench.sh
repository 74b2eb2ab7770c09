#!/usr/bin/env bash
# Benchmark (not a test) of `rowguard audit verify`: writes an audit log of about 1 GB with the real
# writer (async durability, for speed), then times the verification and prints MB/s. The figure is
# recorded in docs/PERFORMANCE.md, section "Audit log verification". Goal: >= 200 MB/s.
#
#   bench/audit-verify-bench.sh          # 1000 MB
#   bench/audit-verify-bench.sh 200      # another size in MB
#
# Needs about twice the log size in free space under ${TMPDIR:-/tmp}; removes the log at the end.
# Run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."

mb="${1:-1000}"
mvn -B -o -q -pl cli -am package -DskipTests
jar=cli/target/rowguard.jar
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

java -cp "$jar" bench/WriteAuditLog.java "$work/log" "$mb"
bytes=$(cat "$work"/log/audit-*.jsonl | wc -c)
# A first run reads the files into the page cache, as a log that was just copied would be; the
# second run is the one measured, so the figure is the verifier's, not the disk's.
java -jar "$jar" audit verify "$work/log" > /dev/null
start=$(date +%s.%N)
java -Xmx256m -jar "$jar" audit verify "$work/log" | tee "$work/out.txt"
end=$(date +%s.%N)
python3 - "$bytes" "$start" "$end" <<'PY'
import sys
size, start, end = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
secs = end - start
print(f"== rowguard audit verify ==\n{size / 1e6:,.0f} MB in {secs:.2f} s wall clock (JVM start included, -Xmx256m): {size / 1e6 / secs:,.0f} MB/s")
PY
