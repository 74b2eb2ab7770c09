package dev.rowguard.checker.uniqueness;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class NullableUniqueColumnTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(NullableUniqueColumn.class, getClass());
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(NullableUniqueColumn.class, getClass());

  @Test
  void identificationNegative() {
    helper
        .addSourceLines(
            "Org.java",
            "import jakarta.persistence.*;",
            "import jakarta.validation.constraints.NotNull;",
            "import org.hibernate.annotations.NaturalId;",
            "@Entity",
            "@Table(",
            "    uniqueConstraints = {",
            "      @UniqueConstraint(columnNames = {\"tenant_id\", \"name\"}),",
            "      @UniqueConstraint(columnNames = \"not_a_column\")},",
            "    indexes = {",
            "      @Index(columnList = \"slug\", unique = true),",
            "      @Index(columnList = \"description\")})",
            "class Org {",
            "  @Id Long id;",
            "  @ManyToOne(optional = false) Tenant tenant;",
            "  @Column(nullable = false) String name;",
            "  @NotNull String slug;",
            "  @Column(unique = true, nullable = false) String namespace;",
            "  @Column(unique = true) long number;",
            "  @NaturalId @Basic(optional = false) String code;",
            "  @Column(unique = true, nullable = true) String optionalAlias;",
            "  @javax.validation.constraints.NotNull @Column(unique = true) String legacyKey;",
            "  @OneToOne @JoinColumn(unique = true, nullable = false) Tenant owner;",
            "  @OneToOne @JoinColumn(name = \"backup_id\", unique = true) Tenant optionalBackup;",
            "  String description;",
            "}")
        .addSourceLines(
            "Tenant.java",
            "import jakarta.persistence.*;",
            "@Entity",
            "class Tenant {",
            "  @Id Long id;",
            "}")
        .addSourceLines(
            "NotAnEntity.java",
            "import jakarta.persistence.*;",
            "class NotAnEntity {",
            "  @Column(unique = true) String uri;",
            "}")
        .addSourceLines(
            "WithEmbedded.java",
            "import jakarta.persistence.*;",
            "@Entity",
            "@Table(uniqueConstraints = @UniqueConstraint(columnNames = \"address\"))",
            "class WithEmbedded {",
            "  @Id Long id;",
            "  @Embedded Address address;",
            "}")
        .addSourceLines(
            "Address.java",
            "import jakarta.persistence.*;",
            "@Embeddable",
            "class Address {",
            "  @Column(nullable = false) String city;",
            "}")
        .doTest();
  }

  @Test
  void identificationPositive() {
    helper
        .addSourceLines(
            "Org.java",
            "import jakarta.persistence.*;",
            "import org.hibernate.annotations.NaturalId;",
            "@Entity",
            "// BUG: Diagnostic contains: @UniqueConstraint on tenant_id, namespace covers nullable column namespace",
            "@Table(",
            "    uniqueConstraints = @UniqueConstraint(columnNames = {\"tenant_id\", \"namespace\"}),",
            "    indexes = @Index(columnList = \"externalRef\", unique = true))",
            "class Org {",
            "  @Id Long id;",
            "  @ManyToOne(optional = false) Tenant tenant;",
            "  String namespace;",
            "  // BUG: Diagnostic contains: @Column(unique = true) covers nullable column uri",
            "  @Column(unique = true) String uri;",
            "  // BUG: Diagnostic contains: @NaturalId covers nullable column code",
            "  @NaturalId String code;",
            "  @Column(name = \"ext_ref\") String externalRef;",
            "}")
        .addSourceLines(
            "Tenant.java",
            "import jakarta.persistence.*;",
            "@Entity",
            "class Tenant {",
            "  @Id Long id;",
            "}")
        .doTest();
  }

  @Test
  void uniqueIndexIsReported() {
    helper
        .addSourceLines(
            "Account.java",
            "import jakarta.persistence.*;",
            "@Entity",
            "// BUG: Diagnostic contains: Unique @Index on external_ref covers nullable column external_ref",
            "@Table(indexes = @Index(columnList = \"external_ref ASC\", unique = true))",
            "class Account {",
            "  @Id Long id;",
            "  String externalRef;",
            "}")
        .doTest();
  }

  @Test
  void mappedSuperclassFieldIsReportedOnce() {
    helper
        .addSourceLines(
            "Base.java",
            "import jakarta.persistence.*;",
            "@MappedSuperclass",
            "abstract class Base {",
            "  @Id Long id;",
            "  // BUG: Diagnostic contains: nullable column uri",
            "  @Column(unique = true) String uri;",
            "}")
        .addSourceLines(
            "Account.java",
            "import jakarta.persistence.*;",
            "@Entity",
            "class Account extends Base {",
            "}")
        .doTest();
  }

  @Test
  void replacement() {
    refactoring
        .addInputLines(
            "Org.java",
            "import jakarta.persistence.*;",
            "import org.hibernate.annotations.NaturalId;",
            "@Entity",
            "@Table(uniqueConstraints = @UniqueConstraint(columnNames = \"namespace\"))",
            "class Org {",
            "  @Id Long id;",
            "  String namespace;",
            "  @Column(unique = true, length = 200) String uri;",
            "  @NaturalId String code;",
            "}")
        .addOutputLines(
            "Org.java",
            "import jakarta.persistence.*;",
            "import org.hibernate.annotations.NaturalId;",
            "@Entity",
            "@Table(uniqueConstraints = @UniqueConstraint(columnNames = \"namespace\"))",
            "class Org {",
            "  @Id Long id;",
            "  @Column(nullable = false) String namespace;",
            "  @Column(nullable = false, unique = true, length = 200) String uri;",
            "  @Column(nullable = false) @NaturalId String code;",
            "}")
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }
}
