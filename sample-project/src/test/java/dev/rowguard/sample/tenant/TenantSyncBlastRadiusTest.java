package dev.rowguard.sample.tenant;

import static dev.rowguard.test.DeleteAssertions.assertThatDeletes;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowguard.test.DeleteWatch;
import dev.rowguard.test.WatchedDataSource;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;

/**
 * The test the tenant-sync incident asked for: a sync where the directory answers for some tenants
 * only must delete no other tenant's rows (tenants, their call logs and recordings through the JPA
 * cascade). The sample's shipped sync still has the String/UUID bug, so it fails the assertion with
 * the other tenants' rows named; the fixed sync passes.
 */
class TenantSyncBlastRadiusTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC);

  private WatchedDataSource dataSource;
  private EntityManagerFactory emf;
  private final List<UUID> tenantIds = new ArrayList<>();

  @BeforeEach
  void setUp() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:blast" + System.identityHashCode(this) + ";DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    dataSource = DeleteWatch.watchable(h2);
    emf = TenantTests.sessionFactory(dataSource, "create-drop");
    inTransaction(
        tenants -> {
          EntityManager em = currentEm;
          for (int i = 0; i < 4; i++) {
            Tenant t = new Tenant(new UUID(0, i + 1), "Tenant " + (i + 1), CLOCK.instant());
            em.persist(t);
            for (int c = 0; c < 2; c++) {
              em.persist(
                  new CallLog(t, "+4930" + (100 * i + c), CLOCK.instant(), Duration.ofSeconds(60)));
            }
            em.persist(
                new Recording(t, "s3://recordings/" + t.getId() + "/1.ogg", CLOCK.instant()));
            tenantIds.add(t.getId());
          }
          return null;
        });
  }

  @AfterEach
  void tearDown() throws Exception {
    emf.close();
    dataSource.close();
  }

  /** The directory still lists the first three tenants: only the fourth left. */
  private TenantDirectory directoryWithoutTheLastTenant() {
    List<String> live = tenantIds.subList(0, 3).stream().map(UUID::toString).toList();
    return TenantTests.directoryListing(live);
  }

  private void assertOnlyTheDepartedTenantIsDeleted(DeleteWatch watch) {
    UUID departed = tenantIds.get(3);
    assertThatDeletes(watch)
        .touchOnly("tenant", "call_log", "recording")
        .onlyRowsOfTableWhere("tenant", "id", departed)
        .onlyRowsWhere("tenant_id", departed)
        .exactlyRowsIn("tenant", 1)
        .exactlyRowsIn("call_log", 2)
        .exactlyRowsIn("recording", 1);
  }

  @Test
  void theFixedSyncDeletesOnlyTheTenantTheDirectoryNoLongerLists() {
    TenantDirectory directory = directoryWithoutTheLastTenant();
    try (DeleteWatch watch = DeleteWatch.on(dataSource)) {
      inTransaction(tenants -> new FixedTenantSync(directory, tenants).sync());
      watch.close();
      assertOnlyTheDepartedTenantIsDeleted(watch);
    }
  }

  @Test
  void theShippedSyncFailsTheAssertionNamingTheOtherTenantsRows() {
    TenantDirectory directory = directoryWithoutTheLastTenant();
    DeleteWatch watch = DeleteWatch.on(dataSource);
    inTransaction(tenants -> new TenantSyncService(directory, tenants, CLOCK).sync());
    watch.close();
    assertThatThrownBy(() -> assertOnlyTheDepartedTenantIsDeleted(watch))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but 3 other row(s) were deleted {tenant=3}")
        .hasMessageContaining(tenantIds.get(0).toString())
        .hasMessageContaining(tenantIds.get(1).toString())
        .hasMessageContaining(tenantIds.get(2).toString());
  }

  private EntityManager currentEm;

  private <T> T inTransaction(Function<TenantRepository, T> action) {
    EntityManager em = emf.createEntityManager();
    currentEm = em;
    try {
      em.getTransaction().begin();
      T result = action.apply(new JpaRepositoryFactory(em).getRepository(TenantRepository.class));
      em.getTransaction().commit();
      return result;
    } finally {
      em.close();
    }
  }
}
