package org.sanctuary.register;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.sanctuary.policy.Decision;

/**
 * One request ready to be stored with its decision, duties, outcome and ledger index: everything
 * {@link RegisterStore#insertAll} writes for it, already computed.
 */
record NewRow(UUID publicId, String callerRef, Received received, Decision decision, String packs,
    String decisionJson, Instant decidedAt, long ledgerIndex, Recorder recorder, byte[] personRef,
    RegisterOutcome outcome, ReportDuties.Lists lists, List<TaskRow> tasks) {

  /**
   * For a request for assistance on the Attorney General's list, the citations of the rules that
   * decided it ({@code |}-separated), else null.
   */
  String decidedBy() {
    if (!lists.agAssistance()) return null;
    return decision.reasons().stream().filter(r -> r.effect().name().equals(decision.outcome().name()))
        .map(org.sanctuary.policy.Reason::citation).distinct().sorted().collect(java.util.stream.Collectors.joining("|"));
  }

  /** Whether the OEMC notice this request owed is recorded as made (an import may say so). */
  boolean oemcNotified() {
    return tasks.stream().anyMatch(t -> t.doneAt() != null
        && ReportDuties.of(t.pack(), t.rule()) == ReportDuties.OEMC_NOTICE);
  }

  NewRow {
    Objects.requireNonNull(publicId, "publicId");
    Objects.requireNonNull(received, "received");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(recorder, "recorder");
    outcome = outcome == null ? RegisterOutcome.UNKNOWN : outcome;
    tasks = List.copyOf(tasks);
  }

  /** A duty of the request, with its due day; done already when an import says so. */
  record TaskRow(String pack, String rule, String citation, String text, LocalDate dueOn, Instant doneAt) {}
}
