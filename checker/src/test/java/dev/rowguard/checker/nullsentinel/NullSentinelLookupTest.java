package dev.rowguard.checker.nullsentinel;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class NullSentinelLookupTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(NullSentinelLookup.class, getClass())
          .addSourceLines(
              "accounts/Account.java",
              "package accounts;",
              "import jakarta.persistence.*;",
              "@Entity",
              "public class Account {",
              "  @Id Long id;",
              "  String uri;",
              "  @Column(nullable = false) String name;",
              "  String domain;",
              "  @Embedded Address address;",
              "  public String getUri() { return uri; }",
              "  public String getName() { return name; }",
              "}")
          .addSourceLines(
              "accounts/Address.java",
              "package accounts;",
              "import jakarta.persistence.*;",
              "@Embeddable",
              "public class Address {",
              "  String city;",
              "  @Column(nullable = false) String zip;",
              "}")
          .addSourceLines(
              "accounts/AccountRepository.java",
              "package accounts;",
              "import java.util.*;",
              "import org.springframework.data.domain.*;",
              "import org.springframework.data.jpa.repository.*;",
              "public interface AccountRepository extends JpaRepository<Account, Long> {",
              "  Optional<Account> findByUri(String uri);",
              "  Optional<Account> findByUri(Pageable page, String uri);",
              "  List<Account> findByUriNot(String uri);",
              "  Optional<Account> findByName(String name);",
              "  Optional<Account> findByUriAndDomain(String uri, String domain);",
              "  List<Account> findByUriIn(Collection<String> uris);",
              "  List<Account> findByUriIsNull();",
              "  List<Account> findByAddressCity(String city);",
              "  List<Account> findByAddressZip(String zip);",
              "  boolean existsByUri(String uri);",
              "  long countByUri(String uri);",
              "  void deleteByUri(String uri);",
              "  @Query(\"select a from Account a where a.uri = ?1\") List<Account> findByUriExplicitly(String uri);",
              "}");

  @Test
  void identificationNegative() {
    helper
        .addSourceLines(
            "accounts/Lookups.java",
            "package accounts;",
            "import java.util.*;",
            "import org.jspecify.annotations.Nullable;",
            "import org.springframework.data.domain.PageRequest;",
            "class Lookups {",
            "  AccountRepository repo;",
            "  void plain(String uri) { repo.findByUri(uri); }",
            "  void guarded(@Nullable String uri) { if (uri != null) { repo.findByUri(uri); } }",
            "  void elseOfNullCheck(@Nullable String uri) { if (uri == null) { return; } else { repo.deleteByUri(uri); } }",
            "  Optional<Account> earlyReturn(@Nullable String uri) {",
            "    if (uri == null) return Optional.empty();",
            "    return repo.findByUri(uri);",
            "  }",
            "  void earlyThrow(@Nullable String uri) {",
            "    if (uri == null || uri.isBlank()) { throw new IllegalArgumentException(); }",
            "    repo.countByUri(uri);",
            "  }",
            "  void defaulted(@Nullable String uri) {",
            "    if (uri == null) { uri = \"local\"; }",
            "    repo.findByUri(uri);",
            "  }",
            "  void required(@Nullable String uri) { Objects.requireNonNull(uri); repo.findByUri(uri); }",
            "  boolean shortCircuit(@Nullable String uri) { return uri != null && repo.existsByUri(uri); }",
            "  Object ternary(@Nullable String uri) { return uri == null ? null : repo.findByUri(uri); }",
            "  void nonNullProperty() { repo.findByName(null); }",
            "  void isNullPart() { repo.findByUriIsNull(); }",
            "  void inPart(@Nullable Collection<String> uris) { repo.findByUriIn(uris); }",
            "  void explicitQuery() { repo.findByUriExplicitly(null); }",
            "  void springOwnMethod() { repo.findById(null); }",
            "  void nonNullColumnRead(Account other) { repo.findByName(other.getName()); }",
            "  void checkedColumnRead(Account other) { if (other.getUri() != null) { repo.findByUri(other.getUri()); } }",
            "  void checkedLocal(Account other) {",
            "    String uri = other.getUri();",
            "    if (uri == null) return;",
            "    repo.findByUri(uri);",
            "  }",
            "  void checkedBeforeLocal(Account other) {",
            "    if (other.getUri() != null) { String uri = other.getUri(); repo.findByUri(uri); }",
            "  }",
            "  void pageable() { repo.findByUri(PageRequest.of(0, 10), \"x\"); }",
            "  void nonNullNestedProperty() { repo.findByAddressZip(null); }",
            "  void lambda(List<String> uris) { uris.forEach(u -> repo.findByUri(u)); }",
            "  void optionalOrElse(Optional<String> uri) { repo.findByUri(uri.orElse(\"none\")); }",
            "  void concrete(InMemoryAccounts memory) { memory.findByUri(null); }",
            "}")
        .addSourceLines(
            "accounts/InMemoryAccounts.java",
            "package accounts;",
            "import java.util.*;",
            "import org.springframework.data.repository.Repository;",
            "abstract class InMemoryAccounts implements Repository<Account, Long> {",
            "  Optional<Account> findByUri(String uri) { return Optional.empty(); }",
            "}")
        .doTest();
  }

  @Test
  void nullMarkedRepositoryRejectsNull() {
    helper
        .addSourceLines(
            "marked/package-info.java", "@org.springframework.lang.NonNullApi", "package marked;")
        .addSourceLines(
            "unmarked/package-info.java",
            "@org.jspecify.annotations.NullMarked",
            "package unmarked;")
        .addSourceLines(
            "unmarked/UnmarkedRepository.java",
            "package unmarked;",
            "import accounts.Account;",
            "import java.util.Optional;",
            "import org.springframework.data.repository.Repository;",
            "@org.jspecify.annotations.NullUnmarked",
            "public interface UnmarkedRepository extends Repository<Account, Long> {",
            "  Optional<Account> findByUri(String uri);",
            "}")
        .addSourceLines(
            "marked/MarkedRepository.java",
            "package marked;",
            "import accounts.Account;",
            "import java.util.Optional;",
            "import org.springframework.data.repository.Repository;",
            "public interface MarkedRepository extends Repository<Account, Long> {",
            "  Optional<Account> findByUri(String uri);",
            "  Optional<Account> findByDomain(@org.springframework.lang.Nullable String domain);",
            "}")
        .addSourceLines(
            "jspecify/JSpecifyRepository.java",
            "package jspecify;",
            "import accounts.Account;",
            "import java.util.Optional;",
            "import org.springframework.data.repository.Repository;",
            "@org.jspecify.annotations.NullMarked",
            "public interface JSpecifyRepository extends Repository<Account, Long> {",
            "  Optional<Account> findByUri(String uri);",
            "}")
        .addSourceLines(
            "Caller.java",
            "class Caller {",
            "  void run(marked.MarkedRepository marked, jspecify.JSpecifyRepository jspecify, unmarked.UnmarkedRepository unmarked) {",
            "    // BUG: Diagnostic contains: uri IS NULL",
            "    unmarked.findByUri(null);",
            "    marked.findByUri(null);",
            "    jspecify.findByUri(null);",
            "    // BUG: Diagnostic contains: domain IS NULL",
            "    marked.findByDomain(null);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationPositive() {
    helper
        .addSourceLines(
            "accounts/Lookups.java",
            "package accounts;",
            "import org.springframework.data.domain.PageRequest;",
            "class Lookups {",
            "  AccountRepository repo;",
            "  @javax.annotation.Nullable String remoteUri;",
            "  void literal() {",
            "    // BUG: Diagnostic contains: findByUri() for nullable property uri may be null (it is the null literal)",
            "    repo.findByUri(null);",
            "  }",
            "  void massDelete(@org.jspecify.annotations.Nullable String uri) {",
            "    // BUG: Diagnostic contains: deletes every row where uri IS NULL: a mass delete",
            "    repo.deleteByUri(uri);",
            "  }",
            "  void checkerQual(@org.checkerframework.checker.nullness.qual.Nullable String uri) {",
            "    // BUG: Diagnostic contains: the @Nullable parameter uri",
            "    repo.existsByUri(uri);",
            "  }",
            "  void jsr305Field() {",
            "    // BUG: Diagnostic contains: the @Nullable field remoteUri",
            "    repo.findByUri(remoteUri);",
            "  }",
            "  @org.jetbrains.annotations.Nullable String lookupUri() { return null; }",
            "  void jetbrainsMethod() {",
            "    // BUG: Diagnostic contains: the @Nullable method lookupUri()",
            "    repo.countByUri(lookupUri());",
            "  }",
            "  void spring(@org.springframework.lang.Nullable String uri) {",
            "    // BUG: Diagnostic contains: every row where uri IS NULL",
            "    repo.findByUri(uri);",
            "  }",
            "  void jakarta(@jakarta.annotation.Nullable String domain) {",
            "    // BUG: Diagnostic contains: nullable property domain",
            "    repo.findByUriAndDomain(\"x\", domain);",
            "  }",
            "  void columnRead(Account other) {",
            "    // BUG: Diagnostic contains: it reads the nullable column Account.uri",
            "    repo.findByUri(other.getUri());",
            "  }",
            "  void fieldRead(Account other) {",
            "    // BUG: Diagnostic contains: it reads the nullable column Account.uri",
            "    repo.findByUri(other.uri);",
            "  }",
            "  void local(Account other) {",
            "    String uri = other.getUri();",
            "    // BUG: Diagnostic contains: it reads the nullable column Account.uri",
            "    repo.findByUri(uri);",
            "  }",
            "  void conditional(boolean local, String uri) {",
            "    // BUG: Diagnostic contains: conditional whose branch may be null",
            "    repo.findByUri(local ? null : uri);",
            "  }",
            "  void negated() {",
            "    // BUG: Diagnostic contains: uri IS NOT NULL",
            "    repo.findByUriNot(null);",
            "  }",
            "  void afterPageable() {",
            "    // BUG: Diagnostic contains: findByUri()",
            "    repo.findByUri(PageRequest.of(0, 10), null);",
            "  }",
            "  void libraryMethod(String path) {",
            "    // BUG: Diagnostic contains: the @Nullable method getFilename()",
            "    repo.findByUri(org.springframework.util.StringUtils.getFilename(path));",
            "  }",
            "  void optionalOrElseNull(java.util.Optional<String> uri) {",
            "    // BUG: Diagnostic contains: it is orElse(null)",
            "    repo.findByUri(uri.orElse(null));",
            "  }",
            "  void nested() {",
            "    // BUG: Diagnostic contains: addressCity IS NULL",
            "    repo.findByAddressCity(null);",
            "  }",
            "  void checkedOtherValue(@org.jspecify.annotations.Nullable String uri, String other) {",
            "    if (other != null) {",
            "      // BUG: Diagnostic contains: findByUri()",
            "      repo.findByUri(uri);",
            "    }",
            "  }",
            "}")
        .doTest();
  }
}
