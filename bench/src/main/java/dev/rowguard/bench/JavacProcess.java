package dev.rowguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts one compile: a fresh JVM that runs javac through {@link TimedJavac}, its output to a log.
 * Shared by the benchmarks so that both time a compile the same way.
 */
final class JavacProcess {
  private final Path java = Paths.get(ProcessHandle.current().info().command().orElseThrow());
  private final String xmx;
  private final List<String> jvmOptions;

  JavacProcess(String xmx, List<String> jvmOptions) {
    this.xmx = xmx;
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  Path java() {
    return java;
  }

  /**
   * Compiles with {@code javacArgs}, javac's output to {@code log}; {@code timing} is a scratch
   * file. Returns the exit status and, when javac finished, the times.
   */
  Result compile(List<String> javacArgs, Path log, Path timing)
      throws IOException, InterruptedException {
    return compile(List.of(), javacArgs, log, timing);
  }

  /** As {@link #compile(List, Path, Path)}, with extra options for the compiler's JVM. */
  Result compile(List<String> extraJvmOptions, List<String> javacArgs, Path log, Path timing)
      throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    Files.deleteIfExists(timing);
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xmx" + xmx);
    command.addAll(jvmOptions);
    command.addAll(extraJvmOptions);
    command.addAll(
        List.of(
            "-Drowguard.bench.timing=" + timing,
            "-cp",
            System.getProperty("java.class.path"),
            TimedJavac.class.getName()));
    command.addAll(javacArgs);

    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int exit = process.waitFor();
    double wall = (System.nanoTime() - start) / 1e9;
    if (!Files.exists(timing)) {
      return new Result(exit, null);
    }
    String[] nanos = Files.readString(timing).trim().split(" ");
    return new Result(
        exit, new Run(wall, Long.parseLong(nanos[1]) / 1e9, Long.parseLong(nanos[0]) / 1e9));
  }

  /** A compile's exit status and times ({@code run} null when javac did not finish). */
  record Result(int exit, Run run) {}

  /** One timed compile, in seconds. */
  record Run(double wall, double cpu, double threadCpu) {
    double get(Metric m) {
      switch (m) {
        case WALL:
          return wall;
        case CPU:
          return cpu;
        case COMPILE_THREAD:
          return threadCpu;
      }
      throw new AssertionError(m);
    }
  }
}
