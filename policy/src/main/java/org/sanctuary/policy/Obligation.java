package org.sanctuary.policy;

import java.util.Objects;

/** A duty that comes with a decision, such as logging a detainer for the quarterly report. */
public record Obligation(String pack, String rule, String citation, String text, Integer dueDays) {
  public Obligation {
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(citation, "citation");
    Objects.requireNonNull(text, "text");
    if (dueDays != null && dueDays < 0) {
      throw new IllegalArgumentException("dueDays must not be negative: " + dueDays);
    }
  }
}
