package dev.rowguard.cli.report;

import dev.rowguard.cli.EnumConverter;
import dev.rowguard.cli.findings.Finding;
import dev.rowguard.cli.findings.Severity;
import org.jspecify.annotations.Nullable;

/** The {@code --fail-on} threshold: a reported finding at or above it makes the exit code 1. */
public enum FailOn {
  ERROR(Severity.ERROR),
  WARNING(Severity.WARNING),
  NOTE(Severity.NOTE),
  /** Converting only, the default: a report is not a gate unless asked to be one. */
  NONE(null);

  private final @Nullable Severity threshold;

  FailOn(@Nullable Severity threshold) {
    this.threshold = threshold;
  }

  public boolean fails(Finding f) {
    return threshold != null && f.severity().atLeast(threshold);
  }

  /** As typed on the command line; picocli lists the values and matches them by this. */
  @Override
  public String toString() {
    return EnumConverter.label(this);
  }
}
