package dev.rowguard.audit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The benchmarks' log directories: made fresh for a trial, removed after it. */
final class BenchDirectories {

  private BenchDirectories() {}

  static Path create() throws IOException {
    return Files.createTempDirectory("rowguard-bench");
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
