package org.sanctuary.policy.diff;

import java.util.List;
import java.util.stream.Collectors;
import org.sanctuary.policy.Basis;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.Kind;
import org.sanctuary.policy.Purpose;

/** Renders a pack comparison as plain text for people. */
public final class DiffText {
  private DiffText() {}

  public static String render(PackDiff.Result r) {
    StringBuilder sb = new StringBuilder();
    int perBody = r.shapesCompared() / Math.max(1, r.bodies().size());
    sb.append("Comparing ").append(r.packA()).append(" (A) with ").append(r.packB()).append(" (B)\n");
    sb.append("Request space: bodies ").append(join(r.bodies())).append("; ").append(r.requesterClasses().size())
        .append(" requester classes x 7 kinds x 3 bases x 2 purposes x 16 subject facts = ").append(perBody)
        .append(" shapes per body.\n");
    if (r.groups().isEmpty()) {
      sb.append("No request shape is decided differently.\n");
      return sb.toString();
    }
    sb.append(r.shapesDiffering()).append(" of ").append(r.shapesCompared())
        .append(" shapes are decided differently. Each group below is explained by one rule; a shape two rules"
            + " explain is listed under both.\n");
    int n = 1;
    for (PackDiff.Group g : r.groups()) {
      String otherSide = g.side().equals("A") ? "B" : "A";
      sb.append('\n').append(n++).append(". ");
      if (g.side().equals("A")) {
        sb.append("A ").append(g.outcomeA()).append(" by ").append(g.rule()).append("  ->  B ").append(g.outcomeB());
      } else {
        sb.append("A ").append(g.outcomeA()).append("  ->  B ").append(g.outcomeB()).append(" by ").append(g.rule());
      }
      sb.append(" (").append(otherSide).append(": ").append(String.join(", ", g.otherRules())).append("), ")
          .append(g.shapes()).append(g.shapes() == 1 ? " shape\n" : " shapes\n");
      for (PackDiff.Cube c : g.cubes()) {
        sb.append("   - ").append(cube(c, r.requesterClasses().size())).append('\n');
      }
    }
    return sb.toString();
  }

  static String cube(PackDiff.Cube c, int requesterClasses) {
    StringBuilder sb = new StringBuilder();
    sb.append("kind ").append(all(c.kinds(), Kind.values().length));
    sb.append("; basis ").append(all(c.bases(), Basis.values().length));
    sb.append("; purpose ").append(all(c.purposes(), Purpose.values().length));
    sb.append("; subject ").append(c.subjectFacts().isEmpty() ? "any" : String.join(", ", c.subjectFacts()));
    sb.append("; body ").append(all(c.bodies(), Body.values().length));
    sb.append("; requester ").append(c.requesters().size() == requesterClasses ? "any"
        : c.requesters().stream().map(PackDiff.RequesterClass::label).collect(Collectors.joining(" | ")));
    return sb.toString();
  }

  private static String all(java.util.Collection<?> values, int of) {
    return values.size() == of ? "any" : join(values);
  }

  private static String join(java.util.Collection<?> values) {
    return values.stream().map(Object::toString).collect(Collectors.joining(", "));
  }

  static String list(List<String> s) {
    return String.join(", ", s);
  }
}
