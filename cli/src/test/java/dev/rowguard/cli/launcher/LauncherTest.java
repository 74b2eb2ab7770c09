package dev.rowguard.cli.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./rowguard} launcher at the repository root, run with a PATH that has java but no
 * Maven, in a copy of the repository layout whose CLI jar is a stand-in built here.
 */
class LauncherTest {

  @TempDir Path root;
  @TempDir Path bin;

  private record Run(int exit, String out, String err) {}

  @BeforeEach
  void layout() throws Exception {
    Path script = Path.of("..", "rowguard").toAbsolutePath().normalize();
    Files.copy(script, root.resolve("rowguard"));
    Files.createDirectories(root.resolve("cli/src/main/java"));
    Files.writeString(root.resolve("pom.xml"), "<project/>\n");
    // java, and the few tools the script uses, but no mvn.
    for (String tool : List.of("java", "bash", "find", "dirname", "cat", "mkdir")) {
      Path found = which(tool);
      Files.createSymbolicLink(bin.resolve(tool), found);
    }
  }

  @Test
  void aFreshJarRunsWithoutMaven() throws Exception {
    standInJar();
    Run r = run("--version");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("stand-in [--version]\n");
  }

  @Test
  void aJarThatMustBeBuiltNamesMaven() throws Exception {
    Run r = run("--version");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "rowguard: no 'mvn' on PATH, and cli/target/rowguard.jar must be built"
                + " (it is missing, or sources changed); install Maven (e.g. apt-get install maven)\n");
  }

  @Test
  void helpListsTheDemo() throws Exception {
    standInJar();
    Run r = run("--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .startsWith("stand-in [--help]\n")
        .contains("  demo ")
        .contains("./rowguard demo --help");
  }

  @Test
  void demoHelpExplainsTheDemoInsteadOfRunningIt() throws Exception {
    Run r = run("demo", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("Usage: ./rowguard demo\n");
    assertThat(root.resolve("demo-output")).doesNotExist();

    Run bad = run("demo", "--fast");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("unexpected argument '--fast'");
  }

  @Test
  void theDemoSaysItNeedsMaven() throws Exception {
    standInJar();
    Run r = run("demo");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("no 'mvn' on PATH, and the demo compiles the sample project with Maven");
  }

  /** A jar that prints its arguments, newer than every source of the layout. */
  private void standInJar() throws IOException {
    Path src = Files.createDirectories(root.resolve("standin")).resolve("StandIn.java");
    Files.writeString(
        src,
        "public class StandIn { public static void main(String[] a) {"
            + " System.out.println(\"stand-in \" + java.util.Arrays.toString(a)); } }\n");
    int javac =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "-d", src.getParent().toString(), src.toString());
    assertThat(javac).isZero();
    Path jar = Files.createDirectories(root.resolve("cli/target")).resolve("rowguard.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "StandIn");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out, manifest)) {
      j.putNextEntry(new JarEntry("StandIn.class"));
      j.write(Files.readAllBytes(src.getParent().resolve("StandIn.class")));
      j.closeEntry();
    }
    // Newer than every file of the layout, by the layout's own clock (not today's date).
    FileTime newest = Files.getLastModifiedTime(root.resolve("pom.xml"));
    Files.setLastModifiedTime(jar, FileTime.from(newest.toInstant().plusSeconds(3600)));
  }

  private Run run(String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(bin.resolve("bash").toString(), root.resolve("rowguard").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
    pb.environment().put("PATH", bin.toString());
    pb.environment().remove("JAVA_HOME");
    Path out = root.resolve("out.txt");
    Path err = root.resolve("err.txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8));
  }

  private static Path which(String tool) {
    for (String dir : System.getenv("PATH").split(":")) {
      Path p = Path.of(dir, tool);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new IllegalStateException("no " + tool + " on PATH");
  }
}
