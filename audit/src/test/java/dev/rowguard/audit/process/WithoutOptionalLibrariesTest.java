package dev.rowguard.audit.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogReader;
import dev.rowguard.audit.log.LogRecord;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hibernate and the OpenTelemetry API are optional dependencies of rowguard-audit: a JVM without
 * them on the class path records deletes as before (without trace ids) and never loads one of their
 * classes, nor rowguard's Hibernate integration.
 */
class WithoutOptionalLibrariesTest {

  @TempDir Path dir;

  @Test
  void auditsPlainJdbcWithoutHibernateOrOpenTelemetry() throws Exception {
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.contains("hibernate") && !entry.contains("opentelemetry"))
            .collect(Collectors.joining(File.pathSeparator));
    assertThat(classPath).isNotEqualTo(System.getProperty("java.class.path"));
    Path logDir = dir.resolve("audit");
    Path loaded = dir.resolve("classes.log");
    Path out = dir.resolve("out.txt");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + loaded,
                "-cp",
                classPath,
                DeletingChild.class.getName(),
                logDir.toString(),
                "plain",
                "1",
                "3",
                Long.toString(1 << 20))
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    List<String> output = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(output).contains("ACK plain-t0-0", "ACK plain-t0-1", "ACK plain-t0-2", "DONE");
    assertThat(p.exitValue()).isZero();

    List<LogRecord> deletes =
        LogReader.records(logDir).stream().filter(r -> r.kindName().equals("delete")).toList();
    assertThat(deletes)
        .hasSize(3)
        .allSatisfy(
            r ->
                assertThat(r.string(Fields.CODE_FUNCTION))
                    .isEqualTo(DeletingChild.class.getName() + ".run"))
        .allSatisfy(r -> assertThat(r.string(Fields.TRACE_ID)).isNull());

    String classes = Files.readString(loaded, StandardCharsets.UTF_8);
    assertThat(classes).contains("dev.rowguard.audit.DeleteAuditListener");
    assertThat(classes)
        .doesNotContain(
            "org.hibernate.", "dev.rowguard.audit.HibernateDeletes", "io.opentelemetry.");
  }
}
