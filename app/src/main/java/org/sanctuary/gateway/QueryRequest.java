package org.sanctuary.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.json.ForbiddenFields;
import org.sanctuary.errors.InvalidInput;

/** A checked look-up: the dataset, its bound parameter values, the purpose and the case number. */
record QueryRequest(Dataset dataset, Map<String, Object> values, JsonNode parameters, Purpose purpose, String caseNumber) {
  private static final Set<String> FIELDS = Set.of("dataset", "parameters", "purpose", "caseNumber");
  static final int MAX_CASE = 64;

  /** Reads and checks the body; every problem is a 400 naming the field, before anything runs. */
  static QueryRequest parse(JsonNode body, DatasetCatalog catalog) {
    if (body == null || !body.isObject()) throw new InvalidInput("body", "body: want a JSON object");
    ForbiddenFields.find(body).ifPresent(path -> {
      throw new InvalidInput(path, path + ": " + ForbiddenFields.MESSAGE);
    });
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FIELDS.contains(name)) {
        throw new InvalidInput(name, name + ": is not a known field (want one of: caseNumber, dataset, parameters, purpose)");
      }
    }
    JsonNode ds = body.get("dataset");
    if (ds == null || !ds.isTextual()) throw InvalidInput.of("dataset", text(ds), "is not a dataset", "one of: " + String.join(", ", catalog.ids()));
    Dataset dataset = catalog.find(ds.asText()).orElseThrow(
        () -> InvalidInput.of("dataset", ds.asText(), "is not a dataset", "one of: " + String.join(", ", catalog.ids())));
    JsonNode p = body.get("purpose");
    if (p == null || !p.isTextual()) throw InvalidInput.of("purpose", text(p), "is missing", "CRIMINAL or CIVIL_IMMIGRATION");
    Purpose purpose;
    try {
      purpose = Purpose.valueOf(p.asText());
    } catch (IllegalArgumentException e) {
      throw InvalidInput.of("purpose", p.asText(), "is not a purpose", "CRIMINAL or CIVIL_IMMIGRATION");
    }
    JsonNode cn = body.get("caseNumber");
    if (cn == null || !cn.isTextual() || cn.asText().isBlank() || cn.asText().length() > MAX_CASE) {
      throw InvalidInput.of("caseNumber", text(cn), "is not a case number", "the case or incident number, 1 to " + MAX_CASE + " characters");
    }
    JsonNode params = body.get("parameters");
    if (params == null || !params.isObject()) {
      throw InvalidInput.of("parameters", text(params), "is not an object", "an object with " + String.join(", ", dataset.parameters().keySet()));
    }
    for (Iterator<String> it = params.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!dataset.parameters().containsKey(name)) {
        throw new InvalidInput("parameters." + name, "parameters." + name + ": is not a parameter of " + dataset.id()
            + " (want " + String.join(", ", dataset.parameters().keySet()) + ")");
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Parameter param : dataset.parameters().values()) values.put(param.name(), param.bind(params.get(param.name())));
    return new QueryRequest(dataset, values, params, purpose, cn.asText());
  }

  private static String text(JsonNode n) {
    if (n == null || n.isNull()) return null;
    String s = n.isTextual() ? n.asText() : n.toString();
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
