package org.sanctuary.bench.policy;

import java.time.LocalDate;
import java.util.List;
import org.sanctuary.policy.Obligation;
import org.sanctuary.policy.Outcome;
import org.sanctuary.policy.Reason;

/**
 * The hand-written floor's answer: the outcome, every reason with its citation, and the duties.
 * The lists are built for this answer alone and not copied again: the floor should cost one result
 * and its lists, nothing more.
 */
public record FloorDecision(
    String requestId,
    LocalDate asOf,
    String requester,
    Outcome outcome,
    List<Reason> reasons,
    List<Obligation> obligations) {}
