package org.sanctuary.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.sanctuary.errors.Conflict;
import org.sanctuary.ledger.merkle.TreeHasher;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Ledger} promises its callers, run over each implementation: consecutive
 * indexes, a write's value handed back, a refusal or failure keeping nothing, units that commit
 * whole, and writes that may run again.
 */
abstract class LedgerContract {

  /** The ledger under test, empty or not. */
  abstract Ledger ledger();

  /** How many entries the ledger holds now. */
  abstract long size();

  /** The stored bytes of entry {@code index}. */
  abstract byte[] stored(long index);

  static LedgerEntry entry(int n) {
    return LedgerEntry.of("test.contract", Map.of("n", n));
  }

  @Test
  void append_returnsTheNextIndexAndTheLeafHashOfTheStoredBytes() {
    long before = size();
    Ledger.Appended a = ledger().append(entry(1));
    Ledger.Appended b = ledger().append(entry(2));
    assertThat(a.index()).isEqualTo(before);
    assertThat(b.index()).isEqualTo(before + 1);
    assertThat(stored(a.index())).isEqualTo(entry(1).bytes());
    assertThat(a.leafHash()).isEqualTo(TreeHasher.leafHash(entry(1).bytes()).bytes());
  }

  @Test
  void append_withAWrite_handsBackItsValueAndTheIndexItWasGiven() {
    Ledger.Recorded<String> r = ledger().append(entry(3), (c, index) -> Ledger.Outcome.done("row-" + index));
    assertThat(r.value()).isEqualTo("row-" + r.appended().index());
  }

  @Test
  void append_writeRefuses_callerGetsTheRefusalAndNothingIsAppended() {
    long before = size();
    Conflict refusal = new Conflict("case: changed meanwhile");
    assertThatThrownBy(() -> ledger().append(entry(4), (c, index) -> Ledger.Outcome.refused(refusal)))
        .isSameAs(refusal);
    assertThat(size()).isEqualTo(before);
  }

  @Test
  void append_writeFails_isUnavailableAndNothingIsAppended() {
    long before = size();
    assertThatThrownBy(() -> ledger().append(entry(5), (c, index) -> {
      throw new IllegalStateException("disk on fire");
    })).isInstanceOf(LedgerUnavailableException.class).hasMessageContaining("disk on fire");
    assertThat(size()).isEqualTo(before);
  }

  @Test
  void appendAll_takesConsecutiveIndexesAndGivesTheWriteTheFirst() {
    long before = size();
    List<LedgerEntry> unit = List.of(entry(10), entry(11), entry(12));
    Ledger.Recorded<Long> r = ledger().appendAll(unit, (c, first) -> Ledger.Outcome.done(first));
    assertThat(r.value()).isEqualTo(before);
    assertThat(r.entries()).extracting(Ledger.Appended::index).containsExactly(before, before + 1, before + 2);
    for (int i = 0; i < unit.size(); i++) assertThat(stored(before + i)).isEqualTo(unit.get(i).bytes());
  }

  @Test
  void appendAll_refused_keepsNoneOfTheUnit() {
    long before = size();
    assertThatThrownBy(() -> ledger().appendAll(List.of(entry(20), entry(21)),
        (c, first) -> Ledger.Outcome.refused(new Conflict("batch: refused"))))
        .isInstanceOf(Conflict.class);
    assertThat(size()).isEqualTo(before);
  }

  @Test
  void appendAllCovered_returnsTheIndexesAndTheWritesValue_likeAppendAll_andARefusalKeepsNothing() {
    long before = size();
    Ledger.Recorded<Long> r = ledger().appendAllCovered(List.of(entry(25), entry(26)),
        (c, first) -> Ledger.Outcome.done(first));
    assertThat(r.value()).isEqualTo(before);
    assertThat(r.entries()).extracting(Ledger.Appended::index).containsExactly(before, before + 1);
    assertThat(stored(before + 1)).isEqualTo(entry(26).bytes());
    assertThatThrownBy(() -> ledger().appendAllCovered(List.of(entry(27)),
        (c, first) -> Ledger.Outcome.refused(new Conflict("batch: refused"))))
        .isInstanceOf(Conflict.class);
    assertThat(size()).isEqualTo(before + 2);
  }

  @Test
  void appendAllAsync_completesWithTheIndexesAndTheWritesValue_likeAppendAll() throws Exception {
    long before = size();
    List<LedgerEntry> unit = List.of(entry(30), entry(31));
    Ledger.Recorded<Long> r = ledger().appendAllAsync(unit, (c, first) -> Ledger.Outcome.done(first))
        .get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(r.value()).isEqualTo(before);
    assertThat(r.entries()).extracting(Ledger.Appended::index).containsExactly(before, before + 1);
    assertThat(r.entries().get(1).leafHash()).isEqualTo(TreeHasher.leafHash(entry(31).bytes()).bytes());
    for (int i = 0; i < unit.size(); i++) assertThat(stored(before + i)).isEqualTo(unit.get(i).bytes());
  }

  @Test
  void appendAllAsync_refusedOrBadArgument_failsTheFutureWithTheSameErrorAndKeepsNothing() {
    long before = size();
    Conflict refusal = new Conflict("case: changed meanwhile");
    var refused = ledger().appendAllAsync(List.of(entry(40)), (c, index) -> Ledger.Outcome.refused(refusal));
    assertThatThrownBy(() -> refused.get(30, java.util.concurrent.TimeUnit.SECONDS))
        .isInstanceOf(java.util.concurrent.ExecutionException.class).cause().isSameAs(refusal);
    var failed = ledger().appendAllAsync(List.of(entry(41)), (c, index) -> {
      throw new IllegalStateException("disk on fire");
    });
    assertThatThrownBy(() -> failed.get(30, java.util.concurrent.TimeUnit.SECONDS))
        .cause().isInstanceOf(LedgerUnavailableException.class).hasMessageContaining("disk on fire");
    var empty = ledger().appendAllAsync(List.of(), Ledger.Write.nothing());
    assertThatThrownBy(() -> empty.get(30, java.util.concurrent.TimeUnit.SECONDS))
        .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entries");
    assertThat(size()).isEqualTo(before);
  }

  @Test
  void append_concurrentCallersWithSomeRefusals_getDistinctConsecutiveIndexes() throws Exception {
    long before = size();
    int callers = 60;
    AtomicInteger runs = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Long>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        int n = i;
        results.add(pool.submit(() -> ledger().append(entry(100 + n), (c, index) -> {
          runs.incrementAndGet();
          // every fifth caller refuses: the others must still commit, with no gap
          return n % 5 == 4 ? Ledger.Outcome.refused(new Conflict("n: " + n)) : Ledger.Outcome.done(index);
        }).value()));
      }
      Set<Long> indexes = new TreeSet<>();
      int refused = 0;
      for (Future<Long> f : results) {
        try {
          indexes.add(f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(Conflict.class);
          refused++;
        }
      }
      assertThat(refused).isEqualTo(callers / 5);
      assertThat(indexes).hasSize(callers - refused);
      assertThat(indexes).first().isEqualTo(before);
      assertThat(indexes).last().isEqualTo(before + callers - refused - 1);
      assertThat(size()).isEqualTo(before + callers - refused);
      // a write may run more than once (its batch re-run without a refused sibling), never less
      assertThat(runs.get()).isGreaterThanOrEqualTo(callers);
    } finally {
      pool.shutdownNow();
    }
  }
}
