package org.sanctuary.bench.policy;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Requester names as they arrive on real requests: mostly ICE and its units, spelt several ways,
 * then other federal, state and county agencies. Every name here is in the built-in registry.
 */
final class Requesters {
  private record Weighted(String name, int weight) {}

  private static final List<Weighted> MIX = List.of(
      new Weighted("ICE", 18),
      new Weighted("U.S. Immigration and Customs Enforcement", 6),
      new Weighted("Immigration and Customs Enforcement", 4),
      new Weighted("I.C.E.", 1),
      new Weighted("ICE ERO", 6),
      new Weighted("Enforcement and Removal Operations", 2),
      new Weighted("HSI", 6),
      new Weighted("Homeland Security Investigations", 3),
      new Weighted("LESC", 2),
      new Weighted("U.S. Border Patrol", 4),
      new Weighted("border patrol", 2),
      new Weighted("CBP", 4),
      new Weighted("Customs & Border Protection", 1),
      new Weighted("USCIS", 2),
      new Weighted("DHS", 2),
      new Weighted("FEMA", 2),
      new Weighted("U.S. Secret Service", 2),
      new Weighted("FBI", 8),
      new Weighted("Federal Bureau of Investigation", 2),
      new Weighted("DEA", 5),
      new Weighted("ATF", 3),
      new Weighted("U.S. Marshals", 4),
      new Weighted("U.S. Marshals Service", 2),
      new Weighted("INS", 1),
      new Weighted("Illinois State Police", 4),
      new Weighted("ISP", 2),
      new Weighted("Cook County Sheriff's Office", 2),
      new Weighted("Cook County State's Attorney", 1));

  private static final int TOTAL = MIX.stream().mapToInt(Weighted::weight).sum();

  private Requesters() {}

  /** The distinct spellings, for tests. */
  static List<String> names() {
    return MIX.stream().map(Weighted::name).toList();
  }

  /**
   * Draws one name. It is a fresh string, as a name parsed off the wire would be, so look-ups
   * cannot succeed on object identity alone.
   */
  static String draw(SplittableRandom random) {
    int ticket = random.nextInt(TOTAL);
    for (Weighted w : MIX) {
      ticket -= w.weight();
      if (ticket < 0) return new String(w.name());
    }
    throw new AssertionError("weights sum to " + TOTAL);
  }
}
