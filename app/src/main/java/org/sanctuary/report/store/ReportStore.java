package org.sanctuary.report.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.sanctuary.report.AnnualReport;
import org.sanctuary.report.AnnualTables;
import org.sanctuary.report.RawFigures;
import org.sanctuary.report.RawFigures.Source;
import org.sanctuary.report.RefusalRule;
import org.sanctuary.store.Database;

/**
 * The annual report's SQL: reads codes (never names or free text) from the federal requests, the
 * violation reports and their case events, and the gateway's access log, counting only rows whose
 * ledger entry is covered by the latest signed checkpoint. All of it runs in one repeatable-read
 * transaction, so the checkpoint and the counts are one consistent view.
 */
public final class ReportStore {
  /** The city whose calendar the report follows. */
  public static final ZoneId ZONE = ZoneId.of("America/Chicago");

  private final Database database;

  public ReportStore(Database database) {
    this.database = database;
  }

  /** The raw figures of a calendar year at the latest checkpoint. */
  public RawFigures figures(int year) {
    LocalDate from = LocalDate.of(year, 1, 1);
    LocalDate to = from.plusYears(1);
    Instant start = from.atStartOfDay(ZONE).toInstant();
    Instant end = to.atStartOfDay(ZONE).toInstant();
    return database.inTransaction(c -> {
      snapshot(c);
      AnnualReport.Checkpoint checkpoint = checkpoint(c);
      Figures f = new Figures();
      requests(c, from, to, checkpoint.size(), f);
      reports(c, start, end, checkpoint.size(), f);
      findings(c, start, end, checkpoint.size(), f);
      gateway(c, start, end, checkpoint.size(), f);
      refusals(c, start, end, checkpoint.size(), f);
      return new RawFigures(year, checkpoint, f.synthetic, f.counts, f.packs, f.days);
    });
  }

  /** The years from the earliest to the latest record of any part, newest first. */
  public List<Integer> years() {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT min(y), max(y) FROM ("
              + " SELECT extract(year FROM min(received))::int AS y FROM federal_request"
              + " UNION ALL SELECT extract(year FROM max(received))::int FROM federal_request"
              + " UNION ALL SELECT extract(year FROM min(created_at) AT TIME ZONE 'America/Chicago')::int FROM incident"
              + " UNION ALL SELECT extract(year FROM max(created_at) AT TIME ZONE 'America/Chicago')::int FROM incident"
              + " UNION ALL SELECT extract(year FROM min(at) AT TIME ZONE 'America/Chicago')::int FROM gateway_access"
              + " UNION ALL SELECT extract(year FROM max(at) AT TIME ZONE 'America/Chicago')::int FROM gateway_access"
              + ") t");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        List<Integer> out = new ArrayList<>();
        if (rs.getObject(1) == null) return out;
        for (int y = rs.getInt(2); y >= rs.getInt(1); y--) out.add(y);
        return out;
      }
    });
  }

  private static void snapshot(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")) {
      ps.execute();
    }
  }

  private static AnnualReport.Checkpoint checkpoint(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT size, root FROM ledger_checkpoint ORDER BY size DESC, signed_at DESC LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) return new AnnualReport.Checkpoint(0, Base64.getEncoder().encodeToString(new byte[32]));
      return new AnnualReport.Checkpoint(rs.getLong(1), Base64.getEncoder().encodeToString(rs.getBytes(2)));
    }
  }

  /** What the queries add up, table by table. */
  private static final class Figures {
    final Map<String, Map<List<String>, Long>> counts = new HashMap<>();
    final Map<Source, Set<String>> packs = new EnumMap<>(Source.class);
    final Map<String, List<Long>> days = new HashMap<>();
    boolean synthetic;

    void add(String table, long n, String... key) {
      counts.computeIfAbsent(table, t -> new HashMap<>()).merge(List.of(key), n, Long::sum);
    }

    void packs(Source source, java.sql.Array array) throws SQLException {
      Set<String> set = packs.computeIfAbsent(source, s -> new TreeSet<>());
      if (array != null) for (Object p : (Object[]) array.getArray()) set.add((String) p);
    }
  }

  private static void requests(Connection c, LocalDate from, LocalDate to, long size, Figures f) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT receiving_agency, coalesce(requester_agency, 'UNKNOWN'), kind, to_char(received, 'YYYY-MM'),"
            + " outcome, packs, count(*), bool_or(synthetic) FROM federal_request"
            + " WHERE received >= ? AND received < ? AND ledger_index < ? GROUP BY 1, 2, 3, 4, 5, 6")) {
      ps.setObject(1, from);
      ps.setObject(2, to);
      ps.setLong(3, size);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String outcome = rs.getString(5);
          long n = rs.getLong(7);
          f.add("requests-by-agency-and-outcome", n, rs.getString(1), outcome);
          f.add("requests-by-requester-and-outcome", n, rs.getString(2), outcome);
          f.add("requests-by-kind-and-outcome", n, rs.getString(3), outcome);
          f.add("requests-by-month-and-outcome", n, rs.getString(4), outcome);
          f.packs(Source.REQUESTS, rs.getArray(6));
          f.synthetic |= rs.getBoolean(8);
        }
      }
    }
  }

  private static void reports(Connection c, Instant start, Instant end, long size, Figures f) throws SQLException {
    // The status at the checkpoint is the last status change covered by it; reports whose entry
    // predates the department field (version 1) are counted apart, as the ledger cannot show it.
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT i.category, i.employee_type,"
            + " CASE WHEN convert_from(le.data, 'UTF8')::jsonb ->> 'v' = '1' THEN ? ELSE i.department END,"
            + " i.routed_to, to_char(i.created_at AT TIME ZONE 'America/Chicago', 'YYYY-MM'),"
            + " coalesce(s.to_status, 'RECEIVED'), i.routing_pack, count(*), bool_or(i.synthetic)"
            + " FROM incident i JOIN ledger_entry le ON le.idx = i.ledger_index"
            + " LEFT JOIN LATERAL (SELECT e.to_status FROM case_event e WHERE e.incident_id = i.id"
            + "   AND e.ledger_index < ? AND e.to_status IS NOT NULL ORDER BY e.ledger_index DESC LIMIT 1) s ON true"
            + " WHERE i.created_at >= ? AND i.created_at < ? AND i.ledger_index < ?"
            + " GROUP BY 1, 2, 3, 4, 5, 6, 7")) {
      ps.setString(1, AnnualTables.NOT_IN_LEDGER);
      ps.setLong(2, size);
      ps.setTimestamp(3, Timestamp.from(start));
      ps.setTimestamp(4, Timestamp.from(end));
      ps.setLong(5, size);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String office = rs.getString(4);
          long n = rs.getLong(8);
          f.add("reports-by-category-and-office", n, rs.getString(1), office);
          f.add("reports-by-employee-type-and-office", n, rs.getString(2), office);
          f.add("reports-by-department-and-office", n, rs.getString(3), office);
          f.add("reports-by-month-and-office", n, rs.getString(5), office);
          f.add("reports-by-status-and-office", n, rs.getString(6), office);
          f.packs.computeIfAbsent(Source.REPORTS, s -> new TreeSet<>()).add(rs.getString(7));
          f.synthetic |= rs.getBoolean(9);
        }
      }
    }
  }

  private static void findings(Connection c, Instant start, Instant end, long size, Figures f) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT DISTINCT ON (i.id) i.routed_to, i.created_at, e.at FROM incident i"
            + " JOIN case_event e ON e.incident_id = i.id AND e.ledger_index < ? AND e.to_status LIKE 'FINDING\\_%'"
            + " WHERE i.created_at >= ? AND i.created_at < ? AND i.ledger_index < ?"
            + " ORDER BY i.id, e.ledger_index")) {
      ps.setLong(1, size);
      ps.setTimestamp(2, Timestamp.from(start));
      ps.setTimestamp(3, Timestamp.from(end));
      ps.setLong(4, size);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Duration d = Duration.between(rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant());
          f.days.computeIfAbsent(rs.getString(1), o -> new ArrayList<>()).add(Math.floorDiv(d.getSeconds(), 86_400L));
        }
      }
    }
  }

  private static void gateway(Connection c, Instant start, Instant end, long size, Figures f) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT agency_id, dataset, purpose, to_char(at AT TIME ZONE 'America/Chicago', 'YYYY-MM'), outcome, packs,"
            + " count(*), bool_or(synthetic) FROM gateway_access"
            + " WHERE at >= ? AND at < ? AND ledger_index < ? GROUP BY 1, 2, 3, 4, 5, 6")) {
      ps.setTimestamp(1, Timestamp.from(start));
      ps.setTimestamp(2, Timestamp.from(end));
      ps.setLong(3, size);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String outcome = rs.getString(5);
          long n = rs.getLong(7);
          f.add("gateway-by-requester-and-outcome", n, rs.getString(1), outcome);
          f.add("gateway-by-dataset-and-outcome", n, rs.getString(2), outcome);
          f.add("gateway-by-purpose-and-outcome", n, rs.getString(3), outcome);
          f.add("gateway-by-month-and-outcome", n, rs.getString(4), outcome);
          f.packs(Source.GATEWAY, rs.getArray(6));
          f.synthetic |= rs.getBoolean(8);
        }
      }
    }
  }

  private static void refusals(Connection c, Instant start, Instant end, long size, Figures f) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT r, count(*) FROM gateway_access, unnest(rules) AS r"
            + " WHERE outcome = 'DENY' AND at >= ? AND at < ? AND ledger_index < ? AND r LIKE '%:DENY' GROUP BY r")) {
      ps.setTimestamp(1, Timestamp.from(start));
      ps.setTimestamp(2, Timestamp.from(end));
      ps.setLong(3, size);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long n = rs.getLong(2);
          RefusalRule.of(rs.getString(1)).ifPresent(rule -> f.add("gateway-refusals-by-rule", n, rule));
        }
      }
    }
  }
}
