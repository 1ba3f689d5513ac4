package org.sanctuary.register;

import java.time.Instant;
import org.sanctuary.errors.InvalidInput;

/**
 * What was done with the person a request named, as the reports ask it: when bail was posted,
 * whether they were released or transferred and when, and to which agency. Every field may be
 * empty while the outcome is not known yet. Field names in errors are those of the CSV and forms.
 */
public record RegisterOutcome(Instant bailPostedAt, Disposition disposition, Instant dispositionAt,
    String transferredTo) {
  public static final RegisterOutcome UNKNOWN = new RegisterOutcome(null, null, null, null);
  static final int MAX_AGENCY = 200;

  public RegisterOutcome {
    transferredTo = transferredTo == null || transferredTo.isBlank() ? null : transferredTo.strip();
    if (dispositionAt != null && disposition == null) {
      throw new InvalidInput("disposition", "disposition: empty while disposition_at is given"
          + " (want RELEASED, TRANSFERRED, REMAINS_IN_CUSTODY or NOT_IN_CUSTODY)");
    }
    if (transferredTo != null && disposition != Disposition.TRANSFERRED) {
      throw new InvalidInput("transferred_to", "transferred_to: \"" + ChicagoTime.clip(transferredTo)
          + "\" given while the disposition is " + (disposition == null ? "empty" : disposition)
          + " (want it empty unless TRANSFERRED)");
    }
    if (transferredTo != null && transferredTo.length() > MAX_AGENCY) {
      throw new InvalidInput("transferred_to", "transferred_to: longer than " + MAX_AGENCY + " characters");
    }
    if (disposition == Disposition.TRANSFERRED && transferredTo == null) {
      throw new InvalidInput("transferred_to", "transferred_to: empty while the disposition is TRANSFERRED"
          + " (want the receiving agency, e.g. ICE)");
    }
  }

  /** Refuses times that come before the request was received (a typo in the year, usually). */
  public void checkAfter(ChicagoTime.When received) {
    Instant from = received.at() != null ? received.at() : received.day().atStartOfDay(ChicagoTime.ZONE).toInstant();
    if (bailPostedAt != null && bailPostedAt.isBefore(from)) {
      throw new InvalidInput("bail_posted_at", "bail_posted_at: " + ChicagoTime.show(bailPostedAt)
          + " is before the request was received (" + received.shown() + ")");
    }
    if (dispositionAt != null && dispositionAt.isBefore(from)) {
      throw new InvalidInput("disposition_at", "disposition_at: " + ChicagoTime.show(dispositionAt)
          + " is before the request was received (" + received.shown() + ")");
    }
  }

  public boolean isUnknown() {
    return bailPostedAt == null && disposition == null && dispositionAt == null && transferredTo == null;
  }
}
