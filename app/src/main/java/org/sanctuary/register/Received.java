package org.sanctuary.register;

import java.util.Objects;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.errors.InvalidInput;

/**
 * A request as the register keeps it: what the engine decides on ({@code request}, whose date is
 * the Chicago day it was received), the time it came in when known, the document it rests on (with
 * the court for a judicial warrant) and, when a city keeps one, a reference to the person (sealed
 * at rest, never in a report or the ledger).
 */
public record Received(FederalRequest request, ChicagoTime.When when, Document document, String court,
    String reference) {
  static final int MAX_TEXT = 200;

  public Received {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(when, "when");
    if (!when.day().equals(request.received())) {
      throw new IllegalArgumentException("received day " + when.day() + " differs from the request's " + request.received());
    }
    court = blankToNull(court);
    reference = blankToNull(reference);
    if (document != null && document.basis() != request.basis()) {
      throw new InvalidInput("document", "document: " + document.code() + " is "
          + describe(document) + " but basis is " + request.basis() + " (want them to agree)");
    }
    if (court != null && document != Document.JUDICIAL_WARRANT) {
      throw new InvalidInput("court", "court: given for a " + (document == null ? "request without a document" : document.code())
          + " (want a court only with a JUDICIAL_WARRANT)");
    }
    if (court != null && court.length() > MAX_TEXT) {
      throw new InvalidInput("court", "court: longer than " + MAX_TEXT + " characters");
    }
    if (reference != null && reference.length() > MAX_TEXT) {
      throw new InvalidInput("reference", "reference: longer than " + MAX_TEXT + " characters");
    }
  }

  private static String describe(Document d) {
    return switch (d.basis()) {
      case ADMINISTRATIVE_WARRANT -> "an administrative form (not signed by a judge)";
      case JUDICIAL_WARRANT -> "a judicial warrant";
      case NONE -> "no document";
    };
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
