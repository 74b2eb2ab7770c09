# Sourced by the compile-time benchmarks (compile-bench.sh, realcode/run.sh); not run alone.
# Builds rowguard-checker from this checkout (package, tests skipped, nothing installed) and the
# benchmark's classes, and writes the processor paths:
#   $work/error-prone.path   stock Error Prone (bench/pom.xml -Pprocessor-path)
#   $work/rowguard.path      rowguard-checker and its runtime dependencies
# Needs: $repo, $work, the array mvn. Sets: checker_jar, annotations_jar, version.
build_checker_paths() {
  mkdir -p "$work"
  echo "== building rowguard-checker (package, tests skipped) and resolving class paths"
  "${mvn[@]}" -f "$repo/pom.xml" -pl annotations,checker -am package -Dmaven.test.skip=true \
    dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=target/runtime.classpath
  "${mvn[@]}" -f "$repo/bench/pom.xml" -Pprocessor-path compile \
    dependency:build-classpath -Dmdep.outputFile="$work/error-prone.path"
  version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$repo/pom.xml" | head -1)
  checker_jar="$repo/checker/target/rowguard-checker-$version.jar"
  annotations_jar="$repo/annotations/target/rowguard-annotations-$version.jar"
  echo "$checker_jar:$(cat "$repo/checker/target/runtime.classpath")" > "$work/rowguard.path"
}
