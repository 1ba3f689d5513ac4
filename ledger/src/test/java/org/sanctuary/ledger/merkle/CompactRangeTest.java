package org.sanctuary.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompactRangeTest {

  @Test
  void nodesFor_size_isOneNodePerSetBitLargestFirst() {
    assertThat(CompactRange.nodesFor(0)).isEmpty();
    assertThat(CompactRange.nodesFor(8)).containsExactly(new NodeId(3, 0));
    // 13 = 8 + 4 + 1: leaves [0, 8), [8, 12), [12, 13)
    assertThat(CompactRange.nodesFor(13))
        .containsExactly(new NodeId(3, 0), new NodeId(2, 2), new NodeId(0, 12));
  }

  @Test
  void append_reportsEveryCompletedSubtreeOnce() {
    Map<NodeId, Hash> stored = new HashMap<>();
    List<NodeId> order = new ArrayList<>();
    CompactRange range = CompactRange.empty();
    for (byte[] leaf : Rfc6962Vectors.LEAVES) {
      range.append(
          TreeHasher.leafHash(leaf),
          (id, hash) -> {
            assertThat(stored.put(id, hash)).as("%s reported twice", id).isNull();
            order.add(id);
          });
    }
    // 8 leaves, 4 + 2 + 1 interior nodes.
    assertThat(stored).hasSize(15);
    assertThat(order.subList(order.size() - 4, order.size()))
        .containsExactly(new NodeId(0, 7), new NodeId(1, 3), new NodeId(2, 1), new NodeId(3, 0));
    assertThat(stored.get(new NodeId(3, 0))).isEqualTo(Rfc6962Vectors.ROOTS.get(7));
    assertThat(stored.get(new NodeId(1, 1))).isEqualTo(Rfc6962Vectors.NODE_2_4);
  }

  @Test
  void of_restoredFromStoredNodes_continuesLikeTheOriginal() {
    MemoryTree tree = new MemoryTree();
    for (int i = 0; i < 1000; i++) {
      tree.append(new byte[] {(byte) i, (byte) (i >> 8)});
      long size = tree.size();
      CompactRange restored =
          CompactRange.of(size, tree.read(CompactRange.nodesFor(size)));
      assertThat(restored.root()).as("root at %d", size).isEqualTo(tree.root());
      assertThat(restored.hashes()).isEqualTo(tree.compactRange().hashes());
    }
    CompactRange restored = CompactRange.of(1000, tree.read(CompactRange.nodesFor(1000)));
    for (int i = 1000; i < 1100; i++) {
      byte[] leaf = {(byte) i, (byte) (i >> 8)};
      restored.append(TreeHasher.leafHash(leaf));
      tree.append(leaf);
    }
    assertThat(restored.root()).isEqualTo(tree.root());
    assertThat(restored.size()).isEqualTo(1100);
  }

  @Test
  void of_wrongNumberOfHashes_isRejected() {
    Hash any = TreeHasher.emptyRoot();
    assertThatThrownBy(() -> CompactRange.of(3, List.of(any)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("compact range of size 3: 1 hashes (want 2)");
    assertThatThrownBy(() -> CompactRange.of(-1, List.of()))
        .hasMessage("tree size: -1 (want >= 0)");
  }
}
