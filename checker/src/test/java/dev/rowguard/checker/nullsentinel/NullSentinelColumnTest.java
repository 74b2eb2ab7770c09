package dev.rowguard.checker.nullsentinel;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class NullSentinelColumnTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(NullSentinelColumn.class, getClass());

  @Test
  void identificationNegative() {
    helper
        .addSourceLines(
            "Account.java",
            "import jakarta.persistence.*;",
            "import java.time.Instant;",
            "@Entity",
            "class Account {",
            "  @Id Long id;",
            "  @Version Long version;",
            "  String uri;",
            "  @Column(nullable = false) String domain;",
            "  Instant deletedAt;",
            "  Instant verifiedAt;",
            "  java.time.LocalDate deactivatedOn;",
            "  java.util.Date bannedSince;",
            "  String assignee;",
            "  @ManyToOne Account parent;",
            "  @Transient String cached;",
            "  @Embedded Address address;",
            "  String getUri() { return uri; }",
            "  boolean hasUri() { return uri != null; }",
            "  boolean isUriSet() { return uri != null; }",
            "  boolean isUriPresent() { return getUri() != null; }",
            "  boolean uriIsNull() { return uri == null; }",
            "  boolean isDeleted() { return deletedAt != null; }",
            "  boolean isVerified() { return verifiedAt != null; }",
            "  boolean isActive() { return deactivatedOn == null; }",
            "  boolean isInGoodStanding() { return bannedSince == null; }",
            "  boolean isAssigned() { return assignee != null; }",
            "  boolean isNew() { return id == null; }",
            "  boolean isUnsaved() { return version == null; }",
            "  boolean isLocalDomain() { return domain == null; }",
            "  boolean isRoot() { return parent == null; }",
            "  boolean isStale() { return cached == null; }",
            "  boolean isHomeless() { return address == null; }",
            "  boolean isLocalTo(Account other) { return other.uri == null; }",
            "  boolean isTwin(Account other) { return other.uri == null; }",
            "  boolean isLocalAndFresh() { return uri == null && version == null; }",
            "  String describe() { return uri == null ? \"local\" : uri; }",
            "}")
        .addSourceLines(
            "Address.java",
            "import jakarta.persistence.*;",
            "@Embeddable",
            "class Address {",
            "  String city;",
            "  boolean isRural() { return city == null; }",
            "}")
        .addSourceLines(
            "Dto.java",
            "class Dto {",
            "  String uri;",
            "  boolean isLocal() { return uri == null; }",
            "}")
        .doTest();
  }

  @Test
  void identificationPositive() {
    helper
        .addSourceLines(
            "Account.java",
            "import jakarta.persistence.*;",
            "import java.util.Objects;",
            "@Entity",
            "class Account extends Actor {",
            "  @Id Long id;",
            "  String uri;",
            "  String email;",
            "  public String getUri() { return uri; }",
            "  // BUG: Diagnostic contains: isLocal() derives a state from whether column uri is NULL",
            "  public boolean isLocal() { return uri == null; }",
            "  // BUG: Diagnostic contains: isRemote()",
            "  public boolean isRemote() { return (this.uri != null); }",
            "  // BUG: Diagnostic contains: isFederated()",
            "  public boolean isFederated() { return getUri() != null; }",
            "  // BUG: Diagnostic contains: column email is NULL",
            "  public Boolean isAnonymous() { return Objects.isNull(email); }",
            "}")
        .addSourceLines(
            "Actor.java",
            "import jakarta.persistence.*;",
            "@MappedSuperclass",
            "abstract class Actor {",
            "  String externalId;",
            "  // BUG: Diagnostic contains: column external_id is NULL",
            "  boolean isBuiltIn() { return externalId == null; }",
            "}")
        .doTest();
  }

  /** HAPI FHIR 8.8.0's TermConceptProperty: a test-only presence accessor over a LOB column. */
  @Test
  void identificationVisibleForTesting() {
    helper
        .addSourceLines(
            "TermConceptProperty.java",
            "import static java.util.Objects.nonNull;",
            "import com.google.common.annotations.VisibleForTesting;",
            "import jakarta.persistence.*;",
            "@Entity",
            "class TermConceptProperty {",
            "  @Id Long myId;",
            "  @Lob @Column(name = \"PROP_VAL_LOB\") private byte[] myValueLob;",
            "  @Column(name = \"PROP_VAL_BIN\", nullable = true) private byte[] myValueBin;",
            "  @VisibleForTesting",
            "  public boolean hasValueBlobForTesting() {",
            "    return nonNull(myValueLob);",
            "  }",
            "  // BUG: Diagnostic contains: NullSentinelColumn",
            "  public boolean isBinary() {",
            "    return nonNull(myValueBin);",
            "  }",
            "}")
        .doTest();
  }
}
