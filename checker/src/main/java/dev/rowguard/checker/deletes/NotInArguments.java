package dev.rowguard.checker.deletes;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol;
import dev.rowguard.checker.springdata.DerivedQuery;
import dev.rowguard.checker.springdata.DerivedQuery.Subject;
import dev.rowguard.checker.springdata.SpringData;
import dev.rowguard.checker.springdata.SpringDataRepositories;
import dev.rowguard.checker.util.Annotations;
import dev.rowguard.checker.util.Invocations;
import dev.rowguard.sql.Classification;
import dev.rowguard.sql.StatementClassifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The collections a delete binds to {@code NOT IN}: an empty one makes the condition true for every
 * row (Hibernate 6.4.2+ renders {@code x NOT IN ()} as {@code 1=1}).
 */
final class NotInArguments {

  private static final List<String> CREATE_QUERY_NAMES =
      List.of(
          "createQuery", "createNativeQuery", "createMutationQuery", "createNativeMutationQuery");

  private NotInArguments() {}

  /**
   * The arguments of a repository delete call bound to NOT IN: the parameters of {@code
   * deleteBy<Prop>NotIn} parts of a derived delete, or the parameters named by {@code NOT IN
   * :param} in a {@code @Modifying @Query}.
   */
  static List<ExpressionTree> ofRepositoryCall(
      MethodInvocationTree call, Symbol.MethodSymbol method, VisitorState state) {
    List<ExpressionTree> out = new ArrayList<>();
    Optional<DerivedQuery> derived = SpringDataRepositories.derivedQuery(method, state);
    if (derived.isPresent()) {
      if (derived.get().subject() == Subject.DELETE) {
        for (DerivedQuery.Part part : derived.get().parts()) {
          if (part.type() == DerivedQuery.Type.NOT_IN) {
            SpringDataRepositories.parameterIndex(method, part.firstArgument(), state)
                .filter(i -> i < call.getArguments().size())
                .ifPresent(i -> out.add(call.getArguments().get(i)));
          }
        }
      }
      return out;
    }
    Optional<Attribute.Compound> query = Annotations.find(method, SpringData.JPA_QUERY);
    if (query.isEmpty() || !Annotations.has(method, SpringData.MODIFYING)) {
      return out;
    }
    Classification c =
        Annotations.stringValue(query.get(), "value")
            .map(StatementClassifier.shared()::classify)
            .orElse(Classification.OTHER);
    if (!c.deletes()) {
      return out;
    }
    for (String parameter : c.notInParameters()) {
      int index = parameterIndex(method, parameter);
      if (index >= 0 && index < call.getArguments().size()) {
        out.add(call.getArguments().get(index));
      }
    }
    return out;
  }

  /**
   * A query-creating call and the values bound to its NOT IN parameters in the same chain.
   *
   * @param query the {@code createQuery(...)} call, where findings are reported
   */
  record ExecutedQuery(MethodInvocationTree query, List<ExpressionTree> values) {}

  /**
   * The NOT IN bindings of a delete executed in one chain: {@code em.createQuery("delete ... not in
   * :keep").setParameter("keep", keep).executeUpdate()}.
   */
  static Optional<ExecutedQuery> ofExecutedQuery(
      MethodInvocationTree execution, VisitorState state) {
    Map<String, ExpressionTree> bound = new HashMap<>();
    ExpressionTree link = ASTHelpers.getReceiver(execution);
    while (link instanceof MethodInvocationTree call) {
      String name = Invocations.name(call);
      if (call.getArguments().size() >= 2 && DeleteApis.SET_QUERY_PARAMETER.matches(call, state)) {
        Object key = ASTHelpers.constValue(call.getArguments().get(0));
        if (key instanceof String s) {
          bound.put(":" + s, call.getArguments().get(1));
        } else if (key instanceof Integer i) {
          bound.put("?" + i, call.getArguments().get(1));
        }
      } else if (CREATE_QUERY_NAMES.contains(name) && !call.getArguments().isEmpty()) {
        Classification c =
            ConstantText.of(call.getArguments().get(0), state)
                .map(StatementClassifier.shared()::classify)
                .orElse(Classification.OTHER);
        if (!c.deletes()
            || c.notInParameters().isEmpty()
            || !DeleteApis.STATEMENT_TEXT.matches(call, state)) {
          return Optional.empty();
        }
        List<ExpressionTree> values = new ArrayList<>();
        c.notInParameters().stream().map(bound::get).filter(v -> v != null).forEach(values::add);
        return Optional.of(new ExecutedQuery(call, values));
      }
      link = ASTHelpers.getReceiver(call);
    }
    return Optional.empty();
  }

  /**
   * The method parameter {@code :name} (by {@code @Param} or parameter name) or {@code ?n} denotes;
   * -1 if none.
   */
  private static int parameterIndex(Symbol.MethodSymbol method, String parameter) {
    List<Symbol.VarSymbol> params = method.getParameters();
    if (parameter.startsWith("?") && parameter.length() > 1) {
      try {
        return Integer.parseInt(parameter.substring(1)) - 1;
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    if (!parameter.startsWith(":")) {
      return -1;
    }
    String name = parameter.substring(1);
    for (int i = 0; i < params.size(); i++) {
      Symbol.VarSymbol p = params.get(i);
      String bound =
          Annotations.find(p, SpringData.PARAM)
              .flatMap(a -> Annotations.stringValue(a, "value"))
              .orElse(p.getSimpleName().toString());
      if (bound.equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
