package dev.rowguard.sample.tenant;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The sync as fixed after the incident: the directory's ids compared as UUIDs, and an empty answer
 * refused. The blast-radius test asserts it deletes only the departed tenant; the watch-cost
 * benchmark runs it.
 */
record FixedTenantSync(TenantDirectory directory, TenantRepository tenants) {
  SyncResult sync() {
    List<String> liveIds = directory.liveTenantIds();
    if (liveIds.isEmpty()) {
      throw new IllegalStateException("Tenant directory returned no tenants; sync skipped");
    }
    Set<UUID> live = new HashSet<>();
    liveIds.forEach(id -> live.add(UUID.fromString(id)));
    Collection<UUID> departed =
        tenants.findAllIds().stream().filter(id -> !live.contains(id)).toList();
    tenants.deleteAllById(departed);
    return new SyncResult(List.of(), List.copyOf(departed));
  }
}
