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
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hibernate 6, Spring Data JPA (without Spring Boot) and JdbcTemplate over audited H2 and
 * PostgreSQL.
 */
class OrmAuditTest {

  private static int databases;

  @TempDir Path dir;
  private AuditedDataSource ds;
  private SessionFactory sessions;

  /** Opens Hibernate on a fresh database with two tenants of 150 customers each. */
  private void setUp(Databases db) {
    databases++;
    ds = AuditedDataSource.wrap(db.fresh("orm" + databases), dir);
    Configuration cfg =
        new Configuration().addAnnotatedClass(Tenant.class).addAnnotatedClass(Customer.class);
    cfg.getProperties()
        .putAll(
            Map.of(
                AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, ds,
                AvailableSettings.HBM2DDL_AUTO, "create",
                AvailableSettings.STATEMENT_BATCH_SIZE, "50"));
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

  @ParameterizedTest
  @EnumSource(Databases.class)
  void jpqlBulkDeletes(Databases db) throws Exception {
    setUp(db);
    EntityManager em = sessions.createEntityManager();
    em.getTransaction().begin();
    int bounded =
        em.createQuery("delete from Customer c where c.tenant.id = :t")
            .setParameter("t", 1L)
            .executeUpdate();
    int all = em.createQuery("delete from Customer").executeUpdate();
    em.getTransaction().commit();
    em.close();
    assertThat(bounded).isEqualTo(150);
    assertThat(all).isEqualTo(150);
    List<LogRecord> events = events();
    assertThat(events)
        .extracting(LogRecord::kindName)
        .containsExactly("delete", "delete", "tx_aggregate", "commit");
    assertThat(events.get(0).string(Fields.TRIGGER)).isEqualTo("row_threshold");
    assertThat(events.get(1).string(Fields.TRIGGER)).isEqualTo("no_where");
    assertThat(events.get(1).string(Fields.CODE_FUNCTION))
        .isEqualTo(OrmAuditTest.class.getName() + ".jpqlBulkDeletes");
    assertThat(events.get(2).number(Fields.AFFECTED_ROWS)).isEqualTo(300);
    assertThat(events.get(3).number(Fields.AFFECTED_ROWS)).isEqualTo(300);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void cascadedRemoveIsATransactionAggregate(Databases db) throws Exception {
    setUp(db);
    EntityManager em = sessions.createEntityManager();
    em.getTransaction().begin();
    em.remove(em.find(Tenant.class, 1L));
    em.getTransaction().commit();
    em.close();
    List<LogRecord> events = events();
    assertThat(events).extracting(LogRecord::kindName).containsExactly("tx_aggregate", "commit");
    LogRecord agg = events.get(0);
    assertThat(agg.string(Fields.DB_COLLECTION)).isEqualToIgnoringCase("customer");
    assertThat(agg.number(Fields.AFFECTED_ROWS))
        .isEqualTo(100); // written the moment the threshold is reached
    assertThat(events.get(1).number(Fields.AFFECTED_ROWS))
        .isEqualTo(151); // 150 customers + the tenant
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void springDataDeleteAllInBatchCarriesTheRepositoryReason(Databases db) throws Exception {
    setUp(db);
    EntityManager em = sessions.createEntityManager();
    CustomerRepository repo = new JpaRepositoryFactory(em).getRepository(CustomerRepository.class);
    em.getTransaction().begin();
    repo.deleteAllInBatch();
    em.getTransaction().commit();
    em.close();
    List<LogRecord> events = events();
    assertThat(events).extracting(LogRecord::kindName).containsExactly("delete", "commit");
    assertThat(events.get(0).string(Fields.REASON))
        .isEqualTo("tenant offboarding wipes all customers");
    assertThat(events.get(0).number(Fields.AFFECTED_ROWS)).isEqualTo(300);
    assertThat(events.get(0).string(Fields.CODE_FUNCTION))
        .endsWith(".springDataDeleteAllInBatchCarriesTheRepositoryReason");
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void springDataDerivedDeleteIsATransactionAggregate(Databases db) throws Exception {
    setUp(db);
    EntityManager em = sessions.createEntityManager();
    CustomerRepository repo = new JpaRepositoryFactory(em).getRepository(CustomerRepository.class);
    em.getTransaction().begin();
    assertThat(repo.deleteByNameStartingWith("old-")).isEqualTo(150);
    em.getTransaction().commit();
    em.close();
    List<LogRecord> events = events();
    assertThat(events).extracting(LogRecord::kindName).containsExactly("tx_aggregate", "commit");
    assertThat(events.get(1).number(Fields.AFFECTED_ROWS)).isEqualTo(150);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void jdbcTemplate(Databases db) throws Exception {
    setUp(db);
    JdbcTemplate jdbc = new JdbcTemplate(ds);
    assertThat(jdbc.update("delete from customer where name like ?", "new-%")).isEqualTo(150);
    jdbc.execute("delete from customer");
    int[] batch =
        jdbc.batchUpdate(
            "delete from tenant where id = ?", List.of(new Object[] {1L}, new Object[] {2L}));
    assertThat(batch).containsExactly(1, 1);
    List<LogRecord> events = events();
    assertThat(events).extracting(LogRecord::kindName).containsExactly("delete", "delete");
    assertThat(events.get(0).string(Fields.DB_QUERY_TEXT))
        .isEqualTo("delete from customer where name like ?");
    assertThat(events.get(1).number(Fields.AFFECTED_ROWS)).isEqualTo(150);
    assertThat(events.get(1).string(Fields.CODE_FUNCTION))
        .isEqualTo(OrmAuditTest.class.getName() + ".jdbcTemplate");
  }
}
