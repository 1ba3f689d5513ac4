package org.sanctuary.incidents.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Opens the incident API's body decoding (package-private) to the fuzz target. */
public final class IncidentFuzzEntry {
  private IncidentFuzzEntry() {}

  public static Map<String, String> fields(JsonNode body) {
    return IncidentApi.fields(body);
  }
}
