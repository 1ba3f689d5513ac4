package org.sanctuary.staff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.store.Database;

/**
 * The SQL of account administration (the web's pages and the command line's {@code staff}
 * commands): the accounts as the administrator sees them, the changes (each on the ledger's
 * connection, so it commits with its entry) and their history.
 */
final class AccountStore {
  /** Who a change made at the command line is by, in an account's history. */
  static final String COMMAND_LINE = "the command line";

  private final Database database;

  AccountStore(Database database) {
    this.database = database;
  }

  /** One account as stored: no hash, no secret. */
  record Row(long id, String username, Set<Role> roles, boolean disabled, Instant createdAt,
      int pausedAddresses) {}

  /** One change to an account; {@code roles} is null when the change kept them. */
  record EventRow(Instant at, String actor, String action, Set<Role> roles, long ledgerIndex) {}

  private static final String ROW_SELECT = "SELECT a.id, a.username, a.roles, a.disabled, a.created_at,"
      + " (SELECT count(*) FROM staff_signin_failure f WHERE f.staff_id = a.id AND f.locked_until > ?)"
      + " FROM staff_account a";

  List<Row> all(Instant now) {
    return database.inTransaction(c -> {
      List<Row> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(ROW_SELECT + " ORDER BY a.username")) {
        s.setTimestamp(1, Timestamp.from(now));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(row(rs));
          }
        }
      }
      return out;
    });
  }

  Optional<Row> one(long id, Instant now) {
    return database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(ROW_SELECT + " WHERE a.id = ?")) {
        s.setTimestamp(1, Timestamp.from(now));
        s.setLong(2, id);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? Optional.of(row(rs)) : Optional.<Row>empty();
        }
      }
    });
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(rs.getLong(1), rs.getString(2), StaffStore.roles(rs.getArray(3)), rs.getBoolean(4),
        rs.getTimestamp(5).toInstant(), rs.getInt(6));
  }

  /** The account called {@code username} (normalised); refused naming the field when there is none. */
  long idOf(String username) {
    return database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT id FROM staff_account WHERE username = ?")) {
        s.setString(1, username);
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next()) throw InvalidInput.of("username", username, "is not a staff account", "an existing username");
          return rs.getLong(1);
        }
      }
    });
  }

  List<EventRow> history(long id) {
    return database.inTransaction(c -> {
      List<EventRow> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT e.at, coalesce(a.username, '" + COMMAND_LINE + "'), e.action, e.roles, e.ledger_index"
              + " FROM staff_account_event e LEFT JOIN staff_account a ON a.id = e.actor_id"
              + " WHERE e.account_id = ? ORDER BY e.at, e.id")) {
        s.setLong(1, id);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(new EventRow(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                rs.getArray(4) == null ? null : StaffStore.roles(rs.getArray(4)), rs.getLong(5)));
          }
        }
      }
      return out;
    });
  }

  /** A new account's id, drawn before its ledger entry is written because the entry names it. */
  long nextId() {
    return database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT nextval('staff_account_id_seq')");
          ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /** Stores the account under {@code id}; false when the username is taken. */
  static boolean insert(Connection c, long id, String username, String passwordHash, byte[] sealedTotp,
      Set<Role> roles, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO staff_account (id, username, password_hash, totp_secret, roles, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING")) {
      s.setLong(1, id);
      s.setString(2, username);
      s.setString(3, passwordHash);
      s.setBytes(4, sealedTotp);
      s.setArray(5, StaffStore.roleArray(c, roles));
      s.setTimestamp(6, Timestamp.from(now));
      return s.executeUpdate() == 1;
    }
  }

  /** The account's row, locked for the change; empty when there is none. */
  static Optional<Row> lock(Connection c, long id, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(ROW_SELECT + " WHERE a.id = ? FOR UPDATE OF a")) {
      s.setTimestamp(1, Timestamp.from(now));
      s.setLong(2, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.<Row>empty();
      }
    }
  }

  /**
   * The ids of the active (not disabled) administrators, their rows locked in id order: two
   * administrators changing each other at once are serialised here, so they cannot both succeed
   * in leaving nobody.
   */
  static List<Long> lockActiveAdministrators(Connection c) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT id FROM staff_account WHERE NOT disabled AND ? = ANY (roles) ORDER BY id FOR UPDATE")) {
      s.setString(1, Role.ADMINISTRATOR.name());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
    }
    return out;
  }

  static void setDisabled(Connection c, long id, boolean disabled) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE staff_account SET disabled = ? WHERE id = ?")) {
      s.setBoolean(1, disabled);
      s.setLong(2, id);
      s.executeUpdate();
    }
  }

  static void setRoles(Connection c, long id, Set<Role> roles) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE staff_account SET roles = ? WHERE id = ?")) {
      s.setArray(1, StaffStore.roleArray(c, roles));
      s.setLong(2, id);
      s.executeUpdate();
    }
  }

  /** A new second factor; its last used step is forgotten. */
  static void setTotp(Connection c, long id, byte[] sealedTotp) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE staff_account SET totp_secret = ?, totp_last_step = -1 WHERE id = ?")) {
      s.setBytes(1, sealedTotp);
      s.setLong(2, id);
      s.executeUpdate();
    }
  }

  static void endSessions(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM staff_session WHERE staff_id = ?")) {
      s.setLong(1, id);
      s.executeUpdate();
    }
  }

  /** A change's line of history; {@code actor} is null for a change made at the command line. */
  static void event(Connection c, long account, Long actor, Instant at, String action, Set<Role> roles,
      long ledgerIndex) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO staff_account_event (account_id, actor_id, at, action, roles, ledger_index)"
            + " VALUES (?, ?, ?, ?, ?, ?)")) {
      s.setLong(1, account);
      if (actor == null) {
        s.setNull(2, java.sql.Types.BIGINT);
      } else {
        s.setLong(2, actor);
      }
      s.setTimestamp(3, Timestamp.from(at));
      s.setString(4, action);
      s.setArray(5, roles == null ? null : StaffStore.roleArray(c, roles));
      s.setLong(6, ledgerIndex);
      s.executeUpdate();
    }
  }
}
