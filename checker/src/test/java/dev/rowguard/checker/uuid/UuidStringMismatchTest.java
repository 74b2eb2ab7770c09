package dev.rowguard.checker.uuid;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

final class UuidStringMismatchTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(UuidStringMismatch.class, getClass());

  @Test
  void identification_sameRepresentationOnBothSides() {
    helper
        .addSourceLines(
            "SameRepresentation.java",
            """
            import com.google.common.collect.Iterables;
            import com.google.common.collect.Sets;
            import org.apache.commons.collections4.CollectionUtils;
            import java.util.List;
            import java.util.Set;
            import java.util.UUID;

            class SameRepresentation {
              void strings(List<String> local, List<String> remote, Set<String> a, Set<String> b, String s) {
                CollectionUtils.subtract(local, remote);
                CollectionUtils.removeAll(local, remote);
                Sets.intersection(a, b);
                Iterables.contains(remote, s);
              }

              void uuids(List<UUID> local, List<UUID> remote, Set<UUID> a, Set<UUID> b, UUID id) {
                CollectionUtils.subtract(local, remote);
                CollectionUtils.removeAll(local, remote);
                Sets.intersection(a, b);
                Iterables.contains(remote, id);
              }

              boolean converted(UUID id, String s, List<String> remote) {
                return id.toString().equals(s) || Iterables.contains(remote, id.toString());
              }
            }
            """)
        .doTest();
  }

  @Test
  void identification_guavaSets() {
    helper
        .addSourceLines(
            "GuavaSets.java",
            """
            import com.google.common.collect.Sets;
            import java.util.Set;
            import java.util.UUID;

            class GuavaSets {
              void same(Set<UUID> ids, Set<UUID> others, Set<String> names, Set<String> otherNames) {
                Sets.intersection(ids, others);
                Sets.union(names, otherNames);
                Sets.symmetricDifference(ids, others);
              }

              void mixed(Set<UUID> ids, Set<String> names) {
                // BUG: Diagnostic contains: Sets.intersection compares the UUIDs in parameter `ids` (Set<UUID>) with the Strings in parameter `names` (Set<String>)
                Sets.intersection(ids, names);
                // BUG: Diagnostic contains: Sets.union
                Sets.union(names, ids);
                // BUG: Diagnostic contains: Sets.symmetricDifference
                Sets.symmetricDifference(ids, names);
              }
            }
            """)
        .doTest();
  }

  @Test
  void identification_guavaIterablesAndIterators() {
    helper
        .addSourceLines(
            "GuavaIterables.java",
            """
            import com.google.common.collect.Iterables;
            import com.google.common.collect.Iterators;
            import java.util.List;
            import java.util.UUID;

            class GuavaIterables {
              void same(List<UUID> ids, List<UUID> others, UUID id, List<String> names, String name) {
                Iterables.contains(ids, id);
                Iterables.frequency(names, name);
                Iterables.removeAll(ids, others);
                Iterables.retainAll(names, names);
                Iterables.elementsEqual(ids, others);
                Iterators.contains(ids.iterator(), id);
                Iterators.elementsEqual(names.iterator(), names.iterator());
              }

              void mixed(List<UUID> ids, UUID id, List<String> names, String name) {
                // BUG: Diagnostic contains: the UUIDs in parameter `ids` (List<UUID>) with the String parameter `name`
                Iterables.contains(ids, name);
                // BUG: Diagnostic contains: the UUID parameter `id` (UUID) with the Strings in parameter `names`
                Iterables.frequency(names, id);
                // BUG: Diagnostic contains: Iterables.removeAll
                Iterables.removeAll(ids, names);
                // BUG: Diagnostic contains: Iterables.retainAll
                Iterables.retainAll(names, ids);
                // BUG: Diagnostic contains: Iterables.elementsEqual
                Iterables.elementsEqual(ids, names);
                // BUG: Diagnostic contains: Iterators.contains
                Iterators.contains(ids.iterator(), name);
                // BUG: Diagnostic contains: Iterators.elementsEqual
                Iterators.elementsEqual(names.iterator(), ids.iterator());
              }
            }
            """)
        .doTest();
  }

  @Test
  void identification_commonsCollectionUtils() {
    helper
        .addSourceLines(
            "CommonsCollections.java",
            """
            import java.util.List;
            import java.util.UUID;
            import org.apache.commons.collections4.CollectionUtils;
            import org.apache.commons.collections4.functors.DefaultEquator;

            class CommonsCollections {
              void same(List<UUID> a, List<UUID> b, List<String> c, List<String> d, UUID id) {
                CollectionUtils.subtract(a, b);
                CollectionUtils.intersection(c, d);
                CollectionUtils.union(a, b);
                CollectionUtils.disjunction(c, d);
                CollectionUtils.retainAll(a, b);
                CollectionUtils.containsAny(a, b);
                CollectionUtils.containsAny(a, id);
                CollectionUtils.containsAll(c, d);
                CollectionUtils.isEqualCollection(a, b);
                CollectionUtils.isSubCollection(c, d);
              }

              void mixed(List<UUID> ids, List<String> names, String name) {
                // BUG: Diagnostic contains: CollectionUtils.subtract compares the UUIDs in parameter `ids`
                CollectionUtils.subtract(ids, names);
                // BUG: Diagnostic contains: CollectionUtils.intersection
                CollectionUtils.intersection(names, ids);
                // BUG: Diagnostic contains: CollectionUtils.union
                CollectionUtils.union(ids, names);
                // BUG: Diagnostic contains: CollectionUtils.disjunction
                CollectionUtils.disjunction(ids, names);
                // BUG: Diagnostic contains: CollectionUtils.removeAll
                CollectionUtils.removeAll(ids, names);
                // BUG: Diagnostic contains: CollectionUtils.retainAll
                CollectionUtils.retainAll(names, ids);
                // BUG: Diagnostic contains: CollectionUtils.containsAny
                CollectionUtils.containsAny(ids, names);
                // BUG: Diagnostic contains: with the String parameter `name`
                CollectionUtils.containsAny(ids, name);
                // BUG: Diagnostic contains: CollectionUtils.containsAll
                CollectionUtils.containsAll(names, ids);
                // BUG: Diagnostic contains: CollectionUtils.isEqualCollection
                CollectionUtils.isEqualCollection(ids, names);
                // BUG: Diagnostic contains: CollectionUtils.isSubCollection
                CollectionUtils.isSubCollection(names, ids);
              }

              void decidedByTheirOwnEquator(List<Object> ids, List<Object> names) {
                CollectionUtils.removeAll(ids, names, DefaultEquator.defaultEquator());
              }
            }
            """)
        .doTest();
  }

  @Test
  void identification_commonsSetUtils() {
    helper
        .addSourceLines(
            "CommonsSets.java",
            """
            import java.util.Set;
            import java.util.UUID;
            import org.apache.commons.collections4.SetUtils;

            class CommonsSets {
              void same(Set<UUID> a, Set<UUID> b, Set<String> c, Set<String> d) {
                SetUtils.difference(a, b);
                SetUtils.intersection(c, d);
                SetUtils.union(a, b);
                SetUtils.disjunction(c, d);
                SetUtils.isEqualSet(a, b);
              }

              void mixed(Set<UUID> ids, Set<String> names) {
                // BUG: Diagnostic contains: SetUtils.difference
                SetUtils.difference(ids, names);
                // BUG: Diagnostic contains: SetUtils.intersection
                SetUtils.intersection(names, ids);
                // BUG: Diagnostic contains: SetUtils.union
                SetUtils.union(ids, names);
                // BUG: Diagnostic contains: SetUtils.disjunction
                SetUtils.disjunction(ids, names);
                // BUG: Diagnostic contains: SetUtils.isEqualSet
                SetUtils.isEqualSet(names, ids);
              }
            }
            """)
        .doTest();
  }

  @Test
  void identification_springCollectionUtils() {
    helper
        .addSourceLines(
            "SpringCollections.java",
            """
            import java.util.List;
            import java.util.UUID;
            import org.springframework.util.CollectionUtils;

            class SpringCollections {
              boolean same(List<UUID> ids, List<UUID> others, List<String> names) {
                return CollectionUtils.containsAny(ids, others) || CollectionUtils.containsAny(names, names);
              }

              boolean mixed(List<UUID> ids, List<String> names, String name) {
                // BUG: Diagnostic contains: CollectionUtils.containsAny compares the UUIDs in parameter `ids`
                return CollectionUtils.containsAny(ids, names)
                    // BUG: Diagnostic contains: CollectionUtils.contains compares
                    || CollectionUtils.contains(ids.iterator(), name);
              }
            }
            """)
        .doTest();
  }

  @Test
  void identification_originOfALocalIsNamed() {
    helper
        .addSourceLines(
            "Origin.java",
            """
            import java.util.List;
            import java.util.UUID;
            import org.apache.commons.collections4.CollectionUtils;

            class Origin {
              interface Directory { List<String> liveTenantIds(); }

              void sync(Directory directory, List<UUID> localIds) {
                List<String> liveIds = directory.liveTenantIds();
                // BUG: Diagnostic contains: the Strings in `liveIds` (List<String> from `directory.liveTenantIds()`)
                CollectionUtils.removeAll(localIds, liveIds);
              }
            }
            """)
        .doTest();
  }

  @Test
  void identification_looseCollectionNegatives() {
    helper
        .addSourceLines(
            "LooseNegatives.java",
            """
            import java.io.Serializable;
            import java.util.HashSet;
            import java.util.List;
            import java.util.Map;
            import java.util.Set;
            import java.util.UUID;

            class LooseNegatives {
              List<Object> row(UUID tenantId, String name, long count) {
                return List.of(tenantId, name, count);
              }

              void namesWithoutATieToAUuid(UUID id, String name) {
                Set<Object> seen = new HashSet<>();
                seen.add(id);
                seen.add(name);
                seen.contains("tenant-" + name);
              }

              void onlyStringsFromUuids(UUID id, UUID other) {
                Set<Object> keys = new HashSet<>();
                keys.add(id.toString());
                keys.contains(other.toString());
              }

              void onlyUuids(UUID id, Map<Serializable, Integer> counts) {
                counts.put(id, 1);
                counts.get(id);
              }

              void typedForStrings(UUID id, Set<String> keys) {
                keys.add(id.toString());
                keys.contains(String.valueOf(id));
              }

              void rowOfColumnValues(UUID tenantId, UUID callerId, String name) {
                List<Object> parameters = new java.util.ArrayList<>();
                parameters.add(tenantId);
                parameters.add(callerId.toString());
                parameters.add(name);
              }

              List<Object> rowFromAFactory(UUID tenantId, UUID callerId) {
                return List.of(tenantId, callerId.toString());
              }

              void otherVariable(UUID id, Set<Object> a, Set<Object> b) {
                a.add(id);
                b.add(id.toString());
              }
            }
            """)
        .doTest();
  }

  @Test
  void reassignedLocalIsNotTiedToAUuid() {
    helper
        .addSourceLines(
            "Reassigned.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.UUID;

            class Reassigned {
              void lookup(List<UUID> ids, UUID other, String name) {
                List<Comparable<?>> keys = new ArrayList<>(ids);
                String key = other.toString();
                key = name;
                keys.remove(key);
              }
            }
            """)
        .doTest();
  }

  @Test
  void identification_looseCollectionMixes() {
    helper
        .addSourceLines(
            "LooseMixes.java",
            """
            import java.io.Serializable;
            import java.util.Collection;
            import java.util.HashMap;
            import java.util.HashSet;
            import java.util.List;
            import java.util.Map;
            import java.util.Objects;
            import java.util.Set;
            import java.util.UUID;

            class LooseMixes {
              private final Set<Object> seen = new HashSet<>();

              void remember(UUID id) {
                seen.add(id);
              }

              boolean known(UUID id) {
                // BUG: Diagnostic contains: `seen` holds both UUIDs (`id`, line 15) and Strings made from UUIDs (`id.toString()`)
                return seen.contains(id.toString());
              }

              void counts(List<UUID> ids, UUID other) {
                Map<Serializable, Integer> counts = new HashMap<>();
                for (UUID id : ids) {
                  counts.put(id, 1);
                }
                // BUG: Diagnostic contains: Strings made from UUIDs (`String.valueOf(other)`)
                counts.get(String.valueOf(other));
              }

              boolean wildcard(Set<UUID> ids, UUID other) {
                Collection<?> view = ids;
                // BUG: Diagnostic contains: `view` holds both UUIDs (`ids`
                return view.contains(Objects.toString(other));
              }

              void viaALocal(List<UUID> ids, UUID other) {
                List<Comparable<?>> keys = new java.util.ArrayList<>(ids);
                String key = other.toString();
                // BUG: Diagnostic contains: Strings made from UUIDs (`key`)
                keys.remove(key);
              }

              Set<Object> oneFactory(UUID id, UUID other) {
                // BUG: Diagnostic contains: `Set.of(id, other.toString())` holds both UUIDs (`id`
                return Set.of(id, other.toString());
              }

              void listThenLookup(UUID id, UUID other) {
                List<Object> pending = new java.util.ArrayList<>();
                pending.add(other);
                // BUG: Diagnostic contains: `pending` holds both UUIDs (`id`, line 55)
                pending.add(other.toString());
                pending.indexOf(id);
              }

              void factoryThenLookup(UUID id, UUID other) {
                // BUG: Diagnostic contains: `keys` holds both UUIDs (`id`
                Set<Object> keys = Set.of(other.toString());
                keys.contains(id);
              }
            }
            """)
        .doTest();
  }
}
