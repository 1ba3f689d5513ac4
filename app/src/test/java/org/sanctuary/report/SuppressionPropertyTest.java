package org.sanctuary.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random tables (seeded) are suppressed and then attacked by arithmetic (lines with one unknown,
 * exact linear algebra over all row and column equations, and bounds); every attack must fail, and
 * no shown count may be from 1 to 10.
 */
class SuppressionPropertyTest {
  private static final int TABLES = 3000;

  @Test
  void grid_randomTables_noShownSmallCountAndNoHiddenCellRecoverable() {
    Random random = new Random(20251111L);
    int withHidden = 0;
    for (int t = 0; t < TABLES; t++) {
      long[][] y = randomGrid(random);
      boolean[][] hidden = Suppression.grid(y, null);
      String table = describe(y, hidden, t);
      assertNoSmallShown(y, hidden, table);
      Attacker attacker = Attacker.ofGrid(y, hidden);
      assertThat(attacker.byLines()).as("recovered by lines: %s", table).isEmpty();
      assertThat(attacker.byAlgebra()).as("recovered by linear algebra: %s", table).isEmpty();
      assertThat(attacker.byBounds()).as("pinned by bounds: %s", table).isEmpty();
      if (anyHidden(hidden)) withHidden++;
    }
    assertThat(withHidden).as("tables that needed suppression").isGreaterThan(TABLES / 2);
  }

  @Test
  void grid_forcedTotals_stayHiddenAndStaySafe() {
    Random random = new Random(7L);
    for (int t = 0; t < 500; t++) {
      long[][] y = randomGrid(random);
      boolean[][] forced = new boolean[y.length][y[0].length];
      int last = y.length - 1;
      for (int c = 0; c < y[0].length; c++) forced[last][c] = random.nextInt(4) == 0;
      boolean[][] hidden = Suppression.grid(y, forced);
      String table = describe(y, hidden, t);
      for (int c = 0; c < y[0].length; c++) {
        if (forced[last][c] && y[last][c] != 0) assertThat(hidden[last][c]).as(table).isTrue();
      }
      Attacker attacker = Attacker.ofGrid(y, hidden);
      assertThat(attacker.byAlgebra()).as(table).isEmpty();
      assertThat(attacker.byBounds()).as(table).isEmpty();
    }
  }

  @Test
  void line_randomLinesWithTotal_noShownSmallCountAndNoHiddenCellRecoverable() {
    Random random = new Random(99L);
    for (int t = 0; t < TABLES; t++) {
      int n = 1 + random.nextInt(8);
      long[] v = new long[n + 1];
      for (int i = 0; i < n; i++) {
        v[i] = value(random);
        v[n] += v[i];
      }
      boolean[] hidden = Suppression.line(v, true, null);
      String line = java.util.Arrays.toString(v) + " hidden " + java.util.Arrays.toString(hidden);
      for (int i = 0; i < v.length; i++) {
        if (!hidden[i]) assertThat(Suppression.small(v[i])).as(line).isFalse();
        if (v[i] == 0) assertThat(hidden[i]).as("zeros are shown: %s", line).isFalse();
      }
      Attacker attacker = Attacker.ofLine(v, hidden);
      assertThat(attacker.byLines()).as(line).isEmpty();
      assertThat(attacker.byAlgebra()).as(line).isEmpty();
      assertThat(attacker.byBounds()).as(line).isEmpty();
    }
  }

  @Test
  void attacker_primarySuppressionAlone_recoversCells() {
    // The attack must be able to succeed, or the tests above prove nothing: with only the small
    // cell of a row hidden, its row total gives it away.
    long[][] y = {{5, 40, 45}, {30, 50, 80}, {35, 90, 125}};
    boolean[][] primaryOnly = new boolean[3][3];
    primaryOnly[0][0] = true;
    Attacker attacker = Attacker.ofGrid(y, primaryOnly);
    assertThat(attacker.byLines()).containsExactly(0);
    assertThat(attacker.byAlgebra()).containsExactly(0);
  }

  @Test
  void attacker_twoOnesInARowWithShownTotal_arePinnedByBounds() {
    // Two hidden cells of 1 in a row whose total (2) is shown: each must be 1, though no equation
    // has a single unknown. The method hides more; the attacker must see the weak pattern.
    long[][] y = {{1, 1, 40, 42}, {20, 30, 40, 90}, {21, 31, 80, 132}};
    boolean[][] weak = new boolean[3][4];
    weak[0][0] = weak[0][1] = weak[1][0] = weak[1][1] = true;
    Attacker attacker = Attacker.ofGrid(y, weak);
    assertThat(attacker.byAlgebra()).isEmpty();
    assertThat(attacker.byBounds()).contains(0, 1);
    boolean[][] method = Suppression.grid(y, null);
    assertThat(Attacker.ofGrid(y, method).byBounds()).isEmpty();
  }

  @Test
  void attacker_bridgeBetweenTwoRectangles_isFixedByAlgebraButNotByLines() {
    // Two hidden 2x2 rectangles joined by one hidden cell: every line has two or more unknowns,
    // yet the joining cell is a cut and linear algebra fixes it.
    long[][] y = new long[5][5];
    long[][] interior = {{20, 30, 0, 0}, {40, 50, 60, 0}, {0, 0, 70, 80}, {0, 0, 90, 15}};
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 4; c++) {
        y[r][c] = interior[r][c];
        y[r][4] += interior[r][c];
        y[4][c] += interior[r][c];
        y[4][4] += interior[r][c];
      }
    }
    boolean[][] h = new boolean[5][5];
    h[0][0] = h[0][1] = h[1][0] = h[1][1] = true;
    h[2][2] = h[2][3] = h[3][2] = h[3][3] = true;
    h[1][2] = true; // the bridge
    Attacker attacker = Attacker.ofGrid(y, h);
    assertThat(attacker.byLines()).isEmpty();
    assertThat(attacker.byAlgebra()).contains(1 * 5 + 2);
  }

  private static long[][] randomGrid(Random random) {
    int rows = 1 + random.nextInt(7);
    int cols = 1 + random.nextInt(5);
    long[][] y = new long[rows + 1][cols + 1];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        long v = value(random);
        y[r][c] = v;
        y[r][cols] += v;
        y[rows][c] += v;
        y[rows][cols] += v;
      }
    }
    return y;
  }

  // Many zeros and small counts, some large ones: the hard cases for suppression.
  private static long value(Random random) {
    int kind = random.nextInt(10);
    if (kind < 2) return 0;
    if (kind < 6) return 1 + random.nextInt(10);
    if (kind < 8) return 11 + random.nextInt(20);
    return random.nextInt(500);
  }

  private static void assertNoSmallShown(long[][] y, boolean[][] hidden, String table) {
    for (int r = 0; r < y.length; r++) {
      for (int c = 0; c < y[0].length; c++) {
        if (!hidden[r][c]) assertThat(y[r][c] >= 1 && y[r][c] <= 10).as("shown at %d,%d of %s", r, c, table).isFalse();
        if (y[r][c] == 0) assertThat(hidden[r][c]).as("zeros are shown: %s", table).isFalse();
      }
    }
  }

  private static boolean anyHidden(boolean[][] hidden) {
    for (boolean[] row : hidden) for (boolean h : row) if (h) return true;
    return false;
  }

  private static String describe(long[][] y, boolean[][] hidden, int t) {
    StringBuilder s = new StringBuilder("table ").append(t).append(':');
    for (int r = 0; r < y.length; r++) {
      s.append(" [");
      for (int c = 0; c < y[0].length; c++) s.append(hidden[r][c] ? "(" + y[r][c] + ")" : y[r][c]).append(' ');
      s.append(']');
    }
    return s.toString();
  }

}
