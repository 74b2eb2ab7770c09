package dev.rowguard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The names of the checks the rowguard checker jar registers: its services file lists the classes,
 * and each class's {@code @BugPattern(name)} (default: the simple class name) is what javac prints
 * in brackets.
 */
final class RowguardChecks {
  private static final String SERVICES =
      "META-INF/services/com.google.errorprone.bugpatterns.BugChecker";
  private static final String BUG_PATTERN = "com.google.errorprone.BugPattern";

  private RowguardChecks() {}

  /**
   * The checks registered by {@code checkerJar}, loaded from Error Prone's and rowguard's paths.
   */
  static Set<String> names(Path checkerJar, List<Path> errorPronePath, List<Path> rowguardPath) {
    List<Path> loadPath = new ArrayList<>(errorPronePath);
    loadPath.addAll(rowguardPath);
    return names(checkerJar, loadPath);
  }

  /** Empty when the jar registers no checks yet. */
  static Set<String> names(Path checkerJar, List<Path> loadPath) {
    List<String> classes = registeredClasses(checkerJar);
    Set<String> names = new TreeSet<>();
    try (URLClassLoader loader =
        new URLClassLoader(urls(loadPath), ClassLoader.getPlatformClassLoader())) {
      for (String className : classes) {
        names.add(bugPatternName(Class.forName(className, false, loader)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "services file of " + checkerJar + " names a missing class: " + e.getMessage(), e);
    }
    return names;
  }

  private static List<String> registeredClasses(Path checkerJar) {
    List<String> classes = new ArrayList<>();
    try (JarFile jar = new JarFile(checkerJar.toFile())) {
      ZipEntry services = jar.getEntry(SERVICES);
      if (services == null) {
        return classes;
      }
      String text = new String(jar.getInputStream(services).readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        String name = line.replaceFirst("#.*", "").trim();
        if (!name.isEmpty()) {
          classes.add(name);
        }
      }
      return classes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String bugPatternName(Class<?> check) {
    for (Annotation annotation : check.getAnnotations()) {
      if (annotation.annotationType().getName().equals(BUG_PATTERN)) {
        try {
          String name = (String) annotation.annotationType().getMethod("name").invoke(annotation);
          return name.isEmpty() ? check.getSimpleName() : name;
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read @BugPattern of " + check.getName(), e);
        }
      }
    }
    return check.getSimpleName();
  }

  private static URL[] urls(List<Path> path) {
    URL[] urls = new URL[path.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = path.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException(e);
      }
    }
    return urls;
  }
}
