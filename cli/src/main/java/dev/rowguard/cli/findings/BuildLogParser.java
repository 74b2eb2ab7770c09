package dev.rowguard.cli.findings;

import dev.rowguard.cli.InvalidInputException;
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
import org.jspecify.annotations.Nullable;

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
  private static final Pattern MAVEN =
      Pattern.compile(
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
      Pattern.compile(
          "\u001B\\[[0-9;]*[A-Za-z]|^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z ");

  /** javac indents every line of a message after the first by this much. */
  private static final int DETAIL_INDENT = 2;

  /**
   * Lines that only a compiler run prints: Maven's compiler plugin, javac's diagnostics (of any
   * tag) and its warning and error counts. Without one the input is not a build's output.
   */
  private static final Pattern COMPILER_OUTPUT =
      Pattern.compile(
          "\\[INFO] (?:Compiling \\d+ source files?"
              + "|Nothing to compile|No sources to compile|--- (?:maven-)?compiler(?:-plugin)?:\\S+:(?:test)?[cC]ompile)"
              + "|\\[(?:ERROR|WARNING)] .+\\.java:\\[\\d+,\\d+]"
              + "|.+\\.java:\\d+: (?:error|warning|[Nn]ote): "
              + "|\\d+ (?:warnings?|errors?)$");

  /** Maven's word for a compile it skipped: javac prints nothing for code it does not compile. */
  private static final String MAVEN_SKIPPED_COMPILE =
      "Nothing to compile - all classes are up to date";

  /** Longer lines are not build output (a binary file, /dev/zero); reading stops there. */
  public static final int MAX_LINE_CHARS = 8 << 20;

  private BuildLogParser() {}

  /**
   * What one build log holds.
   *
   * @param findings the findings in log order, each once although Maven prints ERROR findings twice
   * @param compilerOutput whether any line is a compiler's (a clean build has no findings, but
   *     these)
   * @param skippedCompile whether Maven skipped compiling up-to-date code, so its findings are
   *     missing
   */
  public record Parsed(List<Finding> findings, boolean compilerOutput, boolean skippedCompile) {}

  public static List<Finding> parse(String log) {
    try {
      return read(new StringReader(log), "the log").findings();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
  }

  /**
   * Reads {@code log} line by line, holding one line and the finding it is in at a time. A line
   * longer than {@link #MAX_LINE_CHARS} is an {@link InvalidInputException} naming {@code name}.
   */
  public static Parsed read(Reader log, String name) throws IOException {
    Map<String, Finding> unique = new LinkedHashMap<>();
    Lines lines = new Lines(log, name);
    Pending pending = null;
    boolean forked = false;
    boolean compilerOutput = false;
    boolean skipped = false;
    for (String raw = lines.next(); raw != null; raw = lines.next()) {
      String line = NOISE.matcher(raw).replaceAll("");
      if (!compilerOutput && COMPILER_OUTPUT.matcher(line).lookingAt()) {
        compilerOutput = true;
      }
      skipped |= line.contains(MAVEN_SKIPPED_COMPILE);
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
    return new Parsed(List.copyOf(unique.values()), compilerOutput, skipped);
  }

  /**
   * Lines ended by \\n, \\r or \\r\\n, as {@link java.io.BufferedReader} has them, but of bounded
   * length.
   */
  private static final class Lines {
    private final Reader in;
    private final String name;
    private final char[] buffer = new char[1 << 16];
    private final StringBuilder line = new StringBuilder();
    private int pos;
    private int end;
    private long number;
    private boolean skipLineFeed;

    /** Whether {@link #line} has begun: a last line without a line feed still counts. */
    private boolean pendingLine;

    Lines(Reader in, String name) {
      this.in = in;
      this.name = name;
    }

    @Nullable String next() throws IOException {
      line.setLength(0);
      while (true) {
        if (pos == end) {
          end = Math.max(in.read(buffer), 0);
          pos = 0;
          if (end == 0) {
            return line.isEmpty() && !pendingLine ? null : finish();
          }
        }
        if (skipLineFeed) {
          skipLineFeed = false;
          if (buffer[pos] == '\n') {
            pos++;
            continue;
          }
        }
        int start = pos;
        while (pos < end && buffer[pos] != '\n' && buffer[pos] != '\r') {
          pos++;
        }
        line.append(buffer, start, pos - start);
        pendingLine = true;
        if (line.length() > MAX_LINE_CHARS) {
          throw new InvalidInputException(
              name
                  + ": line "
                  + (number + 1)
                  + " is longer than "
                  + (MAX_LINE_CHARS >> 20)
                  + " MB, so this is not a build log: pass the log of a javac or Maven build");
        }
        if (pos < end) {
          skipLineFeed = buffer[pos] == '\r';
          pos++;
          return finish();
        }
      }
    }

    private String finish() {
      pendingLine = false;
      number++;
      return line.toString();
    }
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
      Severity severity =
          maven.group(5) != null ? javacSeverity(maven.group(5)) : mavenSeverity(maven.group(1));
      return new Pending(
          maven.group(6),
          severity,
          maven.group(2),
          Integer.parseInt(maven.group(3)),
          forkedMavenCompile ? column + 1 : column,
          !forkedMavenCompile,
          maven.group(7),
          false);
    }
    Matcher javac = JAVAC.matcher(line);
    if (javac.matches()) {
      return new Pending(
          javac.group(4),
          javacSeverity(javac.group(3)),
          javac.group(1),
          Integer.parseInt(javac.group(2)),
          0,
          false,
          javac.group(5),
          true);
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

    Pending(
        String check,
        Severity severity,
        String path,
        int line,
        int column,
        boolean columnExpandsTabs,
        String firstLine,
        boolean expectsSource) {
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
      return new Finding(
          check,
          severity,
          path,
          line,
          column,
          columnExpandsTabs,
          String.join("\n", message).strip(),
          link,
          suggestion,
          sourceLine);
    }
  }
}
