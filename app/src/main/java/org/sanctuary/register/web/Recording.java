package org.sanctuary.register.web;

import org.sanctuary.web.ClientAddress;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.sanctuary.errors.CredentialRejected;
import org.sanctuary.errors.RateLimited;
import org.sanctuary.limits.Buckets;
import org.sanctuary.limits.ClientLimit;
import org.sanctuary.limits.TokenBuckets;
import org.sanctuary.register.Recorder;
import org.sanctuary.register.RecordsTokens;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.web.StaffAuth;
import org.sanctuary.staff.StaffUser;

/**
 * Who may record a received request through {@code POST /api/v1/decisions}: a records system
 * presenting a live token ({@code Authorization: Bearer ...}), or a signed-in records clerk (whose
 * call must carry the session's CSRF token). Anyone else is asking what the law says: a trial,
 * answered the same way, never stored, rate limited per client address.
 */
public final class Recording {
  /** Trials a client address may ask at once, and how often one more after that. */
  public static final int TRIAL_BURST = 60;
  public static final Duration TRIAL_EVERY = Duration.ofSeconds(1);

  private final RecordsTokens tokens;
  private final Function<Context, Optional<StaffUser>> signedIn;
  private final StaffAuth auth;
  private final ClientLimit trials;

  public Recording(RecordsTokens tokens, Function<Context, Optional<StaffUser>> signedIn, StaffAuth auth,
      ClientLimit trials) {
    this.tokens = tokens;
    this.signedIn = signedIn;
    this.auth = auth;
    this.trials = trials;
  }

  /** The default trial limit, kept in this process. */
  public static ClientLimit defaultTrialLimit(Clock clock) {
    return new ClientLimit(clock, TRIAL_BURST, TRIAL_EVERY);
  }

  /** The default trial limit, kept in {@code buckets}. */
  public static ClientLimit defaultTrialLimit(Buckets buckets) {
    return new ClientLimit(buckets, "decisions.trial", TokenBuckets.Rate.oneEvery(TRIAL_BURST, TRIAL_EVERY));
  }

  /**
   * Who records this call, or empty for a trial. A token that is presented must be live: a wrong,
   * malformed or revoked one is refused (401), never taken as a trial.
   */
  public Optional<Recorder> recorder(Context ctx) {
    String authorization = ctx.header("Authorization");
    if (authorization != null) {
      if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw new CredentialRejected("Authorization: want \"Bearer\" and a records-system token");
      }
      return Optional.of(tokens.check(authorization.substring(7).strip())
          .orElseThrow(() -> new CredentialRejected("Authorization: the token is unknown or revoked")));
    }
    Optional<StaffUser> user = signedIn.apply(ctx);
    if (user.isPresent() && user.get().has(Role.RECORDS_CLERK)) {
      auth.checkCsrf(ctx);
      return Optional.of(Recorder.staff(user.get().id()));
    }
    return Optional.empty();
  }

  /** Tells the tokens that {@code by}'s token was refused when its request was stored. */
  public void refused(Recorder by) {
    tokens.forget(by);
  }

  /** Refuses (429) a trial over the client address's limit. */
  public void limitTrial(Context ctx) {
    if (!trials.tryAcquire(ClientAddress.forLimits(ctx))) {
      throw new RateLimited("too many trial decisions from this address; try again shortly, or record with a"
          + " records-system token", trials.retryAfterSeconds());
    }
  }
}
