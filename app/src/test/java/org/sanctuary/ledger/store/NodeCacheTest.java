package org.sanctuary.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.NodeId;
import org.sanctuary.ledger.merkle.TreeHasher;

/** The node cache's two generations: bounded, and a node still read is never dropped. */
class NodeCacheTest {
  private static Hash hash(long i) {
    return TreeHasher.leafHash(Long.toString(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  // a half of the cache's capacity of new level-0 nodes, from index from
  private static void fillHalf(NodeCache cache, long from) {
    List<NodeId> ids = new ArrayList<>();
    List<Hash> hashes = new ArrayList<>();
    for (long i = from; i < from + NodeCache.CAPACITY / 2; i++) {
      ids.add(new NodeId(0, i));
      hashes.add(hash(i));
      if (ids.size() == 1000) {
        cache.putAll(ids, hashes);
        ids = new ArrayList<>();
        hashes = new ArrayList<>();
      }
    }
    cache.putAll(ids, hashes);
  }

  @Test
  void aNodeReadInEveryGeneration_staysWhileTheRestAgeOut_andTheCacheStaysBounded() {
    NodeCache cache = new NodeCache();
    NodeId high = new NodeId(16, 3);
    NodeId unread = new NodeId(16, 4);
    cache.putAll(List.of(high, unread), List.of(hash(-1), hash(-2)));
    long start = 0;
    for (int generation = 0; generation < 5; generation++) {
      fillHalf(cache, start);
      start += NodeCache.CAPACITY / 2;
      assertThat(cache.size()).isLessThanOrEqualTo(NodeCache.CAPACITY + 1000);
      assertThat(cache.get(high)).as("generation " + generation).isEqualTo(hash(-1));
      assertThat(cache.all(List.of(high, new NodeId(0, start - 1)))).containsExactly(hash(-1), hash(start - 1));
    }
    long missesBefore = cache.misses();
    assertThat(cache.get(unread)).as("never read: aged out").isNull();
    assertThat(cache.get(new NodeId(0, 0))).as("the first generation's nodes").isNull();
    assertThat(cache.misses()).isEqualTo(missesBefore + 2);
  }

  @Test
  void clear_forgetsBothGenerations() {
    NodeCache cache = new NodeCache();
    fillHalf(cache, 0);
    fillHalf(cache, NodeCache.CAPACITY / 2);
    assertThat(cache.get(new NodeId(0, 1))).isNotNull();
    cache.clear();
    assertThat(cache.size()).isZero();
    assertThat(cache.all(List.of(new NodeId(0, NodeCache.CAPACITY - 1)))).isNull();
  }
}
