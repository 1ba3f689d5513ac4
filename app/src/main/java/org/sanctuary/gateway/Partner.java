package org.sanctuary.gateway;

import java.time.Instant;
import java.util.Objects;

/** An agency admitted to query the gateway, with its rate limit and its secret for marks. */
public record Partner(long id, String agencyId, String name, int ratePerSecond, int burst, byte[] markSecret, Instant admittedAt) {
  public Partner {
    Objects.requireNonNull(agencyId, "agencyId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(markSecret, "markSecret");
    if (ratePerSecond < 1 || burst < 1) throw new IllegalArgumentException("rate and burst must be at least 1");
  }
}
