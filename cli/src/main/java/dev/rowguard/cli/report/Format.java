package dev.rowguard.cli.report;

import dev.rowguard.cli.EnumConverter;

/** The {@code --format} values of {@code rowguard report} and {@code rowguard schema check}. */
public enum Format {
  SARIF,
  GITHUB,
  GITLAB,
  CHECKSTYLE,
  JSON,
  TEXT;

  public ReportFormat writer() {
    return switch (this) {
      case SARIF -> new SarifFormat();
      case GITHUB -> new GithubFormat();
      case GITLAB -> new GitlabFormat();
      case CHECKSTYLE -> new CheckstyleFormat();
      case JSON -> new JsonFormat();
      case TEXT -> new TextFormat();
    };
  }

  /** Whether the format itself lists stale baseline entries; the others get a line on stderr. */
  public boolean listsStaleEntries() {
    return this == TEXT || this == JSON || this == GITHUB;
  }

  /** As typed on the command line; picocli lists the values and matches them by this. */
  @Override
  public String toString() {
    return EnumConverter.label(this);
  }
}
