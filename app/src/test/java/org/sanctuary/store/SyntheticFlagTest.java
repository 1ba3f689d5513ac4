package org.sanctuary.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * A stored row is synthetic exactly when the ledger entry it was written with is marked
 * {@code "synthetic":true} (migration V701), however the rows of one statement mix them:
 * an INSERT of many rows and a COPY alike.
 */
class SyntheticFlagTest {
  private static Database database;
  private static long partner;

  @BeforeAll
  static void open() {
    database = TestDatabases.fresh();
    partner = database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO gateway_partner (agency_id, name, rate_per_sec,"
          + " burst, mark_secret, admitted_at) VALUES ('FBI', 'FBI', 1, 1, decode(repeat('00', 32), 'hex'), now())"
          + " RETURNING id"); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Test
  void insert_ofRealAndSyntheticRowsInOneStatement_marksOnlyThoseWhoseEntryIsSynthetic() {
    List<Boolean> flags = database.inTransaction(c -> {
      entries(c, 0, true, false, true, false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO gateway_access (at, partner_id, agency_id, dataset,"
          + " purpose, outcome, reason, citation, params_hash, case_hash, row_count, ledger_index)"
          + " SELECT now(), ?, 'FBI', 'd', 'CRIMINAL', 'PERMIT', 'r', 'c', 'p', 'k', 0, i FROM generate_series(0, 3) i")) {
        ps.setLong(1, partner);
        ps.executeUpdate();
      }
      return flags(c, 0, 3);
    });

    assertThat(flags).containsExactly(true, false, true, false);
  }

  @Test
  void copy_ofRealAndSyntheticRows_marksOnlyThoseWhoseEntryIsSynthetic() throws Exception {
    List<Boolean> flags = database.inTransaction(c -> {
      entries(c, 10, false, true, false);
      StringBuilder rows = new StringBuilder();
      for (int i = 10; i <= 12; i++) {
        rows.append("2026-01-01T00:00:00Z,").append(partner).append(",FBI,d,CRIMINAL,DENY,r,c,p,k,0,").append(i)
            .append('\n');
      }
      try {
        c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY gateway_access (at, partner_id, agency_id, dataset,"
            + " purpose, outcome, reason, citation, params_hash, case_hash, row_count, ledger_index) FROM STDIN"
            + " (FORMAT csv)", new StringReader(rows.toString()));
      } catch (java.io.IOException e) {
        throw new SQLException(e);
      }
      return flags(c, 10, 12);
    });

    assertThat(flags).containsExactly(false, true, false);
  }

  // entries first..: each marked synthetic or not, as the ledger writes them before their rows
  private static void entries(Connection c, long first, boolean... synthetic) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO ledger_entry (idx, data, leaf_hash, appended_at) VALUES (?, ?, sha256(?), now())")) {
      for (int i = 0; i < synthetic.length; i++) {
        byte[] data = ("{\"kind\":\"gateway.access\",\"n\":" + (first + i) + (synthetic[i] ? ",\"synthetic\":true" : "")
            + "}").getBytes(StandardCharsets.UTF_8);
        ps.setLong(1, first + i);
        ps.setBytes(2, data);
        ps.setBytes(3, data);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static List<Boolean> flags(Connection c, long first, long last) throws SQLException {
    List<Boolean> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT synthetic FROM gateway_access WHERE ledger_index BETWEEN ? AND ? ORDER BY ledger_index")) {
      ps.setLong(1, first);
      ps.setLong(2, last);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(rs.getBoolean(1));
      }
    }
    return out;
  }
}
