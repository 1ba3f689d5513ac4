package org.sanctuary.policy;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A calendar duty of a law in force that falls due on a given day (the yearly report to the
 * Attorney General, the yearly review of city forms, the end of detention contracts). Like an
 * {@link Obligation}, it names its pack, rule and citation; unlike one, no request triggers it.
 */
public record DueDuty(String pack, String rule, String citation, String text, boolean verified, LocalDate dueOn) {
  public DueDuty {
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(citation, "citation");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(dueOn, "dueOn");
  }
}
