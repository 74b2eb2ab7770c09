package demo;

import java.util.Set;
import java.util.UUID;

/** Findings of every shape the report tests need; ReportFixture lists them. */
public class TenantSync {
  private int synced = 0;

  interface Store {
    void deleteAll();
  }

  boolean known(Set<UUID> ids, String id) {
    return ids.contains(id);
  }

  boolean knownAgain(Set<UUID> ids, String id) {
    return ids.contains(id);
  }

  boolean same(UUID a, String b) {
	return a.equals(b);
  }

  void wipe(Store store) {
    store.deleteAll();
  }

  int count() {
    int n = synced;
    n = n;
    return n;
  }

  int size(Set raw) {
    return raw.size();
  }
}
