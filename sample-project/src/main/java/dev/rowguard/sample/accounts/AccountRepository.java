package dev.rowguard.sample.accounts;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AccountRepository extends JpaRepository<Account, Long> {

  Optional<Account> findFirstByUri(String uri);

  List<Account> findByUsernameIgnoreCase(String username);

  boolean existsByUri(String uri);
}
