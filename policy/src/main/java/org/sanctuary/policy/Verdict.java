package org.sanctuary.policy;

import java.util.List;
import java.util.Objects;

/**
 * What a set of packs says about one request shape, independent of the request's date and id.
 * Verdicts are immutable and shared between decisions.
 */
public record Verdict(Outcome outcome, List<String> inForce, List<Reason> reasons, List<Obligation> obligations) {
  public Verdict {
    Objects.requireNonNull(outcome, "outcome");
    inForce = List.copyOf(inForce);
    reasons = List.copyOf(reasons);
    obligations = List.copyOf(obligations);
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("a verdict needs at least one reason");
    }
  }
}
