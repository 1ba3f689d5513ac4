package org.sanctuary.staff;

import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.sanctuary.store.Database;
import org.sanctuary.errors.InvalidInput;

/**
 * Staff accounts: creating them, disabling them, new second factors, and checking a sign-in.
 *
 * <p>A sign-in needs the password and a current TOTP code. Five failures in a row (of either kind)
 * lock the account for fifteen minutes. The answer to a failed sign-in never says which part was
 * wrong, nor whether the account exists or is locked.
 */
public final class StaffAccounts {
  public static final int MIN_PASSWORD_LENGTH = 12;
  public static final int MAX_PASSWORD_LENGTH = 1024;
  public static final int MAX_FAILURES = 5;
  public static final Duration LOCKOUT = Duration.ofMinutes(15);
  static final String ISSUER = "Sanctuary";

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,62}");
  private static final int SECRET_BYTES = 20;

  private final Database database;
  private final SecretBox box;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  // checked against when the username is unknown, so that case takes as long as a wrong password
  private final String decoyHash;

  public StaffAccounts(Database database, SecretBox box, PasswordHasher hasher, Clock clock) {
    this.database = database;
    this.box = box;
    this.hasher = hasher;
    this.clock = clock;
    this.decoyHash = hasher.hash("decoy password, never used");
  }

  /** A new account or second factor: the secret is shown once, at this moment only. */
  public record Enrolment(StaffUser user, String otpauthUri, String secretBase32) {}

  /** One account as the administrator's list shows it: no hash, no secret. */
  public record Summary(String username, Set<Role> roles, boolean disabled, boolean locked) {
    public Summary {
      roles = Set.copyOf(roles);
    }
  }

  public Enrolment add(String username, String password, Set<Role> roles) {
    String name = checkUsername(username);
    checkPassword(password);
    checkRoles(roles);
    byte[] secret = newSecret();
    String hash = hasher.hash(password);
    long id = database.inTransaction(c -> {
      if (exists(c, name)) {
        throw InvalidInput.of("username", name, "is taken", "a new username");
      }
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO staff_account (username, password_hash, totp_secret, roles, created_at)"
              + " VALUES (?, ?, ?, ?, ?) RETURNING id")) {
        s.setString(1, name);
        s.setString(2, hash);
        s.setBytes(3, box.seal(secret, aad(name)));
        s.setArray(4, roleArray(c, roles));
        s.setTimestamp(5, Timestamp.from(clock.instant()));
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
    return enrolment(new StaffUser(id, name, roles), secret);
  }

  public List<Summary> list() {
    Instant now = clock.instant();
    return database.inTransaction(c -> {
      List<Summary> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
              "SELECT username, roles, disabled, locked_until FROM staff_account ORDER BY username");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Timestamp locked = rs.getTimestamp(4);
          out.add(new Summary(rs.getString(1), roles(rs.getArray(2)), rs.getBoolean(3),
              locked != null && locked.toInstant().isAfter(now)));
        }
      }
      return out;
    });
  }

  /** Disables the account and ends its sessions. */
  public void disable(String username) {
    String name = normalise(username);
    database.inTransaction(c -> {
      long id = idOf(c, name);
      update(c, "UPDATE staff_account SET disabled = true WHERE id = ?", id);
      update(c, "DELETE FROM staff_session WHERE staff_id = ?", id);
      return null;
    });
  }

  /** A new TOTP secret (the old one stops working) and the end of the account's sessions. */
  public Enrolment resetTotp(String username) {
    String name = normalise(username);
    byte[] secret = newSecret();
    StaffUser user = database.inTransaction(c -> {
      long id = idOf(c, name);
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE staff_account SET totp_secret = ?, totp_last_step = -1 WHERE id = ?"
              + " RETURNING roles")) {
        s.setBytes(1, box.seal(secret, aad(name)));
        s.setLong(2, id);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          update(c, "DELETE FROM staff_session WHERE staff_id = ?", id);
          return new StaffUser(id, name, roles(rs.getArray(1)));
        }
      }
    });
    return enrolment(user, secret);
  }

  /**
   * Checks a sign-in and records its outcome (failure count, lock, the code's step so it cannot be
   * used again). The account row is locked meanwhile, so two requests cannot spend one code.
   */
  public Optional<StaffUser> signIn(String username, String password, String code) {
    String name = normalise(username);
    Instant now = clock.instant();
    return database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT id, password_hash, totp_secret, totp_last_step, roles, failed_attempts,"
              + " locked_until, disabled FROM staff_account WHERE username = ? FOR UPDATE")) {
        s.setString(1, name);
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next()) {
            hasher.verify(password, decoyHash);
            return Optional.<StaffUser>empty();
          }
          long id = rs.getLong(1);
          Timestamp lockedUntil = rs.getTimestamp(7);
          boolean locked = lockedUntil != null && lockedUntil.toInstant().isAfter(now);
          boolean passwordOk = hasher.verify(password, rs.getString(2));
          if (locked || rs.getBoolean(8)) {
            return Optional.<StaffUser>empty();
          }
          OptionalLong step = OptionalLong.empty();
          if (passwordOk) {
            byte[] secret = box.open(rs.getBytes(3), aad(name));
            step = Totp.match(secret, code, now, rs.getLong(4));
          }
          if (step.isEmpty()) {
            recordFailure(c, id, rs.getInt(6) + 1, now);
            return Optional.<StaffUser>empty();
          }
          try (PreparedStatement ok = c.prepareStatement(
              "UPDATE staff_account SET failed_attempts = 0, locked_until = NULL,"
                  + " totp_last_step = ? WHERE id = ?")) {
            ok.setLong(1, step.getAsLong());
            ok.setLong(2, id);
            ok.executeUpdate();
          }
          return Optional.of(new StaffUser(id, name, roles(rs.getArray(5))));
        }
      }
    });
  }

  private static void recordFailure(Connection c, long id, int failures, Instant now)
      throws SQLException {
    boolean lock = failures >= MAX_FAILURES;
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE staff_account SET failed_attempts = ?, locked_until = ? WHERE id = ?")) {
      s.setInt(1, lock ? 0 : failures);
      s.setTimestamp(2, lock ? Timestamp.from(now.plus(LOCKOUT)) : null);
      s.setLong(3, id);
      s.executeUpdate();
    }
  }

  private Enrolment enrolment(StaffUser user, byte[] secret) {
    return new Enrolment(user, Totp.uri(ISSUER, user.username(), secret), Base32.encode(secret));
  }

  private byte[] newSecret() {
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    return secret;
  }

  // binds a sealed secret to its account: a secret copied to another row does not open
  private static String aad(String username) {
    return "staff_account.totp_secret:" + username;
  }

  static String normalise(String username) {
    return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
  }

  private static String checkUsername(String username) {
    String name = normalise(username);
    if (!USERNAME.matcher(name).matches()) {
      throw InvalidInput.of("username", username, "is not a valid username",
          "2-63 characters: lower-case letters, digits, '.', '_' or '-'");
    }
    return name;
  }

  static void checkPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      // never echo the password itself
      throw new InvalidInput("password", "password: too short (want at least "
          + MIN_PASSWORD_LENGTH + " characters)");
    }
    if (password.length() > MAX_PASSWORD_LENGTH) {
      throw new InvalidInput("password", "password: too long (want at most "
          + MAX_PASSWORD_LENGTH + " characters)");
    }
  }

  // one body per account: a case is seen by COPA or by the OIG, never by one person for both
  private static void checkRoles(Set<Role> roles) {
    if (roles == null || roles.isEmpty()) {
      throw new InvalidInput("role", "role: none given (want one or more of: "
          + List.of(Role.values()) + ")");
    }
    if (roles.contains(Role.COPA_INVESTIGATOR) && roles.contains(Role.OIG_INVESTIGATOR)) {
      throw new InvalidInput("role", "role: COPA_INVESTIGATOR and OIG_INVESTIGATOR together"
          + " (want one body per account)");
    }
  }

  private static boolean exists(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM staff_account WHERE username = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
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

  private static Array roleArray(Connection c, Set<Role> roles) throws SQLException {
    return c.createArrayOf("text", roles.stream().map(Role::name).sorted().toArray());
  }

  public static Set<Role> roles(Array array) throws SQLException {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (Object name : (Object[]) array.getArray()) {
      roles.add(Role.valueOf((String) name));
    }
    return roles;
  }
}
