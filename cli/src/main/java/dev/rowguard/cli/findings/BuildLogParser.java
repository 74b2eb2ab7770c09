package dev.rowguard.cli.findings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Error Prone findings from build output: Maven's ({@code [WARNING] /abs/File.java:[8,24]
 * [Check] message}) and plain javac's ({@code File.java:8: warning: [Check] message}, then the
 * source line and its caret). Both print the rest of a message on lines indented by javac, ending
 * with Error Prone's {@code (see url)} and {@code Did you mean ...?} lines.
 *
 * <p>Only diagnostics tagged with a check name in UpperCamelCase are findings; javac's own lint
 * tags ({@code [deprecation]}, {@code [unchecked]}) and untagged compiler errors are not.
 */
public final class BuildLogParser {

  /**
   * After a forked javac, Maven keeps javac's kind word in the message (and logs notes as ERROR);
   * the word, when there, tells the severity.
   */
  private static final Pattern MAVEN = Pattern.compile(
      "\\[(ERROR|WARNING|INFO)] (.+?):\\[(\\d+),(\\d+)] (?:(error|warning|Note|note): )?\\[([A-Z][A-Za-z0-9_]*)] (.*)");
  /**
   * maven-compiler-plugin 3.x announces each compilation. Its in-process javac gives 1-based,
   * tab-expanded columns; a forked javac's output is parsed back into 0-based character columns.
   */
  private static final Pattern MAVEN_COMPILING =
      Pattern.compile("\\[INFO] Compiling \\d+ source files? with javac \\[(forked )?.*");
  private static final Pattern JAVAC =
      Pattern.compile("(.+?):(\\d+): (error|warning|Note|note): \\[([A-Z][A-Za-z0-9_]*)] (.*)");
  /** Maven repeats ERROR-level findings in its failure summary with every line prefixed. */
  private static final Pattern MAVEN_ERROR_CONTINUATION = Pattern.compile("\\[ERROR] (\\s+\\S.*)");
  private static final Pattern CARET = Pattern.compile("\\s*\\^\\s*");
  private static final Pattern SEE = Pattern.compile("\\s*\\(see (\\S+)\\)\\s*");
  private static final String DID_YOU_MEAN = "Did you mean ";
  /** Colour codes, and the timestamps that CI services put before each line of a raw log. */
  private static final Pattern NOISE =
      Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]|^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z ");
  /** javac indents every line of a message after the first by this much. */
  private static final int DETAIL_INDENT = 2;

  private BuildLogParser() {}

  public static List<Finding> parse(String log) {
    try {
      return parse(new StringReader(log));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
  }

  /** The findings in log order, each once although Maven prints ERROR findings twice. */
  public static List<Finding> parse(Reader log) throws IOException {
    Map<String, Finding> unique = new LinkedHashMap<>();
    BufferedReader lines = new BufferedReader(log);
    Pending pending = null;
    boolean forked = false;
    for (String raw = lines.readLine(); raw != null; raw = lines.readLine()) {
      String line = NOISE.matcher(raw).replaceAll("");
      Matcher compiling = MAVEN_COMPILING.matcher(line);
      if (compiling.matches()) {
        forked = compiling.group(1) != null;
      }
      Pending started = start(line, forked);
      if (started != null || pending == null || !pending.accept(line)) {
        add(unique, pending);
        pending = started;
      }
    }
    add(unique, pending);
    return List.copyOf(unique.values());
  }

  private static void add(Map<String, Finding> unique, Pending pending) {
    if (pending != null) {
      Finding f = pending.finish();
      unique.putIfAbsent(key(f), f);
    }
  }

  private static String key(Finding f) {
    String firstLine = f.message().lines().findFirst().orElse("");
    return String.join("\u0000", f.check(), f.path(), "" + f.line(), "" + f.column(), firstLine);
  }

  private static Pending start(String line, boolean forkedMavenCompile) {
    Matcher maven = MAVEN.matcher(line);
    if (maven.matches()) {
      int column = Integer.parseInt(maven.group(4));
      Severity severity = maven.group(5) != null ? javacSeverity(maven.group(5)) : mavenSeverity(maven.group(1));
      return new Pending(
          maven.group(6), severity, maven.group(2), Integer.parseInt(maven.group(3)),
          forkedMavenCompile ? column + 1 : column, !forkedMavenCompile, maven.group(7), false);
    }
    Matcher javac = JAVAC.matcher(line);
    if (javac.matches()) {
      return new Pending(
          javac.group(4), javacSeverity(javac.group(3)), javac.group(1),
          Integer.parseInt(javac.group(2)), 0, false, javac.group(5), true);
    }
    return null;
  }

  private static Severity mavenSeverity(String level) {
    return switch (level) {
      case "ERROR" -> Severity.ERROR;
      case "WARNING" -> Severity.WARNING;
      default -> Severity.NOTE; // Maven logs javac's notes at INFO
    };
  }

  private static Severity javacSeverity(String kind) {
    return switch (kind) {
      case "error" -> Severity.ERROR;
      case "warning" -> Severity.WARNING;
      default -> Severity.NOTE;
    };
  }

  /** A finding whose following lines are still being read. */
  private static final class Pending {
    private final String check;
    private final Severity severity;
    private final String path;
    private final int line;
    private int column;
    private final boolean columnExpandsTabs;
    private final String firstLine;
    /** javac's format: the source line and a caret follow the first line of the message. */
    private final boolean expectsSource;
    private final List<String> details = new ArrayList<>();
    private String sourceCandidate;
    private String sourceLine;
    private int blankLines;

    Pending(String check, Severity severity, String path, int line, int column, boolean columnExpandsTabs,
        String firstLine, boolean expectsSource) {
      this.check = check;
      this.severity = severity;
      this.path = path;
      this.line = line;
      this.column = column;
      this.columnExpandsTabs = columnExpandsTabs;
      this.firstLine = firstLine;
      this.expectsSource = expectsSource;
    }

    /** Takes a line that belongs to this finding; false when the finding has ended before it. */
    boolean accept(String text) {
      if (expectsSource && sourceLine == null && details.isEmpty() && blankLines == 0) {
        if (sourceCandidate == null) {
          sourceCandidate = text;
          return true;
        }
        if (CARET.matcher(text).matches()) {
          sourceLine = sourceCandidate;
          column = text.indexOf('^') + 1;
          sourceCandidate = null;
          return true;
        }
        String candidate = sourceCandidate;
        sourceCandidate = null;
        if (!acceptDetail(candidate)) {
          return false; // no source line after all: the finding was one line long
        }
      }
      return acceptDetail(text);
    }

    private boolean acceptDetail(String text) {
      Matcher repeated = MAVEN_ERROR_CONTINUATION.matcher(text);
      String detail = !expectsSource && repeated.matches() ? repeated.group(1) : text;
      if (detail.isBlank()) {
        blankLines++; // kept only if the message goes on after it
        return true;
      }
      if (!Character.isWhitespace(detail.charAt(0))) {
        return false;
      }
      for (; blankLines > 0; blankLines--) {
        details.add("");
      }
      details.add(detail.substring(Math.min(DETAIL_INDENT, leadingSpaces(detail))));
      return true;
    }

    private static int leadingSpaces(String s) {
      int i = 0;
      while (i < s.length() && s.charAt(i) == ' ') {
        i++;
      }
      return i;
    }

    Finding finish() {
      if (sourceCandidate != null) {
        acceptDetail(sourceCandidate);
      }
      List<String> message = new ArrayList<>();
      message.add(firstLine);
      String link = null;
      String suggestion = null;
      int last = details.size() - 1;
      for (int i = 0; i <= last; i++) {
        String detail = details.get(i);
        Matcher see = SEE.matcher(detail);
        if (see.matches()) {
          link = see.group(1);
        } else if (i == last && detail.startsWith(DID_YOU_MEAN)) {
          suggestion = detail;
        } else {
          message.add(detail);
        }
      }
      return new Finding(check, severity, path, line, column, columnExpandsTabs,
          String.join("\n", message).strip(), link, suggestion, sourceLine);
    }
  }
}
