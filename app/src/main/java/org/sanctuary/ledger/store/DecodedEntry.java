package org.sanctuary.ledger.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ledger entry read back for people: its type, schema version, time, whether it is synthetic,
 * and its other fields (codes, ids, hashes) as text ({@code fields}) and as JSON values ({@code values}). Entries are canonical JSON objects, so this is
 * the inverse of {@link LedgerEntry#bytes()}; bytes that are not are shown as undecodable.
 */
public record DecodedEntry(long index, String type, int version, String at, boolean synthetic,
    Map<String, String> fields, Map<String, Object> values) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public DecodedEntry {
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static DecodedEntry of(long index, byte[] data) {
    JsonNode doc;
    try {
      doc = JSON.readTree(new String(data, StandardCharsets.UTF_8));
    } catch (IOException e) {
      doc = null;
    }
    if (doc == null || !doc.isObject()) {
      return new DecodedEntry(index, "(not a JSON object)", 0, "", false, Map.of(), Map.of());
    }
    Map<String, String> fields = new LinkedHashMap<>();
    Map<String, Object> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String k = f.getKey();
      if (k.equals("type") || k.equals("v") || k.equals("at") || k.equals(LedgerEntry.SYNTHETIC)) continue;
      fields.put(k, text(f.getValue()));
      values.put(k, JSON.convertValue(f.getValue(), Object.class));
    }
    return new DecodedEntry(index, doc.path("type").asText("(no type)"), doc.path("v").asInt(0),
        doc.path("at").asText(""), doc.path(LedgerEntry.SYNTHETIC).asBoolean(false), fields, values);
  }

  private static String text(JsonNode v) {
    if (v.isArray()) {
      List<String> parts = new ArrayList<>();
      v.forEach(e -> parts.add(text(e)));
      return String.join(", ", parts);
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }
}
