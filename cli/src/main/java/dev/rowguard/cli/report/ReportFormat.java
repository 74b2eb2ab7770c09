package dev.rowguard.cli.report;

import java.io.IOException;
import java.io.Writer;

/** Writes a report in one output format. */
public interface ReportFormat {
  void write(Report report, Writer out) throws IOException;
}
