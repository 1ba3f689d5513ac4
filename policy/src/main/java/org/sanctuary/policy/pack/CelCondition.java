package org.sanctuary.policy.pack;

import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A yes-or-no CEL expression, compiled once when its pack loads; evaluation is pure and
 * thread-safe. The one wrapper around CEL: the decision packs' rule conditions and the incident
 * routing packs' conditions both use it. Beyond what CEL checks, every quoted value must be one the
 * variables can take, so a typo is an error and not a rule that silently never applies.
 */
public final class CelCondition {
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();
  private static final Pattern LITERAL = Pattern.compile("'([^'\\\\]*)'|\"([^\"\\\\]*)\"");

  /** One problem in an expression: line and column within it (1-based) and what is wrong. */
  public record Problem(int line, int column, String message) {}

  /** The variables a kind of condition may use, and the quoted values it may compare them with. */
  public static final class Language {
    private final CelCompiler compiler;
    private final Predicate<String> knownValue;
    private final String wanted;

    private Language(CelCompiler compiler, Predicate<String> knownValue, String wanted) {
      this.compiler = compiler;
      this.knownValue = knownValue;
      this.wanted = wanted;
    }

    /**
     * Variables by name and type; {@code knownValue} accepts each quoted value allowed, and
     * {@code wanted} says what those are when one is not.
     */
    public static Language of(Map<String, CelType> variables, Predicate<String> knownValue, String wanted) {
      CelCompilerBuilder b = CelCompilerFactory.standardCelCompilerBuilder().setResultType(SimpleType.BOOL);
      variables.forEach(b::addVar);
      return new Language(b.build(), knownValue, wanted);
    }
  }

  private final String source;
  private final CelRuntime.Program program;

  private CelCondition(String source, CelRuntime.Program program) {
    this.source = source;
    this.program = program;
  }

  public String source() {
    return source;
  }

  /** Evaluates against the language's variables. */
  public boolean test(Map<String, Object> variables) {
    try {
      return (Boolean) program.eval(variables);
    } catch (CelEvaluationException e) {
      throw new IllegalStateException("condition `" + source + "` failed: " + e.getMessage(), e);
    }
  }

  /** Compiles {@code source}, or adds every problem found to {@code problems} and returns null. */
  public static CelCondition compile(String source, Language language, List<Problem> problems) {
    int before = problems.size();
    CelValidationResult result = language.compiler.compile(source);
    if (result.hasError()) {
      for (CelIssue issue : result.getAllIssues()) {
        var loc = issue.getSourceLocation();
        problems.add(new Problem(Math.max(1, loc.getLine()), loc.getColumn() + 1, issue.getMessage()));
      }
    }
    Matcher m = LITERAL.matcher(source);
    while (m.find()) {
      String value = m.group(1) != null ? m.group(1) : m.group(2);
      if (!language.knownValue.test(value)) {
        int[] at = position(source, m.start());
        problems.add(new Problem(at[0], at[1], "unknown value '" + value + "' (want " + language.wanted + ")"));
      }
    }
    if (problems.size() > before) return null;
    try {
      return new CelCondition(source, RUNTIME.createProgram(result.getAst()));
    } catch (Exception e) {
      problems.add(new Problem(1, 1, "cannot compile: " + e.getMessage()));
      return null;
    }
  }

  /** Line and column (1-based) of {@code offset} in {@code source}. */
  static int[] position(String source, int offset) {
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
}
