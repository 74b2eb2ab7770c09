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
mvn -B -q -pl cli -am package -DskipTests
jar=cli/target/rowguard.jar
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

java -cp "$jar" bench/WriteAuditLog.java "$work/log" "$mb"
bytes=$(cat "$work"/log/audit-*.jsonl | wc -c)
# A first run reads the files into the page cache, as a log that was just copied would be; the
# second run is the one measured, so the figure is the verifier's, not the disk's.
java -jar "$jar" audit verify "$work/log" > /dev/null
load_before=$(cut -d' ' -f1 /proc/loadavg)
start=$(date +%s.%N)
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "%U %S" -o "$work/cpu.txt" java -Xmx256m -jar "$jar" audit verify "$work/log" | tee "$work/out.txt"
else
  java -Xmx256m -jar "$jar" audit verify "$work/log" | tee "$work/out.txt"
fi
end=$(date +%s.%N)
python3 - "$bytes" "$start" "$end" "$load_before" "$(nproc)" "$work/cpu.txt" <<'PY'
import os, sys
size, start, end, load, cores, cpu_file = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
secs = end - start
mb = size / 1e6
print("== rowguard audit verify ==")
print(f"{mb:,.0f} MB in {secs:.2f} s wall clock (JVM start included, -Xmx256m): {mb / secs:,.0f} MB/s"
      f"  [{cores} cores, load average {load} before the run]")
if os.path.exists(cpu_file):
    user, sys_ = (float(x) for x in open(cpu_file).read().split()[-2:])
    print(f"CPU time {user + sys_:.2f} s (user {user:.2f}, sys {sys_:.2f}): {mb / (user + sys_):,.0f} MB per CPU-second")
PY
