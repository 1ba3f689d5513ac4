package org.sanctuary.bench.report;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.sanctuary.report.AnnualReport;
import org.sanctuary.report.AnnualReports;
import org.sanctuary.report.ReportJson;
import org.sanctuary.report.store.ReportStore;
import org.sanctuary.store.Database;

/**
 * The annual report's generation time against, in the same run, the same counts as plain SQL
 * aggregates over the stored rows: one GROUP BY per table (fifteen queries), no checkpoint, no
 * suppression, no JSON. Both are run alternately, after one warm-up each; medians are compared.
 *
 * <p>Arguments: data folder (embedded database), year, rounds.
 */
public final class AnnualReportTiming {
  private static final ZoneId CITY = ZoneId.of("America/Chicago");

  private AnnualReportTiming() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args.length > 0 ? args[0] : "data");
    int year = args.length > 1 ? Integer.parseInt(args[1]) : 2025;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    try (Database db = Database.embedded(data)) {
      System.out.printf("ledger entries: %,d; rows: %s%n", count(db, "SELECT count(*) FROM ledger_entry"),
          String.format("%,d requests, %,d reports, %,d case events, %,d look-ups",
              count(db, "SELECT count(*) FROM federal_request"), count(db, "SELECT count(*) FROM incident"),
              count(db, "SELECT count(*) FROM case_event"), count(db, "SELECT count(*) FROM gateway_access")));
      report(db, year);
      plain(db, year);
      List<Long> full = new ArrayList<>();
      List<Long> sql = new ArrayList<>();
      int bytes = 0;
      for (int i = 0; i < rounds; i++) {
        long t0 = System.nanoTime();
        bytes = report(db, year);
        long t1 = System.nanoTime();
        plain(db, year);
        long t2 = System.nanoTime();
        full.add(t1 - t0);
        sql.add(t2 - t1);
      }
      long a = median(full);
      long b = median(sql);
      System.out.printf("annual report (figures at the checkpoint, suppression, JSON of %,d bytes): median %.0f ms%n",
          bytes, a / 1e6);
      System.out.printf("plain SQL aggregates, one GROUP BY per table:                   median %.0f ms%n", b / 1e6);
      System.out.printf("ratio: %.2f (rounds: %s ms against %s ms)%n", (double) a / b, ms(full), ms(sql));
    }
  }

  private static int report(Database db, int year) {
    AnnualReport r = AnnualReports.build(new ReportStore(db).figures(year));
    return ReportJson.write(r).length();
  }

  // The same counts, table by table, straight from the rows.
  private static void plain(Database db, int year) {
    LocalDate from = LocalDate.of(year, 1, 1);
    LocalDate to = from.plusYears(1);
    Instant start = from.atStartOfDay(CITY).toInstant();
    Instant end = to.atStartOfDay(CITY).toInstant();
    String chicago = "AT TIME ZONE 'America/Chicago'";
    List<String> requests = List.of("receiving_agency", "coalesce(requester_agency, 'UNKNOWN')", "kind",
        "to_char(received, 'YYYY-MM')");
    List<String> reports = List.of("category", "employee_type", "department", "to_char(created_at " + chicago + ", 'YYYY-MM')");
    List<String> gateway = List.of("agency_id", "dataset", "purpose", "to_char(at " + chicago + ", 'YYYY-MM')");
    db.inTransaction(c -> {
      for (String col : requests) {
        run(c, "SELECT " + col + ", outcome, count(*) FROM federal_request WHERE received >= ? AND received < ? GROUP BY 1, 2",
            from, to);
      }
      for (String col : reports) {
        run(c, "SELECT " + col + ", routed_to, count(*) FROM incident WHERE created_at >= ? AND created_at < ? GROUP BY 1, 2",
            Timestamp.from(start), Timestamp.from(end));
      }
      run(c, "SELECT i.status, i.routed_to, count(*) FROM incident i WHERE created_at >= ? AND created_at < ? GROUP BY 1, 2",
          Timestamp.from(start), Timestamp.from(end));
      run(c, "SELECT i.routed_to, percentile_disc(0.5) WITHIN GROUP (ORDER BY f.finding_at - i.created_at),"
          + " percentile_disc(0.9) WITHIN GROUP (ORDER BY f.finding_at - i.created_at), count(*)"
          + " FROM incident i JOIN case_file f ON f.incident_id = i.id"
          + " WHERE i.created_at >= ? AND i.created_at < ? AND f.finding_at IS NOT NULL GROUP BY 1",
          Timestamp.from(start), Timestamp.from(end));
      for (String col : gateway) {
        run(c, "SELECT " + col + ", outcome, count(*) FROM gateway_access WHERE at >= ? AND at < ? GROUP BY 1, 2",
            Timestamp.from(start), Timestamp.from(end));
      }
      run(c, "SELECT r, count(*) FROM gateway_access, unnest(rules) r WHERE outcome = 'DENY' AND at >= ? AND at < ?"
          + " GROUP BY 1", Timestamp.from(start), Timestamp.from(end));
      return null;
    });
  }

  private static void run(Connection c, String sql, Object from, Object to) throws java.sql.SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, from);
      ps.setObject(2, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) rs.getLong(rs.getMetaData().getColumnCount());
      }
    }
  }

  private static long count(Database db, String sql) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private static long median(List<Long> xs) {
    List<Long> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  private static String ms(List<Long> xs) {
    List<String> out = new ArrayList<>();
    for (long x : xs) out.add(String.valueOf(Math.round(x / 1e6)));
    return String.join("/", out);
  }
}
