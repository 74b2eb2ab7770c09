package dev.rowguard.checker.uuid;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * End to end: plain javac with {@code -Xplugin:ErrorProne} and the checker on the processor path,
 * as a user's build runs it; the finding shows up in the ordinary compiler output.
 */
final class UuidStringMismatchPluginTest {

  private static final List<File> CLASS_PATH =
      Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
          .map(File::new)
          .toList();

  @Test
  void identification_findingAppearsInJavacOutput() {
    Compilation compilation =
        Compiler.javac()
            .withClasspath(CLASS_PATH)
            .withAnnotationProcessorPath(CLASS_PATH)
            .withOptions(
                "-XDcompilePolicy=simple",
                "--should-stop=ifError=FLOW",
                // PackageInfo throws on in-memory sources, which have no path on disk.
                "-Xplugin:ErrorProne -Xep:PackageInfo:OFF")
            .compile(
                JavaFileObjects.forSourceString(
                    "sync.TenantSync",
                    """
                    package sync;

                    import java.util.Collection;
                    import java.util.List;
                    import java.util.UUID;
                    import org.apache.commons.collections4.CollectionUtils;

                    class TenantSync {
                      Collection<UUID> stale(List<UUID> localIds, List<String> liveIds) {
                        return CollectionUtils.removeAll(localIds, liveIds);
                      }

                      boolean live(List<String> liveIds, UUID id) {
                        return liveIds.contains(id.toString());
                      }
                    }
                    """));

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadWarningContaining(
            "[UuidStringMismatch] CollectionUtils.removeAll compares the UUIDs in parameter"
                + " `localIds` (List<UUID>) with the Strings in parameter `liveIds` (List<String>)")
        .inFile(compilation.sourceFiles().get(0))
        .onLine(10);
    assertThat(
            compilation.warnings().stream()
                .map(d -> d.getMessage(Locale.ROOT))
                .filter(m -> m.contains("[UuidStringMismatch]"))
                .count())
        .isEqualTo(1);
    assertThat(compilation.diagnostics()).noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
  }
}
