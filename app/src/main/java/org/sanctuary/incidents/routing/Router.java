package org.sanctuary.incidents.routing;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Decides who investigates a report by the routing law in force on the day it was received. Only
 * enacted packs decide; proposed ones (such as the 2026 COPA amendment) can be asked directly for
 * comparison.
 */
public final class Router {
  private final List<RoutingPack> packs;

  public Router(List<RoutingPack> packs) {
    this.packs = List.copyOf(packs);
  }

  /** The packs shipped with Sanctuary. */
  public static Router builtIn() {
    return new Router(RoutingLoader.builtIn());
  }

  public List<RoutingPack> packs() {
    return packs;
  }

  public Optional<RoutingPack> pack(String id) {
    return packs.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** The enacted pack in force on that day; the latest start wins if two overlap. */
  public Optional<RoutingPack> inForce(LocalDate day) {
    RoutingPack best = null;
    for (RoutingPack p : packs) {
      if (p.inForceOn(day) && (best == null || p.from().isAfter(best.from()))) best = p;
    }
    return Optional.ofNullable(best);
  }

  /**
   * Routes a report received on {@code day}.
   *
   * @throws IllegalStateException when no routing law is in force that day; the loader's checks
   *     make every pack total, so this means the packs do not cover the date
   */
  public Route route(LocalDate day, RouteInput input) {
    RoutingPack pack = inForce(day)
        .orElseThrow(() -> new IllegalStateException("no routing pack is in force on " + day));
    return route(pack, input);
  }

  /** Routes a report under one given pack, whatever its status. */
  public static Route route(RoutingPack pack, RouteInput input) {
    RoutingRule rule = pack.match(input)
        .orElseThrow(() -> new IllegalStateException(pack.versionedId() + " does not cover " + input));
    return new Route(rule.routeTo(), pack.versionedId(), rule.id(), rule.citation(), rule.text());
  }
}
