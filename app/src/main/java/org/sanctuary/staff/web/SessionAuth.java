package org.sanctuary.staff.web;

import org.sanctuary.staff.*;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.sanctuary.store.Database;
import org.sanctuary.errors.NotPermitted;
import org.sanctuary.errors.SignInRequired;

/**
 * Server-side staff sessions behind the {@code sanctuary_staff} cookie. The cookie holds 32 random
 * bytes; the database holds only their SHA-256. A session ends after 30 minutes idle or 12 hours in
 * all. The CSRF token of a session is derived from its id, so it needs no storage and changes with
 * every sign-in.
 */
public final class SessionAuth implements StaffAuth {
  public static final String COOKIE = "sanctuary_staff";
  public static final String CSRF_FIELD = "csrf";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  public static final Duration IDLE = Duration.ofMinutes(30);
  public static final Duration ABSOLUTE = Duration.ofHours(12);

  private static final String CURRENT = "sanctuary.staff.session";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final Database database;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public SessionAuth(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  private record Current(String id, StaffUser user) {}

  @Override
  public StaffUser require(Context ctx, Role... anyOf) {
    StaffUser user = current(ctx).orElseThrow(SignInRequired::new).user();
    if (anyOf.length == 0) {
      return user;
    }
    for (Role role : anyOf) {
      if (user.has(role)) {
        return user;
      }
    }
    throw new NotPermitted("this needs one of the roles " + java.util.List.of(anyOf));
  }

  @Override
  public void checkCsrf(Context ctx) {
    Current current = current(ctx).orElseThrow(SignInRequired::new);
    String sent = ctx.header(CSRF_HEADER);
    if (sent == null && isForm(ctx)) {
      sent = ctx.formParam(CSRF_FIELD);
    }
    if (!tokensEqual(sent, csrfFor(current.id()))) {
      throw new NotPermitted(CSRF_FIELD,
          "csrf: the form's security token is missing or out of date (reload the page and try again)");
    }
  }

  @Override
  public String csrfToken(Context ctx) {
    return csrfFor(current(ctx).orElseThrow(SignInRequired::new).id());
  }

  /** The signed-in staff member, if any, without refusing. */
  public Optional<StaffUser> signedIn(Context ctx) {
    return current(ctx).map(Current::user);
  }

  /**
   * Starts a new session (a new id every sign-in) and sets its cookie. The browser's earlier
   * session, if any, ends here, so an id known before sign-in is worthless after it.
   */
  void start(Context ctx, StaffUser user) {
    drop(ctx.cookie(COOKIE));
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String id = B64.encodeToString(raw);
    Instant now = clock.instant();
    database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO staff_session (id_hash, staff_id, created_at, last_seen_at, expires_at)"
              + " VALUES (?, ?, ?, ?, ?)")) {
        s.setBytes(1, sha256(id));
        s.setLong(2, user.id());
        s.setTimestamp(3, Timestamp.from(now));
        s.setTimestamp(4, Timestamp.from(now));
        s.setTimestamp(5, Timestamp.from(now.plus(ABSOLUTE)));
        return s.executeUpdate();
      }
    });
    ctx.res().addHeader("Set-Cookie", cookie(ctx, COOKIE, id, false));
    ctx.attribute(CURRENT, new Current(id, user));
  }

  /** Ends the caller's session, if any, and clears its cookie. */
  void end(Context ctx) {
    drop(ctx.cookie(COOKIE));
    ctx.res().addHeader("Set-Cookie", cookie(ctx, COOKIE, "", true));
  }

  private void drop(String id) {
    if (id == null) {
      return;
    }
    database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM staff_session WHERE id_hash = ?")) {
        s.setBytes(1, sha256(id));
        return s.executeUpdate();
      }
    });
  }

  /** A cookie that only this site's own pages send back, never over plain HTTP when we use HTTPS. */
  static String cookie(Context ctx, String name, String value, boolean expire) {
    StringBuilder cookie = new StringBuilder(name).append('=').append(value)
        .append("; Path=/; HttpOnly; SameSite=Strict");
    if (expire) {
      cookie.append("; Max-Age=0");
    }
    if (isHttps(ctx)) {
      cookie.append("; Secure");
    }
    return cookie.toString();
  }

  static boolean isHttps(Context ctx) {
    String forwarded = ctx.header("X-Forwarded-Proto");
    return "https".equalsIgnoreCase(ctx.scheme())
        || (forwarded != null && forwarded.strip().equalsIgnoreCase("https"));
  }

  static boolean tokensEqual(String sent, String expected) {
    return sent != null
        && MessageDigest.isEqual(
            sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private Optional<Current> current(Context ctx) {
    Current cached = ctx.attribute(CURRENT);
    if (cached != null) {
      return Optional.of(cached);
    }
    String id = ctx.cookie(COOKIE);
    if (id == null || !wellFormed(id)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Optional<StaffUser> user = database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE staff_session SET last_seen_at = ? FROM staff_account a"
              + " WHERE id_hash = ? AND a.id = staff_id AND NOT a.disabled"
              + " AND expires_at > ? AND last_seen_at > ?"
              + " RETURNING a.id, a.username, a.roles")) {
        s.setTimestamp(1, Timestamp.from(now));
        s.setBytes(2, sha256(id));
        s.setTimestamp(3, Timestamp.from(now));
        s.setTimestamp(4, Timestamp.from(now.minus(IDLE)));
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next()) {
            return Optional.<StaffUser>empty();
          }
          return Optional.of(
              new StaffUser(rs.getLong(1), rs.getString(2), StaffAccounts.roles(rs.getArray(3))));
        }
      }
    });
    user.ifPresent(u -> ctx.attribute(CURRENT, new Current(id, u)));
    return user.map(u -> new Current(id, u));
  }

  /** Removes sessions that can no longer be used. */
  public int purgeExpired() {
    Instant now = clock.instant();
    return database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM staff_session WHERE expires_at <= ? OR last_seen_at <= ?")) {
        s.setTimestamp(1, Timestamp.from(now));
        s.setTimestamp(2, Timestamp.from(now.minus(IDLE)));
        return s.executeUpdate();
      }
    });
  }

  private static boolean wellFormed(String id) {
    try {
      return B64D.decode(id).length == 32;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String csrfFor(String sessionId) {
    return B64.encodeToString(sha256("csrf:" + sessionId));
  }

  private static boolean isForm(Context ctx) {
    String type = ctx.contentType();
    if (type == null) return false;
    String t = type.toLowerCase(java.util.Locale.ROOT);
    // a file upload's form carries its token as a part of the same name
    return t.startsWith("application/x-www-form-urlencoded") || t.startsWith("multipart/form-data");
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
