package dev.rowguard.audit;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where application code asked an ORM to remove entities whose DELETEs the ORM issues later (at
 * flush or commit, from other code), per thread: {@link HibernateDeletes} reports the remove and,
 * when the flush runs the entity's delete, the tables it deletes from; {@link
 * CallSites#find(String)} then names the remove's frame for those tables instead of the flush's.
 *
 * <p>Memory is bounded: an entity's site is dropped when its delete runs, the tables' sites when
 * the flush ends, everything when the session is cleared or a transaction on this thread ends, and
 * at most {@link #MAX_ENTITIES} removes wait at once (beyond that, a delete names the flush's
 * frame, as without this class). No ORM types here: without Hibernate nothing calls it.
 */
final class PendingDeletes {

  /** Removes remembered at once per thread; each costs an identity-map slot (sites are shared). */
  static final int MAX_ENTITIES = 100_000;

  private static final ThreadLocal<PendingDeletes> CURRENT = new ThreadLocal<>();

  /**
   * Whether an audited data source exists in this class loader; until then removes cost nothing.
   */
  private static volatile boolean audited;

  /** Entity instance (by identity) to where it was removed. */
  private final Map<Object, CallSites.Deferred> removed = new IdentityHashMap<>();

  /** Table (lower case) to the site of the entity delete the ORM runs on it now. */
  private final Map<String, CallSites.Deferred> deleting = new HashMap<>();

  /** The last site captured, shared by the removes a loop makes from one line. */
  private CallSites.@Nullable Deferred last;

  private PendingDeletes() {}

  /** An audited data source was made: from now on removes are remembered. */
  static void audited() {
    audited = true;
  }

  /** Application code asked to remove {@code entity}: remembers the current stack's call site. */
  static void removed(Object entity) {
    if (!audited) {
      return;
    }
    PendingDeletes p = CURRENT.get();
    if (p == null) {
      p = new PendingDeletes();
      CURRENT.set(p);
    }
    if (p.removed.size() >= MAX_ENTITIES) {
      return;
    }
    CallSites.Deferred site = CallSites.capture();
    if (site.equals(p.last)) {
      site = p.last;
    } else {
      p.last = site;
    }
    p.removed.put(entity, site);
  }

  /**
   * The ORM is about to delete {@code entity} from {@code tables} (as the ORM names them): the
   * deletes on those tables now belong to where the entity was removed, or to the stack they run on
   * if its remove was not seen (an orphan removed at flush).
   */
  static void deleting(Object entity, List<String> tables) {
    PendingDeletes p = CURRENT.get();
    if (p == null) {
      return;
    }
    CallSites.Deferred site = p.removed.remove(entity);
    for (String table : tables) {
      if (site == null) {
        p.deleting.remove(key(table));
      } else {
        p.deleting.put(key(table), site);
      }
    }
  }

  /**
   * The ORM is about to delete the rows of a collection of {@code owner} (a join table, an element
   * collection) from {@code tables}, before it deletes {@code owner} itself: those deletes belong
   * to where the owner was removed, which stays remembered for the owner's own delete.
   */
  static void deletingCollection(Object owner, List<String> tables) {
    PendingDeletes p = CURRENT.get();
    CallSites.Deferred site = p == null ? null : p.removed.get(owner);
    if (site == null) {
      return;
    }
    for (String table : tables) {
      p.deleting.put(key(table), site);
    }
  }

  /** The site of the entity delete running on {@code table} on this thread, or null. */
  static CallSites.@Nullable Deferred siteOf(String table) {
    PendingDeletes p = CURRENT.get();
    return p == null || p.deleting.isEmpty() ? null : p.deleting.get(key(table));
  }

  /** A flush ended: its deletes have run. */
  static void flushed() {
    PendingDeletes p = CURRENT.get();
    if (p != null) {
      p.deleting.clear();
      if (p.removed.isEmpty()) {
        CURRENT.remove();
      }
    }
  }

  /** The session was cleared or a transaction ended on this thread: nothing waits any more. */
  static void clear() {
    CURRENT.remove();
  }

  private static String key(String table) {
    return table.toLowerCase(Locale.ROOT);
  }
}
