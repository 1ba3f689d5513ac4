package org.sanctuary.staff.web;

import org.sanctuary.staff.Role;
import org.sanctuary.staff.StaffStore;
import org.sanctuary.staff.StaffUser;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.sanctuary.store.Database;
import org.sanctuary.errors.NotPermitted;
import org.sanctuary.errors.SignInRequired;
import org.sanctuary.labels.RoleLabels;
import org.sanctuary.web.StaffBar;

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

  private final StaffStore store;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public SessionAuth(Database database, Clock clock) {
    this.store = new StaffStore(database);
    this.clock = clock;
  }

  private record Current(String id, StaffUser user) {}

  @Override
  public StaffUser require(Context ctx, Role... anyOf) {
    Current current = current(ctx).orElseThrow(SignInRequired::new);
    StaffUser user = current.user();
    // an error page met from here on keeps the staff bar (signed in as, sign out)
    StaffBar bar = new StaffBar(user.username(), csrfFor(current.id()), null);
    bar.attachTo(ctx);
    if (anyOf.length == 0) {
      return user;
    }
    for (Role role : anyOf) {
      if (user.has(role)) {
        return user;
      }
    }
    String why = "This page is open to: " + RoleLabels.anyOf(java.util.List.of(anyOf)) + ". You are signed in as "
        + user.username() + " (" + RoleLabels.allOf(user.roles()) + ").";
    bar.refusedByRole(why).attachTo(ctx);
    throw new NotPermitted("your role cannot use this: it needs one of the roles "
        + java.util.Arrays.stream(anyOf).map(Role::name).sorted().toList());
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
    store.startSession(sha256(id), user.id(), now, now.plus(ABSOLUTE));
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
    store.endSession(sha256(id));
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

  // the server's configuration says so, never a header a client can send (see web.Tls)
  static boolean isHttps(Context ctx) {
    return org.sanctuary.web.Tls.isHttps(ctx);
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
    Optional<StaffUser> user = store.touchSession(sha256(id), now, now.minus(IDLE));
    user.ifPresent(u -> ctx.attribute(CURRENT, new Current(id, u)));
    return user.map(u -> new Current(id, u));
  }

  /** Removes sessions that can no longer be used. */
  public int purgeExpired() {
    Instant now = clock.instant();
    return store.purgeSessions(now, now.minus(IDLE));
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
