package dev.rowguard.cli.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The {@code --format} values of {@code rowguard report}. */
enum Format {
  SARIF,
  GITHUB,
  GITLAB,
  CHECKSTYLE,
  JSON,
  TEXT;

  ReportFormat writer() {
    return switch (this) {
      case SARIF -> new SarifFormat();
      case GITHUB -> new GithubFormat();
      case GITLAB -> new GitlabFormat();
      case CHECKSTYLE -> new CheckstyleFormat();
      case JSON -> new JsonFormat();
      case TEXT -> new TextFormat();
    };
  }

  static final class Converter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + value + "' is not a format; use one of "
            + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
      }
    }
  }
}
