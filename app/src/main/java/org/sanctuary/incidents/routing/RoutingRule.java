package org.sanctuary.incidents.routing;

import java.util.Map;
import java.util.Objects;
import org.sanctuary.incidents.model.Investigator;

/** One routing rule: when its condition holds, the report goes to {@code routeTo}. */
public record RoutingRule(
    String id, String citation, String text, boolean verified, RouteCondition when, Investigator routeTo) {
  public RoutingRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(citation, "citation");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(routeTo, "routeTo");
  }

  boolean applies(Map<String, Object> variables) {
    return when.test(variables);
  }
}
