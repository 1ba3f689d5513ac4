package org.sanctuary.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.InputException;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.engine.PolicySetup;
import org.sanctuary.policy.json.DecisionJson;
import org.sanctuary.policy.json.RequestJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code decide} as it was before it streamed, kept as the reference its output and refusals are
 * compared with: it reads the whole input into one string, parses every item into a tree, checks
 * them all, then decides them all, holding every printed line until the end.
 */
@Command(name = "decide")
final class LegacyDecideCommand implements Callable<Integer> {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static Engine builtIn; // the same packs every time: set up once, to keep the tests short

  @Spec CommandSpec spec;

  @Option(names = "--as-of") String asOf;

  @Option(names = "--local-policy") List<String> localPolicies = new ArrayList<>();

  @Option(names = "--packs") Path packs;

  @Option(names = "--format", defaultValue = "json") String format;

  @Parameters String file;

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
      Engine engine = engine();
      List<String> lines = new ArrayList<>();
      int i = 0;
      List<FederalRequest> requests = parseAll(text);
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
      lines.forEach(out::println);
      out.flush();
      return 0;
    } catch (InputException e) {
      err.println("sanctuary decide: " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  private Engine engine() {
    if (packs != null || !localPolicies.isEmpty()) return PolicySetup.engine(packs, Set.copyOf(localPolicies));
    synchronized (LegacyDecideCommand.class) {
      if (builtIn == null) builtIn = PolicySetup.engine(null, Set.of());
      return builtIn;
    }
  }

  /** RequestStream.read as it was. */
  private static List<FederalRequest> parseAll(String text) {
    List<JsonNode> nodes = new ArrayList<>();
    boolean array = false;
    try (JsonParser p = MAPPER.getFactory().createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) throw new InputException("body", "no request given (want a JSON object, an array, or one object per line)");
      if (first == JsonToken.START_ARRAY) {
        array = true;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (p.currentToken() == null) throw new InputException("body", "the JSON array is not closed");
          nodes.add(MAPPER.readTree(p));
        }
        if (p.nextToken() != null) throw new InputException("body", "unexpected text after the JSON array");
      } else {
        do {
          nodes.add(MAPPER.readTree(p));
        } while (p.nextToken() != null);
      }
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new InputException("body", "malformed JSON" + (loc == null ? "" : " at line " + loc.getLineNr()
          + ", column " + loc.getColumnNr()) + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InputException("body", "cannot read the input: " + e.getMessage());
    }
    List<FederalRequest> out = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      try {
        out.add(RequestJson.parse(nodes.get(i)));
      } catch (InputException e) {
        if (nodes.size() == 1 && !array) throw e;
        throw new InputException(e.field(), "request " + (i + 1) + ": " + e.getMessage());
      }
    }
    return out;
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
