package dev.rowguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Counts, per check, the diagnostics of the given checks in a javac log. */
final class Findings {
  private static final Pattern DIAGNOSTIC =
      Pattern.compile("^\\S.*\\.java:\\d+: (?:warning|error): \\[(\\w+)]");

  private Findings() {}

  static Map<String, Integer> count(Path log, Set<String> checks) throws IOException {
    Map<String, Integer> counts = new TreeMap<>();
    try (var lines = Files.lines(log)) {
      lines.forEach(
          line -> {
            Matcher m = DIAGNOSTIC.matcher(line);
            if (m.find() && checks.contains(m.group(1))) {
              counts.merge(m.group(1), 1, Integer::sum);
            }
          });
    }
    return counts;
  }

  static int total(Map<String, Integer> counts) {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }
}
