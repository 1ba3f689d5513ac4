package org.sanctuary.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoredMarksTest {
  private static String[] mark(String m) {
    return new String[] {m, "person_key", "key of " + m};
  }

  private static List<String> names(List<String[]> marks) {
    return marks.stream().map(m -> m[0]).toList();
  }

  @Test
  void unknown_isEveryMarkNotStored_inOrder_andAMarkIsKnownForItsOwnPartnerOnly() {
    StoredMarks stored = new StoredMarks(100);
    List<String[]> given = List.<String[]>of(mark("a"), mark("b"), mark("c"), mark("d"));
    assertThat(names(stored.unknown(7, given))).containsExactly("a", "b", "c", "d");

    stored.stored(7, List.<String[]>of(mark("b"), mark("d")));
    assertThat(names(stored.unknown(7, given))).containsExactly("a", "c");
    assertThat(names(stored.unknown(8, given))).as("another partner's").containsExactly("a", "b", "c", "d");
    stored.stored(7, List.<String[]>of(mark("a"), mark("c")));
    assertThat(stored.unknown(7, given)).isEmpty();
    assertThat(stored.unknown(7, List.of())).isEmpty();
  }

  @Test
  void aFullGeneration_becomesTheOld_andAMarkStillAskedForOutlivesIt() {
    StoredMarks stored = new StoredMarks(4); // two marks a generation
    stored.stored(1, List.<String[]>of(mark("a"), mark("b"))); // full: the old generation now
    assertThat(stored.unknown(1, List.<String[]>of(mark("a")))).as("asked for: back in the young one").isEmpty();
    stored.stored(1, List.<String[]>of(mark("c"))); // a and c fill the young one: it turns old, b goes
    assertThat(names(stored.unknown(1, List.<String[]>of(mark("a"), mark("b"), mark("c"))))).containsExactly("b");
    stored.stored(1, List.<String[]>of(mark("d"), mark("e"))); // turns again: a and c go
    assertThat(names(stored.unknown(1, List.<String[]>of(mark("a"), mark("c"), mark("d"), mark("e"))))).containsExactly("a", "c");
  }

  @Test
  void seededRandomUse_neverCallsAMarkStoredThatWasNot_andForgetsAtMostWhatItsCapacityCannotHold() {
    Random random = new Random(20261204L);
    StoredMarks stored = new StoredMarks(64);
    Set<String> reallyStored = new HashSet<>();
    for (int round = 0; round < 5_000; round++) {
      long partner = random.nextInt(3);
      List<String[]> given = new ArrayList<>();
      for (int k = random.nextInt(5); k >= 0; k--) given.add(mark("m" + random.nextInt(200)));
      List<String[]> unknown = stored.unknown(partner, given);
      for (String[] m : given) {
        boolean sent = unknown.stream().anyMatch(u -> u[0].equals(m[0]));
        if (!sent) assertThat(reallyStored).as("skipped only when stored").contains(partner + ":" + m[0]);
      }
      if (random.nextInt(10) > 0) { // a tenth of the look-ups fail to commit: nothing is noted
        stored.stored(partner, unknown);
        for (String[] m : unknown) reallyStored.add(partner + ":" + m[0]);
      }
    }
    assertThat(reallyStored).hasSizeGreaterThan(64); // the generations turned many times
  }

  @Test
  void aCapacityBelowTwo_isRefused() {
    assertThatThrownBy(() -> new StoredMarks(1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
  }
}
