package org.sanctuary.gateway;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A record source the city protects: one read-only query, its parameters in the order they are
 * bound ({@code bindOrder}), the columns it returns, those that never leave, and the record keys
 * that leave only as per-partner marks.
 */
public record Dataset(
    String id,
    String title,
    String jdbcSql,
    List<String> bindOrder,
    Map<String, Parameter> parameters,
    List<String> returns,
    Set<String> neverLeave,
    Set<String> marked,
    int rowLimit) {

  public Dataset {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(jdbcSql, "jdbcSql");
    bindOrder = List.copyOf(bindOrder);
    parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    returns = List.copyOf(returns);
    neverLeave = Set.copyOf(neverLeave);
    marked = Set.copyOf(marked);
    if (rowLimit < 1) throw new IllegalArgumentException("rowLimit must be at least 1");
  }

  /** The columns a partner sees, in order. */
  public List<String> released() {
    return returns.stream().filter(c -> !neverLeave.contains(c)).toList();
  }
}
