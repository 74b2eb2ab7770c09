package dev.rowguard.cli.findings;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checkout that findings are reported against: paths become relative to it, and findings that
 * the build printed without their source line (Maven does) get it from the file.
 */
public final class SourceRoot {

  /** javac counts a tab as reaching the next multiple of 8 in the columns Maven prints. */
  private static final int JAVAC_TAB_WIDTH = 8;

  private final Path root;
  private final Map<Path, List<String>> sources = new HashMap<>();

  public SourceRoot(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path path() {
    return root;
  }

  /** The findings with paths relative to the root, source lines, and character columns. */
  public List<Finding> locate(List<Finding> findings) {
    List<Finding> located = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      Path file = resolve(f.path());
      String relative = file == null ? f.path() : display(file);
      String source =
          f.sourceLine() != null || file == null ? f.sourceLine() : line(file, f.line());
      if (f.columnExpandsTabs() && source != null) {
        located.add(f.located(relative, characterColumn(source, f.column()), false, source));
      } else {
        located.add(f.located(relative, f.column(), f.columnExpandsTabs(), source));
      }
    }
    return located;
  }

  private Path resolve(String logged) {
    try {
      return root.resolve(logged).normalize();
    } catch (InvalidPathException e) {
      return null; // a path from another operating system's build: reported as printed
    }
  }

  private String display(Path file) {
    Path shown = file.startsWith(root) ? root.relativize(file) : file;
    return shown.toString().replace(File.separatorChar, '/');
  }

  private String line(Path file, int number) {
    List<String> lines = sources.computeIfAbsent(file, SourceRoot::read);
    return number >= 1 && number <= lines.size() ? lines.get(number - 1) : null;
  }

  private static List<String> read(Path file) {
    try {
      return new String(Files.readAllBytes(file), UTF_8).lines().toList();
    } catch (IOException e) {
      return List.of(); // not checked out here: the finding keeps no source line
    }
  }

  /** Maps javac's tab-expanded column (Maven prints that one) to a 1-based character column. */
  static int characterColumn(String line, int expandedColumn) {
    int expanded = 0;
    for (int i = 0; i < line.length(); i++) {
      if (expanded >= expandedColumn - 1) {
        return i + 1;
      }
      expanded =
          line.charAt(i) == '\t'
              ? (expanded / JAVAC_TAB_WIDTH + 1) * JAVAC_TAB_WIDTH
              : expanded + 1;
    }
    return expandedColumn;
  }
}
