#!/usr/bin/env bash
# Benchmark (not a test) of `rowguard audit timeline`: writes an audit log of about 1 GB with the
# real writer (bench/WriteAuditLog.java, as audit-verify-bench.sh does), then times the timeline
# with a time filter (--from/--to: a 5-minute window at 60% of the log's time span) and without,
# and prints MB/s of log bytes per wall-clock second and per CPU-second. The figures are recorded
# in docs/PERFORMANCE.md, section "Audit timeline". Goal: >= 150 MB/s with the filter applied.
#
#   bench/audit-timeline-bench.sh            # 1000 MB
#   bench/audit-timeline-bench.sh 200        # another size in MB
#   JARS="before.jar after.jar" bench/audit-timeline-bench.sh   # those builds (no mvn), alternating
#   UNFILTERED_JARS="after.jar" ...   # the run without filter only for these (default: JARS)
#   FORMATS="text json" ...           # each run in these --format values (default: text)
#   LOG=/tmp/log ...                  # the log in LOG: written there if missing, then kept
#
# Needs about twice the log size in free space under ${TMPDIR:-/tmp}; removes the log at the end.
# Run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."

mb="${1:-1000}"
if [ -z "${JARS:-}" ]; then
  mvn -B -q -pl cli -am package -DskipTests
fi
jars="${JARS:-cli/target/rowguard.jar}"
jar="${jars%% *}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
log="${LOG:-$work/log}"

if [ -z "${LOG:-}" ] || [ ! -d "$log" ]; then
  java -cp "$jar" bench/WriteAuditLog.java "$log" "$mb"
fi
bytes=$(cat "$log"/audit-*.jsonl | wc -c)
# The window: 5 minutes from 60% of the time the log spans (first and last record's ts).
read -r from to share < <(python3 - "$log" <<'PY'
import glob, json, sys
from datetime import datetime, timedelta
files = sorted(glob.glob(sys.argv[1] + "/audit-*.jsonl"))
def ts(line):
    return datetime.fromisoformat(json.loads(line)["ts"].replace("Z", "+00:00"))
with open(files[0]) as f:
    first = ts(f.readline())
with open(files[-1], "rb") as f:
    f.seek(max(0, f.seek(0, 2) - 65536))
    last = ts(f.read().decode().strip().splitlines()[-1])
start = first + (last - first) * 0.6
end = start + timedelta(minutes=5)
fmt = lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ")
print(fmt(start), fmt(end), f"{300 / (last - first).total_seconds():.1%}")
PY
)
cat "$log"/audit-*.jsonl > /dev/null # into the page cache: the figure is the command's, not the disk's

run() { # jar, label, arguments...
  local jar="$1" label="$2"
  shift 2
  local load start end
  load=$(cut -d' ' -f1 /proc/loadavg)
  start=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%U %S" -o "$work/cpu.txt" java -Xmx256m -jar "$jar" audit timeline "$log" "$@" -o "$work/out.txt"
  else
    rm -f "$work/cpu.txt"
    java -Xmx256m -jar "$jar" audit timeline "$log" "$@" -o "$work/out.txt"
  fi
  end=$(date +%s.%N)
  python3 - "$label" "$bytes" "$start" "$end" "$load" "$(nproc)" "$work/cpu.txt" "$(wc -l < "$work/out.txt")" <<'PY'
import os, sys
label, size, start, end, load, cores, cpu_file, lines = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5], sys.argv[6], sys.argv[7], sys.argv[8]
secs = end - start
mb = size / 1e6
line = (f"{label}: {mb:,.0f} MB in {secs:.2f} s wall clock (JVM start included, -Xmx256m): {mb / secs:,.0f} MB/s"
        f"  [{cores} cores, load average {load} before the run; {lines} lines written]")
if os.path.exists(cpu_file):
    user, sys_ = (float(x) for x in open(cpu_file).read().split()[-2:])
    line += f"; CPU {user + sys_:.2f} s: {mb / (user + sys_):,.0f} MB per CPU-second"
print(line)
PY
}

echo "== rowguard audit timeline ($(uptime | sed 's/.*load average/load average/')) =="
for f in ${FORMATS:-text}; do
  for j in $jars; do
    run "$j" "$j --format $f --from $from --to $to ($share of the log's time)" --format "$f" --from "$from" --to "$to"
  done
done
for f in ${FORMATS:-text}; do
  for j in ${UNFILTERED_JARS-$jars}; do
    run "$j" "$j --format $f no filter" --format "$f"
  done
done
