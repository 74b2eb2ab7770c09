package dev.rowguard.cli.audit;

import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.CallableDeclaration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a call site in source roots with JavaParser: the line of code and the enclosing method. The
 * log has the class ({@code code.function.name}) and the file name ({@code code.file.path}); the
 * file is the class's package directory plus that name under one of the roots (each root may also
 * be a project whose sources are in {@code src/main/java}).
 */
final class SourceLocator {

  /** The source line of a call site and the signature of the method around it. */
  record Location(Path file, int line, String code, String method) {}

  private static final int CACHED_FILES = 64;

  private final List<Path> roots;
  private final Map<Path, Optional<CompilationUnit>> parsed =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Optional<CompilationUnit>> eldest) {
          return size() > CACHED_FILES;
        }
      };

  SourceLocator(List<Path> roots) {
    this.roots = roots;
    StaticJavaParser.getParserConfiguration()
        .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17);
  }

  /** The location of {@code function} at {@code fileName:line}, or null when no root has it. */
  Location locate(String function, String fileName, Long line) {
    if (function == null || fileName == null || line == null || function.lastIndexOf('.') < 0) {
      return null;
    }
    String className = function.substring(0, function.lastIndexOf('.'));
    String packagePath =
        className.contains(".")
            ? className.substring(0, className.lastIndexOf('.')).replace('.', '/')
            : "";
    for (Path root : roots) {
      for (Path base :
          List.of(root, root.resolve("src/main/java"), root.resolve("src/test/java"))) {
        Path file = base.resolve(packagePath).resolve(fileName);
        if (Files.isRegularFile(file)) {
          return locateIn(file, line.intValue());
        }
      }
    }
    return null;
  }

  private Location locateIn(Path file, int line) {
    String code;
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      code = line >= 1 && line <= lines.size() ? lines.get(line - 1).strip() : null;
    } catch (IOException e) {
      return null;
    }
    Optional<CompilationUnit> unit = parsed.computeIfAbsent(file, SourceLocator::parse);
    String method =
        unit.flatMap(
                u ->
                    u.findAll(CallableDeclaration.class).stream()
                        .filter(
                            m ->
                                m.getRange()
                                    .map(r -> r.begin.line <= line && line <= r.end.line)
                                    .orElse(false))
                        // the innermost: a method of a local or anonymous class inside another
                        // method
                        .reduce((outer, inner) -> inner))
            .map(m -> m.getDeclarationAsString(true, false, true).strip())
            .orElse(null);
    return new Location(file, line, code, method);
  }

  private static Optional<CompilationUnit> parse(Path file) {
    try {
      return Optional.of(StaticJavaParser.parse(file));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // a file JavaParser cannot read still gives its line of code
    }
  }
}
