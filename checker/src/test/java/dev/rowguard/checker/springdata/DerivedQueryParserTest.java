package dev.rowguard.checker.springdata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.checker.springdata.DerivedQuery.Subject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.repository.query.parser.PartTree;

/** Holds the parser to the behaviour of Spring Data's own {@link PartTree}. */
class DerivedQueryParserTest {

  @SuppressWarnings("unused")
  static final class Address {
    String zipCode;
    String city;
  }

  @SuppressWarnings("unused")
  static final class Account {
    Long id;
    String uri;
    String domain;
    boolean active;
    int age;
    Address address;
    String loggedIn;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "findByUri",
        "findByUriAndDomainIgnoreCase",
        "findFirst3ByUriOrderByIdDesc",
        "deleteByUriNotIn",
        "removeByUriIsNotIn",
        "countByAgeBetween",
        "existsByUriIsNull",
        "findByUriOrDomainAllIgnoreCase",
        "removeByActiveTrue",
        "findDistinctByDomainNot",
        "streamAllByAgeGreaterThanEqual",
        "readByDomainStartingWithAndAgeLessThan",
        "getTop10ByDomainIsNotNullOrderByAgeAsc",
        "queryByUriIs",
        "searchByUriEquals",
        "findByAgeInAndDomainContaining",
        "deleteByDomainAndUri",
      })
  void agreesWithPartTree(String name) {
    PartTree spring = new PartTree(name, Account.class);
    DerivedQuery ours = DerivedQueryParser.parse(name).orElseThrow();

    Subject expected =
        spring.isDelete()
            ? Subject.DELETE
            : spring.isCountProjection()
                ? Subject.COUNT
                : Boolean.TRUE.equals(spring.isExistsProjection()) ? Subject.EXISTS : Subject.FIND;
    assertThat(ours.subject()).isEqualTo(expected);

    List<String> springParts = new ArrayList<>();
    spring.forEach(
        or ->
            or.forEach(
                p ->
                    springParts.add(
                        describe(
                            p.getProperty().toDotPath(),
                            p.getType().name(),
                            p.getType().getNumberOfArguments(),
                            p.shouldIgnoreCase() != Part.IgnoreCaseType.NEVER))));
    List<String> ourParts =
        ours.parts().stream()
            .map(p -> describe(p.property(), p.type().name(), p.type().arguments(), p.ignoreCase()))
            .toList();
    assertThat(ourParts).isEqualTo(springParts);
    assertThat(ours.orGroups()).hasSize(countOrGroups(spring));
  }

  @Test
  void findsWithoutAConditionSelectEveryRow() {
    assertThat(DerivedQueryParser.findsEveryRow("findAllByOrderByNameAsc")).isTrue();
    assertThat(DerivedQueryParser.findsEveryRow("streamAllBy")).isTrue();
    assertThat(DerivedQueryParser.findsEveryRow("findByName")).isFalse();
    assertThat(DerivedQueryParser.findsEveryRow("findAllByNameOrderByIdAsc")).isFalse();
    assertThat(DerivedQueryParser.findsEveryRow("countAllBy")).isFalse();
    assertThat(DerivedQueryParser.findsEveryRow("findAll")).isFalse();
  }

  @Test
  void nestedPropertyStaysRawForTheResolver() {
    DerivedQuery q = DerivedQueryParser.parse("findByAddressZipCode").orElseThrow();
    assertThat(q.parts())
        .singleElement()
        .extracting(DerivedQuery.Part::property)
        .isEqualTo("addressZipCode");
    assertThat(
            new PartTree("findByAddressZipCode", Account.class)
                .getParts()
                .iterator()
                .next()
                .getProperty()
                .toDotPath())
        .isEqualTo("address.zipCode");
  }

  @Test
  void keywordSuffixWinsOverPropertyNameAsInSpring() {
    // Spring reads findByLoggedIn as "logged IN ?" and then fails to find property "logged".
    assertThat(DerivedQueryParser.parse("findByLoggedIn").orElseThrow().parts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.property()).isEqualTo("logged");
              assertThat(p.type()).isEqualTo(DerivedQuery.Type.IN);
            });
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new PartTree("findByLoggedIn", Account.class))
        .hasMessageContaining("No property 'logged' found");
  }

  @Test
  void argumentsAreCountedAcrossParts() {
    DerivedQuery q =
        DerivedQueryParser.parse("findByAgeBetweenAndUriAndActiveTrueAndDomain").orElseThrow();
    assertThat(q.partsForArgument(0))
        .extracting(DerivedQuery.Part::property)
        .containsExactly("age");
    assertThat(q.partsForArgument(1))
        .extracting(DerivedQuery.Part::property)
        .containsExactly("age");
    assertThat(q.partsForArgument(2))
        .extracting(DerivedQuery.Part::property)
        .containsExactly("uri");
    assertThat(q.partsForArgument(3))
        .extracting(DerivedQuery.Part::property)
        .containsExactly("domain");
  }

  @ParameterizedTest
  @ValueSource(strings = {"save", "findAll", "deleteAll", "findBy", "byUri", "findByuri", "count"})
  void notDerivedNames(String name) {
    assertThat(DerivedQueryParser.parse(name)).isEmpty();
  }

  private static String describe(String property, String type, int arguments, boolean ignoreCase) {
    return property + " " + type + "/" + arguments + (ignoreCase ? " ignoreCase" : "");
  }

  private static int countOrGroups(PartTree tree) {
    int n = 0;
    for (PartTree.OrPart ignored : tree) {
      n++;
    }
    return n;
  }
}
