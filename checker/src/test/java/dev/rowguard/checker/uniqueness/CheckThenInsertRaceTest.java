package dev.rowguard.checker.uniqueness;

import com.google.errorprone.CompilationTestHelper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckThenInsertRaceTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CheckThenInsertRace.class, getClass())
          .addSourceLines(
              "orgs/Tenant.java",
              "package orgs;",
              "import jakarta.persistence.*;",
              "@Entity",
              "public class Tenant {",
              "  @Id Long id;",
              "}")
          .addSourceLines(
              "orgs/Organization.java",
              "package orgs;",
              "import jakarta.persistence.*;",
              "@Entity",
              "@Table(uniqueConstraints = @UniqueConstraint(columnNames = {\"tenant_id\", \"name\"}))",
              "public class Organization {",
              "  @Id @GeneratedValue Long id;",
              "  @Column(nullable = false) String namespace;",
              "  @Column(nullable = false) String name;",
              "  @Column(unique = true, nullable = false) String slug;",
              "  @ManyToOne(optional = false) Tenant tenant;",
              "  protected Organization() {}",
              "  public Organization(String namespace) { this.namespace = namespace; }",
              "  public void rename(String name) { this.name = name; }",
              "}")
          .addSourceLines(
              "orgs/OrganizationRepository.java",
              "package orgs;",
              "import java.util.*;",
              "import org.springframework.data.jpa.repository.JpaRepository;",
              "public interface OrganizationRepository extends JpaRepository<Organization, Long> {",
              "  boolean existsByNamespace(String namespace);",
              "  Optional<Organization> findByNamespace(String namespace);",
              "  long countByNamespace(String namespace);",
              "  boolean existsByName(String name);",
              "  boolean existsBySlug(String slug);",
              "  boolean existsByTenantAndName(Tenant tenant, String name);",
              "  boolean existsByNamespaceContaining(String part);",
              "}")
          .addSourceLines(
              "orgs/Country.java",
              "package orgs;",
              "import jakarta.persistence.*;",
              "import org.hibernate.annotations.NaturalId;",
              "@Entity",
              "public class Country {",
              "  @Id Long id;",
              "  @NaturalId @Column(nullable = false) String code;",
              "  public Country(String code) { this.code = code; }",
              "}")
          .addSourceLines(
              "orgs/CountryRepository.java",
              "package orgs;",
              "import org.springframework.data.repository.CrudRepository;",
              "public interface CountryRepository extends CrudRepository<Country, Long> {",
              "  boolean existsByCode(String code);",
              "}")
          .addSourceLines(
              "orgs/Team.java",
              "package orgs;",
              "import jakarta.persistence.*;",
              "@Entity",
              "@Table(uniqueConstraints = @UniqueConstraint(columnNames = \"team_handle\"))",
              "public class Team {",
              "  @Id Long id;",
              "  String handle;",
              "  public Team(String handle) { this.handle = handle; }",
              "}")
          .addSourceLines(
              "orgs/TeamRepository.java",
              "package orgs;",
              "import org.springframework.data.repository.CrudRepository;",
              "public interface TeamRepository extends CrudRepository<Team, Long> {",
              "  boolean existsByHandle(String handle);",
              "}");

  @Test
  void identificationNegative() {
    helper
        .addSourceLines(
            "orgs/Service.java",
            "package orgs;",
            "import org.springframework.dao.DataIntegrityViolationException;",
            "import org.springframework.transaction.annotation.Isolation;",
            "import org.springframework.transaction.annotation.Transactional;",
            "class Service {",
            "  OrganizationRepository orgs;",
            "  CountryRepository countries;",
            "  TeamRepository teams;",
            "  Organization uniqueColumn(String slug) {",
            "    if (orgs.existsBySlug(slug)) throw new IllegalStateException();",
            "    return orgs.save(new Organization(slug));",
            "  }",
            "  Organization uniqueConstraint(Tenant tenant, String name) {",
            "    if (orgs.existsByTenantAndName(tenant, name)) throw new IllegalStateException();",
            "    return orgs.save(new Organization(name));",
            "  }",
            "  Organization byId(Long id) {",
            "    if (orgs.existsById(id)) throw new IllegalStateException();",
            "    return orgs.save(new Organization(\"x\"));",
            "  }",
            "  Country naturalId(String code) {",
            "    if (countries.existsByCode(code)) throw new IllegalStateException();",
            "    return countries.save(new Country(code));",
            "  }",
            "  Team keyNotUnderstood(String handle) {",
            "    if (teams.existsByHandle(handle)) throw new IllegalStateException();",
            "    return teams.save(new Team(handle));",
            "  }",
            "  Organization insertFirst(String ns) {",
            "    Organization saved = orgs.save(new Organization(ns));",
            "    orgs.existsByNamespace(ns);",
            "    return saved;",
            "  }",
            "  Organization otherEntity(String code, String ns) {",
            "    if (countries.existsByCode(code)) throw new IllegalStateException();",
            "    return orgs.save(new Organization(ns));",
            "  }",
            "  Organization updateNotInsert(String ns) {",
            "    Organization org = orgs.findByNamespace(ns).orElseThrow();",
            "    org.rename(\"n\");",
            "    return orgs.save(org);",
            "  }",
            "  Organization handled(String ns) {",
            "    if (orgs.existsByNamespace(ns)) throw new IllegalStateException();",
            "    try {",
            "      return orgs.saveAndFlush(new Organization(ns));",
            "    } catch (DataIntegrityViolationException duplicate) {",
            "      return orgs.findByNamespace(ns).orElseThrow();",
            "    }",
            "  }",
            "  @Transactional(isolation = Isolation.SERIALIZABLE)",
            "  Organization serializable(String ns) {",
            "    return orgs.findByNamespace(ns).orElseGet(() -> orgs.save(new Organization(ns)));",
            "  }",
            "  Organization notAnEquality(String ns) {",
            "    if (orgs.existsByNamespaceContaining(ns)) throw new IllegalStateException();",
            "    return orgs.save(new Organization(ns));",
            "  }",
            "  Organization resultNotBranchedOn(String parent, String ns) {",
            "    Organization p = orgs.findByNamespace(parent).get();",
            "    return orgs.save(new Organization(ns + p));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationPositive() {
    helper
        .addSourceLines(
            "orgs/Service.java",
            "package orgs;",
            "import jakarta.persistence.EntityManager;",
            "import java.util.Optional;",
            "class Service {",
            "  OrganizationRepository orgs;",
            "  EntityManager em;",
            "  Organization existsThenSave(String ns) {",
            "    if (orgs.existsByNamespace(ns)) throw new IllegalStateException(\"taken\");",
            "    // BUG: Diagnostic contains: after existsByNamespace() checked that none exists, but no unique constraint covers namespace on Organization",
            "    return orgs.save(new Organization(ns));",
            "  }",
            "  Organization findOrCreate(String ns) {",
            "    // BUG: Diagnostic contains: findByNamespace()",
            "    return orgs.findByNamespace(ns).orElseGet(() -> orgs.save(new Organization(ns)));",
            "  }",
            "  Organization throughLocals(String ns) {",
            "    Optional<Organization> existing = orgs.findByNamespace(ns);",
            "    if (existing.isPresent()) return existing.get();",
            "    Organization created = new Organization(ns);",
            "    // BUG: Diagnostic contains: DataIntegrityViolationException",
            "    return orgs.saveAndFlush(created);",
            "  }",
            "  void countThenPersist(String ns) {",
            "    if (orgs.countByNamespace(ns) == 0) {",
            "      // BUG: Diagnostic contains: countByNamespace()",
            "      em.persist(new Organization(ns));",
            "    }",
            "  }",
            "  Organization partOfCompositeKey(String name) {",
            "    if (orgs.existsByName(name)) throw new IllegalStateException();",
            "    // BUG: Diagnostic contains: covers name on Organization",
            "    return orgs.save(new Organization(name));",
            "  }",
            "}")
        .doTest();
  }

  /** A unique index that only a Flyway migration creates still backs the check. */
  @Test
  void uniqueIndexInTheMigrations(@TempDir Path migrations) throws IOException {
    Files.writeString(
        migrations.resolve("V1__organizations.sql"),
        """
        CREATE TABLE organization (
          id BIGINT PRIMARY KEY,
          namespace VARCHAR(80) NOT NULL,
          name VARCHAR(80) NOT NULL,
          slug VARCHAR(80) NOT NULL,
          tenant_id BIGINT NOT NULL,
          deleted_at TIMESTAMP
        );
        CREATE UNIQUE INDEX ux_organization_namespace ON organization (namespace);
        CREATE UNIQUE INDEX ux_live_name ON organization (name) WHERE deleted_at IS NULL;
        """);
    helper
        .setArgs(List.of("-XepOpt:Rowguard:Migrations=" + migrations))
        .addSourceLines(
            "orgs/Service.java",
            "package orgs;",
            "class Service {",
            "  OrganizationRepository orgs;",
            "  Organization namespaceIndexed(String ns) {",
            "    return orgs.findByNamespace(ns).orElseGet(() -> orgs.save(new Organization(ns)));",
            "  }",
            "  Organization partialIndexOnly(String name) {",
            "    // BUG: Diagnostic contains: covers name on Organization",
            "    return orgs.existsByName(name) ? null : orgs.save(new Organization(name));",
            "  }",
            "}")
        .doTest();
  }
}
