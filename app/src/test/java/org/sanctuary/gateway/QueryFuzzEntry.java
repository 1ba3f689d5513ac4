package org.sanctuary.gateway;

import com.fasterxml.jackson.databind.JsonNode;

/** Opens the partner query decoder (package-private) to the fuzz target, with the built-in datasets. */
public final class QueryFuzzEntry {
  private static final DatasetCatalog CATALOG = DatasetCatalog.builtIn();

  private QueryFuzzEntry() {}

  /** Decodes a query body; every bound value belongs to a declared parameter of the dataset. */
  public static void parse(JsonNode body) {
    QueryRequest q = QueryRequest.parse(body, CATALOG);
    if (!q.dataset().parameters().keySet().equals(q.values().keySet())) {
      throw new AssertionError("bound " + q.values().keySet() + " for " + q.dataset().parameters().keySet());
    }
    for (var e : q.values().entrySet()) {
      if (e.getValue() == null) throw new AssertionError("parameter " + e.getKey() + " bound to null");
    }
  }
}
