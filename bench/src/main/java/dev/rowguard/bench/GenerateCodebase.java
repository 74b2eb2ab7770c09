package dev.rowguard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the synthetic code base the compile-time benchmark compiles: {@code --files N} Java files
 * under {@code --out DIR}, and {@code DIR/planted.txt} listing the planted bugs ({@code path:
 * CheckName}). Deterministic: the same N gives the same files.
 */
public final class GenerateCodebase {
  private static final List<String> COMMON =
      List.of("BaseEntity", "Label", "LabelRepository", "NotFoundException");

  private final Path out;
  private final Map<String, Template> templates = new TreeMap<>();
  private final List<String> planted = new ArrayList<>();
  private int written;

  private GenerateCodebase(Path out) {
    this.out = out;
  }

  public static void main(String[] args) {
    int files = 2000;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--files" -> files = Integer.parseInt(args[++i]);
        case "--out" -> out = Paths.get(args[++i]);
        default -> usage("unknown option " + args[i]);
      }
    }
    int minimum = COMMON.size() + Domain.TEMPLATES.size();
    if (out == null || files < minimum) {
      usage("need --out DIR and --files N with N >= " + minimum);
    }
    try {
      new GenerateCodebase(out).generate(files);
    } catch (UncheckedIOException e) {
      System.err.println("generate: cannot write under " + out + ": " + e.getCause().getMessage());
      System.exit(1);
    }
  }

  private static void usage(String problem) {
    System.err.println("generate: " + problem + " (usage: --files N --out DIR)");
    System.exit(2);
  }

  private void generate(int files) {
    for (String name : COMMON) {
      write("com/acme/common/" + name + ".java", template(name).fill(Map.of()));
    }
    int domains = (files - COMMON.size()) / Domain.TEMPLATES.size();
    Map<PlantedBug, Integer> counts = new EnumMap<>(PlantedBug.class);
    for (int i = 0; i < domains; i++) {
      Domain domain = Domain.of(i);
      Map<String, String> values = domain.values();
      for (String name : Domain.TEMPLATES) {
        write(domain.sourceDir() + "/" + domain.fileName(name), template(name).fill(values));
      }
      domain.bug.ifPresent(
          bug -> {
            planted.add(domain.sourceDir() + "/" + domain.bugFile() + ": " + bug.checkName);
            counts.merge(bug, 1, Integer::sum);
          });
    }
    for (int n = 1; written < files; n++) {
      write(
          "com/acme/support/TextHelpers" + n + ".java",
          template("Filler").fill(Map.of("n", String.valueOf(n))));
    }
    writeText(
        out.resolve("planted.txt"), String.join("\n", planted) + (planted.isEmpty() ? "" : "\n"));
    System.out.printf(
        "generated %d files (%d domains) under %s; planted %d bugs: %s%n",
        written, domains, out, planted.size(), counts);
  }

  private Template template(String name) {
    return templates.computeIfAbsent(name, Template::load);
  }

  private void write(String relative, String text) {
    writeText(out.resolve("src").resolve(relative), text);
    written++;
  }

  private static void writeText(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
