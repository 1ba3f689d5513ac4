package org.sanctuary.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sanctuary.policy.Basis;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.Kind;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.Shape;
import org.sanctuary.policy.Verdict;
import org.sanctuary.policy.agency.Facet;
import org.sanctuary.policy.pack.CompiledPack;

/**
 * The engine computes one verdict for all shapes that differ only in what no condition of the
 * packs in force reads. Every such shared verdict must equal the verdict computed for the shape
 * itself, by every pack on its own.
 */
class SharedVerdictsTest {
  private static final int FACET_SETS = 1 << Facet.values().length;

  @Test
  void verdict_sharedAcrossUnreadFacetsAndFacts_equalsTheShapesOwn() {
    SplittableRandom random = new SplittableRandom(12);
    List<String> differ = new ArrayList<>();
    int checked = 0;
    for (LocalDate day : epochDays()) {
      for (Body body : Body.values()) {
        Engine engine = Engine.of(PackTestsTest.PACKS, PackTestsTest.REGISTRY, Set.of());
        List<CompiledPack> packs = inForce(engine, body, day);
        if (packs.isEmpty()) continue;
        // random shapes first, so shared slots get filled by other shapes than the one checked
        for (int n = 0; n < 400; n++) {
          Shape s = new Shape(body, random.nextInt(FACET_SETS), pick(random, Kind.values()),
              pick(random, Basis.values()), pick(random, Purpose.values()), random.nextInt(16));
          Verdict shared = engine.verdict(day, s);
          Verdict own = PackEvaluation.decide(packs, s);
          checked++;
          if (!shared.equals(own)) differ.add(day + " " + s);
        }
      }
    }
    assertThat(checked).isGreaterThan(1000);
    assertThat(differ).isEmpty();
  }

  @Test
  void verdict_packsThatReadTheSubject_keepTheFactsApart() {
    // the 2012 ordinance's carve-outs turn on the subject facts: they must not be shared away
    LocalDate day = LocalDate.of(2013, 6, 1);
    Engine engine = Engine.of(PackTestsTest.PACKS, PackTestsTest.REGISTRY, Set.of());
    List<CompiledPack> packs = inForce(engine, Body.CPD, day);
    assertThat(ConditionReads.of(packs).subject()).isTrue();
    int ice = Facet.FEDERAL.bit() | Facet.DHS.bit() | Facet.ICE.bit() | Facet.IMMIGRATION_AGENT.bit();
    Shape none = new Shape(Body.CPD, ice, Kind.DETAINER, Basis.NONE, Purpose.CIVIL_IMMIGRATION, 0);
    Shape felony = new Shape(Body.CPD, ice, Kind.DETAINER, Basis.NONE, Purpose.CIVIL_IMMIGRATION, 2);
    assertThat(engine.verdict(day, none)).isEqualTo(PackEvaluation.decide(packs, none));
    assertThat(engine.verdict(day, felony)).isEqualTo(PackEvaluation.decide(packs, felony))
        .isNotEqualTo(engine.verdict(day, none));
  }

  @Test
  void facetsNamed_onlyPlainFacetSelects_narrowTheFacets() {
    assertThat(ConditionReads.facetsNamed("kind == 'DETAINER'")).isZero();
    assertThat(ConditionReads.facetsNamed("requester.ice && kind == 'DETAINER'")).isEqualTo(Facet.ICE.bit());
    assertThat(ConditionReads.facetsNamed("requester . federal || !has(requester.dhs)"))
        .isEqualTo(Facet.FEDERAL.bit() | Facet.DHS.bit());
    int all = FACET_SETS - 1;
    assertThat(ConditionReads.facetsNamed("requester.exists(k, requester[k])")).isEqualTo(all);
    assertThat(ConditionReads.facetsNamed("requester['ice']")).isEqualTo(all);
    assertThat(ConditionReads.facetsNamed("size(requester) > 0 && requester.ice")).isEqualTo(all);
  }

  private static List<LocalDate> epochDays() {
    List<LocalDate> days = new ArrayList<>();
    for (CompiledPack cp : PackTestsTest.PACKS) {
      days.add(cp.pack().from());
      if (cp.pack().to() != null) days.add(cp.pack().to());
    }
    days.add(LocalDate.of(2024, 7, 1));
    return days.stream().distinct().sorted().toList();
  }

  private static List<CompiledPack> inForce(Engine engine, Body body, LocalDate day) {
    List<String> ids = engine.inForce(body, day).stream().map(p -> p.id()).toList();
    return ids.stream().map(id -> engine.pack(id).orElseThrow()).toList();
  }

  private static <E> E pick(SplittableRandom random, E[] values) {
    return values[random.nextInt(values.length)];
  }
}
