package dev.rowguard.cli.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The {@code --format} values of {@code rowguard report}. */
enum Format {
  SARIF(new SarifFormat()),
  GITHUB(new GithubFormat()),
  GITLAB(new GitlabFormat()),
  CHECKSTYLE(new CheckstyleFormat()),
  JSON(new JsonFormat()),
  TEXT(new TextFormat());

  final ReportFormat writer;

  Format(ReportFormat writer) {
    this.writer = writer;
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
