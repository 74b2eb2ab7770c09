package dev.rowguard.checker.util;

import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.matchers.Matchers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A library API declared once, as data: which methods of which types. The cheap pre-filter (the
 * method names, read from the syntax before any type work) and the matcher both come from it, so
 * the two can never disagree.
 */
public record Api(Set<String> names, Matcher<ExpressionTree> matcher) {

  public Api {
    names = Set.copyOf(names);
  }

  /** Instance methods {@code names} of {@code owner} and its subtypes. */
  public static Api instance(String owner, String... names) {
    return new Api(Set.of(names), instanceMethod().onDescendantOf(owner).namedAnyOf(names));
  }

  /** Instance methods {@code names} of any of {@code owners} and their subtypes. */
  public static Api instance(List<String> owners, String... names) {
    return new Api(Set.of(names), instanceMethod().onDescendantOfAny(owners).namedAnyOf(names));
  }

  /** The no-argument instance method {@code name} of {@code owner} and its subtypes. */
  public static Api instanceWithNoParameters(String owner, String name) {
    return new Api(
        Set.of(name), instanceMethod().onDescendantOf(owner).named(name).withNoParameters());
  }

  /** Static methods {@code names} of any of {@code owners}. */
  public static Api statics(List<String> owners, String... names) {
    return new Api(Set.of(names), staticMethod().onClassAny(owners).namedAnyOf(names));
  }

  /** Static methods {@code names} of {@code owner}. */
  public static Api statics(String owner, String... names) {
    return statics(List.of(owner), names);
  }

  /** Any of {@code apis}. */
  public static Api anyOf(Api... apis) {
    Set<String> names = new HashSet<>();
    Stream.of(apis).forEach(a -> names.addAll(a.names()));
    return new Api(names, Matchers.anyOf(Stream.of(apis).map(Api::matcher).toList()));
  }

  /** True when {@code name} is the name of one of the methods: the cheap first filter. */
  public boolean hasName(String name) {
    return names.contains(name);
  }

  /** True when {@code call} calls one of the methods; the name is tested first. */
  public boolean matches(MethodInvocationTree call, VisitorState state) {
    return hasName(Invocations.name(call)) && matcher.matches(call, state);
  }

  /** True when {@code reference} refers to one of the methods; the name is tested first. */
  public boolean matches(MemberReferenceTree reference, VisitorState state) {
    return hasName(reference.getName().toString()) && matcher.matches(reference, state);
  }
}
