package dev.rowguard.sample.tenant;

import java.util.List;

/**
 * The company-wide directory service that owns the list of customers. Its REST API returns tenant
 * ids as strings.
 */
public interface TenantDirectory {

  /** Ids of every tenant that is still a customer, in the directory's canonical UUID text form. */
  List<String> liveTenantIds();

  /** The display name the directory has for a tenant id. */
  String displayName(String tenantId);
}
