package org.sanctuary.policy.pack;

import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
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
  private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
      .addVar("body", SimpleType.STRING)
      .addVar("kind", SimpleType.STRING)
      .addVar("basis", SimpleType.STRING)
      .addVar("purpose", SimpleType.STRING)
      .addVar("subject", MapType.create(SimpleType.STRING, SimpleType.BOOL))
      .addVar("requester", MapType.create(SimpleType.STRING, SimpleType.BOOL))
      .setResultType(SimpleType.BOOL)
      .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();
  private static final Pattern LITERAL = Pattern.compile("'([^'\\\\]*)'|\"([^\"\\\\]*)\"");
  private static final Pattern FIELD = Pattern.compile("\\b(subject|requester)\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*)");
  private static final Set<String> VALUES = allValues();

  private Conditions() {}

  /** A compiled condition; evaluation is pure and thread-safe. */
  public static final class Condition {
    private final String source;
    private final CelRuntime.Program program;

    private Condition(String source, CelRuntime.Program program) {
      this.source = source;
      this.program = program;
    }

    public String source() {
      return source;
    }

    /** Evaluates against a variable map built by {@link #variables}. */
    public boolean test(Map<String, Object> variables) {
      try {
        return (Boolean) program.eval(variables);
      } catch (CelEvaluationException e) {
        throw new IllegalStateException("condition `" + source + "` failed: " + e.getMessage(), e);
      }
    }
  }

  /** One problem in a condition: line and column within the expression (1-based) and what is wrong. */
  public record Problem(int line, int column, String message) {}

  /** Compiles a condition, or returns every problem found in it. */
  public static Condition compile(String source, List<Problem> problems) {
    int before = problems.size();
    CelValidationResult result = COMPILER.compile(source);
    if (result.hasError()) {
      for (CelIssue issue : result.getAllIssues()) {
        var loc = issue.getSourceLocation();
        problems.add(new Problem(Math.max(1, loc.getLine()), loc.getColumn() + 1, issue.getMessage()));
      }
    }
    checkValues(source, problems);
    if (problems.size() > before) return null;
    try {
      return new Condition(source, RUNTIME.createProgram(result.getAst()));
    } catch (Exception e) {
      problems.add(new Problem(1, 1, "cannot compile: " + e.getMessage()));
      return null;
    }
  }

  private static void checkValues(String source, List<Problem> problems) {
    Matcher m = LITERAL.matcher(source);
    while (m.find()) {
      String value = m.group(1) != null ? m.group(1) : m.group(2);
      if (!VALUES.contains(value)) {
        int[] at = position(source, m.start());
        problems.add(new Problem(at[0], at[1], "unknown value '" + value + "' (want a body, kind, basis or purpose: "
            + String.join(", ", VALUES) + ")"));
      }
    }
    Matcher f = FIELD.matcher(source);
    while (f.find()) {
      String name = f.group(2);
      boolean known = f.group(1).equals("subject") ? Subject.FIELDS.contains(name) : Facet.byKey(name) != null;
      if (!known) {
        int[] at = position(source, f.start(2));
        List<String> want = new ArrayList<>();
        if (f.group(1).equals("subject")) {
          want.addAll(Subject.FIELDS);
        } else {
          for (Facet facet : Facet.values()) want.add(facet.key());
        }
        problems.add(new Problem(at[0], at[1], "unknown field " + f.group(1) + "." + name + " (want one of "
            + String.join(", ", want) + ")"));
      }
    }
  }

  private static int[] position(String source, int offset) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < offset; i++) {
      if (source.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new int[] {line, col};
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
