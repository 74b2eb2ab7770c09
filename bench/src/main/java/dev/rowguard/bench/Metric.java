package dev.rowguard.bench;

/** What is measured of each compile. */
enum Metric {
  /** Elapsed time around the javac process, start-up included: what a developer waits. */
  WALL("wall"),
  /** CPU time of the whole javac process (compiler, GC and JIT threads). */
  CPU("cpu"),
  /** CPU time of the thread that runs the compiler: the steadiest figure on a busy machine. */
  COMPILE_THREAD("thread");

  final String label;

  Metric(String label) {
    this.label = label;
  }
}
