package org.sanctuary.policy.engine;

import org.sanctuary.policy.*;
import org.sanctuary.policy.engine.Engine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sanctuary.policy.agency.Agency;
import org.sanctuary.policy.json.RequestJson;
import org.sanctuary.policy.pack.CompiledPack;

class EngineTest {
  static final Engine ENGINE = Engine.of(PackTestsTest.PACKS, PackTestsTest.REGISTRY, Set.of());

  static Stream<PackCases.Case> cases() {
    return PackCases.read("engine.tests.yaml").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void engineCase_combinesThePacksInForce(PackCases.Case c) {
    Decision d = ENGINE.decide(RequestJson.parse(c.request()));
    assertThat(d.outcome().name()).as("outcome").isEqualTo(c.outcome());
    if (c.inForce() != null) assertThat(d.inForce()).as("in force").containsExactlyElementsOf(c.inForce());
    if (c.rules() != null) {
      assertThat(d.reasons()).extracting(r -> r.pack() + ":" + r.rule()).as("reasons")
          .containsExactlyElementsOf(c.rules());
    }
    if (c.obligations() != null) {
      assertThat(d.obligations()).extracting(o -> o.pack() + ":" + o.rule()).as("obligations")
          .containsExactlyInAnyOrderElementsOf(c.obligations());
    }
    assertThat(d.reasons()).isNotEmpty().allSatisfy(r -> assertThat(r.citation()).isNotBlank());
  }

  private static FederalRequest request(String date, Body body, String requester, Kind kind, Basis basis,
      Purpose purpose) {
    return new FederalRequest(null, LocalDate.parse(date), body, requester, kind, basis, purpose, Subject.NONE);
  }

  @Test
  void decide_unknownRequester_deniesAndNamesIt() {
    Decision d = ENGINE.decide(request("2026-11-22", Body.CPD, "Bureau of Made-Up Things", Kind.INFORMATION,
        Basis.JUDICIAL_WARRANT, Purpose.CRIMINAL));
    assertThat(d.outcome()).isEqualTo(Outcome.DENY);
    assertThat(d.requester()).isNull();
    assertThat(d.reasons()).singleElement().satisfies(r -> {
      assertThat(r.rule()).isEqualTo("unknown-requester");
      assertThat(r.text()).contains("Bureau of Made-Up Things");
    });
  }

  @Test
  void decide_detainerDeclaredCriminal_isDecidedAsCivilInEveryPackAndNotedLast() {
    for (Body body : List.of(Body.CPD, Body.COOK_COUNTY_SHERIFF)) {
      for (String date : List.of("2016-03-01", "2019-07-15", "2024-03-01")) {
        Decision declared = ENGINE.decide(request(date, body, "ERO", Kind.DETAINER, Basis.NONE, Purpose.CRIMINAL));
        Decision civil = ENGINE.decide(request(date, body, "ERO", Kind.DETAINER, Basis.NONE,
            Purpose.CIVIL_IMMIGRATION));
        assertThat(declared.outcome()).as("%s %s", body, date).isEqualTo(Outcome.DENY);
        assertThat(declared.reasons()).as("%s %s", body, date).hasSize(civil.reasons().size() + 1)
            .startsWith(civil.reasons().toArray(Reason[]::new));
        assertThat(declared.reasons().get(declared.reasons().size() - 1)).satisfies(r -> {
          assertThat(r.pack()).isEqualTo(Engine.SANCTUARY);
          assertThat(r.rule()).isEqualTo("civil-instrument");
          assertThat(r.effect()).isEqualTo(Effect.NOTE);
        });
        assertThat(declared.obligations()).isEqualTo(civil.obligations());
      }
    }
  }

  @Test
  void decide_administrativeWarrantDeclaredCriminal_neverPermitsWhatTheCivilRequestWouldNot() {
    List<String> wrong = new ArrayList<>();
    for (Body body : Body.values()) {
      for (Kind kind : Kind.values()) {
        for (String date : List.of("1990-01-01", "2010-01-01", "2016-03-01", "2019-07-15", "2024-03-01")) {
          Decision declared;
          try {
            declared = ENGINE.decide(request(date, body, "ERO", kind, Basis.ADMINISTRATIVE_WARRANT, Purpose.CRIMINAL));
          } catch (InputException e) {
            continue; // no law binds this body on this date
          }
          Decision civil = ENGINE.decide(request(date, body, "ERO", kind, Basis.ADMINISTRATIVE_WARRANT,
              Purpose.CIVIL_IMMIGRATION));
          if (declared.outcome() != civil.outcome()) wrong.add(body + " " + kind + " " + date);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  private static List<String> due(Body body, String from, String to) {
    return ENGINE.dutiesDue(body, LocalDate.parse(from), LocalDate.parse(to)).stream()
        .map(d -> d.dueOn() + " " + d.pack() + ":" + d.rule()).toList();
  }

  @Test
  void dutiesDue_trustAct2021_reportOrCertifyNoneEveryYearFromTheFirstMarchInForce() {
    List<String> due = due(Body.COOK_COUNTY_SHERIFF, "2021-01-01", "2023-12-31");
    assertThat(due).contains("2022-03-01 illinois-trust-act-2021:certify-none",
        "2023-03-01 illinois-trust-act-2021:certify-none", "2022-03-01 illinois-trust-act-2021:report-to-attorney-general");
    assertThat(due).noneMatch(d -> d.startsWith("2021-03-01"));
  }

  @Test
  void dutiesDue_detentionContracts_endOnceByJanuary2022() {
    assertThat(due(Body.COOK_COUNTY_SHERIFF, "2021-12-01", "2022-01-31"))
        .containsExactly("2022-01-01 illinois-trust-act-2021:end-detention-contracts");
    assertThat(due(Body.COOK_COUNTY_SHERIFF, "2023-01-01", "2030-12-31"))
        .noneMatch(d -> d.contains("end-detention-contracts"));
  }

  @Test
  void dutiesDue_chicagoFormReview_everyYearFor2021OnwardAndNotBefore() {
    assertThat(due(Body.CITY, "2020-01-01", "2022-12-31"))
        .containsExactly("2021-12-31 chicago-2021:annual-form-review", "2022-12-31 chicago-2021:annual-form-review");
  }

  @Test
  void dutiesDue_toBeforeFrom_isAnInputError() {
    assertThatThrownBy(() -> ENGINE.dutiesDue(Body.CPD, LocalDate.parse("2022-02-01"), LocalDate.parse("2022-01-01")))
        .isInstanceOf(InputException.class).hasMessageContaining("before");
  }

  @Test
  void decide_dateWithNoLawForTheBody_isAnErrorOnReceived() {
    assertThatThrownBy(() -> ENGINE.decide(request("2010-01-01", Body.COOK_COUNTY_SHERIFF, "ICE", Kind.DETAINER,
        Basis.NONE, Purpose.CIVIL_IMMIGRATION)))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("no law in force for COOK_COUNTY_SHERIFF on 2010-01-01")
        .hasMessageContaining("2011-09-07")
        .satisfies(e -> assertThat(((InputException) e).field()).isEqualTo("received"));
  }

  @Test
  void decide_localPolicyOn_refusesEveryDhsComponentDatabaseAccessForAnyPurpose() {
    Engine strict = Engine.of(PackTestsTest.PACKS, PackTestsTest.REGISTRY, Set.of("chicago-no-dhs-database-access"));
    List<String> permitted = new ArrayList<>();
    for (Agency a : PackTestsTest.REGISTRY.all()) {
      if (!a.isUnder("DHS")) continue;
      for (Purpose p : Purpose.values()) {
        for (Basis b : Basis.values()) {
          Decision d = strict.decide(request("2026-11-22", Body.CPD, a.name(), Kind.DATABASE_ACCESS, b, p));
          if (d.outcome() != Outcome.DENY) permitted.add(a.id() + "/" + p + "/" + b);
        }
      }
    }
    assertThat(permitted).isEmpty();
    Decision fbi = strict.decide(request("2026-11-22", Body.CPD, "FBI", Kind.DATABASE_ACCESS, Basis.NONE, Purpose.CRIMINAL));
    assertThat(fbi.outcome()).isEqualTo(Outcome.PERMIT);
    assertThat(fbi.inForce()).contains("chicago-no-dhs-database-access");
  }

  @Test
  void decide_localPolicyOff_immigrationAgentsRefusedForCivilPurposes_andIceForAny() {
    List<String> wrong = new ArrayList<>();
    for (Agency a : PackTestsTest.REGISTRY.all()) {
      if (!a.isUnder("DHS")) continue;
      boolean enforcer = a.isUnder("ICE") || a.isUnder("CBP") || a.isUnder("USCIS");
      Decision civil = ENGINE.decide(request("2026-11-22", Body.CPD, a.name(), Kind.DATABASE_ACCESS, Basis.NONE,
          Purpose.CIVIL_IMMIGRATION));
      Decision criminal = ENGINE.decide(request("2026-11-22", Body.CPD, a.name(), Kind.DATABASE_ACCESS, Basis.NONE,
          Purpose.CRIMINAL));
      if (civil.outcome() != Outcome.DENY) wrong.add(a.id() + " civil permitted");
      if (a.isUnder("ICE") && criminal.outcome() != Outcome.DENY) wrong.add(a.id() + " criminal permitted");
      if (!enforcer && criminal.outcome() != Outcome.PERMIT) wrong.add(a.id() + " criminal refused");
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void engine_switchingOnAPackThatIsNotLocalPolicy_isRefused() {
    assertThatThrownBy(() -> Engine.of(PackTestsTest.PACKS, PackTestsTest.REGISTRY, Set.of("chicago-draft-eo-2019")))
        .isInstanceOf(InputException.class).hasMessageContaining("proposed, not local-policy");
    assertThatThrownBy(() -> Engine.of(PackTestsTest.PACKS, PackTestsTest.REGISTRY, Set.of("no-such-pack")))
        .isInstanceOf(InputException.class).hasMessageContaining("chicago-no-dhs-database-access");
  }

  /** The memo table must give what evaluating every pack afresh gives, for any shape and date. */
  @Test
  void verdict_fromTable_equalsFreshEvaluation_forRandomShapes() {
    long seed = 20261122L;
    SplittableRandom random = new SplittableRandom(seed);
    LocalDate start = LocalDate.parse("1985-03-07");
    int days = (int) (LocalDate.parse("2027-01-01").toEpochDay() - start.toEpochDay());
    Engine fresh = Engine.of(PackTestsTest.PACKS, PackTestsTest.REGISTRY, Set.of());
    for (int i = 0; i < 3000; i++) {
      LocalDate date = start.plusDays(random.nextInt(days));
      Body body = Body.values()[random.nextInt(3)];
      Shape shape = new Shape(body, random.nextInt(32), Kind.values()[random.nextInt(7)],
          Basis.values()[random.nextInt(3)], Purpose.values()[random.nextInt(2)], random.nextInt(16));
      List<CompiledPack> in = PackTestsTest.PACKS.stream()
          .filter(p -> fresh.decides(p.pack()) && p.pack().binds(body) && p.pack().inForceOn(date))
          .sorted((a, b) -> a.pack().from().equals(b.pack().from()) ? a.id().compareTo(b.id())
              : a.pack().from().compareTo(b.pack().from()))
          .toList();
      if (in.isEmpty()) continue;
      Verdict expected = PackEvaluation.decide(in, shape);
      assertThat(ENGINE.verdict(date, shape)).as("seed %d, %s on %s", seed, shape, date).isEqualTo(expected);
    }
  }

  @Test
  void decide_fromManyThreads_givesTheSameDecisionsAsOneThread() throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    List<FederalRequest> requests = new ArrayList<>();
    String[] requesters = {"ICE", "FBI", "CBP", "HSI", "FEMA", "DEA", "Illinois State Police", "USCIS"};
    for (int i = 0; i < 4000; i++) {
      requests.add(new FederalRequest(null, LocalDate.parse("2017-01-01").plusDays(random.nextInt(3600)),
          random.nextBoolean() ? Body.CPD : Body.COOK_COUNTY_SHERIFF, requesters[random.nextInt(requesters.length)],
          Kind.values()[random.nextInt(7)], Basis.values()[random.nextInt(3)], Purpose.values()[random.nextInt(2)],
          Subject.ofBits(random.nextInt(16))));
    }
    Engine shared = Engine.of(PackTestsTest.PACKS, PackTestsTest.REGISTRY, Set.of());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Decision>>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> requests.stream().map(shared::decide).toList()));
      }
      List<Decision> expected = requests.stream().map(ENGINE::decide).toList();
      for (Future<List<Decision>> f : futures) assertThat(f.get()).isEqualTo(expected);
    } finally {
      pool.shutdownNow();
    }
  }
}
