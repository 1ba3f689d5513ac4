package org.sanctuary.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sanctuary.ledger.store.LedgerEntry;

/**
 * The public record of a decision, ledger entry type {@code decision}: codes, ids and pack
 * versions; no names, no free text. Built from a fresh decision or from a stored row (recovery),
 * always the same way, so both give the same bytes.
 *
 * @param request the request's public id
 * @param at when it was decided (microseconds, as stored)
 * @param reasons {@code pack:rule:effect} for each reason
 */
record DecisionEntry(String request, Instant at, LocalDate received, String body, String requester,
    String kind, String basis, String purpose, int subject, String outcome, List<String> packs,
    List<String> reasons) {

  DecisionEntry {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(at, "at");
    requester = requester == null ? "UNKNOWN" : requester;
    packs = List.copyOf(packs);
    reasons = List.copyOf(reasons);
  }

  LedgerEntry toLedgerEntry() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("request", request);
    f.put("at", at.toString());
    f.put("received", received.toString());
    f.put("body", body);
    f.put("requester", requester);
    f.put("kind", kind);
    f.put("basis", basis);
    f.put("purpose", purpose);
    f.put("subject", subject);
    f.put("outcome", outcome);
    f.put("packs", packs);
    f.put("reasons", reasons);
    return LedgerEntry.of("decision", f);
  }
}
