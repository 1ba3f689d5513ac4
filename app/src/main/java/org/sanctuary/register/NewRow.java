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
