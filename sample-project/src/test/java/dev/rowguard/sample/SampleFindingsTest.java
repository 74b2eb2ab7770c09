package dev.rowguard.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.errorprone.BugPattern;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the sample application with Error Prone and the rowguard checks, exactly as its build
 * does, and compares rowguard's findings with {@code expected-findings.txt}: a lost finding or a
 * new false positive fails. Each line there is {@code path/under/src/main/java:LINE: CheckName}.
 */
final class SampleFindingsTest {

  private static final String CHECKS_SERVICE =
      "META-INF/services/com.google.errorprone.bugpatterns.BugChecker";

  @Test
  void findingsAreExactlyTheExpectedOnes(@TempDir Path classes) throws IOException {
    Set<String> rowguardChecks = rowguardCheckNames();
    assertThat(rowguardChecks).isNotEmpty();

    List<String> findings = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> diagnostic : SampleCompilation.diagnostics(classes)) {
      String message = diagnostic.getMessage(Locale.ROOT);
      for (String check : rowguardChecks) {
        if (message.startsWith("[" + check + "]") && diagnostic.getSource() != null) {
          Path file =
              SampleCompilation.SOURCES
                  .toAbsolutePath()
                  .relativize(Path.of(diagnostic.getSource().toUri()));
          findings.add(
              file.toString().replace('\\', '/') + ":" + diagnostic.getLineNumber() + ": " + check);
        }
      }
    }
    Collections.sort(findings);

    List<String> expected = SampleCompilation.expectedFindings();
    assertThat(findings).containsExactlyElementsOf(expected);
  }

  /** The checks rowguard-checker registers, by their BugPattern names. */
  private static Set<String> rowguardCheckNames() throws IOException {
    Set<String> names = new TreeSet<>();
    for (URL service : Collections.list(ClassLoader.getSystemResources(CHECKS_SERVICE))) {
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(service.openStream(), UTF_8))) {
        reader
            .lines()
            .map(String::strip)
            .filter(line -> line.startsWith("dev.rowguard."))
            .map(SampleFindingsTest::checkName)
            .forEach(names::add);
      }
    }
    return names;
  }

  private static String checkName(String className) {
    try {
      Class<?> check = Class.forName(className);
      BugPattern pattern = check.getAnnotation(BugPattern.class);
      return pattern == null || pattern.name().isEmpty() ? check.getSimpleName() : pattern.name();
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "Listed in " + CHECKS_SERVICE + " but missing: " + className, e);
    }
  }
}
