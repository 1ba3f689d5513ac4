package org.sanctuary.policy.pack;

import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sanctuary.policy.Basis;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.Kind;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.Subject;
import org.sanctuary.policy.agency.Facet;

/**
 * Rule conditions: CEL expressions over one request, compiled once when packs are loaded.
 *
 * <p>The variables are {@code body}, {@code kind}, {@code basis}, {@code purpose} (strings),
 * {@code subject} (the four carve-out facts) and {@code requester} (the requester's facets). Beyond
 * what CEL checks, every quoted value must be a value the request can take and every
 * {@code subject.x} / {@code requester.x} a known field, so a typo is an error, not a rule that
 * silently never applies.
 */
public final class Conditions {
  private static final Pattern FIELD = Pattern.compile("\\b(subject|requester)\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*)");
  private static final Set<String> VALUES = allValues();
  private static final CelCondition.Language LANGUAGE = CelCondition.Language.of(Map.of(
          "body", SimpleType.STRING,
          "kind", SimpleType.STRING,
          "basis", SimpleType.STRING,
          "purpose", SimpleType.STRING,
          "subject", MapType.create(SimpleType.STRING, SimpleType.BOOL),
          "requester", MapType.create(SimpleType.STRING, SimpleType.BOOL)),
      VALUES::contains, "a body, kind, basis or purpose: " + String.join(", ", VALUES));

  private Conditions() {}

  /** Compiles a rule condition, or returns null and adds every problem found in it. */
  public static CelCondition compile(String source, List<CelCondition.Problem> problems) {
    int before = problems.size();
    CelCondition condition = CelCondition.compile(source, LANGUAGE, problems);
    checkFields(source, problems);
    return problems.size() > before ? null : condition;
  }

  private static void checkFields(String source, List<CelCondition.Problem> problems) {
    Matcher f = FIELD.matcher(source);
    while (f.find()) {
      String name = f.group(2);
      boolean known = f.group(1).equals("subject") ? Subject.FIELDS.contains(name) : Facet.byKey(name) != null;
      if (!known) {
        int[] at = CelCondition.position(source, f.start(2));
        List<String> want = new ArrayList<>();
        if (f.group(1).equals("subject")) {
          want.addAll(Subject.FIELDS);
        } else {
          for (Facet facet : Facet.values()) want.add(facet.key());
        }
        problems.add(new CelCondition.Problem(at[0], at[1], "unknown field " + f.group(1) + "." + name
            + " (want one of " + String.join(", ", want) + ")"));
      }
    }
  }

  /** The variables of one request shape, as conditions see them. */
  public static Map<String, Object> variables(Body body, int facetMask, Kind kind, Basis basis, Purpose purpose,
      int subjectBits) {
    Map<String, Object> v = new HashMap<>();
    v.put("body", body.name());
    v.put("kind", kind.name());
    v.put("basis", basis.name());
    v.put("purpose", purpose.name());
    Subject s = Subject.ofBits(subjectBits);
    v.put("subject", Map.of(
        "outstandingCriminalWarrant", s.outstandingCriminalWarrant(),
        "felonyConviction", s.felonyConviction(),
        "pendingFelonyCharge", s.pendingFelonyCharge(),
        "gangDatabase", s.gangDatabase()));
    Map<String, Boolean> facets = new HashMap<>();
    for (Facet f : Facet.values()) facets.put(f.key(), (facetMask & f.bit()) != 0);
    v.put("requester", facets);
    return v;
  }

  private static Set<String> allValues() {
    Set<String> values = new LinkedHashSet<>();
    for (Enum<?>[] e : List.<Enum<?>[]>of(Body.values(), Kind.values(), Basis.values(), Purpose.values())) {
      Arrays.stream(e).map(Enum::name).forEach(values::add);
    }
    return values;
  }
}
