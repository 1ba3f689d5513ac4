package org.sanctuary.register;

import java.util.List;

/**
 * CPD's quarterly compliance report (MCC 2-173-069(a)): one item per immigration detainer or
 * administrative warrant received in the quarter (the day received, whether the person was
 * transferred to a federal agency, and which), and the number of OEMC notifications made. No
 * person appears in it. {@code synthetic}: it counts requests made up by demo-data.
 */
public record CpdQuarterly(int year, int quarter, List<Item> items, long received, long transferred,
    long oemcNotifications, long oemcOwed, Checkpoint checkpoint, boolean synthetic) {

  public CpdQuarterly {
    if (quarter < 1 || quarter > 4) throw new IllegalArgumentException("quarter: " + quarter);
    items = List.copyOf(items);
  }

  /** {@code received}: the Chicago date-time (or day) received; {@code agency}: where transferred. */
  public record Item(String received, boolean transferred, String agency) {}
}
