package dev.rowguard.checker.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.errorprone.BugPattern;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.rowguard.annotations.RowguardDocs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The checks the jar registers (auto-service's services file), the pages in docs/checks and the
 * list in README's "The checks" section are the same set, and each page opens with the header its
 * check's {@code @BugPattern} implies: nothing of it is kept by hand beside the annotation.
 */
final class ChecksCatalogTest {

  private static final String SERVICES = "META-INF/services/" + BugChecker.class.getName();
  private static final Path ROOT = Path.of("..");
  private static final Path DOCS = ROOT.resolve("docs/checks");

  @Test
  void registeredChecksDocsPagesAndReadmeListAgree() throws IOException {
    Set<String> registered = registered().keySet();
    assertThat(registered).isNotEmpty();

    Set<String> pages = new TreeSet<>();
    try (Stream<Path> files = Files.list(DOCS)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".md"))
          .forEach(n -> pages.add(n.substring(0, n.length() - ".md".length())));
    }
    assertThat(pages).as("docs/checks/*.md").isEqualTo(registered);
    assertThat(readmeChecks()).as("README.md, section \"The checks\"").isEqualTo(registered);
  }

  @Test
  void eachPageOpensWithTheHeaderOfItsBugPattern() throws IOException {
    for (Map.Entry<String, Class<?>> check : registered().entrySet()) {
      String page = Files.readString(DOCS.resolve(check.getKey() + ".md"), StandardCharsets.UTF_8);
      assertThat(page)
          .as("header of docs/checks/%s.md (from its @BugPattern)", check.getKey())
          .startsWith(header(check.getKey(), check.getValue()));
    }
  }

  @Test
  void eachCheckLinksItsFindingsToItsPage() throws Exception {
    for (Map.Entry<String, Class<?>> check : registered().entrySet()) {
      BugChecker checker = (BugChecker) check.getValue().getDeclaredConstructor().newInstance();
      assertThat(checker.linkUrl())
          .as("link of %s", check.getKey())
          .isEqualTo(RowguardDocs.CHECKS + check.getKey() + ".md");
    }
  }

  /** The header a page must open with: name, severity, class, summary and how to suppress. */
  static String header(String name, Class<?> check) {
    BugPattern pattern = check.getAnnotation(BugPattern.class);
    return "# "
        + name
        + "\n\n"
        + "**Severity:** "
        + pattern.severity()
        + " · **Class:** `"
        + check.getName()
        + "`\n\n"
        + "**Summary:** "
        + pattern.summary()
        + ".\n\n"
        + "**Suppression:** `@SuppressWarnings(\""
        + name
        + "\")` on the method or class; `-Xep:"
        + name
        + ":OFF` for the whole build.\n";
  }

  /** Check name (the {@code @BugPattern} name, default the simple class name) to class. */
  static Map<String, Class<?>> registered() throws IOException {
    Map<String, Class<?>> checks = new TreeMap<>();
    ClassLoader loader = ChecksCatalogTest.class.getClassLoader();
    Enumeration<URL> files = loader.getResources(SERVICES);
    while (files.hasMoreElements()) {
      URL url = files.nextElement();
      if (!url.toString().contains("/checker/target/classes/")) {
        continue; // error_prone_core's own services file is on the test class path too
      }
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          String className = line.strip();
          if (className.isEmpty() || className.startsWith("#")) {
            continue;
          }
          Class<?> type;
          try {
            type = Class.forName(className, false, loader);
          } catch (ClassNotFoundException e) {
            throw new AssertionError(SERVICES + " names a missing class " + className, e);
          }
          BugPattern pattern = type.getAnnotation(BugPattern.class);
          assertThat(pattern).as("@BugPattern on %s", className).isNotNull();
          checks.put(pattern.name().isEmpty() ? type.getSimpleName() : pattern.name(), type);
        }
      }
    }
    return checks;
  }

  /** The checks README lists as {@code - [Name](docs/checks/Name.md)} under "## The checks". */
  private static Set<String> readmeChecks() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("\n## The checks\n");
    assertThat(start).as("README.md has a section \"## The checks\"").isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    Set<String> listed = new TreeSet<>();
    Matcher m =
        Pattern.compile("(?m)^- \\[(\\w+)\\]\\(docs/checks/(\\w+)\\.md\\)").matcher(section);
    while (m.find()) {
      assertThat(m.group(2)).as("README link of %s", m.group(1)).isEqualTo(m.group(1));
      listed.add(m.group(1));
    }
    return listed;
  }
}
