package dev.rowguard.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * CompileBench's command line. Class paths come in files (as Maven's dependency:build-classpath
 * writes them) so that the shell script needs no quoting.
 */
final class Options {
  Path codebase;
  Path work;
  String classpath;
  List<Path> errorPronePath;
  List<Path> rowguardPath;
  Path checkerJar;
  List<String> jvmOptions = List.of();
  int rounds = 5;
  String xmx = "2g";

  private Options() {}

  static Options parse(String[] args) {
    Options o = new Options();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      String value = args[++i];
      switch (name) {
        case "--codebase" -> o.codebase = Paths.get(value);
        case "--work" -> o.work = Paths.get(value);
        case "--classpath-file" -> o.classpath = read(value);
        case "--error-prone-path-file" -> o.errorPronePath = paths(read(value));
        case "--rowguard-path-file" -> o.rowguardPath = paths(read(value));
        case "--checker-jar" -> o.checkerJar = Paths.get(value);
        case "--jvm-options-file" -> o.jvmOptions = Arrays.asList(read(value).split("\\s+"));
        case "--rounds" -> o.rounds = positive(name, value);
        case "--xmx" -> o.xmx = value;
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    if (o.codebase == null
        || o.work == null
        || o.classpath == null
        || o.errorPronePath == null
        || o.rowguardPath == null
        || o.checkerJar == null) {
      throw new IllegalArgumentException(
          "need --codebase, --work, --classpath-file, --error-prone-path-file, --rowguard-path-file and --checker-jar");
    }
    return o;
  }

  static String read(String file) {
    try {
      return Files.readString(Paths.get(file)).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static List<Path> paths(String path) {
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(s -> !s.isBlank())
        .map(Paths::get)
        .collect(Collectors.toCollection(ArrayList::new));
  }

  static int positive(String name, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be a positive whole number, not " + value);
  }
}
