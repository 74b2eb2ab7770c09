package dev.rowguard.checker.uuid;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import org.junit.jupiter.api.Test;

final class UuidStringMismatchFixTest {

  private final BugCheckerRefactoringTestHelper helper =
      BugCheckerRefactoringTestHelper.newInstance(UuidStringMismatch.class, getClass());

  @Test
  void replacement_noFixWhenConvertingWouldChangeTheResultType() {
    helper
        .addInputLines(
            "NoFix.java",
            """
            import com.google.common.collect.Sets;
            import java.util.Collection;
            import java.util.List;
            import java.util.Set;
            import java.util.UUID;
            import org.apache.commons.collections4.CollectionUtils;

            class NoFix {
              Collection<?> stale(List<UUID> ids, List<String> names) {
                return CollectionUtils.subtract(ids, names);
              }

              Set<String> common(Set<String> names, Set<UUID> ids) {
                return Sets.intersection(names, ids);
              }

              boolean viaIterator(List<UUID> ids, List<String> names) {
                return com.google.common.collect.Iterators.elementsEqual(ids.iterator(), names.iterator());
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void replacement_collectionArgumentConvertedWhereItIsPassed() {
    helper
        .addInputLines(
            "Sync.java",
            """
            import java.util.Collection;
            import java.util.List;
            import java.util.UUID;
            import org.apache.commons.collections4.CollectionUtils;

            class Sync {
              Collection<UUID> stale(List<UUID> localIds, List<String> liveIds) {
                return CollectionUtils.removeAll(localIds, liveIds);
              }
            }
            """)
        .addOutputLines(
            "Sync.java",
            """
            import java.util.Collection;
            import java.util.List;
            import java.util.UUID;
            import org.apache.commons.collections4.CollectionUtils;

            class Sync {
              Collection<UUID> stale(List<UUID> localIds, List<String> liveIds) {
                return CollectionUtils.removeAll(localIds, liveIds.stream().map(UUID::fromString).toList());
              }
            }
            """)
        .doTest();
  }

  @Test
  void replacement_setArgumentCollectedToASet() {
    helper
        .addInputLines(
            "Common.java",
            """
            import com.google.common.collect.Sets;
            import java.util.Set;
            import java.util.UUID;

            class Common {
              Set<UUID> common(Set<UUID> ids, Set<String> names) {
                return Sets.intersection(ids, names);
              }
            }
            """)
        .addOutputLines(
            "Common.java",
            """
            import com.google.common.collect.Sets;
            import java.util.Set;
            import java.util.UUID;
            import java.util.stream.Collectors;

            class Common {
              Set<UUID> common(Set<UUID> ids, Set<String> names) {
                return Sets.intersection(ids, names.stream().map(UUID::fromString).collect(Collectors.toSet()));
              }
            }
            """)
        .doTest();
  }

  @Test
  void replacement_singleElementParsed() {
    helper
        .addInputLines(
            "Live.java",
            """
            import com.google.common.collect.Iterables;
            import java.util.List;
            import java.util.UUID;

            class Live {
              boolean live(List<UUID> ids, String requested) {
                return Iterables.contains(ids, requested);
              }
            }
            """)
        .addOutputLines(
            "Live.java",
            """
            import com.google.common.collect.Iterables;
            import java.util.List;
            import java.util.UUID;

            class Live {
              boolean live(List<UUID> ids, String requested) {
                return Iterables.contains(ids, UUID.fromString(requested));
              }
            }
            """)
        .doTest();
  }

  @Test
  void replacement_looseCollectionKeepsTheUuid() {
    helper
        .addInputLines(
            "Seen.java",
            """
            import java.util.HashSet;
            import java.util.Set;
            import java.util.UUID;

            class Seen {
              private final Set<Object> seen = new HashSet<>();

              boolean firstTime(UUID id) {
                return seen.add(id) && !seen.contains(String.valueOf(id));
              }
            }
            """)
        .addOutputLines(
            "Seen.java",
            """
            import java.util.HashSet;
            import java.util.Set;
            import java.util.UUID;

            class Seen {
              private final Set<Object> seen = new HashSet<>();

              boolean firstTime(UUID id) {
                return seen.add(id) && !seen.contains(id);
              }
            }
            """)
        .doTest();
  }
}
