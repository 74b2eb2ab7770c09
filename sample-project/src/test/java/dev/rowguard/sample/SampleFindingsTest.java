package dev.rowguard.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.errorprone.BugPattern;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the sample application with Error Prone and the rowguard checks, exactly as its build
 * does, and compares rowguard's findings with {@code expected-findings.txt}: a lost finding or a
 * new false positive fails. Each line there is {@code path/under/src/main/java:LINE: CheckName}.
 */
final class SampleFindingsTest {

  private static final Path SOURCES = Path.of("src", "main", "java");
  private static final Path EXPECTED = Path.of("expected-findings.txt");
  private static final String CHECKS_SERVICE =
      "META-INF/services/com.google.errorprone.bugpatterns.BugChecker";

  @Test
  void findingsAreExactlyTheExpectedOnes(@TempDir Path classes) throws IOException {
    Set<String> rowguardChecks = rowguardCheckNames();
    assertThat(rowguardChecks).isNotEmpty();

    List<String> findings = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> diagnostic : compileSample(classes)) {
      String message = diagnostic.getMessage(Locale.ROOT);
      for (String check : rowguardChecks) {
        if (message.startsWith("[" + check + "]") && diagnostic.getSource() != null) {
          Path file = SOURCES.toAbsolutePath().relativize(Path.of(diagnostic.getSource().toUri()));
          findings.add(
              file.toString().replace('\\', '/')
                  + ":"
                  + diagnostic.getLineNumber()
                  + ": "
                  + check);
        }
      }
    }
    Collections.sort(findings);

    List<String> expected;
    try (Stream<String> lines = Files.lines(EXPECTED, UTF_8)) {
      expected = lines.map(String::strip).filter(l -> !l.isEmpty()).sorted().toList();
    }
    assertThat(findings).containsExactlyElementsOf(expected);
  }

  private static List<Diagnostic<? extends JavaFileObject>> compileSample(Path classes)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(SOURCES)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    String classPath = System.getProperty("java.class.path");
    List<String> options =
        List.of(
            "-d", classes.toString(),
            "-classpath", classPath,
            "-processorpath", classPath,
            "-XDcompilePolicy=simple",
            "--should-stop=ifError=FLOW",
            "-Xplugin:ErrorProne -XepDisableWarningsInGeneratedCode",
            "-Xmaxwarns", "100000");
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, UTF_8)) {
      boolean compiled =
          javac
              .getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources))
              .call();
      assertThat(compiled).as("sample compiles: %s", diagnostics.getDiagnostics()).isTrue();
    }
    return diagnostics.getDiagnostics();
  }

  /** The checks rowguard-checker registers, by their BugPattern names. */
  private static Set<String> rowguardCheckNames() throws IOException {
    Set<String> names = new TreeSet<>();
    for (URL service : Collections.list(ClassLoader.getSystemResources(CHECKS_SERVICE))) {
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(service.openStream(), UTF_8))) {
        reader.lines()
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
      throw new IllegalStateException("Listed in " + CHECKS_SERVICE + " but missing: " + className, e);
    }
  }
}
