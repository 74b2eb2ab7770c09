package dev.rowguard.bench;

import dev.rowguard.bench.JavacProcess.Run;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Times javac alone, javac + stock Error Prone and javac + Error Prone + rowguard on a generated
 * code base: each run a fresh JVM running javac (see {@link TimedJavac}), the configurations
 * alternated within each round so that load on a shared machine hits all three alike. Prints every
 * run, then medians, minimums and the ratios. compile-bench.sh resolves the paths this needs.
 */
public final class CompileBench {
  /**
   * The budget for all rowguard checks together, relative to EP-only, on this generated benchmark
   * (issue 17; real-code modules have their own, in RealCodeBench).
   */
  private static final double BUDGET = 1.02;

  private final Options options;
  private final JavacProcess javac;
  private final Set<String> rowguardChecks;
  private final Map<Configuration, List<Run>> runs = new EnumMap<>(Configuration.class);
  private final List<Map<String, Integer>> rowguardFindings = new ArrayList<>();

  private CompileBench(Options options) {
    this.options = options;
    this.javac = new JavacProcess(options.xmx, options.jvmOptions);
    this.rowguardChecks =
        RowguardChecks.names(options.checkerJar, options.errorPronePath, options.rowguardPath);
    for (Configuration c : Configuration.values()) {
      runs.put(c, new ArrayList<>());
    }
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("compile-bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    new CompileBench(options).run();
  }

  private void run() throws IOException, InterruptedException {
    Path sources = writeSourceList();
    System.out.printf(
        "compiler JVM %s -Xmx%s; rowguard checks in this build: %s%n",
        javac.java(),
        options.xmx,
        rowguardChecks.isEmpty() ? "none registered yet" : String.join(", ", rowguardChecks));
    System.out.println("seconds per compile (wall / process cpu / compile-thread cpu):");
    Configuration[] order = Configuration.values();
    for (Configuration c : order) {
      compile(c, 0, sources);
    }
    for (int round = 1; round <= options.rounds; round++) {
      for (int i = 0; i < order.length; i++) {
        Configuration c = order[(round - 1 + i) % order.length];
        runs.get(c).add(compile(c, round, sources));
      }
    }
    printSummary();
  }

  private Run compile(Configuration c, int round, Path sources)
      throws IOException, InterruptedException {
    Path classes = options.work.resolve("classes-" + c.name().toLowerCase());
    deleteRecursively(classes);
    Files.createDirectories(classes);
    Path log = options.work.resolve("logs/round" + round + "-" + c.name().toLowerCase() + ".log");
    Path timing = options.work.resolve("timing");

    List<String> args =
        new ArrayList<>(
            List.of(
                "-proc:none",
                "--release",
                "17",
                "-encoding",
                "UTF-8",
                "-Xmaxwarns",
                "100000",
                "-d",
                classes.toString(),
                "-cp",
                options.classpath));
    args.addAll(c.pluginArgs(join(options.errorPronePath), join(options.rowguardPath)));
    args.add("@" + sources);

    JavacProcess.Result result = javac.compile(args, log, timing);
    if (result.exit() != 0 || result.run() == null) {
      System.err.printf(
          "compile-bench: the %s compile failed (exit %d); see %s%n", c.label, result.exit(), log);
      System.exit(1);
    }
    Run run = result.run();

    String findings = "";
    if (c == Configuration.ROWGUARD) {
      Map<String, Integer> counts = Findings.count(log, rowguardChecks);
      if (round > 0) {
        rowguardFindings.add(counts);
      }
      findings = "   rowguard findings: " + Findings.total(counts);
    }
    System.out.printf(
        "  %-8s %-12s %7.2f / %7.2f / %7.2f%s%n",
        round == 0 ? "warm-up" : "round " + round,
        c.label,
        run.wall(),
        run.cpu(),
        run.threadCpu(),
        findings);
    return run;
  }

  private void printSummary() throws IOException {
    System.out.printf("%nmedian [min] of %d rounds, seconds:%n", options.rounds);
    for (Configuration c : Configuration.values()) {
      StringBuilder line = new StringBuilder(String.format("  %-12s", c.label));
      for (Metric m : Metric.values()) {
        List<Double> values = values(c, m);
        line.append(
            String.format("  %s %7.2f [%7.2f]", m.label, Stats.median(values), Stats.min(values)));
      }
      System.out.println(line);
    }
    String budget = String.format("   (budget %.2fx)", BUDGET);
    System.out.println("ratios of the medians:");
    printRatio("EP-only / javac", Configuration.ERROR_PRONE, Configuration.JAVAC, false, "");
    printRatio(
        "EP+rowguard / EP-only", Configuration.ROWGUARD, Configuration.ERROR_PRONE, false, budget);
    // A round compiles the three back to back, so its ratio cancels load that drifts between
    // rounds.
    System.out.println("medians of the per-round ratios:");
    printRatio(
        "EP+rowguard / EP-only", Configuration.ROWGUARD, Configuration.ERROR_PRONE, true, budget);
    printFindings();
  }

  private void printRatio(
      String name, Configuration a, Configuration b, boolean perRound, String suffix) {
    StringBuilder line = new StringBuilder(String.format("  %-22s", name));
    for (Metric m : Metric.values()) {
      List<Double> as = values(a, m);
      List<Double> bs = values(b, m);
      double ratio;
      if (perRound) {
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < as.size(); round++) {
          ratios.add(as.get(round) / bs.get(round));
        }
        ratio = Stats.median(ratios);
      } else {
        ratio = Stats.median(as) / Stats.median(bs);
      }
      line.append(String.format("  %s %.3fx", m.label, ratio));
    }
    System.out.println(line + suffix);
  }

  private List<Double> values(Configuration c, Metric m) {
    return runs.get(c).stream().map(r -> r.get(m)).collect(Collectors.toList());
  }

  private void printFindings() throws IOException {
    Map<String, Integer> last = rowguardFindings.get(rowguardFindings.size() - 1);
    boolean stable = rowguardFindings.stream().allMatch(last::equals);
    Map<String, Integer> planted = plantedByCheck();
    System.out.printf(
        "rowguard findings in the generated code: %d%s (logs: %s)%n",
        Findings.total(last),
        stable ? "" : ", NOT the same in every round",
        options.work.resolve("logs"));
    Set<String> names = new TreeSet<>(planted.keySet());
    names.addAll(last.keySet());
    for (String check : names) {
      System.out.printf(
          "  %-28s found %3d   planted %3d%s%n",
          check,
          last.getOrDefault(check, 0),
          planted.getOrDefault(check, 0),
          rowguardChecks.contains(check) ? "" : "   (check not in this build)");
    }
  }

  /** The generator's manifest: one "path: CheckName" line per planted bug. */
  private Map<String, Integer> plantedByCheck() throws IOException {
    Map<String, Integer> planted = new TreeMap<>();
    Path manifest = options.codebase.resolve("planted.txt");
    if (Files.exists(manifest)) {
      for (String line : Files.readAllLines(manifest)) {
        if (!line.isBlank()) {
          planted.merge(line.substring(line.lastIndexOf(' ') + 1), 1, Integer::sum);
        }
      }
    }
    return planted;
  }

  private Path writeSourceList() throws IOException {
    List<String> files;
    try (Stream<Path> walk = Files.walk(options.codebase.resolve("src"))) {
      files =
          walk.filter(p -> p.toString().endsWith(".java"))
              .map(Path::toString)
              .sorted()
              .collect(Collectors.toList());
    }
    Files.createDirectories(options.work);
    Path list = options.work.resolve("sources.txt");
    Files.write(list, files);
    System.out.printf("%d source files under %s%n", files.size(), options.codebase.resolve("src"));
    return list;
  }

  static String join(List<Path> path) {
    return path.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }
}
