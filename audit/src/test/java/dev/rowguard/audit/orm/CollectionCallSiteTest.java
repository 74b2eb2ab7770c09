package dev.rowguard.audit.orm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.AuditedDataSource;
import dev.rowguard.audit.Databases;
import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogReader;
import dev.rowguard.audit.log.LogRecord;
import jakarta.persistence.EntityManager;
import java.nio.file.Path;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows of a removed entity's collection table, which Hibernate deletes at the flush before the
 * entity itself, are attributed to the application line that removed the entity, not the commit.
 */
class CollectionCallSiteTest {

  @TempDir Path dir;

  @Test
  void theCollectionTableRowsOfARemovedEntityNameItsRemove() throws Exception {
    try (AuditedDataSource ds =
        AuditedDataSource.builder(Databases.H2.fresh("collectionsite" + System.nanoTime()))
            .logDirectory(dir)
            .build()) {
      Configuration cfg = new Configuration().addAnnotatedClass(Playlist.class);
      cfg.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, ds);
      cfg.getProperties().put(AvailableSettings.HBM2DDL_AUTO, "create");
      try (SessionFactory sessions = cfg.buildSessionFactory()) {
        EntityManager em = sessions.createEntityManager();
        em.getTransaction().begin();
        Playlist playlist = new Playlist(1);
        for (int i = 0; i < 150; i++) {
          playlist.songs.add("song " + i);
        }
        em.persist(playlist);
        em.getTransaction().commit();
        em.close();

        em = sessions.createEntityManager();
        em.getTransaction().begin();
        Playlist found = em.find(Playlist.class, 1L);
        found.songs.size(); // loaded, as an application that shows it first
        int line = new Throwable().getStackTrace()[0].getLineNumber() + 1;
        em.remove(found);
        em.getTransaction().commit(); // Hibernate flushes here
        em.close();

        List<LogRecord> deletes =
            LogReader.records(dir).stream()
                .filter(r -> r.kindName().equals("delete"))
                .filter(r -> "playlist_song".equalsIgnoreCase(r.string(Fields.DB_COLLECTION)))
                .toList();
        assertThat(deletes).hasSize(1);
        LogRecord d = deletes.get(0);
        assertThat(d.number(Fields.AFFECTED_ROWS)).isEqualTo(150);
        assertThat(d.string(Fields.CODE_FUNCTION))
            .isEqualTo(
                CollectionCallSiteTest.class.getName()
                    + ".theCollectionTableRowsOfARemovedEntityNameItsRemove");
        assertThat(d.number(Fields.CODE_LINE)).isEqualTo(line);
      }
    }
  }
}
