package org.sanctuary.staff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits sign-in attempts per client address (fixed windows, in memory), so one address cannot
 * try many accounts while staying under each account's lockout. Several nodes each keep their
 * own count; the per-account lockout in the database holds across them.
 */
public final class AttemptThrottle {
  private static final int MAX_TRACKED = 10_000;

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  private record Window(Instant start, int count) {}

public   AttemptThrottle(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  /** Counts one attempt from {@code address}; false when it is over the limit. */
  public boolean tryAcquire(String address) {
    Instant now = clock.instant();
    if (windows.size() > MAX_TRACKED) {
      windows.values().removeIf(w -> !w.start().plus(window).isAfter(now));
    }
    Window after = windows.compute(address, (key, w) ->
        w == null || !w.start().plus(window).isAfter(now)
            ? new Window(now, 1)
            : new Window(w.start(), w.count() + 1));
    return after.count() <= limit;
  }
}
