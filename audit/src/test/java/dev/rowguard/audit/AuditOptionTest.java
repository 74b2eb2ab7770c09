package dev.rowguard.audit;

import static dev.rowguard.audit.AuditTestSupport.h2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rowguard.audit.log.AuditLogWriter;
import dev.rowguard.audit.log.Durability;
import dev.rowguard.audit.log.WriterOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class AuditOptionTest {

  @TempDir Path tmp;

  /** The options table of docs/AUDIT-LOG.md, row by row: name, default, meaning. */
  private static List<List<String>> docsTable() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("..", "docs", "AUDIT-LOG.md"));
    int header = lines.indexOf("| Property (`rowguard.audit.` + name) | Default | Meaning |");
    assertThat(header).as("the options table's header in docs/AUDIT-LOG.md").isNotNegative();
    List<List<String>> rows = new ArrayList<>();
    for (String line : lines.subList(header + 2, lines.size())) {
      if (!line.startsWith("|")) {
        break;
      }
      String[] cells = line.substring(1, line.length() - 1).split(" \\| ", -1);
      assertThat(cells).as(line).hasSize(3);
      String name = cells[0].trim();
      assertThat(name).as(line).startsWith("`").endsWith("`");
      rows.add(List.of(name.substring(1, name.length() - 1), cells[1].trim(), cells[2].trim()));
    }
    return rows;
  }

  @Test
  void docsTableIsTheOptionsDefinition() throws Exception {
    List<List<String>> fromCode =
        AuditOption.all().stream().map(o -> List.of(o.name(), o.defaultText(), o.doc())).toList();
    assertThat(docsTable()).containsExactlyElementsOf(fromCode);
  }

  @Test
  void defaultsOfTheWriterAreTheWritersOwn() {
    AuditOptions d = AuditOptions.defaults(tmp);
    WriterOptions w = WriterOptions.defaults();
    assertThat(d.durability()).isEqualTo(w.durability());
    assertThat(d.maxFileBytes()).isEqualTo(w.maxFileBytes());
    assertThat(d.checkpointEveryRecords()).isEqualTo(w.checkpointEveryRecords());
    assertThat(d.checkpointInterval()).isEqualTo(w.checkpointInterval());
    assertThat(d.signingKey()).isNull();
  }

  @Test
  void everyDefaultReadsBackFromItsPropertyText() {
    for (AuditOption<?> o : AuditOption.all()) {
      roundTrip(o);
    }
  }

  private static <T> void roundTrip(AuditOption<T> o) {
    T d = o.defaultValue();
    if (d != null && !o.format(d).isEmpty()) {
      assertThat(o.parse(o.format(d))).as(o.property()).isEqualTo(d);
    }
  }

  @Test
  void durabilityAndFailureModeAreSpelledTheSameWay() {
    assertThat(AuditOption.DURABILITY.values()).containsExactly("sync", "async");
    assertThat(AuditOption.FAILURE_MODE.values()).containsExactly("failOpen", "failClosed");
    assertThat(AuditOption.DURABILITY.parse("ASYNC")).isEqualTo(Durability.ASYNC);
    assertThat(AuditOption.FAILURE_MODE.parse("fail-closed")).isEqualTo(FailureMode.FAIL_CLOSED);
    assertThat(AuditOption.FAILURE_MODE.parse("fail_open")).isEqualTo(FailureMode.FAIL_OPEN);
    assertThatThrownBy(() -> AuditOption.FAILURE_MODE.parse("maybe"))
        .hasMessage("rowguard.audit.failureMode must be failOpen or failClosed, was 'maybe'");
  }

  @Test
  void namesAreReadRelaxed() {
    assertThat(AuditOption.named("row-threshold")).contains(AuditOption.ROW_THRESHOLD);
    assertThat(AuditOption.named("MAX_ROWS_PER_TRANSACTION"))
        .contains(AuditOption.MAX_ROWS_PER_TRANSACTION);
    assertThat(AuditOption.named("checkpointintervalseconds"))
        .contains(AuditOption.CHECKPOINT_INTERVAL_SECONDS);
    assertThat(AuditOption.named("rowThreshhold")).isEmpty();
  }

  @Test
  void badValuesAreOneLineMessagesNamingTheProperty() {
    assertThatThrownBy(
            () -> AuditedDataSource.builder(h2()).logDirectory(tmp).rowThreshold(0).build())
        .hasMessage("rowguard.audit.rowThreshold must be at least 1, was 0");
    assertThatThrownBy(
            () -> AuditedDataSource.builder(h2()).logDirectory(tmp).maxRowsPerStatement(-1).build())
        .hasMessage("rowguard.audit.maxRowsPerStatement must be at least 0 (0 = off), was -1");
    assertThatThrownBy(
            () -> AuditedDataSource.builder(h2()).logDirectory(tmp).maxFileBytes(10).build())
        .hasMessage("rowguard.audit.maxFileBytes must be at least 1024, was 10");
    assertThatThrownBy(
            () ->
                AuditedDataSource.builder(h2())
                    .logDirectory(tmp)
                    .checkpoints(0, Duration.ofSeconds(1))
                    .build())
        .hasMessage("rowguard.audit.checkpointEveryRecords must be at least 1, was 0");
    assertThatThrownBy(() -> AuditOption.CHECKPOINT_INTERVAL_SECONDS.parse("0"))
        .hasMessage("rowguard.audit.checkpointIntervalSeconds must be at least 1 (seconds), was 0");
    assertThatThrownBy(() -> AuditOption.MASK_QUERY_TEXT.parse("yes"))
        .hasMessage("rowguard.audit.maskQueryText must be true or false, was 'yes'");
    assertThatThrownBy(() -> AuditedDataSource.builder(h2()).durability(null))
        .hasMessage("rowguard.audit.durability must not be null");
  }

  @Test
  void propertiesApplyOnTopOfWhatTheBuilderSet() throws Exception {
    Properties p = new Properties();
    p.setProperty("rowguard.audit.directory", tmp.toString());
    p.setProperty("rowguard.audit.durability", "async");
    p.setProperty("rowguard.audit.contextMdcKeys", " tenant , user ");
    p.setProperty("rowguard.audit.checkpointIntervalSeconds", "5");
    p.setProperty("rowguard.audit.maskQueryText", " ");
    p.setProperty("other.property", "ignored");
    try (AuditedDataSource ds =
        AuditedDataSource.builder(h2())
            .rowThreshold(7)
            .maskQueryText(false)
            .properties(p)
            .build()) {
      AuditOptions o = ds.options();
      assertThat(o.directory()).isEqualTo(tmp);
      assertThat(o.rowThreshold()).isEqualTo(7);
      assertThat(o.maskQueryText()).isFalse();
      assertThat(o.durability()).isEqualTo(Durability.ASYNC);
      assertThat(o.contextMdcKeys()).containsExactly("tenant", "user");
      assertThat(o.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
      assertThat(o.failureMode()).isEqualTo(FailureMode.FAIL_OPEN);
    }
    assertThatThrownBy(() -> AuditedDataSource.builder(h2()).properties(new Properties()).build())
        .hasMessageStartingWith("the audit log directory is not set");
  }

  /** Runs {@code action} and returns what {@code loggerClass}'s logger logged meanwhile. */
  private static List<ILoggingEvent> logged(Class<?> loggerClass, Consumer<Void> action) {
    Logger logger = (Logger) LoggerFactory.getLogger(loggerClass);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      action.accept(null);
    } finally {
      logger.detachAppender(appender);
    }
    return appender.list;
  }

  @Test
  void logsOneInfoLineAtStartUp() {
    Path dir = tmp.resolve("audit");
    List<ILoggingEvent> events =
        logged(
            AuditedDataSource.class,
            x -> {
              try (AuditedDataSource ds =
                  AuditedDataSource.builder(h2())
                      .logDirectory(dir)
                      .failClosed()
                      .rowThreshold(50)
                      .maxRowsPerStatement(10_000)
                      .build()) {
                assertThat(ds.options().failureMode()).isEqualTo(FailureMode.FAIL_CLOSED);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(events)
        .filteredOn(e -> e.getLevel() == Level.INFO)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly(
            "rowguard audit: recording mass deletes in "
                + dir.toAbsolutePath()
                + " (durability=sync, failureMode=failClosed, rowThreshold=50, maxRowsPerStatement=10000,"
                + " maxRowsPerTransaction=off, signingKey=none)");
  }

  @Test
  void anUncreatableDirectorySaysWhyAndWhatToDo() {
    Path proc = Path.of("/proc/rowguard");
    assumeTrue(Files.isDirectory(Path.of("/proc")) && !Files.exists(proc), "needs Linux /proc");
    List<ILoggingEvent> events =
        logged(
            AuditLogWriter.class,
            x -> {
              try (AuditedDataSource ds = AuditedDataSource.wrap(h2(), proc);
                  Connection c = ds.getConnection();
                  Statement s = c.createStatement()) {
                s.execute("create table t (id int)");
                s.execute("delete from t"); // failOpen: runs although it cannot be recorded
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(events)
        .filteredOn(e -> e.getLevel() == Level.ERROR)
        .extracting(ILoggingEvent::getFormattedMessage)
        .isNotEmpty()
        .allSatisfy(
            m ->
                assertThat(m)
                    .startsWith("rowguard audit: cannot write the audit log in /proc/rowguard: ")
                    .doesNotEndWith(": /proc/rowguard")
                    .containsPattern(": [a-z][^;]+; .*set rowguard\\.audit\\.directory to ")
                    .doesNotContain("\n"));
  }
}
