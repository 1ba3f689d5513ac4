package org.sanctuary.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sanctuary.errors.DomainError;
import org.sanctuary.gateway.QueryFuzzEntry;
import org.sanctuary.gateway.web.AccessFilterFuzzEntry;
import org.sanctuary.incidents.IntakeCheck;
import org.sanctuary.incidents.routing.RoutingLoader;
import org.sanctuary.incidents.routing.RoutingPack;
import org.sanctuary.incidents.web.IncidentFuzzEntry;
import org.sanctuary.ledger.web.LedgerParamsFuzzEntry;
import org.sanctuary.policy.InputException;
import org.sanctuary.policy.json.ForbiddenFields;
import org.sanctuary.policy.json.InputRules;
import org.sanctuary.policy.yaml.SourceException;
import org.sanctuary.register.CsvFuzzEntry;
import org.sanctuary.web.Json;

/**
 * Fuzz targets for the app's decoders of outside input, in one class so the regression run pays
 * one JVM start: incident JSON and the report form, the gateway's query body and access-log query
 * string, a routing pack's YAML, the register CSV, and the ledger's proof parameters. Each calls
 * the parsing code directly, without a server or a database. The contract: a value, or a refusal
 * in the domain's words ({@link DomainError} naming a field, {@link InputException}, a {@link
 * SourceException} listing errors); any other exception escapes and is a finding. Inputs are raw
 * bytes read as UTF-8, so the seeds in {@code AppDecodersFuzzTestInputs/<method>/} are plain files.
 * With {@code JAZZER_FUZZ=1} one method at a time fuzzes (see docs/threat-model.md).
 */
class AppDecodersFuzzTest {
  private static final ObjectMapper MAPPER = Json.newMapper();
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
  private static final long[] LEDGER_SIZES = {0, 1, 7, 1L << 40, Long.MAX_VALUE};

  @FuzzTest
  void incidentJson_anyBody_intakeOrRefusal(byte[] input) {
    JsonNode tree = tree(input);
    if (tree == null) return;
    try {
      InputRules.checkTree(tree);
      intake(IncidentFuzzEntry.fields(tree));
    } catch (DomainError | InputException e) {
      refusal(e);
    }
  }

  @FuzzTest
  void reportForm_anyFields_intakeOrRefusal(byte[] input) {
    Map<String, String> typed = new HashMap<>();
    try {
      for (Map.Entry<String, String> p : pairs(input)) {
        // what the edge screen and the form's own guard do before the fields are read
        InputRules.text("parameter name", p.getKey());
        InputRules.text(p.getKey(), p.getValue());
        if (ForbiddenFields.isForbidden(p.getKey())) return;
        if (IntakeCheck.FIELDS.contains(p.getKey())) typed.putIfAbsent(p.getKey(), p.getValue());
      }
    } catch (InputException e) {
      refusal(e);
      return;
    }
    intake(typed);
  }

  @FuzzTest
  void gatewayQuery_anyBody_boundOrRefusal(byte[] input) {
    JsonNode tree = tree(input);
    if (tree == null) return;
    try {
      InputRules.checkTree(tree);
      QueryFuzzEntry.parse(tree);
    } catch (DomainError | InputException e) {
      refusal(e);
    }
  }

  @FuzzTest
  void gatewayAccessFilter_anyQuery_filterOrRefusal(byte[] input) {
    try {
      Map<String, String> query = screened(input);
      AccessFilterFuzzEntry.filter(query::get);
    } catch (DomainError | InputException e) {
      refusal(e);
    }
  }

  @FuzzTest
  void routingYaml_anyText_packOrErrorList(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    try {
      List<RoutingPack> packs = RoutingLoader.load(Map.of("fuzz-routing.yaml", text));
      if (packs.size() != 1) throw new AssertionError("one file gave " + packs.size() + " packs");
    } catch (SourceException e) {
      if (e.errors().isEmpty()) throw new AssertionError("a refusal without errors", e);
    }
  }

  @FuzzTest
  void registerCsv_anyText_rowsOrProblems(byte[] input) throws IOException {
    CsvFuzzEntry.read(new String(input, StandardCharsets.UTF_8));
  }

  @FuzzTest
  void ledgerProofParams_anyQuery_inRangeOrRefusal(byte[] input) {
    Map<String, String> query;
    try {
      query = screened(input);
    } catch (InputException e) {
      refusal(e);
      return;
    }
    try {
      LedgerParamsFuzzEntry.entryType(query.get("type"));
    } catch (DomainError e) {
      refusal(e);
    }
    for (long ledgerSize : LEDGER_SIZES) {
      try { // inclusion: size in [1, ledger size], index in [0, size - 1]
        long size = inRange(LedgerParamsFuzzEntry.whole("size", query.get("size"), 1, ledgerSize), 1, ledgerSize);
        inRange(LedgerParamsFuzzEntry.whole("index", query.get("index"), 0, size - 1), 0, size - 1);
      } catch (DomainError e) {
        refusal(e);
      }
      try { // consistency: to in [0, ledger size], from in [0, to]
        long to = inRange(LedgerParamsFuzzEntry.whole("to", query.get("to"), 0, ledgerSize), 0, ledgerSize);
        inRange(LedgerParamsFuzzEntry.whole("from", query.get("from"), 0, to), 0, to);
      } catch (DomainError e) {
        refusal(e);
      }
      try { // the entries API: [start, end) within the log, at most a page long
        long[] r = LedgerParamsFuzzEntry.range(query::get, ledgerSize);
        inRange(r[0], 0, ledgerSize - 1);
        inRange(r[1], r[0] + 1, ledgerSize);
      } catch (DomainError e) {
        refusal(e);
      }
      try { // receipt and the entries page: an index in [0, ledger size - 1]
        inRange(LedgerParamsFuzzEntry.whole("start", query.get("start"), 0, Math.max(0, ledgerSize - 1)),
            0, Math.max(0, ledgerSize - 1));
      } catch (DomainError e) {
        refusal(e);
      }
    }
  }

  private static void intake(Map<String, String> raw) {
    IntakeCheck.Result r = IntakeCheck.check(raw, TODAY);
    if (r.ok() == (r.intake() == null) || r.ok() != r.errors().isEmpty()) {
      throw new AssertionError("a result must hold an intake or errors, not both or neither: " + r);
    }
    r.errors().forEach(e -> {
      if (e.field() == null || e.key() == null) throw new AssertionError("an error without field or key: " + e);
    });
  }

  // As the server reads a body: the text first (Javalin's body() as UTF-8), then the JSON tree. Reading
  // the bytes directly would let Jackson guess UTF-16/32 and throw what the server never meets.
  private static JsonNode tree(byte[] input) {
    try {
      return MAPPER.readTree(new String(input, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      return null; // malformed JSON is a 400 from the body reader before any decoder runs
    }
  }

  // A query string or form body, split on & and = as sent; percent-decoding is the server's part.
  private static List<Map.Entry<String, String>> pairs(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    List<Map.Entry<String, String>> out = new java.util.ArrayList<>();
    for (String part : text.split("&", -1)) {
      if (part.isEmpty()) continue;
      int eq = part.indexOf('=');
      out.add(eq < 0 ? Map.entry(part, "") : Map.entry(part.substring(0, eq), part.substring(eq + 1)));
    }
    return out;
  }

  // The first value of each parameter, after the edge screen every query string passes.
  private static Map<String, String> screened(byte[] input) {
    Map<String, String> query = new LinkedHashMap<>();
    for (Map.Entry<String, String> p : pairs(input)) {
      InputRules.text("parameter name", p.getKey());
      InputRules.text(p.getKey(), p.getValue());
      query.putIfAbsent(p.getKey(), p.getValue());
    }
    return query;
  }

  private static long inRange(long value, long min, long max) {
    if (value < min || value > max) throw new AssertionError(value + " outside [" + min + ", " + max + "]");
    return value;
  }

  // Only the domain's refusals reach here; each must say what is wrong, an input one naming its field.
  private static void refusal(RuntimeException e) {
    String field = e instanceof InputException ie ? ie.field() : "";
    if (field == null || e.getMessage() == null || e.getMessage().isBlank()) {
      throw new AssertionError("a refusal must name the field and say what is wrong", e);
    }
  }
}
