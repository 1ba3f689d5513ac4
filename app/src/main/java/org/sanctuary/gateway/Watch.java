package org.sanctuary.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches each partner against its own past. The baseline is the partner's mean per hour over
 * the 168 whole UTC hours before the one the last hour starts in (each counted once, when first
 * needed, and kept: migration V921); an alert is raised when, in the last hour, its
 * look-ups or the distinct subjects it asked about (distinct parameter hashes) exceed
 * {@value #FACTOR} times that mean and at least {@value #FLOOR}, so a quiet partner's first few
 * look-ups raise nothing.
 */
public final class Watch {
  private static final Logger log = LoggerFactory.getLogger(Watch.class);
  static final int FACTOR = 5;
  static final int FLOOR = 20;
  static final Duration HOUR = Duration.ofHours(1);
  static final Duration BASELINE = Duration.ofDays(7);
  private static final Duration CHECK_EVERY = Duration.ofMinutes(1);

  private final GatewayStore store;
  private final Clock clock;
  private final Executor checks;
  private final ConcurrentHashMap<Long, Instant> lastCheck = new ConcurrentHashMap<>();

  /** Checks on a thread of its own, so that no look-up waits for them. */
  Watch(GatewayStore store, Clock clock) {
    this(store, clock, checkThread());
  }

  Watch(GatewayStore store, Clock clock, Executor checks) {
    this.store = store;
    this.clock = clock;
    this.checks = checks;
  }

  // One daemon thread, gone while idle; a check is at most once a minute a partner, so the queue
  // stays short, and a check that finds it full is dropped (the next minute's is not).
  private static Executor checkThread() {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024),
        r -> {
          Thread t = new Thread(r, "gateway-watch");
          t.setDaemon(true);
          return t;
        },
        (r, p) -> log.warn("gateway watch: too many checks queued; one is skipped"));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** One partner's figures and whether they set off an alert. */
  public record Figures(long partnerId, String agencyId, long lastHour, double hourlyMean, long distinctLastHour,
      double distinctHourlyMean) {
    boolean volumeAlert() {
      return lastHour >= FLOOR && lastHour > FACTOR * hourlyMean;
    }

    boolean distinctAlert() {
      return distinctLastHour >= FLOOR && distinctLastHour > FACTOR * distinctHourlyMean;
    }

    boolean alert() {
      return volumeAlert() || distinctAlert();
    }

    public String describe() {
      List<String> parts = new ArrayList<>();
      if (volumeAlert()) parts.add(String.format("%d look-ups in the last hour against a 7-day mean of %.1f an hour", lastHour, hourlyMean));
      if (distinctAlert()) parts.add(String.format("%d distinct subjects in the last hour against a 7-day mean of %.1f an hour", distinctLastHour, distinctHourlyMean));
      return String.join("; ", parts);
    }
  }

  /**
   * Called after each access: checks the partner at most once a minute and logs an alert. The
   * check reads the partner's last hour of the access log (and counts the hours of the baseline
   * that are not counted yet: all 168 the first time), so it runs on the watch's thread, never the
   * caller's.
   */
  void afterAccess(long partnerId) {
    Instant now = clock.instant();
    Instant last = lastCheck.get(partnerId);
    if (last != null && now.isBefore(last.plus(CHECK_EVERY))) return;
    if (last == null ? lastCheck.putIfAbsent(partnerId, now) != null : !lastCheck.replace(partnerId, last, now)) {
      return; // another look-up of this partner took this minute's check
    }
    checks.execute(() -> check(partnerId, now));
  }

  private void check(long partnerId, Instant now) {
    try {
      for (Figures f : figures(now, partnerId)) {
        if (f.alert()) log.warn("gateway alert: partner {} ({}): {}", f.partnerId(), f.agencyId(), f.describe());
      }
    } catch (RuntimeException e) {
      log.error("gateway watch could not read the access log", e);
    }
  }

  /** Every partner's figures at {@code now} (one partner when {@code partnerId} is not null). */
  List<Figures> figures(Instant now, Long partnerId) {
    Instant hourAgo = now.minus(HOUR);
    // whole hours, so that each is counted once; UTC hours, whatever the database session's time zone
    Instant baseEnd = hourAgo.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    Instant baseStart = baseEnd.minus(BASELINE);
    double hours = BASELINE.toHours();
    List<Figures> out = new ArrayList<>();
    for (GatewayStore.AccessCounts a : store.accessCounts(baseStart, baseEnd, hourAgo, now.plusMillis(1), partnerId)) {
      out.add(new Figures(a.partnerId(), a.agencyId(), a.lastHour(), a.before() / hours,
          a.distinctLastHour(), a.distinctHourlyBefore() / hours));
    }
    return out;
  }

  /** The partners whose figures set off an alert now. */
  List<Figures> alerts() {
    return figures(clock.instant(), null).stream().filter(Figures::alert).toList();
  }
}
