package dev.rowguard.sample.orgs;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface OrganizationRepository extends JpaRepository<Organization, Long> {

  boolean existsByNamespace(String namespace);

  Optional<Organization> findByNamespace(String namespace);
}
