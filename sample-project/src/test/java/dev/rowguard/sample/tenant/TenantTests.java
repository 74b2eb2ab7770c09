package dev.rowguard.sample.tenant;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;

/** What the sample's tenant tests and the watch-cost benchmark set up alike. */
final class TenantTests {

  private TenantTests() {}

  /** Hibernate over {@code dataSource} with the tenant entities; {@code ddl} as hbm2ddl.auto. */
  static EntityManagerFactory sessionFactory(DataSource dataSource, String ddl) {
    Configuration hibernate =
        new Configuration()
            .addAnnotatedClass(Tenant.class)
            .addAnnotatedClass(CallLog.class)
            .addAnnotatedClass(Recording.class)
            .setProperty(AvailableSettings.HBM2DDL_AUTO, ddl);
    hibernate.getProperties().put(AvailableSettings.DATASOURCE, dataSource);
    return hibernate.buildSessionFactory();
  }

  /** A directory that lists {@code live} and nothing else. */
  static TenantDirectory directoryListing(List<String> live) {
    return new TenantDirectory() {
      @Override
      public List<String> liveTenantIds() {
        return live;
      }

      @Override
      public String displayName(String tenantId) {
        return "Tenant " + tenantId;
      }
    };
  }

  /** Work in one transaction, with its EntityManager and a Spring Data repository over it. */
  interface Work<T> {
    T run(EntityManager em, TenantRepository tenants);
  }

  /** Runs {@code work} in a transaction it commits. */
  static <T> T inTransaction(EntityManagerFactory emf, Work<T> work) {
    EntityManager em = emf.createEntityManager();
    try {
      em.getTransaction().begin();
      T result = work.run(em, new JpaRepositoryFactory(em).getRepository(TenantRepository.class));
      em.getTransaction().commit();
      return result;
    } finally {
      em.close();
    }
  }
}
