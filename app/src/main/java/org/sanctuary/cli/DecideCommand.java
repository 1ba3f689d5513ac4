package org.sanctuary.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sanctuary.policy.Decision;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.InputException;
import org.sanctuary.policy.json.DecisionJson;
import org.sanctuary.policy.json.RequestJson;
import org.sanctuary.policy.json.RequestStream;
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
      String text = read(file);
      Engine engine = PolicySetup.engine(packs, Set.copyOf(localPolicies));
      List<String> lines = new ArrayList<>();
      int i = 0;
      List<FederalRequest> requests = RequestStream.read(text).requests();
      for (FederalRequest r : requests) {
        i++;
        FederalRequest asked = date == null ? r : new FederalRequest(r.id(), date, r.receivingAgency(),
            r.requester(), r.kind(), r.basis(), r.purpose(), r.subject());
        Decision d;
        try {
          d = engine.decide(asked);
        } catch (InputException e) {
          throw requests.size() == 1 ? e : new InputException(e.field(), "request " + i + ": " + e.getMessage());
        }
        lines.add(asText ? DecisionText.write(d) : DecisionJson.write(d).toString());
      }
      lines.forEach(out::println); // only once every request was decided: nothing is half written
      out.flush();
      return 0;
    } catch (InputException e) {
      err.println("sanctuary decide: " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  private static String read(String file) {
    try {
      if (file.equals("-")) return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InputException("FILE", "FILE: no such file: " + file);
    } catch (IOException e) {
      throw new InputException("FILE", "FILE: cannot read " + file + ": " + e.getMessage());
    }
  }
}
