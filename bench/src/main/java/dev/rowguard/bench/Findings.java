package dev.rowguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Counts, per check, the diagnostics of the given checks in a javac log. */
final class Findings {
  private static final Pattern DIAGNOSTIC =
      Pattern.compile("^(\\S.*\\.java:\\d+): (?:warning|error): \\[(\\w+)] ?(.*)");

  private Findings() {}

  static Map<String, Integer> count(Path log, Set<String> checks) throws IOException {
    Map<String, Integer> counts = new TreeMap<>();
    for (Finding f : list(log, checks)) {
      counts.merge(f.check(), 1, Integer::sum);
    }
    return counts;
  }

  /** The diagnostics of the given checks in a javac log, in the log's order. */
  static List<Finding> list(Path log, Set<String> checks) throws IOException {
    List<Finding> findings = new ArrayList<>();
    try (var lines = Files.lines(log)) {
      lines.forEach(
          line -> {
            Matcher m = DIAGNOSTIC.matcher(line);
            if (m.find() && checks.contains(m.group(2))) {
              findings.add(new Finding(m.group(2), m.group(1), m.group(3)));
            }
          });
    }
    return findings;
  }

  static int total(Map<String, Integer> counts) {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** One diagnostic: the check, {@code path.java:line} as javac printed it, the message. */
  record Finding(String check, String location, String message) {}
}
