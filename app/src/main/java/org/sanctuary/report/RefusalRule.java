package org.sanctuary.report;

import java.util.Optional;

/**
 * Which rule a gateway refusal is counted under. A look-up's entry lists its rules as {@code
 * pack:rule:effect}; those with effect DENY refused it. Agreement rules carry the agreement's row
 * id, which says nothing to a reader and is dropped: {@code agreement:17:dataset:DENY} counts as
 * {@code agreement:dataset}.
 */
public final class RefusalRule {
  private RefusalRule() {}

  public static Optional<String> of(String code) {
    if (code == null || !code.endsWith(":DENY")) return Optional.empty();
    String rule = code.substring(0, code.length() - ":DENY".length());
    if (rule.startsWith("agreement:")) {
      String[] parts = rule.split(":");
      return Optional.of(parts.length >= 3 ? "agreement:" + parts[parts.length - 1] : rule);
    }
    return Optional.of(rule);
  }
}
