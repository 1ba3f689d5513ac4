package org.sanctuary.policy.engine;

import org.sanctuary.policy.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sanctuary.policy.agency.AgencyRegistry;
import org.sanctuary.policy.json.RequestJson;
import org.sanctuary.policy.pack.CompiledPack;
import org.sanctuary.policy.pack.PackLoader;
import org.sanctuary.policy.pack.PolicyPack;
import org.sanctuary.policy.pack.Rule;

/**
 * Runs every pack's tests file: each case is decided by that pack alone, and its outcome, deciding
 * rules and obligations are checked. A second test checks the files cover every rule and both
 * sides of every effective date.
 */
class PackTestsTest {
  static final List<CompiledPack> PACKS = PackLoader.builtIn();
  static final AgencyRegistry REGISTRY = AgencyRegistry.builtIn();

  static Stream<PackCases.Case> cases() {
    return PACKS.stream().flatMap(p -> PackCases.read("packs/" + p.id() + ".tests.yaml").stream());
  }

  /** What one pack alone says about a request: NOT_IN_FORCE, or its evaluation. */
  record Result(String outcome, List<String> rules, List<String> obligations) {}

  static Result alone(CompiledPack cp, FederalRequest r) {
    PolicyPack p = cp.pack();
    if (!p.inForceOn(r.received()) || !p.binds(r.receivingAgency())) {
      return new Result("NOT_IN_FORCE", List.of(), List.of());
    }
    int facets = REGISTRY.resolve(r.requester())
        .orElseThrow(() -> new AssertionError("tests use known requesters: " + r.requester()))
        .facetMask();
    PackEvaluation e = PackEvaluation.of(cp,
        new Shape(r.receivingAgency(), facets, r.kind(), r.basis(), r.purpose(), r.subject().bits()));
    return new Result(e.outcome().name(), e.decidingRules(), e.obligations().stream().map(Rule::id).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void packCase_decidesAsTheLawSays(PackCases.Case c) {
    CompiledPack cp = PACKS.stream().filter(p -> p.id().equals(PackCases.pack(c.file()))).findFirst().orElseThrow();
    Result r = alone(cp, RequestJson.parse(c.request()));
    assertThat(r.outcome()).as("outcome").isEqualTo(c.outcome());
    if (c.rules() != null) assertThat(r.rules()).as("deciding rules").containsExactlyInAnyOrderElementsOf(c.rules());
    if (c.obligations() != null) {
      assertThat(r.obligations()).as("obligations").containsExactlyInAnyOrderElementsOf(c.obligations());
    }
  }

  @Test
  void testsFiles_coverEveryRuleAndBothSidesOfEveryDate() {
    List<String> gaps = new ArrayList<>();
    for (CompiledPack cp : PACKS) {
      PolicyPack p = cp.pack();
      List<PackCases.Case> cases = PackCases.read("packs/" + p.id() + ".tests.yaml");
      Set<String> named = new HashSet<>();
      Set<LocalDate> inForceDays = new HashSet<>();
      Set<LocalDate> outDays = new HashSet<>();
      for (PackCases.Case c : cases) {
        if (c.rules() != null) named.addAll(c.rules());
        if (c.obligations() != null) named.addAll(c.obligations());
        LocalDate d = LocalDate.parse(c.request().get("received").asText());
        (c.outcome().equals("NOT_IN_FORCE") ? outDays : inForceDays).add(d);
      }
      for (Rule rule : p.rules()) {
        if (!named.contains(rule.id())) gaps.add(p.id() + ": no case decided by rule " + rule.id());
      }
      if (p.defaultReason() != null && !named.contains("default")) gaps.add(p.id() + ": no case for the default");
      if (!inForceDays.contains(p.from())) gaps.add(p.id() + ": no case on its first day " + p.from());
      if (!outDays.contains(p.from().minusDays(1))) gaps.add(p.id() + ": no case the day before " + p.from());
      if (p.to() != null) {
        if (!inForceDays.contains(p.to().minusDays(1))) gaps.add(p.id() + ": no case on its last day");
        if (!outDays.contains(p.to())) gaps.add(p.id() + ": no case on " + p.to() + ", when it no longer applies");
      }
    }
    assertThat(gaps).isEmpty();
  }
}
