package dev.rowguard.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs javac's own entry point, as {@code bin/javac} does, in the fresh JVM the benchmark starts
 * for each compile, and records the CPU time it used: that of the compiling thread, and that of the
 * whole process (adds GC and JIT threads). CPU time, unlike wall time, does not grow while the
 * process waits for a core on a busy machine.
 *
 * <p>Usage: {@code java -Drowguard.bench.timing=FILE dev.rowguard.bench.TimedJavac <javac args>};
 * FILE receives "threadNanos processNanos"; the exit status is javac's.
 */
public final class TimedJavac {
  private TimedJavac() {}

  public static void main(String[] args) throws IOException {
    Path timing = Path.of(System.getProperty("rowguard.bench.timing"));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    int exit = com.sun.tools.javac.Main.compile(args);
    long thread = threads.getCurrentThreadCpuTime() - start;
    long process =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    Files.writeString(timing, thread + " " + process + "\n");
    System.exit(exit);
  }
}
