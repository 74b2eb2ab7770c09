package dev.rowguard.audit;

import dev.rowguard.sql.StatementClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.AutoFlushEvent;
import org.hibernate.event.spi.AutoFlushEventListener;
import org.hibernate.event.spi.ClearEvent;
import org.hibernate.event.spi.ClearEventListener;
import org.hibernate.event.spi.DeleteContext;
import org.hibernate.event.spi.DeleteEvent;
import org.hibernate.event.spi.DeleteEventListener;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.FlushEvent;
import org.hibernate.event.spi.FlushEventListener;
import org.hibernate.event.spi.PreCollectionRemoveEvent;
import org.hibernate.event.spi.PreCollectionRemoveEventListener;
import org.hibernate.event.spi.PreDeleteEvent;
import org.hibernate.event.spi.PreDeleteEventListener;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.proxy.HibernateProxy;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Names the application code that removed an entity as the call site of the DELETE Hibernate issues
 * for it later, at flush or commit (Spring Data's {@code delete*}, {@code deleteAll*} except the
 * {@code InBatch} forms, and derived deletes go through {@code EntityManager.remove} too).
 *
 * <p>Hibernate finds this class through its service loader ({@code
 * META-INF/services/org.hibernate.integrator.spi.Integrator}); application code never calls it.
 * Hibernate is an optional dependency of rowguard-audit: without it nothing loads this class. What
 * it remembers and for how long: {@link PendingDeletes}.
 */
public final class HibernateDeletes implements Integrator {

  /** Creates the integrator; Hibernate's service loader calls this. */
  public HibernateDeletes() {}

  @Override
  public void integrate(
      Metadata metadata,
      BootstrapContext bootstrapContext,
      SessionFactoryImplementor sessionFactory) {
    EventListenerRegistry registry =
        sessionFactory.getServiceRegistry().requireService(EventListenerRegistry.class);
    Listener listener = new Listener();
    // Appended: each runs after Hibernate's own listener of the event has done its work.
    registry.appendListeners(EventType.DELETE, listener);
    registry.appendListeners(EventType.PRE_DELETE, listener);
    registry.appendListeners(EventType.PRE_COLLECTION_REMOVE, listener);
    registry.appendListeners(EventType.FLUSH, listener);
    registry.appendListeners(EventType.AUTO_FLUSH, listener);
    registry.appendListeners(EventType.CLEAR, listener);
  }

  @Override
  public void disintegrate(
      SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
    // listeners go with the session factory
  }

  private static final class Listener
      implements DeleteEventListener,
          PreDeleteEventListener,
          PreCollectionRemoveEventListener,
          FlushEventListener,
          AutoFlushEventListener,
          ClearEventListener {

    /** Tables of each entity, as the audit logger's classifier names them in a DELETE. */
    private final Map<String, List<String>> tables = new ConcurrentHashMap<>();

    @Override
    public void onDelete(DeleteEvent event) {
      removed(event.getObject());
    }

    @Override
    public void onDelete(DeleteEvent event, DeleteContext transientEntities) {
      removed(event.getObject());
    }

    private static void removed(Object entity) {
      // After Hibernate's listener: a proxy is initialised, its entity is what the flush deletes.
      PendingDeletes.removed(
          entity instanceof HibernateProxy p
              ? p.getHibernateLazyInitializer().getImplementation()
              : entity);
    }

    @Override
    public boolean onPreDelete(PreDeleteEvent event) {
      PendingDeletes.deleting(event.getEntity(), tablesOf(event.getPersister()));
      return false; // never vetoes the delete
    }

    /**
     * The flush removes a collection of an entity being deleted (its join-table or element-table
     * rows, before the entity's own delete): those rows belong to where the entity was removed.
     */
    @Override
    public void onPreRemoveCollection(PreCollectionRemoveEvent event) {
      Object owner = event.getAffectedOwnerOrNull();
      String role = event.getCollection().getRole();
      if (owner == null || role == null) {
        return;
      }
      List<String> collectionTables =
          tables.computeIfAbsent(
              "collection " + role,
              name -> {
                List<String> out = new ArrayList<>();
                for (String table :
                    event
                        .getSession()
                        .getFactory()
                        .getMappingMetamodel()
                        .getCollectionDescriptor(role)
                        .getCollectionSpaces()) {
                  out.addAll(
                      StatementClassifier.shared().classify("DELETE FROM " + table).tables());
                }
                return List.copyOf(out);
              });
      PendingDeletes.deletingCollection(
          owner instanceof HibernateProxy p
              ? p.getHibernateLazyInitializer().getImplementation()
              : owner,
          collectionTables);
    }

    private List<String> tablesOf(EntityPersister persister) {
      return tables.computeIfAbsent(
          persister.getEntityName(),
          name -> {
            List<String> out = new ArrayList<>();
            persister.visitConstraintOrderedTables(
                (table, columns) ->
                    out.addAll(
                        StatementClassifier.shared().classify("DELETE FROM " + table).tables()));
            return List.copyOf(out);
          });
    }

    @Override
    public void onFlush(FlushEvent event) {
      PendingDeletes.flushed();
    }

    @Override
    public void onAutoFlush(AutoFlushEvent event) {
      PendingDeletes.flushed();
    }

    @Override
    public void onClear(ClearEvent event) {
      PendingDeletes.clear();
    }
  }
}
