package org.sanctuary.staff.web;

import org.sanctuary.limits.Buckets;
import org.sanctuary.limits.ClientLimit;
import org.sanctuary.limits.TokenBuckets;
import org.sanctuary.staff.*;

import java.time.Clock;
import java.time.Duration;
import org.sanctuary.store.Database;
import org.sanctuary.web.Routes;

/**
 * The staff part, built once: the accounts, the one {@link StaffAuth} every staff page and API
 * shares, and the sign-in routes.
 */
public final class Staff {
  /** Sign-in attempts allowed per client address in each {@link #THROTTLE_WINDOW}. */
  public static final int THROTTLE_LIMIT = 20;
  public static final Duration THROTTLE_WINDOW = Duration.ofMinutes(10);

  private final StaffAccounts accounts;
  private final SessionAuth auth;
  private final Routes routes;

  private Staff(StaffAccounts accounts, SessionAuth auth, ClientLimit throttle) {
    this.accounts = accounts;
    this.auth = auth;
    this.routes = new StaffRoutes(new StaffController(accounts, auth, throttle));
  }

  public static Staff create(Database database, SecretBox box, PasswordHasher hasher, Clock clock) {
    return create(database, box, hasher, clock, THROTTLE_LIMIT);
  }

  public static Staff create(
      Database database, SecretBox box, PasswordHasher hasher, Clock clock, int throttleLimit) {
    return new Staff(new StaffAccounts(database, box, hasher, clock),
        new SessionAuth(database, clock), new ClientLimit(clock, throttle(throttleLimit)));
  }

  /** As above, the sign-in throttle kept in {@code buckets}. */
  public static Staff create(Database database, SecretBox box, PasswordHasher hasher, Clock clock, Buckets buckets) {
    return new Staff(new StaffAccounts(database, box, hasher, clock),
        new SessionAuth(database, clock), new ClientLimit(buckets, "staff.sign-in", throttle(THROTTLE_LIMIT)));
  }

  private static TokenBuckets.Rate throttle(int limit) {
    return new TokenBuckets.Rate(limit, limit, THROTTLE_WINDOW);
  }

  public StaffAccounts accounts() {
    return accounts;
  }

  /** The one instance staff pages and staff APIs check callers with. */
  public SessionAuth auth() {
    return auth;
  }

  public Routes routes() {
    return routes;
  }
}
