package org.sanctuary.gateway;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.sanctuary.limits.Buckets;

/**
 * Runs a dataset's query against its source: in a read-only transaction, with a statement
 * timeout, fetching at most the dataset's row limit, behind a rate-limit gate when one is given.
 * Values are bound, never concatenated; the query itself is the catalog's, checked when the
 * catalog is loaded.
 */
final class DatasetRunner {
  private final DataSource source;
  private final int timeoutMillis;
  private final AtomicLong runs = new AtomicLong();
  private final AtomicLong gatedRuns = new AtomicLong();
  // Each round trip's text built once, by the dataset's query (and the gate's statement): the same
  // string every time, which the driver's cache of parsed statements finds without a new one.
  private final Map<String, String> ungated = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> gated = new ConcurrentHashMap<>();

  DatasetRunner(DataSource source, int timeoutMillis) {
    this.source = source;
    this.timeoutMillis = timeoutMillis;
  }

  /** The rows, each a column-to-value map, in the query's order; at most the row limit. */
  List<Map<String, Object>> run(Dataset d, Map<String, Object> values) throws SQLException {
    try {
      return run(d, values, null);
    } catch (GateClosed e) {
      throw new IllegalStateException("no gate, yet closed", e);
    }
  }

  /**
   * As {@link #run(Dataset, Map)}, behind {@code gate} (null for none): the gate's statement goes
   * first in the same round trip, committed on its own before the read's transaction begins; the
   * read runs only when the gate opens.
   *
   * @throws GateClosed when the gate stayed shut: nothing was read, nothing of the gate kept
   */
  List<Map<String, Object>> run(Dataset d, Map<String, Object> values, Buckets.Gate gate)
      throws SQLException, GateClosed {
    runs.incrementAndGet();
    if (gate != null) gatedRuns.incrementAndGet();
    // The read-only transaction, its time limit, the query and the commit travel together: one
    // round trip instead of three.
    // Behind a gate, the gate first in a transaction of its own (a COMMIT without its BEGIN would
    // commit too, with a warning in the server's log at every look-up).
    String sql = gate == null ? ungated.computeIfAbsent(d.jdbcSql(), this::sql)
        : gated.computeIfAbsent(d.jdbcSql(), x -> new ConcurrentHashMap<>()).computeIfAbsent(gate.sql(), g -> "BEGIN; " + g
            + "; COMMIT; " + sql(d.jdbcSql()));
    try (Connection c = source.getConnection()) {
      if (!c.getAutoCommit()) c.setAutoCommit(true);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setMaxRows(d.rowLimit());
        int i = gate == null ? 1 : gate.bind(ps, 1);
        for (String name : d.bindOrder()) {
          Object v = values.get(name);
          if (v instanceof LocalDate date) ps.setDate(i++, Date.valueOf(date));
          else ps.setObject(i++, v);
        }
        // the dataset's rows are the last rows set (the gate's one row, the tokens it took, comes first)
        List<Map<String, Object>> rows = null;
        boolean gateRow = gate != null;
        boolean isRows = ps.execute();
        while (true) {
          if (isRows && gateRow) {
            gateRow = false;
            try (ResultSet rs = ps.getResultSet()) {
              if (rs.next()) gate.opened(rs.getLong(1));
            }
          } else if (isRows) {
            try (ResultSet rs = ps.getResultSet()) {
              rows = read(rs);
            }
          } else if (ps.getUpdateCount() == -1) {
            break;
          }
          isRows = ps.getMoreResults();
        }
        if (rows == null) throw new SQLException("dataset " + d.id() + ": the query returned no rows set");
        return rows;
      } catch (SQLException e) {
        // a refused statement leaves the transaction open and failed: end it
        try (Statement st = c.createStatement()) {
          st.execute("ROLLBACK");
        } catch (SQLException ignored) {
          // a broken connection is dropped by the pool
        }
        if (gate != null && Buckets.Gate.CLOSED.equals(e.getSQLState())) throw new GateClosed();
        throw e;
      }
    }
  }

  private String sql(String query) {
    return "BEGIN READ ONLY; SET LOCAL statement_timeout = " + timeoutMillis + "; " + query + "; COMMIT";
  }

  /** The gate in front of a read stayed shut (no token, or the directory moved): nothing was read. */
  static final class GateClosed extends Exception {
    GateClosed() {
      super("the gate stayed shut", null, false, false);
    }
  }

  private static List<Map<String, Object>> read(ResultSet rs) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    ResultSetMetaData md = rs.getMetaData();
    while (rs.next()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int col = 1; col <= md.getColumnCount(); col++) {
        Object v = rs.getObject(col);
        row.put(md.getColumnLabel(col), v instanceof Date date ? date.toLocalDate().toString() : v);
      }
      rows.add(row);
    }
    return rows;
  }

  /** How many queries were sent to the source: tests use it to show that bad input ran none. */
  long runs() {
    return runs.get();
  }

  /** How many of those went behind a gate, in the round trip that took their token. */
  long gatedRuns() {
    return gatedRuns.get();
  }
}
