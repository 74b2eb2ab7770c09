#!/usr/bin/env bash
# Real code as a regression suite: compiles the sources jars of real JPA / Spring Data projects
# (projects.tsv) with javac + stock Error Prone and with javac + Error Prone + every rowguard check,
# alternating the two, and prints files, crashes, findings per check and the CPU ratio.
# See bench/realcode/README.md.
#
#   bench/realcode/run.sh [--rounds R] [--projects NAME,...] [--xmx SIZE] [--profile] [--offline]
set -euo pipefail

rounds=3
projects=
xmx=2g
profile=()
maven_mode=()

usage() {
  echo "usage: bench/realcode/run.sh [--rounds R] [--projects NAME,...] [--xmx SIZE] [--profile] [--offline]" >&2
  exit 2
}
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || { echo "realcode: --rounds needs a positive whole number" >&2; usage; }
      rounds=$2; shift 2 ;;
    --projects) [[ $# -ge 2 ]] || usage; projects=$2; shift 2 ;;
    --xmx) [[ $# -ge 2 ]] || usage; xmx=$2; shift 2 ;;
    --profile) profile=(--profile); shift ;;
    --offline) maven_mode=(-o); shift ;;
    -h|--help) usage ;;
    *) echo "realcode: unknown option '$1'" >&2; usage ;;
  esac
done

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here="$repo/bench/realcode"
work="$repo/bench/target/realcode"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
mvn=(mvn -B -q "${maven_mode[@]}")
dependency_plugin=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

known=$(grep -v '^#' "$here/projects.tsv" | cut -f1 | paste -sd, -)
if [[ -z "$projects" ]]; then
  projects=$known
fi
for name in ${projects//,/ }; do
  grep -q "^$name	" "$here/projects.tsv" || { echo "realcode: unknown project '$name' (known: $known)" >&2; exit 2; }
done

source "$repo/bench/checker-paths.sh"
build_checker_paths

# The run uses copies of this checkout's jars, so that a rebuild during a run changes nothing.
mkdir -p "$work/jars"
rowguard_path=
for entry in $(tr ':' ' ' < "$work/rowguard.path"); do
  if [[ "$entry" == "$repo"/* ]]; then
    cp "$entry" "$work/jars/"
    entry="$work/jars/$(basename "$entry")"
  fi
  rowguard_path="${rowguard_path:+$rowguard_path:}$entry"
done
echo "$rowguard_path" > "$work/rowguard.path"
checker_jar="$work/jars/$(basename "$checker_jar")"

# Fetches one project into $work/projects/NAME: sources/ (the unpacked sources jar), classpath
# (the artifact's compile and provided dependencies, resolved from its own pom, then its own jar),
# coordinates. Kept between runs; delete the directory to fetch again.
fetch() {
  local name=$1 gav=$2
  local dir="$work/projects/$name"
  if [[ -f "$dir/classpath" && "$(cat "$dir/coordinates" 2>/dev/null)" == "$gav" ]]; then
    return
  fi
  echo "== fetching $name ($gav)"
  rm -rf "$dir"
  mkdir -p "$dir/fetched" "$dir/pom" "$dir/sources"
  local g=${gav%%:*} rest=${gav#*:}
  local a=${rest%%:*} v=${rest#*:}
  for classifier in ":jar" ":jar:sources" ":pom"; do
    "${mvn[@]}" "$dependency_plugin:copy" -Dartifact="$g:$a:$v$classifier" \
      -DoutputDirectory="$dir/fetched" -Dmdep.overWriteReleases=true
  done
  (cd "$dir/sources" && unzip -q -o "$dir/fetched/$a-$v-sources.jar")
  # The published pom's own dependencies with the versions its parents manage, provided scope
  # included (Lombok, servlet and persistence APIs are often provided), test scope left out (Maven
  # would resolve it too, and test artifacts are often not published). No pom.xml may sit in $dir:
  # the pom's default parent path ../pom.xml must not find one.
  cp "$dir/fetched/$a-$v.pom" "$dir/pom/pom.xml"
  "${mvn[@]}" -f "$dir/pom/pom.xml" org.apache.maven.plugins:maven-help-plugin:3.5.1:effective-pom \
    -Doutput="$dir/pom/effective.xml"
  mkdir -p "$dir/classpath-pom"
  "$java" -cp "$repo/bench/target/classes" dev.rowguard.bench.ClasspathPom \
    "$dir/pom/effective.xml" "$dir/classpath-pom/pom.xml"
  "${mvn[@]}" -f "$dir/classpath-pom/pom.xml" "$dependency_plugin:build-classpath" \
    -DincludeScope=compile -Dmdep.outputFile="$dir/dependencies.classpath"
  echo "$(cat "$dir/dependencies.classpath"):$dir/fetched/$a-$v.jar" > "$dir/classpath"
  echo "$gav" > "$dir/coordinates"
}

while IFS=$'\t' read -r name gav release migrations _; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  [[ ",$projects," == *",$name,"* ]] || continue
  fetch "$name" "$gav"
  echo "$release" > "$work/projects/$name/release"
  echo "$migrations" > "$work/projects/$name/migrations"
done < "$here/projects.tsv"

echo "== load before timing: $(uptime)"
status=0
"$java" -cp "$repo/bench/target/classes" dev.rowguard.bench.RealCodeBench \
  --work "$work" --projects "$projects" --rounds "$rounds" --xmx "$xmx" "${profile[@]}" \
  --error-prone-path-file "$work/error-prone.path" \
  --rowguard-path-file "$work/rowguard.path" \
  --checker-jar "$checker_jar" \
  --jvm-options-file "$repo/.mvn/jvm.config" || status=$?
echo "== load after timing: $(uptime)"
exit $status
