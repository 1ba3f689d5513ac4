package org.sanctuary.policy;

import java.time.LocalDate;
import java.util.List;

/**
 * The answer to one federal request: the outcome, the law in force on the request's date, every
 * reason with its citation, and the duties that come with it. {@code requester} is the registry id
 * the requester resolved to, or null when it is unknown (and the request refused).
 */
public record Decision(String requestId, LocalDate asOf, String requester, Verdict verdict) {

  public Outcome outcome() {
    return verdict.outcome();
  }

  public List<String> inForce() {
    return verdict.inForce();
  }

  public List<Reason> reasons() {
    return verdict.reasons();
  }

  public List<Obligation> obligations() {
    return verdict.obligations();
  }
}
