package dev.rowguard.sample.tags;

import org.springframework.data.jpa.repository.JpaRepository;

public interface TagUsageRepository extends JpaRepository<TagUsage, Long> {}
