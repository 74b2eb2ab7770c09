package dev.rowguard.bench;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

/** RealCodeBench's command line; run.sh writes the class paths to files (see {@link Options}). */
final class RealCodeOptions {
  Path work;
  List<String> projects;
  List<Path> errorPronePath;
  List<Path> rowguardPath;
  Path checkerJar;
  List<String> jvmOptions = List.of();
  int rounds = 3;
  String xmx = "2g";
  boolean profile;

  private RealCodeOptions() {}

  static RealCodeOptions parse(String[] args) {
    RealCodeOptions o = new RealCodeOptions();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--profile")) {
        o.profile = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      String value = args[++i];
      switch (name) {
        case "--work" -> o.work = Paths.get(value);
        case "--projects" -> o.projects = Arrays.asList(value.split(","));
        case "--error-prone-path-file" -> o.errorPronePath = Options.paths(Options.read(value));
        case "--rowguard-path-file" -> o.rowguardPath = Options.paths(Options.read(value));
        case "--checker-jar" -> o.checkerJar = Paths.get(value);
        case "--jvm-options-file" ->
            o.jvmOptions = Arrays.asList(Options.read(value).split("\\s+"));
        case "--rounds" -> o.rounds = Options.positive(name, value);
        case "--xmx" -> o.xmx = value;
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    if (o.work == null
        || o.projects == null
        || o.errorPronePath == null
        || o.rowguardPath == null
        || o.checkerJar == null) {
      throw new IllegalArgumentException(
          "need --work, --projects, --error-prone-path-file, --rowguard-path-file and --checker-jar");
    }
    return o;
  }
}
