package org.sanctuary.policy.engine;

import org.sanctuary.policy.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sanctuary.policy.pack.CompiledPack;
import org.sanctuary.policy.pack.Conditions;
import org.sanctuary.policy.pack.PolicyPack;
import org.sanctuary.policy.pack.Rule;

/**
 * What one pack says about one request shape: the deny rules that stand, the exceptions that
 * lifted deny rules (each with the rules it lifted), and the obligations that apply.
 *
 * <p>A condition that cannot be evaluated fails closed: a deny rule or an obligation is taken to
 * apply, an exception is taken not to.
 */
public record PackEvaluation(PolicyPack pack, List<Rule> denies, List<Lift> exceptions, List<Rule> obligations) {

  /** An exception that applied, and the deny rules it lifted. */
  public record Lift(Rule rule, List<String> lifted) {}

  public Outcome outcome() {
    return denies.isEmpty() ? Outcome.PERMIT : Outcome.DENY;
  }

  /** The rule ids that decide this pack's outcome, or "default" when none of its rules applied. */
  public List<String> decidingRules() {
    List<String> out = new ArrayList<>();
    if (!denies.isEmpty()) {
      denies.forEach(r -> out.add(r.id()));
    } else if (!exceptions.isEmpty()) {
      exceptions.forEach(e -> out.add(e.rule().id()));
    } else {
      out.add("default");
    }
    return out;
  }

  /**
   * Evaluates one pack on one shape. Every pack sees {@link Shape#asEvaluated()}: a request resting
   * on a civil immigration instrument is civil whatever purpose it declares, for every pack alike.
   */
  public static PackEvaluation of(CompiledPack cp, Shape declared) {
    Shape shape = declared.asEvaluated();
    Map<String, Object> vars = Conditions.variables(shape.body(), shape.facets(), shape.kind(), shape.basis(),
        shape.purpose(), shape.subjectBits());
    List<Rule> rules = cp.pack().rules();
    List<Rule> denies = new ArrayList<>();
    List<Rule> permits = new ArrayList<>();
    List<Rule> obligations = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      Rule r = rules.get(i);
      boolean applies;
      try {
        applies = cp.conditions().get(i).test(vars);
      } catch (IllegalStateException e) {
        applies = r.effect() != Effect.PERMIT;
      }
      if (!applies) continue;
      switch (r.effect()) {
        case DENY -> denies.add(r);
        case PERMIT -> permits.add(r);
        case OBLIGATION -> obligations.add(r);
        case NOTE -> throw new IllegalStateException("rule " + r.id() + ": a pack rule cannot be a note");
      }
    }
    List<Rule> standing = new ArrayList<>();
    List<Lift> exceptions = new ArrayList<>();
    for (Rule p : permits) {
      List<String> lifted = new ArrayList<>();
      for (Rule d : denies) {
        if (p.lifts().contains(d.id())) lifted.add(d.id());
      }
      if (!lifted.isEmpty()) exceptions.add(new Lift(p, List.copyOf(lifted)));
    }
    for (Rule d : denies) {
      boolean lifted = exceptions.stream().anyMatch(e -> e.lifted().contains(d.id()));
      if (!lifted) standing.add(d);
    }
    return new PackEvaluation(cp.pack(), List.copyOf(standing), List.copyOf(exceptions), List.copyOf(obligations));
  }

  Reason denyReason(Rule r) {
    return new Reason(pack.id(), r.id(), Effect.DENY, r.citation(), r.text(), List.of());
  }

  Reason exceptionReason(Lift e) {
    return new Reason(pack.id(), e.rule().id(), Effect.PERMIT, e.rule().citation(), e.rule().text(), e.lifted());
  }

  Obligation obligation(Rule r) {
    return new Obligation(pack.id(), r.id(), r.citation(), r.text(), r.dueDays());
  }

  /**
   * The verdict of the packs in force on one shape: their evaluations combined, and, when the
   * declared purpose was overridden, a note saying so after the reasons.
   */
  static Verdict decide(List<CompiledPack> packs, Shape shape) {
    List<PackEvaluation> evaluations = new ArrayList<>(packs.size());
    for (CompiledPack cp : packs) evaluations.add(of(cp, shape));
    Verdict v = combine(evaluations);
    if (!shape.purposeOverridden()) return v;
    List<Reason> reasons = new ArrayList<>(v.reasons());
    reasons.add(CIVIL_INSTRUMENT);
    return new Verdict(v.outcome(), v.inForce(), reasons, v.obligations());
  }

  /** The note added to a decision whose declared purpose the instrument contradicts. */
  static final Reason CIVIL_INSTRUMENT = new Reason(Engine.SANCTUARY, "civil-instrument", Effect.NOTE,
      "5 ILCS 805/10; CPD Special Order S06-14-03; docs/decisions.md (the instrument decides the purpose)",
      "The request rests on an administrative warrant or a detainer no judge signed, which is a civil "
          + "immigration instrument whatever purpose is declared; it was decided as CIVIL_IMMIGRATION.",
      List.of());

  /** Combines the evaluations of the packs in force: deny overrides. */
  static Verdict combine(List<PackEvaluation> evaluations) {
    List<Reason> denies = new ArrayList<>();
    List<Reason> permits = new ArrayList<>();
    List<Obligation> obligations = new ArrayList<>();
    List<String> inForce = new ArrayList<>();
    for (PackEvaluation e : evaluations) {
      inForce.add(e.pack().id());
      e.denies().forEach(r -> denies.add(e.denyReason(r)));
      e.exceptions().forEach(x -> permits.add(e.exceptionReason(x)));
      e.obligations().forEach(r -> obligations.add(e.obligation(r)));
    }
    if (!denies.isEmpty()) {
      List<Reason> reasons = new ArrayList<>(denies);
      reasons.addAll(permits); // shows what an exception allowed before a stricter law overrode it
      return new Verdict(Outcome.DENY, inForce, reasons, obligations);
    }
    for (PackEvaluation e : evaluations) {
      PolicyPack.DefaultReason d = e.pack().defaultReason();
      if (e.exceptions().isEmpty() && d != null) {
        permits.add(new Reason(e.pack().id(), "default", Effect.PERMIT, d.citation(), d.text(), List.of()));
      }
    }
    return new Verdict(Outcome.PERMIT, inForce, permits, obligations);
  }
}
