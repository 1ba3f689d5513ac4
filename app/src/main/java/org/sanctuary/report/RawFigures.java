package org.sanctuary.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the report is computed from, before any suppression: counts per table and key, the packs
 * in force for each source's records, and the days from report to finding per office. Read from
 * the stored rows at a checkpoint ({@code ReportStore}) or tallied from ledger entries; both must
 * give the same figures.
 *
 * @param counts table id to (dimension values in the table's order) to count; absent keys are 0
 * @param packs source ({@link Source}) to the pack versions in force for the records counted
 * @param findingDays office code to the whole days from report to first finding, one per report
 */
public record RawFigures(int year, AnnualReport.Checkpoint checkpoint, boolean synthetic,
    Map<String, Map<List<String>, Long>> counts, Map<Source, Set<String>> packs,
    Map<String, List<Long>> findingDays) {

  public RawFigures {
    Objects.requireNonNull(checkpoint, "checkpoint");
    counts = Map.copyOf(counts);
    packs = Map.copyOf(packs);
    findingDays = Map.copyOf(findingDays);
  }

  /** Which part's records a table counts. */
  public enum Source { REQUESTS, REPORTS, GATEWAY }

  Map<List<String>, Long> counts(String table) {
    return counts.getOrDefault(table, Map.of());
  }
}
