package org.sanctuary.incidents.routing;

import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A routing rule's condition: a CEL expression over {@code employeeType}, {@code category} and
 * {@code department} (strings), compiled once when the packs load. Every quoted value must be one
 * the report can take, so a typo is an error and not a rule that silently never applies.
 */
public final class RouteCondition {
  private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
      .addVar("employeeType", SimpleType.STRING)
      .addVar("category", SimpleType.STRING)
      .addVar("department", SimpleType.STRING)
      .setResultType(SimpleType.BOOL)
      .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();
  private static final Pattern LITERAL = Pattern.compile("'([^'\\\\]*)'|\"([^\"\\\\]*)\"");

  private final String source;
  private final CelRuntime.Program program;

  private RouteCondition(String source, CelRuntime.Program program) {
    this.source = source;
    this.program = program;
  }

  public String source() {
    return source;
  }

  boolean test(Map<String, Object> variables) {
    try {
      return (Boolean) program.eval(variables);
    } catch (CelEvaluationException e) {
      throw new IllegalStateException("condition `" + source + "` failed: " + e.getMessage(), e);
    }
  }

  /** Compiles {@code source}, or adds every problem to {@code problems} and returns null. */
  static RouteCondition compile(String source, Set<String> knownValues, List<String> problems) {
    int before = problems.size();
    CelValidationResult result = COMPILER.compile(source);
    if (result.hasError()) {
      for (CelIssue issue : result.getAllIssues()) problems.add(issue.getMessage());
    }
    Matcher m = LITERAL.matcher(source);
    while (m.find()) {
      String value = m.group(1) != null ? m.group(1) : m.group(2);
      if (!knownValues.contains(value)) {
        problems.add("unknown value '" + value + "' (want an employee type, category or department code)");
      }
    }
    if (problems.size() > before) return null;
    try {
      return new RouteCondition(source, RUNTIME.createProgram(result.getAst()));
    } catch (Exception e) {
      problems.add("cannot compile: " + e.getMessage());
      return null;
    }
  }
}
