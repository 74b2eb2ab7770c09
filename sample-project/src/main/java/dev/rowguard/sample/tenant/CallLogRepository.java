package dev.rowguard.sample.tenant;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CallLogRepository extends JpaRepository<CallLog, Long> {

  List<CallLog> findByTenantIdAndStartedAtAfter(UUID tenantId, Instant since);

  long countByTenantId(UUID tenantId);
}
