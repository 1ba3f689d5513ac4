package org.sanctuary.report;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One table of the report: which figures it holds ({@code dimensions}, {@code cells} in row-major
 * order, totals last in each line), what they count ({@code unit}), the packs in force for the
 * records counted, and what the figures do not cover ({@code notes}).
 *
 * @param margins whether the cells include totals ({@code "ALL"}) that the other cells add up to
 */
public record Table(String id, String title, String unit, List<String> dimensions, List<Cell> cells,
    boolean margins, List<String> packs, List<String> notes) {
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  public Table {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(unit, "unit");
    if (id == null || !ID.matcher(id).matches()) throw new IllegalArgumentException("table id '" + id + "'");
    if (dimensions.isEmpty()) throw new IllegalArgumentException("table " + id + " has no dimension");
    dimensions = List.copyOf(dimensions);
    cells = List.copyOf(cells);
    packs = List.copyOf(packs);
    notes = List.copyOf(notes);
    for (Cell c : cells) {
      if (!c.key().keySet().equals(new java.util.HashSet<>(dimensions))) {
        throw new IllegalArgumentException("table " + id + ": cell key " + c.key() + " does not match " + dimensions);
      }
    }
  }

  /** The distinct values of a dimension, in the order of the cells (totals included). */
  public List<String> values(String dimension) {
    return cells.stream().map(c -> c.key().get(dimension)).distinct().toList();
  }

  /** The cell with this key, if any. */
  public java.util.Optional<Cell> cell(java.util.Map<String, String> key) {
    return cells.stream().filter(c -> c.key().equals(key)).findFirst();
  }
}
