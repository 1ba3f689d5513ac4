package org.sanctuary.cli;

import org.sanctuary.policy.Decision;
import org.sanctuary.policy.Obligation;
import org.sanctuary.policy.Outcome;
import org.sanctuary.policy.Reason;

/** A decision in words, for a person at a terminal ({@code decide --format text}). */
final class DecisionText {
  private DecisionText() {}

  static String write(Decision d) {
    StringBuilder s = new StringBuilder();
    s.append(d.requestId() == null ? "request" : d.requestId()).append(": ").append(d.outcome())
        .append(" (law in force on ").append(d.asOf()).append(": ").append(String.join(", ", d.inForce()))
        .append(")\n");
    s.append(d.outcome() == Outcome.PERMIT
        ? "  PERMIT means the law allows this; it does not mean it must be done.\n"
        : "  DENY means the law does not allow this.\n");
    s.append("  requester: ").append(d.requester() == null ? "not in the agency registry" : d.requester()).append('\n');
    for (Reason r : d.reasons()) {
      s.append("  ").append(r.effect()).append(' ').append(r.pack()).append(" / ").append(r.rule())
          .append(" [").append(r.citation()).append("]: ").append(r.text()).append('\n');
    }
    for (Obligation o : d.obligations()) {
      s.append("  duty: ").append(o.pack()).append(" / ").append(o.rule()).append('\n');
    }
    return s.toString().stripTrailing();
  }
}
