package dev.rowguard.checker.uuid;

import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.bugpatterns.EqualsIncompatibleType;
import com.google.errorprone.bugpatterns.collectionincompatibletype.CollectionIncompatibleType;
import com.google.errorprone.scanner.ScannerSupplier;
import org.junit.jupiter.api.Test;

/**
 * Every String/UUID mix gets exactly one finding when stock Error Prone runs too: its own where it
 * already fires, UuidStringMismatch everywhere else. One source, three compilations: all checks
 * together (each marked line has the expected finding), then each side alone (nothing on the other
 * side's lines, so no line is reported twice).
 */
final class UuidStringMismatchWithStockChecksTest {

  private static final String STOCK = "// STOCK";
  private static final String EQUALS = "// EQUALS";
  private static final String OURS = "// OURS";

  private static final String SOURCE =
      """
      import com.google.common.collect.Iterables;
      import com.google.common.collect.Sets;
      import java.util.Collections;
      import java.util.HashSet;
      import java.util.List;
      import java.util.Map;
      import java.util.Objects;
      import java.util.Set;
      import java.util.UUID;
      import java.util.function.Predicate;
      import org.apache.commons.collections4.CollectionUtils;
      import org.apache.commons.collections4.SetUtils;

      class Sync {
        void mixes(Set<UUID> ids, Set<String> names, List<String> nameList, Map<UUID, Integer> byId, UUID id, String name) {
          // STOCK
          ids.contains(name);
          // STOCK
          ids.remove(name);
          // STOCK
          ids.removeAll(names);
          // STOCK
          ids.retainAll(names);
          // STOCK
          ids.containsAll(names);
          // STOCK
          byId.get(name);
          // STOCK
          byId.containsKey(name);
          // STOCK
          byId.keySet().removeAll(names);
          // STOCK
          nameList.indexOf(id);
          // STOCK
          Collections.disjoint(ids, names);
          // STOCK
          Sets.difference(ids, names);
          // STOCK
          nameList.stream().filter(n -> ids.contains(n)).count();
          // STOCK
          nameList.stream().filter(Predicate.not(ids::contains)).count();
          // EQUALS
          id.equals(name);
          // EQUALS
          Objects.equals(id, name);
          // EQUALS
          ids.equals(names);
          // OURS
          Sets.intersection(ids, names);
          // OURS
          Sets.symmetricDifference(names, ids);
          // OURS
          Iterables.contains(ids, name);
          // OURS
          CollectionUtils.subtract(ids, names);
          // OURS
          CollectionUtils.removeAll(ids, names);
          // OURS
          SetUtils.difference(ids, names);
          // OURS
          org.springframework.util.CollectionUtils.containsAny(ids, names);
          Set<Object> seen = new HashSet<>(ids);
          // OURS
          seen.contains(id.toString());
        }

        void sameRepresentation(Set<UUID> ids, Set<String> names, UUID id, String name) {
          ids.contains(id);
          names.contains(name);
          names.contains(id.toString());
          id.toString().equals(name);
          CollectionUtils.subtract(names, names);
          Sets.intersection(ids, ids);
          Iterables.contains(names, id.toString());
        }
      }
      """;

  @Test
  void allTogether_eachMixReportedByItsOwner() {
    CompilationTestHelper.newInstance(
            ScannerSupplier.fromBugCheckerClasses(
                UuidStringMismatch.class,
                CollectionIncompatibleType.class,
                EqualsIncompatibleType.class),
            getClass())
        .addSourceLines(
            "Sync.java",
            SOURCE
                .replace(STOCK, "// BUG: Diagnostic contains: [CollectionIncompatibleType]")
                .replace(EQUALS, "// BUG: Diagnostic contains: [EqualsIncompatibleType]")
                .replace(OURS, "// BUG: Diagnostic contains: [UuidStringMismatch]"))
        .doTest();
  }

  @Test
  void uuidStringMismatchAlone_silentWhereStockErrorProneReports() {
    CompilationTestHelper.newInstance(
            ScannerSupplier.fromBugCheckerClasses(UuidStringMismatch.class), getClass())
        .addSourceLines(
            "Sync.java",
            SOURCE
                .replace(STOCK, "// stock")
                .replace(EQUALS, "// stock")
                .replace(OURS, "// BUG: Diagnostic contains: [UuidStringMismatch]"))
        .doTest();
  }

  @Test
  void stockErrorProneAlone_silentWhereUuidStringMismatchReports() {
    CompilationTestHelper.newInstance(
            ScannerSupplier.fromBugCheckerClasses(
                CollectionIncompatibleType.class, EqualsIncompatibleType.class),
            getClass())
        .addSourceLines(
            "Sync.java",
            SOURCE
                .replace(STOCK, "// BUG: Diagnostic contains: [CollectionIncompatibleType]")
                .replace(EQUALS, "// BUG: Diagnostic contains: [EqualsIncompatibleType]")
                .replace(OURS, "// ours"))
        .doTest();
  }
}
