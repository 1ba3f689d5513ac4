package org.sanctuary.policy;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One request from a federal (or other) agency to a city or county body. The requester is kept as
 * the caller wrote it; the agency registry resolves it when the request is decided.
 */
public record FederalRequest(
    String id,
    LocalDate received,
    Body receivingAgency,
    String requester,
    Kind kind,
    Basis basis,
    Purpose purpose,
    Subject subject) {

  public FederalRequest {
    Objects.requireNonNull(received, "received");
    Objects.requireNonNull(receivingAgency, "receivingAgency");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(purpose, "purpose");
    subject = subject == null ? Subject.NONE : subject;
  }
}
