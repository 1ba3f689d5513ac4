package org.sanctuary.incidents.routing;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sanctuary.policy.PackStatus;

/**
 * One version of the law on who investigates a report: dated, cited, and ordered rules of which
 * the first that applies decides. A pack covers every report (the loader checks it), so routing
 * never falls through.
 */
public record RoutingPack(
    String id,
    int version,
    String title,
    PackStatus status,
    LocalDate from,
    LocalDate until,
    String citation,
    String url,
    boolean verified,
    List<RoutingRule> rules) {

  public RoutingPack {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(from, "from");
    rules = List.copyOf(rules);
  }

  /** {@code id@version}, as stored with each report. */
  public String versionedId() {
    return id + "@" + version;
  }

  /** Whether the pack is law on that day (an enacted pack whose dates include it). */
  public boolean inForceOn(LocalDate day) {
    return status == PackStatus.ENACTED && !day.isBefore(from) && (until == null || !day.isAfter(until));
  }

  /** The first rule that applies to the report, if any. */
  public Optional<RoutingRule> match(RouteInput input) {
    var variables = input.variables();
    for (RoutingRule rule : rules) {
      if (rule.applies(variables)) return Optional.of(rule);
    }
    return Optional.empty();
  }
}
