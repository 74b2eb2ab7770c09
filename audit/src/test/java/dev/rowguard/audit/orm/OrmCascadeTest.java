package dev.rowguard.audit.orm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.AuditedDataSource;
import dev.rowguard.audit.Databases;
import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogReader;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.audit.log.LogVerifier;
import dev.rowguard.audit.log.RowBatch;
import dev.rowguard.audit.log.RowsFiles;
import jakarta.persistence.EntityManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;

/**
 * Hibernate's {@code @OnDelete(action = CASCADE)}: Hibernate deletes the accounts and the database
 * their events. The audit logger captures and counts the events, through Hibernate and Spring Data.
 */
class OrmCascadeTest {

  private static int databases;

  @TempDir Path dir;
  private AuditedDataSource ds;
  private SessionFactory sessions;

  /** 20 accounts with 10 events each. */
  private void setUp(Databases db) {
    databases++;
    ds = AuditedDataSource.wrap(db.fresh("ormcascade" + databases), dir);
    Configuration cfg =
        new Configuration().addAnnotatedClass(Account.class).addAnnotatedClass(AccountEvent.class);
    cfg.getProperties()
        .putAll(
            Map.of(
                AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, ds,
                AvailableSettings.HBM2DDL_AUTO, "create",
                AvailableSettings.STATEMENT_BATCH_SIZE, "50"));
    sessions = cfg.buildSessionFactory();
    EntityManager em = sessions.createEntityManager();
    em.getTransaction().begin();
    for (long a = 1; a <= 20; a++) {
      Account account = new Account(a, "account " + a);
      em.persist(account);
      for (long e = 0; e < 10; e++) {
        em.persist(new AccountEvent(a * 100 + e, "event " + e, account));
      }
    }
    em.getTransaction().commit();
    em.close();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (sessions != null) {
      sessions.close();
    }
    if (ds != null) {
      ds.close();
    }
  }

  private List<LogRecord> events() throws Exception {
    assertThat(LogVerifier.verify(dir, null).problems()).isEmpty();
    return LogReader.records(dir).stream()
        .filter(r -> !r.kindName().equals("log_open") && !r.kindName().equals("checkpoint"))
        .toList();
  }

  private Set<Long> capturedIds(List<LogRecord> records, String table) throws Exception {
    Set<Long> out = new TreeSet<>();
    for (LogRecord r : records) {
      if (r.string(Fields.ROWS_SHA256) == null) {
        continue;
      }
      RowsFiles.Reference ref =
          new RowsFiles.Reference(r.string(Fields.ROWS_FILE), r.string(Fields.ROWS_SHA256));
      for (RowBatch.Table t : RowsFiles.find(dir, ref).orElseThrow().batch().tables()) {
        if (t.table().equalsIgnoreCase(table)) {
          int id = t.columns().indexOf("id");
          t.rows().forEach(row -> out.add((Long) row.get(id)));
        }
      }
    }
    return out;
  }

  private static Set<Long> allEvents() {
    Set<Long> out = new TreeSet<>();
    for (long a = 1; a <= 20; a++) {
      for (long e = 0; e < 10; e++) {
        out.add(a * 100 + e);
      }
    }
    return out;
  }

  /** em.remove of each account: the cascades bring the batch of deletes to the threshold. */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void hibernateRemovingAccountsOneByOne(Databases db) throws Exception {
    setUp(db);
    EntityManager em = sessions.createEntityManager();
    em.getTransaction().begin();
    for (long a = 1; a <= 20; a++) {
      em.remove(em.find(Account.class, a));
    }
    em.getTransaction().commit();
    em.close();
    List<LogRecord> events = events();
    // Hibernate sends the 20 deletes as one JDBC batch (hibernate.jdbc.batch_size 50).
    assertThat(events).extracting(LogRecord::kindName).containsExactly("delete", "commit");
    LogRecord delete = events.get(0);
    assertThat(delete.string(Fields.DB_COLLECTION)).isEqualToIgnoringCase("account");
    assertThat(delete.number(Fields.DB_BATCH_SIZE)).isEqualTo(20);
    assertThat(delete.string(Fields.TRIGGER)).isEqualTo("cascade_threshold");
    assertThat(delete.counts(Fields.CASCADE_DELETED_ROWS)).isEqualTo(Map.of("accountevent", 200L));
    assertThat(capturedIds(events, "account")).hasSize(20);
    assertThat(capturedIds(events, "accountevent")).isEqualTo(allEvents());
  }

  /** Spring Data's deleteAllByIdInBatch: one statement, 20 rows, 200 more by cascade. */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void springDataDeletingInBatch(Databases db) throws Exception {
    setUp(db);
    EntityManager em = sessions.createEntityManager();
    AccountRepository repo = new JpaRepositoryFactory(em).getRepository(AccountRepository.class);
    em.getTransaction().begin();
    repo.deleteAllByIdInBatch(new ArrayList<>(LongStream.rangeClosed(1, 20).boxed().toList()));
    em.getTransaction().commit();
    em.close();
    List<LogRecord> events = events();
    assertThat(events).extracting(LogRecord::kindName).containsExactly("delete", "commit");
    LogRecord delete = events.get(0);
    assertThat(delete.number(Fields.AFFECTED_ROWS)).isEqualTo(20);
    assertThat(delete.string(Fields.TRIGGER)).isEqualTo("cascade_threshold");
    assertThat(delete.counts(Fields.CASCADE_DELETED_ROWS)).isEqualTo(Map.of("accountevent", 200L));
    assertThat(capturedIds(events, "accountevent")).isEqualTo(allEvents());
  }
}
