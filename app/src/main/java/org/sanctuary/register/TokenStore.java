package org.sanctuary.register;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.sanctuary.store.Database;

/** The SQL of records-system tokens: only hashes are stored. */
final class TokenStore {
  private final Database database;

  TokenStore(Database database) {
    this.database = database;
  }

  /** One token as staff see it: never the token, only its first characters. */
  record Row(long id, String name, String prefix, Instant createdAt, Instant revokedAt) {}

  static boolean nameTaken(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM records_token WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  static long nextId(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT nextval('records_token_id_seq')");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void insert(Connection c, long id, String name, byte[] hash, String prefix, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO records_token (id, name, token_hash, prefix, created_at) VALUES (?, ?, ?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setString(2, name);
      ps.setBytes(3, hash);
      ps.setString(4, prefix);
      ps.setTimestamp(5, Timestamp.from(at));
      ps.executeUpdate();
    }
  }

  /** The id of the live token called {@code name}, if any. */
  static OptionalLong live(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id FROM records_token WHERE name = ? AND revoked_at IS NULL FOR UPDATE")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  static void revoke(Connection c, long id, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE records_token SET revoked_at = ? WHERE id = ?")) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setLong(2, id);
      ps.executeUpdate();
    }
  }

  /** The id of the live token with this hash. */
  OptionalLong find(byte[] hash) {
    return database.read(c -> { // one statement: no transaction needed
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id FROM records_token WHERE token_hash = ? AND revoked_at IS NULL")) {
        ps.setBytes(1, hash);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
        }
      }
    });
  }

  List<Row> list() {
    return database.inTransaction(c -> {
      List<Row> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, name, prefix, created_at, revoked_at FROM records_token ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Timestamp revoked = rs.getTimestamp(5);
          out.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
              revoked == null ? null : revoked.toInstant()));
        }
      }
      return out;
    });
  }
}
