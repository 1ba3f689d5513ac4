package org.sanctuary.report;

import java.util.List;
import java.util.Map;

/**
 * How one table is made: its id and title, what it counts, its dimensions with the values always
 * listed (codes of a closed list; values seen in the records are added), and what it leaves out.
 *
 * @param family tables whose totals over the second dimension are the same figures; they are
 *     suppressed together, so a total hidden in one is hidden in all
 */
record TableSpec(String id, String title, String unit, RawFigures.Source source, Shape shape,
    List<String> dimensions, Map<String, List<String>> domains, String family, List<String> notes) {

  enum Shape {
    /** Two dimensions, with row totals, column totals and the grand total. */
    CROSS,
    /** One dimension, no total (a record may count under several values). */
    LIST,
    /** Reports with a finding per office, and the median and 90th percentile of days to it. */
    TIME_TO_FINDING
  }

  TableSpec {
    dimensions = List.copyOf(dimensions);
    domains = Map.copyOf(domains);
    notes = List.copyOf(notes);
  }

  List<String> domain(String dimension) {
    return domains.getOrDefault(dimension, List.of());
  }
}
