package org.sanctuary.policy.pack;

import java.util.List;
import java.util.Objects;
import org.sanctuary.policy.Effect;

/**
 * One rule of a pack: a cited, paraphrased provision, the condition under which it applies (a CEL
 * expression over the request), and its effect. An exception ({@code PERMIT}) lifts only the deny
 * rules it names in {@code lifts}.
 */
public record Rule(
    String id,
    String citation,
    String text,
    boolean verified,
    String when,
    Effect effect,
    List<String> lifts,
    Integer dueDays,
    int line) {

  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(citation, "citation");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(effect, "effect");
    lifts = List.copyOf(lifts);
  }
}
