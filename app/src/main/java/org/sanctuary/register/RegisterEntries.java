package org.sanctuary.register;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.sanctuary.ledger.store.LedgerEntry;
import org.sanctuary.policy.Decision;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.Reason;

/**
 * The register's ledger entries, built in one place: codes, ids, hashes and dates only; never a
 * name, a person reference or free text (the requester appears as the registry id it resolved to).
 * Schemas in docs/ledger.md.
 */
final class RegisterEntries {
  private RegisterEntries() {}

  /**
   * {@code decision} (v2): a recorded request, the engine's answer, who recorded it and, when the
   * request came with its outcome (an import), that outcome as in {@link #outcome}.
   */
  static LedgerEntry decision(UUID publicId, Instant at, FederalRequest r, Decision d, List<String> packs, Recorder by,
      RegisterOutcome known) {
    List<String> reasons = new ArrayList<>();
    for (Reason reason : d.reasons()) reasons.add(reason.code());
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("request", publicId.toString());
    f.put("at", at.toString());
    f.put("received", r.received().toString());
    f.put("body", r.receivingAgency().name());
    f.put("requester", d.requester() == null ? "UNKNOWN" : d.requester());
    f.put("kind", r.kind().name());
    f.put("basis", r.basis().name());
    f.put("purpose", r.purpose().name());
    f.put("subject", r.subject().bits());
    f.put("outcome", d.outcome().name());
    f.put("packs", List.copyOf(packs));
    f.put("reasons", reasons);
    f.put("by", by.toString());
    if (known != null && !known.isUnknown()) {
      f.put("disposition", known.disposition() == null ? "NONE" : known.disposition().name());
      f.put("fields", hash(known));
    }
    return LedgerEntry.of("decision", 2, f);
  }

  /**
   * {@code register.outcome}: a request's outcome fields changed. The disposition is a code; the
   * times and the receiving agency are committed to as a SHA-256 of the stored values, so the row
   * can be checked against the log without the log holding them.
   */
  static LedgerEntry outcome(UUID publicId, Instant at, RegisterOutcome o, Recorder by) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("request", publicId.toString());
    f.put("at", at.toString());
    f.put("disposition", o.disposition() == null ? "NONE" : o.disposition().name());
    f.put("fields", hash(o));
    f.put("by", by.toString());
    return LedgerEntry.of("register.outcome", f);
  }

  /** {@code register.task}: a duty of a request was marked done. */
  static LedgerEntry taskDone(UUID publicId, Instant at, String pack, String rule, Recorder by) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("request", publicId.toString());
    f.put("at", at.toString());
    f.put("duty", pack + ":" + rule);
    f.put("by", by.toString());
    return LedgerEntry.of("register.task", f);
  }

  /** SHA-256 (hex) of {@code bail|disposition|dispositionAt|transferredTo}, instants in ISO-8601 UTC. */
  static String hash(RegisterOutcome o) {
    String text = String.join("|", s(o.bailPostedAt()), o.disposition() == null ? "" : o.disposition().name(),
        s(o.dispositionAt()), o.transferredTo() == null ? "" : o.transferredTo());
    try {
      byte[] h = java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(h);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private static String s(Instant i) {
    return i == null ? "" : i.toString();
  }
}
