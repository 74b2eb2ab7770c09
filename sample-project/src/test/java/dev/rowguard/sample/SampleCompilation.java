package dev.rowguard.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles the sample application in-process with Error Prone and the rowguard checks, with the
 * flags its Maven build uses; the test class path doubles as class path and processor path.
 */
final class SampleCompilation {

  /** The sample's sources, relative to the module directory tests run in. */
  static final Path SOURCES = Path.of("src", "main", "java");

  private static final Path EXPECTED = Path.of("expected-findings.txt");

  private SampleCompilation() {}

  /** The compiler's findings as diagnostics. */
  static List<Diagnostic<? extends JavaFileObject>> diagnostics(Path classes) throws IOException {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    compile(classes, null, diagnostics);
    return diagnostics.getDiagnostics();
  }

  /** What javac prints for the sample: the build output a CI job captures. */
  static String printedOutput(Path classes) throws IOException {
    StringWriter out = new StringWriter();
    compile(classes, out, null);
    return out.toString();
  }

  /** {@code expected-findings.txt}: {@code path/under/src/main/java:LINE: CheckName}, sorted. */
  static List<String> expectedFindings() throws IOException {
    try (Stream<String> lines = Files.lines(EXPECTED, UTF_8)) {
      return lines.map(String::strip).filter(l -> !l.isEmpty()).sorted().toList();
    }
  }

  private static void compile(
      Path classes, StringWriter out, DiagnosticCollector<JavaFileObject> diagnostics)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(SOURCES)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    String classPath = System.getProperty("java.class.path");
    List<String> options =
        List.of(
            "-d",
            classes.toString(),
            "-classpath",
            classPath,
            "-processorpath",
            classPath,
            "-XDcompilePolicy=simple",
            "--should-stop=ifError=FLOW",
            "-Xplugin:ErrorProne -XepDisableWarningsInGeneratedCode",
            "-Xmaxwarns",
            "100000");
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, UTF_8)) {
      boolean compiled =
          javac
              .getTask(
                  out,
                  files,
                  diagnostics,
                  options,
                  null,
                  files.getJavaFileObjectsFromPaths(sources))
              .call();
      assertThat(compiled)
          .as("sample compiles: %s", diagnostics == null ? out : diagnostics.getDiagnostics())
          .isTrue();
    }
  }
}
