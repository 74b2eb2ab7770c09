package dev.rowguard.audit.orm;

import dev.rowguard.annotations.MassDelete;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CustomerRepository extends JpaRepository<Customer, Long> {

  /** A derived delete: Spring Data loads the matching customers and removes them one by one. */
  long deleteByNameStartingWith(String prefix);

  @Override
  @MassDelete(reason = "tenant offboarding wipes all customers")
  void deleteAllInBatch();
}
