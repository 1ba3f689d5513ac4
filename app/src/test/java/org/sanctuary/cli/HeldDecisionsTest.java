package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sanctuary.policy.Decision;
import org.sanctuary.policy.Effect;
import org.sanctuary.policy.Outcome;
import org.sanctuary.policy.Reason;
import org.sanctuary.policy.Verdict;

class HeldDecisionsTest {
  @Test
  void get_givesBackEveryDecisionAsAdded() {
    SplittableRandom random = new SplittableRandom(4);
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      verdicts.add(new Verdict(Outcome.DENY, List.of("p" + i),
          List.of(new Reason("p" + i, "r", Effect.DENY, "c", "t", List.of())), List.of()));
    }
    String[] requesters = {"ice", "fbi", null};
    String[] ids = {null, "", "r-1", "😀 北京", "a\"b\\c", "x".repeat(300)};
    List<Decision> added = new ArrayList<>();
    HeldDecisions held = new HeldDecisions();
    for (int n = 0; n < 50_000; n++) {
      String id = random.nextInt(3) == 0 ? ids[random.nextInt(ids.length)] : "2024-" + n;
      Decision d = new Decision(id, LocalDate.ofEpochDay(random.nextInt(3_000_000) - 700_000),
          requesters[random.nextInt(requesters.length)], verdicts.get(random.nextInt(verdicts.size())));
      held.add(d);
      added.add(d);
    }
    assertThat(held.size()).isEqualTo(added.size());
    for (int i = 0; i < added.size(); i++) {
      Decision d = held.get(i);
      assertThat(d).as("decision " + i).isEqualTo(added.get(i));
      assertThat(d.verdict()).isSameAs(added.get(i).verdict());
    }
  }
}
