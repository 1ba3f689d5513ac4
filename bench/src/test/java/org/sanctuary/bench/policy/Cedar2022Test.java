package org.sanctuary.bench.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sanctuary.policy.Decision;
import org.sanctuary.policy.Effect;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.Outcome;

/** The Cedar policy set must decide as the engine does, or the comparison means nothing. */
class Cedar2022Test {
  private static final Cedar2022 CEDAR = Cedar2022.load(Fixtures.REGISTRY);

  @Test
  void decide_every2022StreamRequest_matchesTheEngine() {
    for (FederalRequest r : Fixtures.stream2022()) assertSameAsEngine(r);
  }

  @Test
  void decide_every2022RequestShape_matchesTheEngine() {
    for (FederalRequest r : Fixtures.everyShape2022()) assertSameAsEngine(r);
  }

  /** On a refusal, the forbids that fired are exactly the engine's standing bars. */
  private static void assertSameAsEngine(FederalRequest r) {
    Decision engine = Fixtures.ENGINE.decide(r);
    CedarDecision cedar = CEDAR.decide(r);
    assertThat(cedar.outcome()).as("outcome of %s", r).isEqualTo(engine.outcome());
    if (engine.outcome() == Outcome.DENY) {
      Set<String> bars = engine.reasons().stream()
          .filter(x -> x.effect() == Effect.DENY)
          .map(x -> x.pack() + ":" + x.rule())
          .collect(Collectors.toSet());
      assertThat(CEDAR.rules(cedar)).as("forbids of %s", r).containsExactlyInAnyOrderElementsOf(bars);
    }
  }
}
