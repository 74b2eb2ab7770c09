package dev.rowguard.sample.tenant;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.collections4.CollectionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the local tenant table in step with the directory service: creates tenants that joined,
 * deletes (with their call logs and recordings) tenants the directory no longer lists.
 */
public class TenantSyncService {

  private static final Logger log = LoggerFactory.getLogger(TenantSyncService.class);

  private final TenantDirectory directory;
  private final TenantRepository tenants;
  private final Clock clock;

  public TenantSyncService(TenantDirectory directory, TenantRepository tenants, Clock clock) {
    this.directory = directory;
    this.tenants = tenants;
    this.clock = clock;
  }

  /** Runs one sync against the directory. */
  public SyncResult sync() {
    List<String> liveIds = directory.liveTenantIds();
    if (liveIds.isEmpty()) {
      // An empty answer means the directory is unavailable, not that every customer left.
      throw new IllegalStateException("Tenant directory returned no tenants; sync skipped");
    }
    List<UUID> added = addJoinedTenants(liveIds);
    List<UUID> removed = removeDepartedTenants(liveIds);
    log.info("Tenant sync: {} added, {} removed", added.size(), removed.size());
    return new SyncResult(added, removed);
  }

  private List<UUID> addJoinedTenants(List<String> liveIds) {
    Set<UUID> known = new HashSet<>(tenants.findAllIds());
    List<UUID> added = new ArrayList<>();
    for (String liveId : liveIds) {
      UUID id = UUID.fromString(liveId);
      if (known.add(id)) {
        tenants.save(new Tenant(id, directory.displayName(liveId), clock.instant()));
        added.add(id);
      }
    }
    return added;
  }

  private List<UUID> removeDepartedTenants(List<String> liveIds) {
    List<UUID> localIds = tenants.findAllIds();
    Collection<UUID> departed = CollectionUtils.removeAll(localIds, liveIds);
    if (!departed.isEmpty()) {
      log.info("Removing {} tenants the directory no longer lists", departed.size());
      tenants.deleteAllById(departed);
    }
    return List.copyOf(departed);
  }
}
