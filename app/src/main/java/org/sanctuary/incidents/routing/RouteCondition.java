package org.sanctuary.incidents.routing;

import dev.cel.common.types.SimpleType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sanctuary.policy.pack.CelCondition;

/**
 * A routing rule's condition: a CEL expression over {@code employeeType}, {@code category} and
 * {@code department} (strings), compiled once when the packs load, by the same wrapper as the
 * decision packs' conditions ({@link CelCondition}).
 */
public final class RouteCondition {
  private static final Map<String, dev.cel.common.types.CelType> VARIABLES = Map.of(
      "employeeType", SimpleType.STRING,
      "category", SimpleType.STRING,
      "department", SimpleType.STRING);

  private final CelCondition condition;

  private RouteCondition(CelCondition condition) {
    this.condition = condition;
  }

  public String source() {
    return condition.source();
  }

  boolean test(Map<String, Object> variables) {
    return condition.test(variables);
  }

  /** Compiles {@code source}, or adds every problem to {@code problems} and returns null. */
  static RouteCondition compile(String source, Set<String> knownValues, List<String> problems) {
    List<CelCondition.Problem> found = new java.util.ArrayList<>();
    CelCondition c = CelCondition.compile(source, CelCondition.Language.of(VARIABLES, knownValues::contains,
        "an employee type, category or department code"), found);
    for (CelCondition.Problem p : found) {
      problems.add(p.message());
    }
    return c == null ? null : new RouteCondition(c);
  }
}
