package dev.rowguard.sample.tenant;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface TenantRepository extends JpaRepository<Tenant, UUID> {

  @Query("select t.id from Tenant t")
  List<UUID> findAllIds();

  List<Tenant> findByNameIgnoreCase(String name);
}
