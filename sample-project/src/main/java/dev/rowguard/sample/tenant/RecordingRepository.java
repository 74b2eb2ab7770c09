package dev.rowguard.sample.tenant;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface RecordingRepository extends JpaRepository<Recording, Long> {

  List<Recording> findByTenantId(UUID tenantId);
}
