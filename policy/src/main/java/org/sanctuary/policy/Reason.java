package org.sanctuary.policy;

import java.util.List;
import java.util.Objects;

/**
 * Why a decision came out as it did: one rule of one pack. {@code lifts} names the deny rules an
 * exception lifted, so a reader sees both the prohibition and the exception to it.
 */
public record Reason(String pack, String rule, Effect effect, String citation, String text, List<String> lifts) {
  public Reason {
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(effect, "effect");
    if (citation == null || citation.isBlank()) {
      throw new IllegalArgumentException("every reason needs a citation (pack " + pack + ", rule " + rule + ")");
    }
    Objects.requireNonNull(text, "text");
    lifts = lifts == null ? List.of() : List.copyOf(lifts);
  }

  /** {@code pack:rule:EFFECT}: how the ledger and the access log name a reason, everywhere alike. */
  public String code() {
    return pack + ":" + rule + ":" + effect;
  }
}
