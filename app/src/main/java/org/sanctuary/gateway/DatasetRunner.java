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
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Runs a dataset's query against its source: in a read-only transaction, with a statement
 * timeout, fetching at most the dataset's row limit. Values are bound, never concatenated.
 */
final class DatasetRunner {
  private final DataSource source;
  private final int timeoutMillis;
  private final AtomicLong runs = new AtomicLong();

  DatasetRunner(DataSource source, int timeoutMillis) {
    this.source = source;
    this.timeoutMillis = timeoutMillis;
  }

  /** The rows, each a column-to-value map, in the query's order; at most the row limit. */
  List<Map<String, Object>> run(Dataset d, Map<String, Object> values) throws SQLException {
    runs.incrementAndGet();
    try (Connection c = source.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      c.setReadOnly(true);
      try {
        try (Statement s = c.createStatement()) {
          s.execute("SET LOCAL statement_timeout = " + timeoutMillis);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(d.jdbcSql())) {
          ps.setMaxRows(d.rowLimit());
          int i = 1;
          for (String name : d.bindOrder()) {
            Object v = values.get(name);
            if (v instanceof LocalDate date) ps.setDate(i++, Date.valueOf(date));
            else ps.setObject(i++, v);
          }
          try (ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
              Map<String, Object> row = new LinkedHashMap<>();
              for (int col = 1; col <= md.getColumnCount(); col++) {
                Object v = rs.getObject(col);
                row.put(md.getColumnLabel(col), v instanceof Date date ? date.toLocalDate().toString() : v);
              }
              rows.add(row);
            }
          }
        }
        c.commit();
        return rows;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setReadOnly(false);
        c.setAutoCommit(auto);
      }
    }
  }

  /** How many queries were sent to the source: tests use it to show that bad input ran none. */
  long runs() {
    return runs.get();
  }
}
