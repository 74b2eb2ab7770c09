package dev.rowguard.bench;

import dev.rowguard.bench.JavacProcess.Run;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compiles the sources of real projects (fetched by bench/realcode/run.sh) with javac + stock Error
 * Prone and with javac + Error Prone + every rowguard check, alternating the two, and prints per
 * project the files compiled, rowguard crashes, rowguard findings (file:line) and the CPU ratio
 * EP+rowguard / EP-only. See bench/realcode/README.md.
 *
 * <p>Each project directory holds {@code sources/} (the unpacked sources jar), {@code classpath}
 * (its dependencies and its own published jar, which supplies the classes the sources jar lacks:
 * generated metamodels and files excluded below) and {@code release}.
 */
public final class RealCodeBench {
  /** The issue's budget for one real-code module. */
  private static final double BUDGET = 1.03;

  /** Times javac has to compile the files that remain before a project is given up. */
  private static final int MAX_PROBES = 6;

  private static final Pattern ERROR_FILE = Pattern.compile("^(\\S.*\\.java):\\d+: error: ");
  private static final Pattern LOMBOK =
      Pattern.compile("lombok-\\d[^" + File.separator + "]*\\.jar");
  private static final String LOMBOK_PROCESSOR =
      "lombok.launch.AnnotationProcessorHider$AnnotationProcessor";
  private static final String EP_CRASH = "An unhandled exception was thrown by the Error Prone";
  private static final Pattern CRASH_CHECK = Pattern.compile("BugPattern: (\\w+)");

  /**
   * Both Error Prone configurations: the stock ERROR checks would stop the compile of code that was
   * never built with Error Prone, which would then measure nothing.
   */
  private static final List<String> ERROR_PRONE_FLAGS = List.of("-XepAllErrorsAsWarnings");

  private final RealCodeOptions options;
  private final JavacProcess javac;
  private final Set<String> rowguardChecks;

  private RealCodeBench(RealCodeOptions options) {
    this.options = options;
    this.javac = new JavacProcess(options.xmx, options.jvmOptions);
    this.rowguardChecks =
        RowguardChecks.names(options.checkerJar, options.errorPronePath, options.rowguardPath);
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    RealCodeOptions options;
    try {
      options = RealCodeOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("realcode: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(new RealCodeBench(options).run());
  }

  private int run() throws IOException, InterruptedException {
    System.out.printf(
        "compiler JVM %s -Xmx%s; rowguard checks: %s%n",
        javac.java(), options.xmx, String.join(", ", rowguardChecks));
    List<Project> projects = new ArrayList<>();
    for (String name : options.projects) {
      Project p = new Project(name, options.work.resolve("projects").resolve(name));
      System.out.printf("%n== %s (%s)%n", name, p.coordinates);
      if (probe(p)) {
        projects.add(p);
      }
    }

    System.out.printf(
        "%n== timing: a warm-up round, then %d round(s); in each round every project is compiled"
            + " by both configurations back to back, the order alternating%n",
        options.rounds);
    Configuration[] pair = {Configuration.ERROR_PRONE, Configuration.ROWGUARD};
    for (int round = 0; round <= options.rounds; round++) {
      for (int i = 0; i < projects.size(); i++) {
        Project p = projects.get(i);
        for (int k = 0; k < pair.length; k++) {
          Configuration c = pair[(round + i + k) % pair.length];
          if (!p.failed) {
            compile(p, c, round);
          }
        }
      }
    }
    if (options.profile) {
      for (Project p : projects) {
        if (!p.failed) {
          profile(p);
        }
      }
    }
    return printSummary(projects);
  }

  /**
   * Compiles the project with javac alone and leaves out the files javac reports errors in, until
   * the rest compiles; the left-out files are written to {@code excluded.txt} and counted.
   */
  private boolean probe(Project p) throws IOException, InterruptedException {
    List<String> remaining = new ArrayList<>(p.allSources);
    for (int attempt = 1; attempt <= MAX_PROBES; attempt++) {
      Path log = p.dir.resolve("logs/probe" + attempt + ".log");
      JavacProcess.Result result =
          javac.compile(p.javacArgs(Configuration.JAVAC, remaining, ""), log, p.timing());
      if (result.exit() == 0) {
        p.sources = remaining;
        Files.write(p.dir.resolve("excluded.txt"), p.excluded);
        System.out.printf(
            "files: %d compiled of %d%s%s%n",
            remaining.size(),
            p.allSources.size(),
            p.excluded.isEmpty()
                ? ""
                : String.format(
                    " (%d left out: javac reports errors in them; list in %s, first errors in %s)",
                    p.excluded.size(),
                    p.dir.resolve("excluded.txt"),
                    p.dir.resolve("logs/probe1.log")),
            p.lombok == null ? "" : "; Lombok " + p.lombok.getFileName());
        return true;
      }
      Set<String> broken = new TreeSet<>();
      try (Stream<String> lines = Files.lines(log)) {
        lines.forEach(
            line -> {
              Matcher m = ERROR_FILE.matcher(line);
              if (m.find()) {
                broken.add(m.group(1));
              }
            });
      }
      if (broken.isEmpty() || !remaining.removeAll(broken)) {
        System.out.printf(
            "does not compile, and no file to leave out is named (exit %d): see %s; skipped%n",
            result.exit(), log);
        return false;
      }
      broken.forEach(f -> p.excluded.add(p.relative(f)));
    }
    System.out.printf(
        "still does not compile after leaving out %d files in %d attempts; skipped%n",
        p.excluded.size(), MAX_PROBES);
    return false;
  }

  private void compile(Project p, Configuration c, int round)
      throws IOException, InterruptedException {
    Path log = p.dir.resolve("logs/round" + round + "-" + c.name().toLowerCase() + ".log");
    JavacProcess.Result result =
        javac.compile(
            p.javacArgs(c, p.sources, CompileBench.join(options.errorPronePath)), log, p.timing());
    List<String> crashes = crashes(log);
    String line =
        String.format(
            "  %-12s %-8s %-12s", p.name, round == 0 ? "warm-up" : "round " + round, c.label);
    if (!crashes.isEmpty() || result.exit() != 0 || result.run() == null) {
      p.failed = true;
      p.crashes.addAll(crashes);
      System.out.printf(
          "%s FAILED (exit %d%s); see %s%n",
          line,
          result.exit(),
          crashes.isEmpty() ? "" : ", Error Prone crash in " + String.join(", ", crashes),
          log);
      return;
    }
    Run run = result.run();
    String findings = "";
    if (c == Configuration.ROWGUARD) {
      List<Findings.Finding> found = Findings.list(log, rowguardChecks);
      if (p.findings == null) {
        p.findings = found;
      } else if (!p.findings.equals(found)) {
        p.unstableFindings = true;
      }
      findings = "   rowguard findings: " + found.size();
    }
    if (round > 0) {
      p.runs.get(c).add(run);
    }
    System.out.printf(
        "%s %7.2f / %7.2f / %7.2f s (wall / cpu / thread)%s%n",
        line, run.wall(), run.cpu(), run.threadCpu(), findings);
  }

  /** The checks Error Prone names in its crash reports in the log. */
  private static List<String> crashes(Path log) throws IOException {
    List<String> checks = new ArrayList<>();
    String text = Files.readString(log);
    if (text.contains(EP_CRASH)) {
      Matcher m = CRASH_CHECK.matcher(text);
      while (m.find()) {
        checks.add(m.group(1));
      }
      if (checks.isEmpty()) {
        checks.add("(no check named)");
      }
    }
    return checks;
  }

  /** One more EP+rowguard compile under Java Flight Recorder: where rowguard's samples go. */
  private void profile(Project p) throws IOException, InterruptedException {
    Path recording = p.dir.resolve("profile.jfr");
    Files.deleteIfExists(recording);
    Path log = p.dir.resolve("logs/profile.log");
    JavacProcess.Result result =
        javac.compile(
            List.of(
                // Deep enough for rowguard's own tree scans under Error Prone's.
                "-XX:FlightRecorderOptions=stackdepth=512",
                "-XX:StartFlightRecording=settings=profile,filename=" + recording),
            p.javacArgs(
                Configuration.ROWGUARD, p.sources, CompileBench.join(options.errorPronePath)),
            log,
            p.timing());
    if (result.exit() != 0 || !Files.exists(recording)) {
      System.out.printf(
          "  %s: profile compile failed (exit %d), see %s%n", p.name, result.exit(), log);
      return;
    }
    p.profile = Profile.read(recording);
  }

  private int printSummary(List<Project> projects) {
    int crashes = 0;
    System.out.printf("%n== summary (%d rounds; ratio = EP+rowguard / EP-only)%n", options.rounds);
    for (Project p : projects) {
      System.out.printf("%n%s (%s)%n", p.name, p.coordinates);
      System.out.printf(
          "  files compiled %d of %d (%d left out)%n",
          p.sources.size(), p.allSources.size(), p.excluded.size());
      System.out.printf(
          "  crashes in rowguard checks: %d%s%n",
          p.crashes.size(), p.crashes.isEmpty() ? "" : " " + p.crashes);
      crashes += p.crashes.size();
      if (p.failed) {
        System.out.println("  a compile failed: no findings or timing for this project");
        continue;
      }
      printFindings(p);
      printTimes(p);
      if (p.profile != null) {
        System.out.println("  profile of one EP+rowguard compile: " + p.profile);
      }
    }
    return crashes == 0 && projects.stream().noneMatch(p -> p.failed) ? 0 : 1;
  }

  private void printFindings(Project p) {
    List<Findings.Finding> found = p.findings == null ? List.of() : p.findings;
    System.out.printf(
        "  rowguard findings: %d%s%n",
        found.size(), p.unstableFindings ? " (NOT the same in every compile)" : "");
    Map<String, List<Findings.Finding>> byCheck = new TreeMap<>();
    for (Findings.Finding f : found) {
      byCheck.computeIfAbsent(f.check(), k -> new ArrayList<>()).add(f);
    }
    for (Map.Entry<String, List<Findings.Finding>> e : byCheck.entrySet()) {
      System.out.printf("    %s: %d%n", e.getKey(), e.getValue().size());
      for (Findings.Finding f : e.getValue()) {
        System.out.printf("      %s: %s%n", p.relative(f.location()), f.message());
      }
    }
  }

  private void printTimes(Project p) {
    List<Run> ep = p.runs.get(Configuration.ERROR_PRONE);
    List<Run> rg = p.runs.get(Configuration.ROWGUARD);
    if (ep.isEmpty() || rg.isEmpty()) {
      return;
    }
    for (Metric m : Metric.values()) {
      List<Double> a = values(rg, m);
      List<Double> b = values(ep, m);
      List<Double> perRound = new ArrayList<>();
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        perRound.add(a.get(i) / b.get(i));
      }
      double ratio = Stats.median(a) / Stats.median(b);
      System.out.printf(
          "  %-6s EP-only %7.2f s [%.2f-%.2f]  EP+rowguard %7.2f s [%.2f-%.2f]  ratio of medians"
              + " %.3fx (per-round ratios %.3f-%.3f)%s%n",
          m.label,
          Stats.median(b),
          Stats.min(b),
          Stats.max(b),
          Stats.median(a),
          Stats.min(a),
          Stats.max(a),
          ratio,
          Stats.min(perRound),
          Stats.max(perRound),
          m == Metric.CPU ? String.format("   (budget %.2fx)", BUDGET) : "");
    }
  }

  private static List<Double> values(List<Run> runs, Metric m) {
    return runs.stream().map(r -> r.get(m)).collect(Collectors.toList());
  }

  /** A fetched project and what was measured of it. */
  private final class Project {
    final String name;
    final Path dir;
    final Path sourceRoot;
    final String coordinates;
    final String classpath;
    final String release;
    final List<String> errorProneFlags = new ArrayList<>(ERROR_PRONE_FLAGS);
    final Path lombok;
    final Path emptySourcePath;
    final List<String> allSources;
    final List<String> excluded = new ArrayList<>();
    List<String> sources = List.of();
    final Map<Configuration, List<Run>> runs = new EnumMap<>(Configuration.class);
    List<Findings.Finding> findings;
    boolean unstableFindings;
    final List<String> crashes = new ArrayList<>();
    boolean failed;
    Profile profile;

    Project(String name, Path dir) throws IOException {
      if (!Files.isDirectory(dir.resolve("sources"))) {
        throw new IllegalArgumentException(
            "project " + name + " has not been fetched to " + dir + " (run bench/realcode/run.sh)");
      }
      this.name = name;
      this.dir = dir;
      this.sourceRoot = dir.resolve("sources");
      this.coordinates = Options.read(dir.resolve("coordinates").toString());
      this.release = Options.read(dir.resolve("release").toString());
      Path migrations = dir.resolve("migrations");
      String locations = Files.exists(migrations) ? Options.read(migrations.toString()) : "-";
      if (!locations.equals("-")) {
        // Where the project's build configures its migrations, as a user passes it to rowguard.
        errorProneFlags.add(
            "-XepOpt:Rowguard:Migrations="
                + Stream.of(locations.split(","))
                    .map(l -> dir.resolve("sources").resolve(l).toString())
                    .collect(Collectors.joining(",")));
      }
      // The sources directory is on the class path for its resources (Flyway and Liquibase
      // migrations, as Maven copies them to the class output); -sourcepath points javac elsewhere
      // so that it never compiles a source from there that was not named.
      this.classpath =
          Options.read(dir.resolve("classpath").toString()) + File.pathSeparator + sourceRoot;
      this.lombok =
          Options.paths(classpath).stream()
              .filter(j -> LOMBOK.matcher(j.getFileName().toString()).matches())
              .findFirst()
              .orElse(null);
      this.emptySourcePath = dir.resolve("empty-sourcepath");
      Files.createDirectories(emptySourcePath);
      try (Stream<Path> walk = Files.walk(sourceRoot)) {
        this.allSources =
            walk.filter(f -> f.toString().endsWith(".java"))
                .filter(f -> !f.getFileName().toString().equals("module-info.java"))
                .map(Path::toString)
                .sorted()
                .collect(Collectors.toList());
      }
      for (Configuration c : Configuration.values()) {
        runs.put(c, new ArrayList<>());
      }
    }

    Path timing() {
      return dir.resolve("timing");
    }

    String relative(String path) {
      String root = sourceRoot + File.separator;
      return path.startsWith(root) ? path.substring(root.length()) : path;
    }

    /** Everything but the processor path is the same in the three configurations. */
    List<String> javacArgs(Configuration c, List<String> files, String errorPronePath)
        throws IOException {
      Path classes = dir.resolve("classes-" + c.name().toLowerCase());
      CompileBench.deleteRecursively(classes);
      Files.createDirectories(classes);
      Path sourceList = dir.resolve("sources-" + c.name().toLowerCase() + ".txt");
      Files.write(sourceList, files);
      List<String> args = new ArrayList<>();
      String processorPath = errorPronePath;
      if (lombok == null) {
        args.add("-proc:none");
      } else {
        args.add("-processor");
        args.add(LOMBOK_PROCESSOR);
        processorPath =
            errorPronePath.isEmpty()
                ? lombok.toString()
                : lombok + File.pathSeparator + processorPath;
        if (c == Configuration.JAVAC) {
          args.add("-processorpath");
          args.add(lombok.toString());
        }
      }
      args.addAll(
          List.of(
              "--release",
              release,
              "-encoding",
              "UTF-8",
              "-Xmaxwarns",
              "100000",
              "-Xmaxerrs",
              "100000",
              "-d",
              classes.toString(),
              "-sourcepath",
              emptySourcePath.toString(),
              "-cp",
              classpath));
      args.addAll(
          c.pluginArgs(processorPath, CompileBench.join(options.rowguardPath), errorProneFlags));
      args.add("@" + sourceList);
      return args;
    }
  }
}
