package org.sanctuary.cli;

import java.time.LocalDate;
import java.util.stream.Collectors;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.pack.CompiledPack;
import org.sanctuary.policy.pack.Duty;
import org.sanctuary.policy.pack.PolicyPack;
import org.sanctuary.policy.pack.Provision;
import org.sanctuary.policy.pack.Rule;

/** Plain-text views of packs for the command line. */
final class PolicyText {
  private PolicyText() {}

  static String list(Engine engine, LocalDate date) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-32s %-12s %-10s %-10s %-26s %s%n", "PACK", "STATUS", "FROM", "TO", "BINDS",
        "ON " + date));
    for (PolicyPack p : engine.packs()) {
      String on;
      if (!engine.decides(p)) {
        on = p.status() == org.sanctuary.policy.PackStatus.PROPOSED ? "never (proposed)" : "off (local policy)";
      } else {
        on = p.inForceOn(date) ? "IN FORCE" : (date.isBefore(p.from()) ? "not yet" : "ended");
      }
      sb.append(String.format("%-32s %-12s %-10s %-10s %-26s %s%n", p.id(), p.status().label(), p.from(),
          p.to() == null ? "-" : p.to(), p.binds().stream().sorted().map(Body::name).collect(Collectors.joining(",")), on));
    }
    for (Body b : Body.values()) {
      var in = engine.inForce(b, date);
      sb.append(String.format("%nIn force for %s on %s: %s", b, date,
          in.isEmpty() ? "no law" : in.stream().map(PolicyPack::id).collect(Collectors.joining(", "))));
    }
    return sb.toString();
  }

  static String show(CompiledPack cp, Engine engine) {
    PolicyPack p = cp.pack();
    StringBuilder sb = new StringBuilder();
    sb.append(p.title()).append('\n');
    sb.append("id: ").append(p.versionedId()).append("   status: ").append(p.status().label())
        .append(engine.decides(p) ? " (decides)" : " (does not decide)").append('\n');
    sb.append("jurisdiction: ").append(p.jurisdiction()).append("   binds: ")
        .append(p.binds().stream().sorted().map(Body::name).collect(Collectors.joining(", "))).append('\n');
    sb.append("in force: from ").append(p.from()).append(p.to() == null ? " (still in force)" : " until " + p.to())
        .append('\n');
    sb.append("source: ").append(p.source().citation()).append(p.source().verified() ? " [verified]" : " [not verified]")
        .append('\n');
    if (p.source().url() != null) sb.append("        ").append(p.source().url()).append('\n');
    if (p.source().note() != null) sb.append("note: ").append(p.source().note()).append('\n');
    sb.append('\n');
    for (Rule r : p.rules()) {
      sb.append(r.effect().name()).append("  ").append(r.id()).append("  [").append(r.citation()).append(']')
          .append(r.verified() ? "" : " (not verified)").append('\n');
      sb.append("    ").append(r.text()).append('\n');
      sb.append("    when: ").append(r.when().replaceAll("\\s+", " ")).append('\n');
      if (!r.lifts().isEmpty()) sb.append("    lifts: ").append(String.join(", ", r.lifts())).append('\n');
      if (r.dueDays() != null) sb.append("    due within ").append(r.dueDays()).append(" days\n");
    }
    if (p.defaultReason() != null) {
      sb.append("DEFAULT  [").append(p.defaultReason().citation()).append("]\n    ")
          .append(p.defaultReason().text()).append('\n');
    }
    if (!p.provisions().isEmpty()) {
      sb.append("\nOther provisions (they do not decide requests):\n");
      for (Provision pr : p.provisions()) {
        sb.append("  ").append(pr.id()).append("  [").append(pr.citation()).append("]")
            .append(pr.verified() ? "" : " (not verified)").append("\n    ").append(pr.text()).append('\n');
      }
    }
    if (!p.duties().isEmpty()) {
      sb.append("\nDuties on the calendar (no request triggers them):\n");
      for (Duty d : p.duties()) {
        sb.append("  ").append(d.id()).append("  [").append(d.citation()).append("]")
            .append(d.verified() ? "" : " (not verified)")
            .append(d.dueOn() != null ? "  due by " + d.dueOn() : "  due every year by " + d.dueEveryYear().toString().substring(2) + " (MM-DD)")
            .append("\n    ").append(d.text()).append('\n');
      }
    }
    return sb.toString();
  }
}
