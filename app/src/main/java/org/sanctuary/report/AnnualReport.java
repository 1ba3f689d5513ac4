package org.sanctuary.report;

import java.util.List;
import java.util.Objects;

/**
 * The annual public report for one calendar year (city time): every table, the signed checkpoint
 * the figures were computed at, and whether any record counted is synthetic (demonstration data).
 */
public record AnnualReport(int year, Checkpoint checkpoint, int minimum, boolean synthetic, List<Table> tables) {
  public AnnualReport {
    Objects.requireNonNull(checkpoint, "checkpoint");
    if (year < 1985 || year > 9999) throw new IllegalArgumentException("year " + year + " is out of range");
    tables = List.copyOf(tables);
  }

  /** The tree size and root (base64) of the signed checkpoint the figures were read at. */
  public record Checkpoint(long size, String root) {
    public Checkpoint {
      if (size < 0) throw new IllegalArgumentException("size " + size);
      Objects.requireNonNull(root, "root");
    }
  }

  public java.util.Optional<Table> table(String id) {
    return tables.stream().filter(t -> t.id().equals(id)).findFirst();
  }
}
