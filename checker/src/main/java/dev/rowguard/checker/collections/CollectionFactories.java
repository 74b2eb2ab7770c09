package dev.rowguard.checker.collections;

import dev.rowguard.checker.util.Api;
import java.util.List;

/** The one list of collection factories and copies (JDK and Guava) the checks know. */
public final class CollectionFactories {

  private static final List<String> JDK_LIST_AND_SET = List.of("java.util.List", "java.util.Set");
  private static final String GUAVA_IMMUTABLE_LIST = "com.google.common.collect.ImmutableList";
  private static final String GUAVA_IMMUTABLE_SET = "com.google.common.collect.ImmutableSet";
  private static final String GUAVA_SETS = "com.google.common.collect.Sets";
  private static final String GUAVA_LISTS = "com.google.common.collect.Lists";

  /** Factories that hold exactly their arguments: {@code List.of("archived")}. */
  public static final Api OF_ELEMENTS =
      Api.anyOf(
          Api.statics(JDK_LIST_AND_SET, "of"),
          Api.statics("java.util.Arrays", "asList"),
          Api.statics("java.util.Collections", "singleton", "singletonList"),
          Api.statics(List.of(GUAVA_IMMUTABLE_LIST, GUAVA_IMMUTABLE_SET), "of"));

  /** Factories whose arguments all become elements (Guava's varargs {@code newHashSet} too). */
  public static final Api TAKING_ELEMENTS =
      Api.anyOf(
          OF_ELEMENTS,
          Api.statics(GUAVA_SETS, "newHashSet"),
          Api.statics(GUAVA_LISTS, "newArrayList"));

  /** The JDK's {@code List.copyOf} and {@code Set.copyOf}. */
  public static final Api JDK_COPY_OF = Api.statics(JDK_LIST_AND_SET, "copyOf");

  /** Static factories that copy (or wrap) their one argument. */
  public static final Api COPIES =
      Api.anyOf(
          JDK_COPY_OF,
          Api.statics(
              List.of(
                  GUAVA_IMMUTABLE_SET,
                  GUAVA_IMMUTABLE_LIST,
                  "com.google.common.collect.ImmutableSortedSet"),
              "copyOf"),
          Api.statics(
              List.of(GUAVA_SETS, GUAVA_LISTS), "newHashSet", "newArrayList", "newLinkedHashSet"),
          Api.statics(
              "java.util.Collections",
              "unmodifiableSet",
              "unmodifiableList",
              "unmodifiableCollection"));

  private CollectionFactories() {}
}
