package dev.rowguard.sample.tenant;

import java.util.List;
import java.util.UUID;

/** What one directory sync changed. */
public record SyncResult(List<UUID> added, List<UUID> removed) {

  public SyncResult {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
  }
}
