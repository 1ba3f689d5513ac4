package org.sanctuary.staff;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.store.Database;

/**
 * The staff tables: accounts (password hash, sealed second factor, roles, failures) and sessions
 * (only the SHA-256 of a session id). The rules about them live in {@link StaffAccounts} and the
 * web's session handling; this class holds their SQL.
 */
public final class StaffStore {
  private final Database database;

  public StaffStore(Database database) {
    this.database = database;
  }

  /** What a sign-in checks, as read at one moment. */
  record Credentials(long id, String passwordHash, byte[] sealedTotp, long totpLastStep,
      Set<Role> roles, boolean disabled) {}

  /** Failed sign-ins to one account from one address. */
  record Failures(int count, Instant lockedUntil) {
    static final Failures NONE = new Failures(0, null);

    boolean lockedAt(Instant now) {
      return lockedUntil != null && lockedUntil.isAfter(now);
    }
  }

  /** One account for the administrator's list; {@code lockedAddresses} counts live locks. */
  record Listed(String username, Set<Role> roles, boolean disabled, int lockedAddresses) {}

  long add(String username, String passwordHash, byte[] sealedTotp, Set<Role> roles, Instant now) {
    return database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO staff_account (username, password_hash, totp_secret, roles, created_at)"
              + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING RETURNING id")) {
        s.setString(1, username);
        s.setString(2, passwordHash);
        s.setBytes(3, sealedTotp);
        s.setArray(4, roleArray(c, roles));
        s.setTimestamp(5, Timestamp.from(now));
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next()) {
            throw InvalidInput.of("username", username, "is taken", "a new username");
          }
          return rs.getLong(1);
        }
      }
    });
  }

  List<Listed> list(Instant now) {
    return database.inTransaction(c -> {
      List<Listed> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT a.username, a.roles, a.disabled, (SELECT count(*) FROM staff_signin_failure f"
              + " WHERE f.staff_id = a.id AND f.locked_until > ?) FROM staff_account a ORDER BY a.username")) {
        s.setTimestamp(1, Timestamp.from(now));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(new Listed(rs.getString(1), roles(rs.getArray(2)), rs.getBoolean(3), rs.getInt(4)));
          }
        }
      }
      return out;
    });
  }

  /**
   * Disables the account and ends its sessions, in one transaction; refused when it is the last
   * active administrator.
   */
  void disable(String username) {
    database.inTransaction(c -> {
      List<Long> administrators = AccountStore.lockActiveAdministrators(c);
      long id = idOf(c, username);
      java.util.Optional<InvalidInput> refusal = LastAdministrator.refusal(administrators, id, username, false);
      if (refusal.isPresent()) {
        throw refusal.get();
      }
      update(c, "UPDATE staff_account SET disabled = true WHERE id = ?", id);
      update(c, "DELETE FROM staff_session WHERE staff_id = ?", id);
      return null;
    });
  }

  /** The account's credentials, read without a lock (for the slow password check). */
  Optional<Credentials> credentials(String username) {
    return database.inTransaction(c -> credentials(c, username, false));
  }

  /**
   * Runs {@code check} on the account's row locked for update, so two sign-ins cannot spend one
   * code or race on the failure count; the check must be quick (no password hashing).
   */
  <T> T withLockedCredentials(String username, LockedCheck<T> check) {
    return database.inTransaction(c -> check.run(credentials(c, username, true),
        new Updates(c)));
  }

  /** The work done under the account's row lock. */
  @FunctionalInterface
  interface LockedCheck<T> {
    T run(Optional<Credentials> row, Updates updates) throws SQLException;
  }

  /** The reads and writes a locked sign-in check may make (the account's row is locked). */
  static final class Updates {
    private final Connection c;

    private Updates(Connection c) {
      this.c = c;
    }

    Failures failuresFrom(long id, byte[] addressHash) throws SQLException {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT failures, locked_until FROM staff_signin_failure WHERE staff_id = ? AND address_hash = ?")) {
        s.setLong(1, id);
        s.setBytes(2, addressHash);
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next()) return Failures.NONE;
          Timestamp locked = rs.getTimestamp(2);
          return new Failures(rs.getInt(1), locked == null ? null : locked.toInstant());
        }
      }
    }

    void failed(long id, byte[] addressHash, Failures now, Instant at) throws SQLException {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO staff_signin_failure (staff_id, address_hash, failures, locked_until, last_at)"
              + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (staff_id, address_hash) DO UPDATE SET"
              + " failures = EXCLUDED.failures, locked_until = EXCLUDED.locked_until, last_at = EXCLUDED.last_at")) {
        s.setLong(1, id);
        s.setBytes(2, addressHash);
        s.setInt(3, now.count());
        s.setTimestamp(4, now.lockedUntil() == null ? null : Timestamp.from(now.lockedUntil()));
        s.setTimestamp(5, Timestamp.from(at));
        s.executeUpdate();
      }
    }

    /** How many addresses failed to sign in to the account since {@code since}. */
    int failingAddresses(long id, Instant since) throws SQLException {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT count(*) FROM staff_signin_failure WHERE staff_id = ? AND last_at >= ?")) {
        s.setLong(1, id);
        s.setTimestamp(2, Timestamp.from(since));
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          return rs.getInt(1);
        }
      }
    }

    void succeeded(long id, byte[] addressHash, long totpStep, Instant forgetBefore) throws SQLException {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE staff_account SET totp_last_step = ? WHERE id = ?")) {
        s.setLong(1, totpStep);
        s.setLong(2, id);
        s.executeUpdate();
      }
      // this address starts afresh; other addresses' old, unlocked counts are forgotten
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM staff_signin_failure WHERE staff_id = ? AND (address_hash = ?"
              + " OR (last_at < ? AND (locked_until IS NULL OR locked_until < ?)))")) {
        s.setLong(1, id);
        s.setBytes(2, addressHash);
        s.setTimestamp(3, Timestamp.from(forgetBefore));
        s.setTimestamp(4, Timestamp.from(forgetBefore));
        s.executeUpdate();
      }
    }
  }

  private static Optional<Credentials> credentials(Connection c, String username, boolean lock)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT id, password_hash, totp_secret, totp_last_step, roles, disabled"
            + " FROM staff_account WHERE username = ?"
            + (lock ? " FOR UPDATE" : ""))) {
      s.setString(1, username);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Credentials(rs.getLong(1), rs.getString(2), rs.getBytes(3),
            rs.getLong(4), roles(rs.getArray(5)), rs.getBoolean(6)));
      }
    }
  }

  // ---- sessions: only the SHA-256 of a session id is kept

  public void startSession(byte[] idHash, long staffId, Instant now, Instant expires) {
    database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO staff_session (id_hash, staff_id, created_at, last_seen_at, expires_at)"
              + " VALUES (?, ?, ?, ?, ?)")) {
        s.setBytes(1, idHash);
        s.setLong(2, staffId);
        s.setTimestamp(3, Timestamp.from(now));
        s.setTimestamp(4, Timestamp.from(now));
        s.setTimestamp(5, Timestamp.from(expires));
        return s.executeUpdate();
      }
    });
  }

  public void endSession(byte[] idHash) {
    database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM staff_session WHERE id_hash = ?")) {
        s.setBytes(1, idHash);
        return s.executeUpdate();
      }
    });
  }

  /**
   * The session's account if the session is live (not expired, seen after {@code idleSince}, the
   * account not disabled), marking it seen at {@code now}.
   */
  public Optional<StaffUser> touchSession(byte[] idHash, Instant now, Instant idleSince) {
    return database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE staff_session SET last_seen_at = ? FROM staff_account a"
              + " WHERE id_hash = ? AND a.id = staff_id AND NOT a.disabled"
              + " AND expires_at > ? AND last_seen_at > ?"
              + " RETURNING a.id, a.username, a.roles")) {
        s.setTimestamp(1, Timestamp.from(now));
        s.setBytes(2, idHash);
        s.setTimestamp(3, Timestamp.from(now));
        s.setTimestamp(4, Timestamp.from(idleSince));
        try (ResultSet rs = s.executeQuery()) {
          return rs.next()
              ? Optional.of(new StaffUser(rs.getLong(1), rs.getString(2), roles(rs.getArray(3))))
              : Optional.<StaffUser>empty();
        }
      }
    });
  }

  /** Removes sessions expired at {@code now} or idle since {@code idleSince}. */
  public int purgeSessions(Instant now, Instant idleSince) {
    return database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM staff_session WHERE expires_at <= ? OR last_seen_at <= ?")) {
        s.setTimestamp(1, Timestamp.from(now));
        s.setTimestamp(2, Timestamp.from(idleSince));
        return s.executeUpdate();
      }
    });
  }

  private static long idOf(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM staff_account WHERE username = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw InvalidInput.of("username", name, "is not a staff account", "an existing username");
        }
        return rs.getLong(1);
      }
    }
  }

  private static void update(Connection c, String sql, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, id);
      s.executeUpdate();
    }
  }

  static Array roleArray(Connection c, Set<Role> roles) throws SQLException {
    return c.createArrayOf("text", roles.stream().map(Role::name).sorted().toArray());
  }

  static Set<Role> roles(Array array) throws SQLException {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (Object name : (Object[]) array.getArray()) {
      roles.add(Role.valueOf((String) name));
    }
    return roles;
  }
}
