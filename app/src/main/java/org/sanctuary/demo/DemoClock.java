package org.sanctuary.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock each worker thread sets to the moment of the record it is writing, so the services stamp
 * a synthetic request, report or look-up with its time in the demo year. Unset, it is the real
 * clock.
 */
final class DemoClock extends Clock {
  private final ThreadLocal<Instant> now = new ThreadLocal<>();
  private final Clock real;

  DemoClock(Clock real) {
    this.real = real;
  }

  void set(Instant instant) {
    now.set(instant);
  }

  void clear() {
    now.remove();
  }

  @Override
  public Instant instant() {
    Instant set = now.get();
    return set == null ? real.instant() : set;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.fixed(instant(), zone); // callers of withZone read one instant, e.g. today's date
  }
}
