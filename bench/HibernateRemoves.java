import dev.rowguard.audit.AuditedDataSource;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Id;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Times Hibernate removing entities one by one (em.remove, then commit) through an audited H2
 * DataSource: the cost of rowguard's Hibernate integration (a stack walk per remove) is the
 * difference between a class path with and one without its service file. Arguments: rounds,
 * entities per round. Prints "removes/s" of the timed rounds (after as many warm-up rounds).
 */
public final class HibernateRemoves {

  @Entity(name = "Item")
  public static class Item {
    @Id Long id;
    String name;

    protected Item() {}

    Item(long id) {
      this.id = id;
      this.name = "item " + id;
    }
  }

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    int perRound = Integer.parseInt(args[1]);
    Path log = Files.createTempDirectory("rowguard-remove-bench");
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
    try (AuditedDataSource ds = AuditedDataSource.wrap(h2, log)) {
      // The source launcher's class loader holds Item: Hibernate must be told of it.
      Configuration cfg =
          new Configuration(
                  new BootstrapServiceRegistryBuilder()
                      .applyClassLoader(HibernateRemoves.class.getClassLoader())
                      .build())
              .addAnnotatedClass(Item.class);
      cfg.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, ds);
      cfg.getProperties().put(AvailableSettings.HBM2DDL_AUTO, "create");
      try (SessionFactory sessions = cfg.buildSessionFactory()) {
        long timed = 0;
        for (int r = 0; r < 2 * rounds; r++) {
          EntityManager em = sessions.createEntityManager();
          em.getTransaction().begin();
          for (int i = 0; i < perRound; i++) {
            em.persist(new Item((long) r * perRound + i));
          }
          em.getTransaction().commit();
          em.clear();
          em.getTransaction().begin();
          List<Item> items = em.createQuery("select i from Item i", Item.class).getResultList();
          long start = System.nanoTime();
          items.forEach(em::remove);
          em.getTransaction().commit();
          long took = System.nanoTime() - start;
          em.close();
          if (r >= rounds) {
            timed += took;
          }
        }
        System.out.printf("%.0f removes/s%n", rounds * (double) perRound / (timed / 1e9));
      }
    }
  }
}
