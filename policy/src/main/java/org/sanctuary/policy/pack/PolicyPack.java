package org.sanctuary.policy.pack;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.PackStatus;

/**
 * One law, or one version of a law, as data: what it binds, when, and its rules. Effective dates
 * are a half-open range: in force from {@code from} up to but not including {@code to} (open when
 * {@code to} is null). {@code defaultReason} explains a permit when none of the pack's rules apply.
 * {@code duties} are the pack's calendar duties (reports, reviews), which no request triggers.
 */
public record PolicyPack(
    String id,
    int version,
    String title,
    String jurisdiction,
    Set<Body> binds,
    LocalDate from,
    LocalDate to,
    PackStatus status,
    Source source,
    DefaultReason defaultReason,
    List<Rule> rules,
    List<Provision> provisions,
    List<Duty> duties) {

  /** The citation and text given when none of the pack's rules apply to a request. */
  public record DefaultReason(String citation, String text) {}

  public PolicyPack {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(from, "from");
    binds = Set.copyOf(binds);
    rules = List.copyOf(rules);
    provisions = List.copyOf(provisions);
    duties = duties == null ? List.of() : List.copyOf(duties);
  }

  public boolean inForceOn(LocalDate date) {
    return !date.isBefore(from) && (to == null || date.isBefore(to));
  }

  public boolean binds(Body body) {
    return binds.contains(body);
  }

  public Optional<Rule> rule(String ruleId) {
    return rules.stream().filter(r -> r.id().equals(ruleId)).findFirst();
  }

  /** "id@version", as stored with every decision so a replay knows which encoding decided. */
  public String versionedId() {
    return id + "@" + version;
  }
}
