package org.sanctuary.bench.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The benchmark's entries are the ones it always wrote: its cheaper id gives String.format's text. */
class DurableAppendsTest {
  @Test
  void hex_isZeroPaddedLowerCaseHex_likeTheFormatItReplaces() {
    Random random = new Random(20261203);
    for (int i = 0; i < 10_000; i++) {
      long n = (long) random.nextInt(512) << 40 | (random.nextLong() & 0xFF_FFFF_FFFFL);
      if (i % 3 == 0) n = random.nextInt(1 << 20); // short values need the padding
      assertThat(DurableAppends.hex(n >>> 16, 8) + "-0000-4000-8000-" + DurableAppends.hex(n, 12))
          .isEqualTo(String.format("%08x-0000-4000-8000-%012x", n >>> 16, n));
    }
  }
}
