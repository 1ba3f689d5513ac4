package org.sanctuary.report.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sanctuary.report.AnnualTables;
import org.sanctuary.report.Cell;
import org.sanctuary.store.Database;

/**
 * The ledger indexes behind one figure of the annual report: the same rows the figure counts,
 * found through the stored rows' ledger indexes. Only tables whose figures are counts of one
 * entry type can be listed (not the status or time-to-finding tables, which follow several).
 */
public final class FigureEntries {
  /** Entries listed per page. */
  public static final int PAGE = 50;

  private final Database database;

  public FigureEntries(Database database) {
    this.database = database;
  }

  /** Where a table's records live: the row table, its year condition, and a column per dimension. */
  private record Source(String from, String yearCondition, boolean dates, Map<String, String> columns) {}

  private static final Source REQUESTS = new Source("federal_request", "received >= ? AND received < ?", true,
      Map.of("receivingAgency", "receiving_agency", "requester", "coalesce(requester_agency, 'UNKNOWN')",
          "kind", "kind", "month", "to_char(received, 'YYYY-MM')", "outcome", "outcome"));
  private static final Source REPORTS = new Source("incident", "created_at >= ? AND created_at < ?", false,
      Map.of("category", "category", "employeeType", "employee_type", "department", "department",
          "routedTo", "routed_to", "month", "to_char(created_at AT TIME ZONE 'America/Chicago', 'YYYY-MM')"));
  private static final Source GATEWAY = new Source("gateway_access", "at >= ? AND at < ?", false,
      Map.of("requester", "agency_id", "dataset", "dataset", "purpose", "purpose", "outcome", "outcome",
          "month", "to_char(at AT TIME ZONE 'America/Chicago', 'YYYY-MM')"));

  /** Whether the figures of a table can be listed entry by entry. */
  public static boolean listable(String tableId) {
    return source(tableId).isPresent();
  }

  private static Optional<Source> source(String tableId) {
    if (tableId.startsWith("requests-")) return Optional.of(REQUESTS);
    if (tableId.equals("reports-by-status-and-office") || tableId.equals("reports-time-to-finding")) {
      return Optional.empty();
    }
    if (tableId.startsWith("reports-")) return Optional.of(REPORTS);
    if (tableId.startsWith("gateway-")) return Optional.of(GATEWAY);
    return Optional.empty();
  }

  /**
   * Up to {@link #PAGE} ledger indexes of the records behind a figure, after {@code after}, below
   * {@code size}. The key's values must come from the published table; {@code "ALL"} means any.
   */
  public List<Long> indexes(int year, String tableId, Map<String, String> key, long size, long after) {
    Source s = source(tableId).orElseThrow(() -> new IllegalArgumentException("table " + tableId + " is not listable"));
    StringBuilder where = new StringBuilder(s.yearCondition()).append(" AND ledger_index < ? AND ledger_index > ?");
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, String> k : key.entrySet()) {
      if (k.getValue().equals(Cell.ALL)) continue;
      if (k.getKey().equals("rule")) {
        where.append(" AND outcome = 'DENY' AND EXISTS (SELECT 1 FROM unnest(rules) AS r WHERE r LIKE ? ESCAPE '!')");
        values.add(rulePattern(k.getValue()));
        continue;
      }
      if (k.getKey().equals("department") && k.getValue().equals(AnnualTables.NOT_IN_LEDGER)) {
        throw new IllegalArgumentException("reports before the department was recorded are not listable");
      }
      String column = s.columns().get(k.getKey());
      if (column == null) throw new IllegalArgumentException("dimension " + k.getKey() + " of " + tableId);
      where.append(" AND ").append(column).append(" = ?");
      values.add(k.getValue());
    }
    String sql = "SELECT ledger_index FROM " + s.from() + " WHERE " + where + " ORDER BY ledger_index LIMIT " + PAGE;
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        LocalDate from = LocalDate.of(year, 1, 1);
        if (s.dates()) {
          ps.setObject(i++, from);
          ps.setObject(i++, from.plusYears(1));
        } else {
          ps.setTimestamp(i++, Timestamp.from(start(from)));
          ps.setTimestamp(i++, Timestamp.from(start(from.plusYears(1))));
        }
        ps.setLong(i++, size);
        ps.setLong(i++, after);
        for (String v : values) ps.setString(i++, v);
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(rs.getLong(1));
        }
        return out;
      }
    });
  }

  private static Instant start(LocalDate day) {
    return day.atStartOfDay(ReportStore.ZONE).toInstant();
  }

  // The stored rule codes that count under a published rule (see RefusalRule), as a LIKE pattern.
  static String rulePattern(String rule) {
    String escaped = rule.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    if (rule.equals("agreement:dataset") || rule.equals("agreement:purpose")) {
      return "agreement:%:" + rule.substring("agreement:".length()) + ":DENY";
    }
    return escaped + ":DENY";
  }
}
