package org.sanctuary.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.sanctuary.config.DatabaseServer;

/**
 * The node's sessions never compile a statement just in time (docs/operations.md, "The PostgreSQL
 * server"), on a server that can: Debian's PostgreSQL 15, whose packages bring JIT. Every
 * session is told to compile anything it may ({@code jit_above_cost} 0); a plain session then
 * compiles, the node's do not, on the primary's pool and on a read-only pool alike.
 */
class SessionSettingsTest {
  private static final String A_QUERY = "EXPLAIN (ANALYZE, FORMAT JSON) SELECT sum(g) FROM generate_series(1, 1000) g";

  @Test
  void theNodesSessionsRunWithoutJit_whereAPlainSessionCompiles() throws Exception {
    try (DebianPostgres server = DebianPostgres.primary(Files.createTempDirectory(Path.of("target"), "pg-jit"))) {
      String url = server.url("postgres");
      try (Connection plain = DriverManager.getConnection(url)) {
        assumeTrue(compiles(plain), "this server has no JIT provider (Debian's llvmjit.so)");
      }
      try (Database database = Database.connect(DatabaseServer.of(url), 2);
          Connection c = database.dataSource().getConnection()) {
        assertThat(setting(c, "jit")).isEqualTo("off");
        assertThat(compiles(c)).as("a statement on the node's pool compiled").isFalse();
      }
      try (Database replica = Database.replica(DatabaseServer.of(url), 2);
          Connection c = replica.dataSource().getConnection()) {
        assertThat(c.isReadOnly()).isTrue();
        assertThat(compiles(c)).as("a statement on the read-only pool compiled").isFalse();
      }
    }
  }

  // Whether the session compiles a small query once told that anything is worth compiling.
  private static boolean compiles(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("SET jit_above_cost = 0");
      try (ResultSet rs = st.executeQuery(A_QUERY)) {
        rs.next();
        return rs.getString(1).contains("\"JIT\"");
      } finally {
        st.execute("RESET jit_above_cost");
      }
    }
  }

  private static String setting(Connection c, String name) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
