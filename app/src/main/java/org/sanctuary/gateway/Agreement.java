package org.sanctuary.gateway;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.sanctuary.policy.Purpose;

/**
 * A data-sharing agreement: which datasets, for which purposes, between which dates, signed by
 * whom. Every agreement carries the clause forbidding onward disclosure to any agency that
 * enforces civil immigration law; one without it cannot exist.
 */
public record Agreement(
    long id,
    long partnerId,
    List<String> datasets,
    Set<Purpose> purposes,
    LocalDate startsOn,
    LocalDate endsOn,
    boolean noOnwardDisclosure,
    String signedBy) {

  public static final String CLAUSE =
      "The partner shall not disclose any record obtained through the gateway, or anything derived"
          + " from it, to any agency or person enforcing civil immigration law.";

  public Agreement {
    datasets = List.copyOf(datasets);
    purposes = Set.copyOf(purposes);
    Objects.requireNonNull(startsOn, "startsOn");
    Objects.requireNonNull(endsOn, "endsOn");
    Objects.requireNonNull(signedBy, "signedBy");
    if (datasets.isEmpty()) throw new IllegalArgumentException("datasets: want at least one");
    if (purposes.isEmpty()) throw new IllegalArgumentException("purposes: want at least one");
    if (endsOn.isBefore(startsOn)) throw new IllegalArgumentException("endsOn: before startsOn");
    if (!noOnwardDisclosure) throw new IllegalArgumentException("noOnwardDisclosure: the clause is required");
  }

  boolean covers(LocalDate day) {
    return !day.isBefore(startsOn) && !day.isAfter(endsOn);
  }

  /** How staff and refusals cite it. */
  String citation() {
    return "Data-sharing agreement " + id + " (signed by " + signedBy + ", " + startsOn + " to " + endsOn + ")";
  }
}
