package org.sanctuary.policy.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.Kind;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.agency.AgencyRegistry;
import org.sanctuary.policy.pack.CompiledPack;
import org.sanctuary.policy.pack.PackLoader;

class PackDiffTest {
  static final List<CompiledPack> PACKS = PackLoader.builtIn();
  static final AgencyRegistry REGISTRY = AgencyRegistry.builtIn();

  static CompiledPack pack(String id) {
    return PACKS.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void compare_samePack_findsNoDifference() {
    PackDiff.Result r = PackDiff.compare(pack("chicago-2021"), pack("chicago-2021"), REGISTRY);
    assertThat(r.groups()).isEmpty();
    assertThat(r.shapesDiffering()).isZero();
    assertThat(DiffText.render(r)).contains("No request shape is decided differently");
  }

  @Test
  void compare_2012With2021_showsWhatTheCarveOutsAllowed() {
    PackDiff.Result r = PackDiff.compare(pack("chicago-wco-2012"), pack("chicago-2021"), REGISTRY);
    assertThat(r.bodies()).containsExactlyInAnyOrder(Body.CPD, Body.CITY, Body.CITY_CLERK);
    for (String carveOut : List.of("carve-out-criminal-warrant", "carve-out-felony-conviction",
        "carve-out-pending-felony", "carve-out-gang-database")) {
      assertThat(r.groups()).as(carveOut).anySatisfy(g -> {
        assertThat(g.side()).isEqualTo("A");
        assertThat(g.outcomeA()).isEqualTo("PERMIT");
        assertThat(g.rule()).isEqualTo(carveOut);
        assertThat(g.outcomeB()).isEqualTo("DENY");
      });
    }
    // an ICE detainer on a person with a felony conviction: permitted in 2012, refused in 2021
    assertThat(r.groups()).anySatisfy(g -> {
      assertThat(g.rule()).isEqualTo("carve-out-felony-conviction");
      assertThat(g.otherRules()).contains("no-detainer-holds");
      assertThat(g.cubes()).anySatisfy(c -> {
        assertThat(c.kinds()).contains(Kind.DETAINER);
        assertThat(c.purposes()).contains(Purpose.CIVIL_IMMIGRATION);
        assertThat(c.subjectFacts()).contains("felonyConviction");
        assertThat(c.requesters()).anySatisfy(rc -> assertThat(rc.agencies()).contains("ICE"));
      });
    });
    assertThat(DiffText.render(r)).contains("A PERMIT by carve-out-felony-conviction  ->  B DENY");
  }

  /**
   * Why chicago-2021 may start on the day of passage: it refuses what 2012 refused, save answers
   * that a judicial warrant compels (2-173-030(a)), which no ordinance could refuse anyway.
   */
  @Test
  void compare_2012With2021_onlyJudicialWarrantDisclosureIsPermittedIn2021AndNotIn2012() {
    PackDiff.Result r = PackDiff.compare(pack("chicago-wco-2012"), pack("chicago-2021"), REGISTRY);
    List<PackDiff.Group> looser = r.groups().stream().filter(g -> g.outcomeA().equals("DENY")).toList();
    assertThat(looser).singleElement().satisfies(g -> {
      assertThat(g.rule()).isEqualTo("no-custody-inquiries");
      assertThat(g.otherRules()).containsExactly("required-by-law");
      assertThat(g.cubes()).allSatisfy(c -> assertThat(c.bases()).containsExactly(org.sanctuary.policy.Basis.JUDICIAL_WARRANT));
    });
  }

  @Test
  void compare_cubesCoverExactlyTheShapesOfTheirGroup() {
    PackDiff.Result r = PackDiff.compare(pack("illinois-trust-act-2017"), pack("illinois-trust-act-2021"), REGISTRY);
    assertThat(r.shapesDiffering()).isPositive();
    assertThat(r.groups().stream().mapToInt(PackDiff.Group::shapes).sum()).isGreaterThanOrEqualTo(r.shapesDiffering());
    for (PackDiff.Group g : r.groups()) {
      assertThat(g.cubes().stream().mapToInt(PackDiff.Cube::shapes).sum()).as("cubes of %s", g).isEqualTo(g.shapes());
    }
  }

  @Test
  void cubes_fold_mergesNeighboursAndKeepsEveryPoint() {
    List<int[]> points = List.of(new int[] {0, 0}, new int[] {0, 1}, new int[] {1, 0}, new int[] {1, 1},
        new int[] {2, 0});
    List<long[]> cubes = Cubes.fold(points);
    long covered = cubes.stream().mapToLong(c -> (long) Long.bitCount(c[0]) * Long.bitCount(c[1])).sum();
    assertThat(covered).isEqualTo(points.size());
    assertThat(cubes).hasSizeLessThanOrEqualTo(2);
  }
}
