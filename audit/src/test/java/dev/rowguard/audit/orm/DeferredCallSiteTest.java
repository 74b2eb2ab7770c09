package dev.rowguard.audit.orm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.AuditedDataSource;
import dev.rowguard.audit.Databases;
import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogReader;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.audit.log.LogVerifier;
import jakarta.persistence.EntityManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;

/**
 * The call site of a delete Hibernate flushes later is the line that asked for it ({@code remove},
 * Spring Data's {@code delete*}), not the commit or flush that issued the SQL: every test removes
 * in one method and flushes in another ({@link #commit}, {@link #flush}).
 */
class DeferredCallSiteTest {

  private static int databases;

  @TempDir Path dir;
  private AuditedDataSource ds;
  private SessionFactory sessions;

  /** Hibernate (JDBC batches of {@code batchSize}) on two tenants of 150 customers each. */
  private void setUp(Databases db, int batchSize, String... callSiteExcludes) {
    databases++;
    ds =
        AuditedDataSource.builder(db.fresh("deferred" + databases))
            .logDirectory(dir)
            .callSiteExcludes(callSiteExcludes)
            .build();
    Configuration cfg =
        new Configuration().addAnnotatedClass(Tenant.class).addAnnotatedClass(Customer.class);
    Map<String, Object> settings = new HashMap<>();
    settings.put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, ds);
    settings.put(AvailableSettings.HBM2DDL_AUTO, "create");
    settings.put(AvailableSettings.STATEMENT_BATCH_SIZE, Integer.toString(batchSize));
    cfg.getProperties().putAll(settings);
    sessions = cfg.buildSessionFactory();
    EntityManager em = sessions.createEntityManager();
    em.getTransaction().begin();
    for (long t = 1; t <= 2; t++) {
      Tenant tenant = new Tenant(t, "tenant" + t);
      for (long c = 1; c <= 150; c++) {
        new Customer(t * 1000 + c, (t == 1 ? "old-" : "new-") + c, tenant);
      }
      em.persist(tenant);
    }
    commit(em);
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

  /** The line after the caller's: where the statement that follows this call stands. */
  private static int nextLine() {
    return StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow().getLineNumber()
        + 1;
  }

  /** Commits and closes: Hibernate flushes here, so without the integration this is the site. */
  private static void commit(EntityManager em) {
    em.getTransaction().commit();
    em.close();
  }

  private static void flush(EntityManager em) {
    em.flush();
  }

  private List<LogRecord> events() throws Exception {
    assertThat(LogVerifier.verify(dir, null).problems()).isEmpty();
    return LogReader.records(dir).stream()
        .filter(r -> !r.kindName().equals("log_open") && !r.kindName().equals("checkpoint"))
        .toList();
  }

  private static void assertSite(LogRecord r, String method, int line) {
    assertThat(r.string(Fields.CODE_FUNCTION))
        .isEqualTo(DeferredCallSiteTest.class.getName() + "." + method);
    assertThat(r.string(Fields.CODE_FILE)).isEqualTo("DeferredCallSiteTest.java");
    assertThat(r.number(Fields.CODE_LINE)).isEqualTo(line);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void removeNamesItsLineNotTheCommit(Databases db) throws Exception {
    setUp(db, 50);
    EntityManager em = sessions.createEntityManager();
    em.getTransaction().begin();
    Tenant tenant = em.find(Tenant.class, 1L);
    int line = nextLine();
    em.remove(tenant); // cascades to its 150 customers
    commit(em);
    List<LogRecord> events = events();
    assertThat(events).extracting(LogRecord::kindName).containsExactly("tx_aggregate", "commit");
    assertThat(events.get(0).string(Fields.DB_COLLECTION)).isEqualToIgnoringCase("customer");
    assertSite(events.get(0), "removeNamesItsLineNotTheCommit", line);
    assertThat(events.get(1).number(Fields.AFFECTED_ROWS)).isEqualTo(151);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void springDataDeleteAllByIdNamesItsLine(Databases db) throws Exception {
    setUp(db, 50);
    EntityManager em = sessions.createEntityManager();
    CustomerRepository repo = new JpaRepositoryFactory(em).getRepository(CustomerRepository.class);
    em.getTransaction().begin();
    List<Long> ids = LongStream.rangeClosed(1001, 1150).boxed().toList();
    int line = nextLine();
    repo.deleteAllById(ids);
    commit(em);
    List<LogRecord> events = events();
    assertThat(events).extracting(LogRecord::kindName).containsExactly("tx_aggregate", "commit");
    assertSite(events.get(0), "springDataDeleteAllByIdNamesItsLine", line);
    assertThat(events.get(1).number(Fields.AFFECTED_ROWS)).isEqualTo(150);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void springDataDeleteAllNamesItsLine(Databases db) throws Exception {
    setUp(db, 50);
    EntityManager em = sessions.createEntityManager();
    CustomerRepository repo = new JpaRepositoryFactory(em).getRepository(CustomerRepository.class);
    em.getTransaction().begin();
    int line = nextLine();
    repo.deleteAll();
    commit(em);
    List<LogRecord> events = events();
    assertThat(events).extracting(LogRecord::kindName).containsExactly("tx_aggregate", "commit");
    assertSite(events.get(0), "springDataDeleteAllNamesItsLine", line);
    assertThat(events.get(1).number(Fields.AFFECTED_ROWS)).isEqualTo(300);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void springDataDerivedDeleteNamesItsLine(Databases db) throws Exception {
    setUp(db, 50);
    EntityManager em = sessions.createEntityManager();
    CustomerRepository repo = new JpaRepositoryFactory(em).getRepository(CustomerRepository.class);
    em.getTransaction().begin();
    int line = nextLine();
    assertThat(repo.deleteByNameStartingWith("new-")).isEqualTo(150);
    commit(em);
    List<LogRecord> events = events();
    assertThat(events).extracting(LogRecord::kindName).containsExactly("tx_aggregate", "commit");
    assertSite(events.get(0), "springDataDerivedDeleteNamesItsLine", line);
  }

  @Test
  void unbatchedExplicitFlushNamesTheRemoveToo() throws Exception {
    setUp(Databases.H2, 0);
    EntityManager em = sessions.createEntityManager();
    em.getTransaction().begin();
    List<Customer> customers =
        em.createQuery("select c from Customer c where c.name like 'old-%'", Customer.class)
            .getResultList();
    int line = nextLine();
    customers.forEach(em::remove);
    flush(em);
    commit(em);
    List<LogRecord> events = events();
    assertThat(events).extracting(LogRecord::kindName).containsExactly("tx_aggregate", "commit");
    assertSite(events.get(0), "unbatchedExplicitFlushNamesTheRemoveToo", line);
  }

  /**
   * A JPQL bulk delete after the removes runs at its own line: the flush before it ended the
   * removes' attribution.
   */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void aBulkDeleteAfterTheFlushKeepsItsOwnLine(Databases db) throws Exception {
    setUp(db, 50);
    EntityManager em = sessions.createEntityManager();
    em.getTransaction().begin();
    Tenant tenant = em.find(Tenant.class, 1L);
    int removeLine = nextLine();
    em.remove(tenant);
    int bulkLine = nextLine();
    int bulk = em.createQuery("delete from Customer").executeUpdate(); // auto-flushes first
    commit(em);
    assertThat(bulk).isEqualTo(150);
    List<LogRecord> events = events();
    assertThat(events)
        .extracting(LogRecord::kindName)
        .containsExactly("tx_aggregate", "delete", "commit");
    assertSite(events.get(0), "aBulkDeleteAfterTheFlushKeepsItsOwnLine", removeLine);
    assertSite(events.get(1), "aBulkDeleteAfterTheFlushKeepsItsOwnLine", bulkLine);
    assertThat(events.get(1).string(Fields.TRIGGER)).isEqualTo("no_where");
  }

  /** The data source's own {@code callSiteExcludes} apply to the remove's frames. */
  @Test
  void callSiteExcludesApplyToTheRemovesFrames() throws Exception {
    setUp(Databases.H2, 50, Remover.class.getName());
    EntityManager em = sessions.createEntityManager();
    em.getTransaction().begin();
    int line = nextLine();
    Remover.removeTenant(em, 2L);
    commit(em);
    List<LogRecord> events = events();
    assertThat(events).extracting(LogRecord::kindName).containsExactly("tx_aggregate", "commit");
    assertSite(events.get(0), "callSiteExcludesApplyToTheRemovesFrames", line);
  }

  /** A helper the application's data source excludes from call sites. */
  static final class Remover {
    private Remover() {}

    static void removeTenant(EntityManager em, long id) {
      em.remove(em.find(Tenant.class, id));
    }
  }
}
