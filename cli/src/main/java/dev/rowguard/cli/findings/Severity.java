package dev.rowguard.cli.findings;

import java.util.Locale;

/** How severe a finding is, most severe first; javac's error, warning and note. */
public enum Severity {
  ERROR,
  WARNING,
  NOTE;

  /** Whether this severity is at or above {@code threshold}. */
  public boolean atLeast(Severity threshold) {
    return compareTo(threshold) <= 0;
  }

  /** Lower-case name, as javac and SARIF spell it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
