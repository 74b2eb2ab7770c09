package dev.rowguard.cli.report;

import dev.rowguard.cli.findings.Finding;
import dev.rowguard.cli.findings.Severity;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The {@code --fail-on} threshold: a reported finding at or above it makes the exit code 1. */
record FailOn(Severity threshold) {

  static final FailOn NONE = new FailOn(null);

  boolean fails(Finding f) {
    return threshold != null && f.severity().atLeast(threshold);
  }

  static final class Converter implements ITypeConverter<FailOn> {
    @Override
    public FailOn convert(String value) {
      String v = value.toLowerCase(Locale.ROOT);
      return switch (v) {
        case "error", "warning", "note" -> new FailOn(Severity.valueOf(v.toUpperCase(Locale.ROOT)));
        case "none" -> NONE;
        default -> throw new TypeConversionException(
            "'" + value + "' is not a severity; use error, warning, note or none");
      };
    }
  }
}
