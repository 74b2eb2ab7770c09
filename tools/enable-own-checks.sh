#!/usr/bin/env bash
# Switches on the checks on rowguard's own code (docs/DEVELOPING.md), one step at a time:
#   measure                  findings per module and check: Error Prone (all as warnings),
#                            NullAway on every dev.rowguard package, rowguard's checks where on
#   format                   google-java-format over the whole tree, the sample's
#                            expected-findings.txt line numbers regenerated, the check switched on
#   nullmarked MODULE...     @NullMarked package-info.java in every main package + jspecify
#   rowguard-checks MODULE...  rowguard's checks on the module's main code (processor path and
#                            build order after checker)
# Each step edits files only; build and commit yourself.
set -euo pipefail
cd "$(dirname "$0")/.."

cmd=${1:-}; shift || true

case "$cmd" in
measure)
  log=$(mktemp)
  mvn -B -o clean compile -pl '!sample-project' \
    -Drowguard.errorprone.flags="-XepAllErrorsAsWarnings -XepDisableWarningsInGeneratedCode -XepExcludedPaths:.*/src/test/.* -Xep:NullAway:WARN -XepOpt:NullAway:AnnotatedPackages=dev.rowguard" \
    >"$log" 2>&1 || { tail -40 "$log"; echo "measure: build failed, log in $log"; exit 2; }
  root=$(pwd)
  grep -oE "^\[WARNING\] $root/[a-z-]+/src/main/java/[^:]+:\[[0-9]+,[0-9]+\] \[[A-Za-z]+\]" "$log" |
    sed -E "s#^\[WARNING\] $root/([a-z-]+)/.*\[([A-Za-z]+)\]\$#\1 \2#" | sort | uniq -c |
    awk '{printf "%-20s %-40s %5d\n", $2, $3, $1}'
  rm -f "$log"
  ;;
format)
  expected=sample-project/expected-findings.txt
  before=$(sed -E 's/:[0-9]+:/:/' "$expected" | sort)
  mvn -B -q spotless:apply
  mvn -B -q -P bench -pl audit-bench spotless:apply
  (cd bench && mvn -B -q spotless:apply)
  # Formatting moves lines: read the sample's findings again from its build.
  checks=$(sed -E 's/.*: //' "$expected" | sort -u | paste -sd'|')
  log=$(mktemp)
  mvn -B -pl sample-project -am clean compile >"$log" 2>&1 || { tail -40 "$log"; exit 2; }
  grep -oE "sample-project/src/main/java/[^:]+:\[[0-9]+,[0-9]+\] \[($checks)\]" "$log" |
    sed -E 's#sample-project/src/main/java/([^:]+):\[([0-9]+),[0-9]+\] \[([A-Za-z]+)\]#\1:\2: \3#' |
    sort -u >"$expected.new"
  after=$(sed -E 's/:[0-9]+:/:/' "$expected.new" | sort)
  if [ "$before" != "$after" ]; then
    diff <(echo "$before") <(echo "$after") || true
    echo "format: the sample's findings changed beyond line numbers; $expected kept, see $expected.new"
    exit 1
  fi
  mv "$expected.new" "$expected"
  rm -f "$log"
  sed -i 's#<spotless.check.skip>true</spotless.check.skip>#<spotless.check.skip>false</spotless.check.skip>#' pom.xml
  echo "format: tree formatted, check on in pom.xml; the per-module <spotless.check.skip>false in sql/ and annotations/ is now redundant"
  ;;
nullmarked)
  [ $# -gt 0 ] || { echo "usage: $0 nullmarked MODULE..."; exit 2; }
  for m in "$@"; do
    find "$m/src/main/java" -name '*.java' ! -name package-info.java -printf '%h\n' | sort -u |
      while read -r dir; do
        pkg=$(echo "${dir#"$m"/src/main/java/}" | tr / .)
        info="$dir/package-info.java"
        if [ -f "$info" ]; then
          grep -q NullMarked "$info" || echo "nullmarked: $info exists without @NullMarked: add it by hand"
        else
          printf '@NullMarked\npackage %s;\n\nimport org.jspecify.annotations.NullMarked;\n' "$pkg" >"$info"
          echo "nullmarked: $info"
        fi
      done
    if ! grep -q '<artifactId>jspecify</artifactId>' "$m/pom.xml"; then
      python3 - "$m/pom.xml" <<'PY'
import sys
p = sys.argv[1]; s = open(p).read()
dep = '  <dependencies>\n    <dependency><groupId>org.jspecify</groupId><artifactId>jspecify</artifactId></dependency>\n'
assert '  <dependencies>\n' in s, p + ': no <dependencies>'
open(p, 'w').write(s.replace('  <dependencies>\n', dep, 1))
PY
      echo "nullmarked: jspecify added to $m/pom.xml"
    fi
  done
  ;;
rowguard-checks)
  [ $# -gt 0 ] || { echo "usage: $0 rowguard-checks MODULE..."; exit 2; }
  for m in "$@"; do
    case "$m" in annotations|sql|checker) echo "rowguard-checks: $m is built before checker"; exit 2;; esac
    python3 - "$m/pom.xml" <<'PY'
import sys
p = sys.argv[1]; s = open(p).read()
if '<!-- rowguard-checks -->' in s:
    sys.exit(0)
order = ('  <dependencies>\n'
         '    <!-- rowguard-checks --><!-- Build order only: rowguard\'s checks run on this module (docs/DEVELOPING.md). -->\n'
         '    <dependency><groupId>dev.rowguard</groupId><artifactId>rowguard-checker</artifactId><version>${project.version}</version><type>pom</type><scope>provided</scope>\n'
         '      <exclusions><exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion></exclusions></dependency>\n')
assert '  <dependencies>\n' in s, p + ': no <dependencies>'
s = s.replace('  <dependencies>\n', order, 1)
conf = ('        <configuration>\n'
        '          <annotationProcessorPaths combine.children="append">\n'
        '            <path><groupId>dev.rowguard</groupId><artifactId>rowguard-checker</artifactId><version>${project.version}</version></path>\n'
        '          </annotationProcessorPaths>\n'
        '        </configuration>\n')
anchor = '        <artifactId>maven-compiler-plugin</artifactId>\n'
plugin = ('      <plugin>\n        <groupId>org.apache.maven.plugins</groupId>\n' + anchor + conf + '      </plugin>\n')
if anchor in s:
    head, tail = s.split(anchor, 1)
    if tail.lstrip().startswith('<configuration>'):
        sys.exit(p + ': compiler plugin has a <configuration>: add the checker path by hand')
    s = head + anchor + conf + tail
elif '    <plugins>\n' in s:
    s = s.replace('    <plugins>\n', '    <plugins>\n' + plugin, 1)
else:
    s = s.replace('</project>', '  <build>\n    <plugins>\n' + plugin + '    </plugins>\n  </build>\n</project>', 1)
open(p, 'w').write(s)
PY
    echo "rowguard-checks: $m/pom.xml"
  done
  ;;
*)
  sed -n '2,11p' "$0"; exit 2;;
esac
