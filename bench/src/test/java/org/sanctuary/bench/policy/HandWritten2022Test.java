package org.sanctuary.bench.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanctuary.policy.Basis;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.Decision;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.Kind;
import org.sanctuary.policy.Obligation;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.Reason;
import org.sanctuary.policy.Subject;

/** The floor is only a floor if it decides exactly as the engine does. */
class HandWritten2022Test {
  private static final HandWritten2022 FLOOR = new HandWritten2022(Fixtures.REGISTRY);

  @Test
  void packsInForce_throughout2022_areTheOnesWrittenOut() {
    for (LocalDate day : List.of(LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31))) {
      assertThat(Fixtures.ENGINE.inForceIds(Body.CPD, day)).containsExactly(Reasons2022.CPD19,
          Reasons2022.FAMILIES19, Reasons2022.ACT20, Reasons2022.CHI21, Reasons2022.TRUST21);
      assertThat(Fixtures.ENGINE.inForceIds(Body.COOK_COUNTY_SHERIFF, day))
          .containsExactly(Reasons2022.COOK11, Reasons2022.FAMILIES19, Reasons2022.TRUST21);
    }
  }

  @Test
  void decide_every2022StreamRequest_matchesTheEngine() {
    for (FederalRequest r : Fixtures.stream2022()) assertSameAsEngine(r);
  }

  @Test
  void decide_every2022RequestShape_matchesTheEngine() {
    for (FederalRequest r : Fixtures.everyShape2022()) assertSameAsEngine(r);
  }

  @Test
  void decide_unknownRequester_refusesLikeTheEngine() {
    FederalRequest r = new FederalRequest("x", LocalDate.of(2022, 3, 1), Body.CPD, "Bureau of Nobody",
        Kind.INFORMATION, Basis.JUDICIAL_WARRANT, Purpose.CRIMINAL, Subject.NONE);
    FloorDecision floor = FLOOR.decide(r);
    assertThat(floor.requester()).isNull();
    assertSameAsEngine(r);
  }

  @Test
  void decide_outside2022_isRefused() {
    FederalRequest r = new FederalRequest("x", LocalDate.of(2021, 12, 31), Body.CPD, "ICE", Kind.DETAINER,
        Basis.NONE, Purpose.CIVIL_IMMIGRATION, Subject.NONE);
    assertThatThrownBy(() -> FLOOR.decide(r)).hasMessageContaining("2021-12-31");
  }

  private static void assertSameAsEngine(FederalRequest r) {
    Decision engine = Fixtures.ENGINE.decide(r);
    FloorDecision floor = FLOOR.decide(r);
    String what = r.toString();
    assertThat(floor.outcome()).as("outcome of %s", what).isEqualTo(engine.outcome());
    assertThat(floor.requester()).as("requester of %s", what).isEqualTo(engine.requester());
    assertThat(keys(floor.reasons())).as("reasons of %s", what).containsExactlyElementsOf(keys(engine.reasons()));
    assertThat(duties(floor.obligations())).as("obligations of %s", what)
        .containsExactlyElementsOf(duties(engine.obligations()));
  }

  /** Everything of a reason but its text: the floor keeps short summaries, the packs the full paraphrase. */
  private static List<String> keys(List<Reason> reasons) {
    return reasons.stream()
        .map(r -> r.pack() + ":" + r.rule() + " " + r.effect() + " [" + r.citation() + "] lifts " + r.lifts())
        .toList();
  }

  private static List<String> duties(List<Obligation> obligations) {
    return obligations.stream().map(o -> o.pack() + ":" + o.rule() + " [" + o.citation() + "] " + o.dueDays())
        .toList();
  }
}
