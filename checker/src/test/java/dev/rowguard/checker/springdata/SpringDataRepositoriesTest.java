package dev.rowguard.checker.springdata;

import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol;
import dev.rowguard.checker.jpa.EntityModel;
import dev.rowguard.checker.jpa.EntityModels;
import dev.rowguard.checker.jpa.PersistentField;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Pins what {@link SpringDataRepositories} makes of repository calls, on real Spring Data types.
 */
class SpringDataRepositoriesTest {

  /**
   * Reports, for each derived-query call, its subject, resolved property paths and bound argument
   * positions.
   */
  @BugPattern(summary = "Reports derived query facts", severity = SeverityLevel.WARNING)
  public static final class QueryFacts extends BugChecker
      implements BugChecker.MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      Symbol.MethodSymbol method = ASTHelpers.getSymbol(tree);
      Optional<DerivedQuery> query = SpringDataRepositories.derivedQuery(method, state);
      if (query.isEmpty()) {
        return Description.NO_MATCH;
      }
      Optional<EntityModel> entity =
          SpringDataRepositories.domainType(ASTHelpers.getReceiverType(tree), state)
              .flatMap(EntityModels.instance(state)::of);
      List<String> facts = new ArrayList<>();
      facts.add(query.get().subject().name());
      for (DerivedQuery.Part part : query.get().parts()) {
        String path =
            entity
                .flatMap(e -> SpringDataRepositories.resolvePath(e, part.property(), state))
                .map(p -> p.stream().map(PersistentField::name).collect(Collectors.joining(".")))
                .orElse("?");
        facts.add(part.property() + "=" + path);
      }
      List<String> positions = new ArrayList<>();
      for (int i = 0; i < method.getParameters().size(); i++) {
        positions.add(
            SpringDataRepositories.boundPosition(method, i, state)
                .map(String::valueOf)
                .orElse("-"));
      }
      facts.add("bound=" + String.join(",", positions));
      return buildDescription(tree).setMessage(String.join(" ", facts)).build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(QueryFacts.class, getClass());

  @Test
  void derivedQueryFacts() {
    helper
        .addSourceLines(
            "Address.java",
            "import jakarta.persistence.*;",
            "@Embeddable",
            "class Address {",
            "  String zipCode;",
            "  String city;",
            "}")
        .addSourceLines(
            "Account.java",
            "import jakarta.persistence.*;",
            "@Entity",
            "class Account {",
            "  @Id Long id;",
            "  String uri;",
            "  @Embedded Address address;",
            "  @ManyToOne Account parent;",
            "}")
        .addSourceLines(
            "AccountRepository.java",
            "import java.util.*;",
            "import org.springframework.data.domain.*;",
            "import org.springframework.data.jpa.repository.*;",
            "interface AccountRepository extends JpaRepository<Account, Long> {",
            "  List<Account> findByAddressZipCode(String zip);",
            "  List<Account> findByAddress_City(String city);",
            "  List<Account> findByParentUri(String uri);",
            "  Page<Account> findByUriAndIdGreaterThan(Pageable page, String uri, Long id);",
            "  <T> List<T> findByUri(String uri, Class<T> type);",
            "  long countByNoSuchProperty(String x);",
            "  @Query(\"select a from Account a\") List<Account> findByUriExplicit(String uri);",
            "  default List<Account> findByUriDefault(String uri) { return List.of(); }",
            "}")
        .addSourceLines(
            "Caller.java",
            "import org.springframework.data.domain.Pageable;",
            "class Caller {",
            "  void run(AccountRepository repo) {",
            "    // BUG: Diagnostic contains: FIND addressZipCode=address.zipCode bound=0",
            "    repo.findByAddressZipCode(\"z\");",
            "    // BUG: Diagnostic contains: FIND address_City=address.city bound=0",
            "    repo.findByAddress_City(\"c\");",
            "    // BUG: Diagnostic contains: FIND parentUri=parent.uri bound=0",
            "    repo.findByParentUri(\"u\");",
            "    // BUG: Diagnostic contains: FIND uri=uri id=id bound=-,0,1",
            "    repo.findByUriAndIdGreaterThan(Pageable.unpaged(), \"u\", 1L);",
            "    // BUG: Diagnostic contains: FIND uri=uri bound=0,-",
            "    repo.findByUri(\"u\", Account.class);",
            "    // BUG: Diagnostic contains: COUNT noSuchProperty=? bound=0",
            "    repo.countByNoSuchProperty(\"x\");",
            "    repo.findByUriExplicit(\"u\");",
            "    repo.findByUriDefault(\"u\");",
            "    repo.findById(1L);",
            "    repo.deleteAllById(java.util.List.of(1L));",
            "  }",
            "}")
        .doTest();
  }
}
