package org.sanctuary.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sanctuary.policy.InputException;
import org.sanctuary.policy.json.DecisionLines;
import org.sanctuary.policy.json.RequestJson;
import org.sanctuary.policy.engine.PolicySetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sanctuary decide}: one decision per line, or exit 2 and no decision at all. */
@Command(name = "decide", mixinStandardHelpOptions = true,
    description = {"Decides federal requests by the law in force and prints one decision per line as JSON.",
        "FILE holds one JSON object, a JSON array, or one object per line; - reads standard input."})
public final class DecideCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--as-of", paramLabel = "DATE",
      description = "Decide every request by the law of this date (YYYY-MM-DD) instead of its own 'received' date.")
  String asOf;

  @Option(names = "--local-policy", paramLabel = "ID",
      description = "Switch on a local-policy pack (repeatable), e.g. chicago-no-dhs-database-access.")
  List<String> localPolicies = new ArrayList<>();

  @Option(names = "--packs", paramLabel = "DIR", description = "Read policy packs from this folder instead of the built-in ones.")
  Path packs;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
      description = "json (one JSON object per line, the default) or text (a few lines per request, for a person at a terminal).")
  String format;

  @Parameters(paramLabel = "FILE", description = "The requests, or - for standard input.")
  String file;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      boolean asText = switch (format) {
        case "json" -> false;
        case "text" -> true;
        default -> throw new InputException("format", "format: \"" + format + "\" is not a format (want json or text)");
      };
      LocalDate date = asOf == null ? null : RequestJson.parseDate("--as-of", asOf);
      Set<String> local = Set.copyOf(localPolicies);
      HeldDecisions decisions;
      try (RequestInput input = RequestInput.open(file)) {
        // the packs load while the input is parsed; their refusal ranks as when they loaded first
        decisions = InputDecisions.decide(input, () -> PolicySetup.engine(packs, local), date);
      }
      write(decisions, asText, out); // only once every request was decided: nothing is half written
      return 0;
    } catch (InputException e) {
      err.println("sanctuary decide: " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  /** Every decision, each followed by a line separator as println would, flushed once at the end. */
  private static void write(HeldDecisions decisions, boolean asText, PrintWriter out) {
    String newline = System.lineSeparator();
    if (asText) {
      for (int i = 0; i < decisions.size(); i++) {
        out.write(DecisionText.write(decisions.get(i)));
        out.write(newline);
      }
      out.flush();
    } else {
      try (DecisionLines lines = new DecisionLines(StandardOutput.bytesTo(out), newline)) {
        for (int i = 0; i < decisions.size(); i++) lines.write(decisions.get(i));
      }
    }
  }
}
