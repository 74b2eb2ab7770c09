#!/usr/bin/env bash
# Compile-time benchmark: javac alone vs javac + stock Error Prone vs javac + Error Prone + rowguard
# on a generated code base. See bench/README.md.
#
#   bench/compile-bench.sh [--files N] [--rounds R] [--xmx SIZE] [--offline]
set -euo pipefail

files=2000
rounds=5
xmx=2g
maven_mode=()

usage() {
  echo "usage: bench/compile-bench.sh [--files N] [--rounds R] [--xmx SIZE] [--offline]" >&2
  exit 2
}
whole_number() {
  [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "compile-bench: $1 needs a positive whole number, not '$2'" >&2; usage; }
}
while [[ $# -gt 0 ]]; do
  case "$1" in
    --files) [[ $# -ge 2 ]] || usage; whole_number "$1" "$2"; files=$2; shift 2 ;;
    --rounds) [[ $# -ge 2 ]] || usage; whole_number "$1" "$2"; rounds=$2; shift 2 ;;
    --xmx) [[ $# -ge 2 ]] || usage; xmx=$2; shift 2 ;;
    --offline) maven_mode=(-o); shift ;;
    -h|--help) usage ;;
    *) echo "compile-bench: unknown option '$1'" >&2; usage ;;
  esac
done

# The generator needs room for the shared package and one whole domain.
[[ $files -ge 16 ]] || { echo "compile-bench: --files must be at least 16, not $files" >&2; exit 2; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work="$repo/bench/target/compile-bench"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
mvn=(mvn -B -q "${maven_mode[@]}")

source "$repo/bench/checker-paths.sh"
build_checker_paths
"${mvn[@]}" -f "$repo/bench/pom.xml" -Plibraries \
  dependency:build-classpath -Dmdep.outputFile="$work/libraries.classpath"
echo "$(cat "$work/libraries.classpath"):$annotations_jar" > "$work/classpath"

echo "== generating $files files"
rm -rf "$work/codebase"
"$java" -cp "$repo/bench/target/classes" dev.rowguard.bench.GenerateCodebase --files "$files" --out "$work/codebase"

echo "== timing: a warm-up round, then $rounds timed round(s) of the three configurations in rotating order"
"$java" -cp "$repo/bench/target/classes" dev.rowguard.bench.CompileBench \
  --codebase "$work/codebase" --work "$work" --rounds "$rounds" --xmx "$xmx" \
  --classpath-file "$work/classpath" \
  --error-prone-path-file "$work/error-prone.path" \
  --rowguard-path-file "$work/rowguard.path" \
  --checker-jar "$checker_jar" \
  --jvm-options-file "$repo/.mvn/jvm.config"
