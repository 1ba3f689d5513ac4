package org.sanctuary.ledger.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntryBundleTest {

  @Test
  void encode_prefixesEachEntryWithItsBigEndianLength() {
    byte[] bundle = EntryBundle.encode(List.of(new byte[] {7}, new byte[0], new byte[300]));
    assertThat(bundle).hasSize(2 + 1 + 2 + 2 + 300);
    assertThat(bundle[0]).isEqualTo((byte) 0);
    assertThat(bundle[1]).isEqualTo((byte) 1);
    assertThat(bundle[2]).isEqualTo((byte) 7);
    assertThat(bundle[5]).isEqualTo((byte) 0x01);
    assertThat(bundle[6]).isEqualTo((byte) 0x2c); // 300 = 0x012c
    List<byte[]> back = EntryBundle.decode(bundle, 3);
    assertThat(back.get(0)).containsExactly(7);
    assertThat(back.get(1)).isEmpty();
    assertThat(back.get(2)).hasSize(300);
  }

  @Test
  void decode_wrongCountOrCutShort_isRefused() {
    byte[] bundle = EntryBundle.encode(List.of(new byte[] {1, 2}, new byte[] {3}));
    assertThatThrownBy(() -> EntryBundle.decode(bundle, 3)).hasMessage("entry bundle: 2 entries (want 3)");
    byte[] cut = java.util.Arrays.copyOf(bundle, bundle.length - 1);
    assertThatThrownBy(() -> EntryBundle.decode(cut, 2)).hasMessage("entry bundle: entry 1 claims 1 bytes, 0 remain");
    byte[] half = java.util.Arrays.copyOf(bundle, 5);
    assertThatThrownBy(() -> EntryBundle.decode(half, 2))
        .hasMessage("entry bundle: entry 1 is cut short in its length prefix");
  }

  @Test
  void encode_entryAbove65535Bytes_isRefused() {
    assertThatThrownBy(() -> EntryBundle.encode(List.of(new byte[65_536])))
        .hasMessage("entry 0: 65536 bytes (want at most 65535)");
  }
}
