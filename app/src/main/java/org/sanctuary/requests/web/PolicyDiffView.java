package org.sanctuary.requests.web;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sanctuary.policy.Basis;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.Kind;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.diff.PackDiff;
import org.sanctuary.policy.pack.PolicyPack;
import org.sanctuary.policy.pack.Rule;

/**
 * A comparison of two packs for a reader of the law, not of shape codes: each change says which
 * rule (with its citation and text) decides it, what each version answers, and the requests it
 * touches in plain sentences.
 */
public record PolicyDiffView(PolicyPack a, PolicyPack b, int compared, int differing, List<Change> changes) {

  /** A rule as a reader needs it. */
  public record RuleRef(String pack, String id, String citation, String text) {}

  /** One group of requests answered differently, explained by one rule. */
  public record Change(String answerA, String answerB, RuleRef deciding, boolean decidedByA, List<RuleRef> others,
      int situations, List<String> requests) {}

  private static final Map<Kind, String> KINDS = new EnumMap<>(Kind.class);
  private static final Map<Basis, String> BASES = new EnumMap<>(Basis.class);
  private static final Map<Body, String> BODIES = new EnumMap<>(Body.class);
  private static final Map<String, String[]> FACTS = Map.of(
      "outstandingCriminalWarrant", new String[] {"has an outstanding criminal warrant", "has no outstanding criminal warrant"},
      "felonyConviction", new String[] {"has been convicted of a felony", "has no felony conviction"},
      "pendingFelonyCharge", new String[] {"has a felony charge pending", "has no felony charge pending"},
      "gangDatabase", new String[] {"is listed in a gang database", "is not listed in a gang database"});

  static {
    KINDS.put(Kind.DETAINER, "a detainer (a request to hold a person for immigration agents)");
    KINDS.put(Kind.NOTIFICATION, "a request to be told when a person will be released");
    KINDS.put(Kind.TRANSFER, "a request to hand a person over");
    KINDS.put(Kind.INTERVIEW, "a request to interview a person in custody");
    KINDS.put(Kind.INFORMATION, "a request for information about a person");
    KINDS.put(Kind.DATABASE_ACCESS, "a request for access to police databases");
    KINDS.put(Kind.ASSISTANCE, "a request for help with an enforcement operation");
    BASES.put(Basis.NONE, "with no warrant");
    BASES.put(Basis.ADMINISTRATIVE_WARRANT, "with an administrative (immigration) warrant");
    BASES.put(Basis.JUDICIAL_WARRANT, "with a warrant signed by a judge");
    BODIES.put(Body.CPD, "the Chicago Police Department");
    BODIES.put(Body.COOK_COUNTY_SHERIFF, "the Cook County Sheriff");
    BODIES.put(Body.CITY, "another city department");
    BODIES.put(Body.COOK_COUNTY, "another Cook County office");
    BODIES.put(Body.CITY_CLERK, "the Chicago City Clerk (CityKey)");
  }

  static PolicyDiffView of(PolicyPack a, PolicyPack b, PackDiff.Result r) {
    List<Change> changes = new ArrayList<>();
    for (PackDiff.Group g : r.groups()) {
      boolean byA = g.side().equals("A");
      RuleRef deciding = rule(byA ? a : b, g.rule());
      List<RuleRef> others = new ArrayList<>();
      for (String o : g.otherRules()) others.add(rule(byA ? b : a, o));
      List<String> requests = new ArrayList<>();
      for (PackDiff.Cube c : g.cubes()) requests.add(sentence(c, r.requesterClasses().size()));
      changes.add(new Change(g.outcomeA(), g.outcomeB(), deciding, byA, others, g.shapes(), requests));
    }
    return new PolicyDiffView(a, b, r.shapesCompared(), r.shapesDiffering(), changes);
  }

  private static RuleRef rule(PolicyPack pack, String id) {
    Optional<Rule> found = pack.rules().stream().filter(x -> x.id().equals(id)).findFirst();
    if (found.isPresent()) return new RuleRef(pack.versionedId(), id, found.get().citation(), found.get().text());
    if (pack.defaultReason() != null && ("default".equals(id) || id.equals(pack.id()))) {
      return new RuleRef(pack.versionedId(), id, pack.defaultReason().citation(), pack.defaultReason().text());
    }
    return new RuleRef(pack.versionedId(), id, "", "");
  }

  /** One block of requests in words: what, on what basis, why, about whom, to whom, from whom. */
  static String sentence(PackDiff.Cube c, int requesterClasses) {
    StringBuilder s = new StringBuilder();
    s.append(c.kinds().size() == Kind.values().length ? "Any request" : capital(or(c.kinds().stream().map(KINDS::get).toList())));
    s.append(", ").append(c.bases().size() == Basis.values().length ? "with or without a warrant"
        : or(c.bases().stream().map(BASES::get).toList()));
    s.append(", ").append(c.purposes().size() == Purpose.values().length ? "for any purpose"
        : c.purposes().contains(Purpose.CIVIL_IMMIGRATION) ? "for civil immigration enforcement" : "for a criminal investigation");
    if (c.subjectFacts().isEmpty()) {
      s.append(", about anyone");
    } else {
      List<String> facts = new ArrayList<>();
      for (String f : c.subjectFacts()) {
        boolean not = f.startsWith("not ");
        String[] words = FACTS.get(not ? f.substring(4) : f);
        facts.add(words == null ? f : words[not ? 1 : 0]);
      }
      s.append(", about a person who ").append(String.join(" and ", facts));
    }
    s.append(", received by ").append(c.bodies().size() == Body.values().length ? "any of the city's or county's bodies"
        : or(c.bodies().stream().map(b -> BODIES.getOrDefault(b, b.label())).toList()));
    if (c.requesters().size() == requesterClasses) {
      s.append(", from any agency");
    } else {
      Set<String> agencies = new LinkedHashSet<>();
      for (PackDiff.RequesterClass rc : c.requesters()) agencies.addAll(rc.agencies());
      List<String> list = new ArrayList<>(agencies);
      String names = list.size() <= 8 ? or(list) : String.join(", ", list.subList(0, 8)) + " or " + (list.size() - 8) + " other agencies";
      s.append(", from ").append(names);
    }
    return s.append('.').toString();
  }

  private static String or(List<String> items) {
    if (items.size() <= 1) return String.join("", items);
    return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
  }

  private static String capital(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
