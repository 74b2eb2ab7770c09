package dev.rowguard.checker.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Pins the mapping facts {@link EntityModels} reads from real jakarta/javax/Hibernate annotations.
 */
class EntityModelsTest {

  /** Reports the model of every mapped class, so tests can assert on it with diagnostics. */
  @BugPattern(summary = "Reports entity model facts", severity = SeverityLevel.WARNING)
  public static final class ModelFacts extends BugChecker implements BugChecker.ClassTreeMatcher {
    @Override
    public Description matchClass(ClassTree tree, VisitorState state) {
      return EntityModels.instance(state)
          .of(ASTHelpers.getSymbol(tree))
          .map(m -> buildDescription(tree).setMessage(describe(m)).build())
          .orElse(Description.NO_MATCH);
    }

    private static String describe(EntityModel model) {
      String fields =
          model.fields().stream().map(ModelFacts::describe).collect(Collectors.joining(" "));
      String keys =
          model.uniqueKeys().stream()
              .map(
                  k ->
                      k.source()
                          + "("
                          + String.join(",", k.columns())
                          + "->"
                          + k.fields().stream()
                              .map(PersistentField::name)
                              .collect(Collectors.joining(","))
                          + ")")
              .collect(Collectors.joining(" "));
      return "fields: " + fields + " keys: " + keys + " .";
    }

    private static String describe(PersistentField f) {
      List<String> facts = new ArrayList<>();
      facts.add(f.nullable() ? "null" : "notnull");
      if (f.explicitlyNullable()) {
        facts.add("declared-null");
      }
      if (f.uniqueColumn()) {
        facts.add("unique");
      }
      if (f.id()) {
        facts.add("id");
      }
      if (f.naturalId()) {
        facts.add("natural");
      }
      if (f.association() != Association.NONE) {
        facts.add(f.association().name());
      }
      facts.add("col=" + f.columnName());
      return f.name() + "[" + String.join(",", facts) + "]";
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ModelFacts.class, getClass());

  @Test
  void plainClassesHaveNoModel() {
    helper.addSourceLines("Plain.java", "class Plain {", "  String uri;", "}").doTest();
  }

  @Test
  void nullabilityRules() {
    helper
        .addSourceLines(
            "Account.java",
            "import jakarta.persistence.*;",
            "import jakarta.validation.constraints.NotNull;",
            "import jakarta.validation.constraints.NotBlank;",
            "@Entity",
            "// BUG: Diagnostic contains: fields: id[notnull,id,col=id] uri[null,col=uri] name[notnull,col=name]"
                + " handle[notnull,col=handle] age[notnull,col=age] email[notnull,col=email]"
                + " org[notnull,MANY_TO_ONE,col=owner_org] team[notnull,MANY_TO_ONE,col=team_id]"
                + " parent[null,MANY_TO_ONE,col=parent_id] code[notnull,col=code] note[null,declared-null,col=note]"
                + " tags[notnull,ONE_TO_MANY,col=tags] version[notnull,col=version] keys: PRIMARY_KEY(id->id) .",
            "class Account {",
            "  @Id Long id;",
            "  String uri;",
            "  @Column(nullable = false) String name;",
            "  @NotNull String handle;",
            "  int age;",
            "  @NotBlank String email;",
            "  @ManyToOne @JoinColumn(name = \"owner_org\", nullable = false) Account org;",
            "  @ManyToOne(optional = false) Account team;",
            "  @ManyToOne Account parent;",
            "  @Basic(optional = false) String code;",
            "  @Column(nullable = true) String note;",
            "  @OneToMany(mappedBy = \"parent\") java.util.List<Account> tags;",
            "  @Version Long version;",
            "  static String CONSTANT;",
            "  transient String cache;",
            "  @Transient String computed;",
            "}")
        .doTest();
  }

  @Test
  void javaxAnnotationsAndPropertyAccess() {
    helper
        .addSourceLines(
            "Legacy.java",
            "import jakarta.persistence.*;",
            "@Entity",
            "// BUG: Diagnostic contains: fields: id[notnull,id,col=id] externalID[notnull,unique,col=externalid] keys:"
                + " PRIMARY_KEY(id->id) COLUMN(externalid->externalID) .",
            "class Legacy {",
            "  private Long id;",
            "  private String externalID;",
            "  @Id public Long getId() { return id; }",
            "  @Column(unique = true) @javax.validation.constraints.NotNull public String getExternalID() { return externalID; }",
            "}")
        .doTest();
  }

  @Test
  void uniqueKeysFromTableIndexAndNaturalId() {
    helper
        .addSourceLines(
            "Org.java",
            "import jakarta.persistence.*;",
            "import org.hibernate.annotations.NaturalId;",
            "@Entity",
            "@Table(",
            "    uniqueConstraints = {",
            "      @UniqueConstraint(columnNames = {\"tenant_id\", \"display_name\"}),",
            "      @UniqueConstraint(columnNames = \"missing_column\")},",
            "    indexes = {",
            "      @Index(columnList = \"ext_ref DESC, tenantId\", unique = true),",
            "      @Index(columnList = \"displayName\")})",
            "// BUG: Diagnostic contains: keys: PRIMARY_KEY(id->id) COLUMN(slug->slug) NATURAL_ID(namespace->namespace)"
                + " UNIQUE_CONSTRAINT(tenant_id,display_name->tenantId,displayName)"
                + " UNIQUE_CONSTRAINT(missing_column->) UNIQUE_INDEX(ext_ref,tenantId->externalRef,tenantId) .",
            "class Org {",
            "  @Id Long id;",
            "  @Column(unique = true) String slug;",
            "  @NaturalId String namespace;",
            "  Long tenantId;",
            "  String displayName;",
            "  @Column(name = \"ext_ref\") String externalRef;",
            "}")
        .doTest();
  }

  @Test
  void defaultJoinColumnUsesTargetPrimaryKey() {
    helper
        .addSourceLines(
            "Country.java",
            "import jakarta.persistence.*;",
            "@Entity",
            "// BUG: Diagnostic contains: fields: isoCode[notnull,id,col=iso] keys",
            "class Country {",
            "  @Id @Column(name = \"iso\") String isoCode;",
            "}")
        .addSourceLines(
            "City.java",
            "import jakarta.persistence.*;",
            "@Entity",
            "@Table(uniqueConstraints = @UniqueConstraint(columnNames = {\"country_iso\", \"name\"}))",
            "// BUG: Diagnostic contains: homeCountry[null,MANY_TO_ONE,col=home_country_iso] name[null,col=name] keys:"
                + " PRIMARY_KEY(id->id) UNIQUE_CONSTRAINT(country_iso,name->name)",
            "class City {",
            "  @Id Long id;",
            "  @ManyToOne Country homeCountry;",
            "  String name;",
            "}")
        .doTest();
  }

  @Test
  void mappedSuperclassFieldsComeFirst() {
    helper
        .addSourceLines(
            "Base.java",
            "import jakarta.persistence.*;",
            "@MappedSuperclass",
            "// BUG: Diagnostic contains: fields: id[notnull,id,col=id] keys: PRIMARY_KEY(id->id) .",
            "abstract class Base {",
            "  @Id Long id;",
            "}")
        .addSourceLines(
            "Child.java",
            "import jakarta.persistence.*;",
            "@Entity",
            "@Table(uniqueConstraints = @UniqueConstraint(columnNames = \"tenant_id\"))",
            "// BUG: Diagnostic contains: fields: id[notnull,id,col=id] tenantId[null,col=tenant_id] keys:"
                + " PRIMARY_KEY(id->id) UNIQUE_CONSTRAINT(tenant_id->tenantId) .",
            "class Child extends Base {",
            "  Long tenantId;",
            "}")
        .doTest();
  }

  @Test
  void embeddableHasAModel() {
    helper
        .addSourceLines(
            "Address.java",
            "import jakarta.persistence.*;",
            "@Embeddable",
            "// BUG: Diagnostic contains: fields: zipCode[null,col=zip_code] keys:  .",
            "class Address {",
            "  String zipCode;",
            "}")
        .doTest();
  }

  @Test
  void snakeCaseFollowsSpringBootNaming() {
    assertThat(PersistentField.snakeCase("tenantId")).isEqualTo("tenant_id");
    assertThat(PersistentField.snakeCase("externalID")).isEqualTo("externalid");
    assertThat(PersistentField.snakeCase("uri")).isEqualTo("uri");
    assertThat(PersistentField.snakeCase("displayNameX")).isEqualTo("display_namex");
    assertThat(PersistentField.snakeCase("address.zipCode")).isEqualTo("address_zip_code");
    assertThat(PersistentField.snakeCase("HTTPStatus")).isEqualTo("httpstatus");
  }
}
