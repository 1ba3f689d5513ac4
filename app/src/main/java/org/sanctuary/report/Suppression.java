package org.sanctuary.report;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Small-cell suppression. No count from 1 to {@value #MAX_SMALL} is shown (primary suppression),
 * and enough further cells are hidden (complementary suppression) that no hidden cell can be worked
 * out from the shown cells, the totals and the fact that a hidden cell is at least 1 (zeros are
 * always shown, so a hidden cell is never 0).
 *
 * <p>A two-way table with its row totals, column totals and grand total is an (R+1) x (C+1) grid
 * in which every line (row or column) adds up: the R interior cells of a column minus its total is
 * 0, and so on. Give the totals a minus sign where they close an interior line (row and column
 * totals) and every line of the grid sums to zero. The hidden cells are then the edges of a
 * bipartite graph between row lines and column lines, and the values an attacker cannot rule out
 * are the shown values plus any circulation on those edges. A hidden cell is pinned (its value
 * follows from the rest) exactly when no cycle of hidden cells runs through it along which the
 * values can move by one while every hidden cell stays at least 1: cells at 1 may only grow. The
 * test for that is a directed search (see {@link #pinned2d}).
 *
 * <p>The method, in the order the published script repeats it:
 *
 * <ol>
 *   <li>hide every cell, interior or total, from 1 to 10, and every cell in {@code forced};
 *   <li>take the first pinned hidden cell in row-major order; if there is none, stop;
 *   <li>hide the smallest non-zero shown interior cell in its row or column, or if there is none
 *       the smallest non-zero shown total there (ties: row-major order first); when both lines
 *       are exhausted, the same choice over the whole grid;
 *   <li>go to 2.
 * </ol>
 *
 * <p>Hiding every non-zero cell always ends the loop (scaling all of them is then a free
 * direction), so the loop ends. A one-way table with a total is the same with a single line.
 */
final class Suppression {
  /** The largest count that is never shown; the published minimum is one more. */
  static final int MAX_SMALL = 10;

  private Suppression() {}

  static boolean small(long v) {
    return v >= 1 && v <= MAX_SMALL;
  }

  /**
   * Suppresses a two-way grid given with its margins: {@code y[r][c]} for r < R and c < C are the
   * interior cells, {@code y[r][C]} the row totals, {@code y[R][c]} the column totals and {@code
   * y[R][C]} the grand total.
   *
   * @param forced cells to hide whatever their value (e.g. a total hidden in a linked table); may be null
   * @return which cells to hide, the same shape as {@code y}
   */
  static boolean[][] grid(long[][] y, boolean[][] forced) {
    int rows = y.length;
    int cols = y[0].length;
    boolean[][] hidden = new boolean[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        if (y[r][c] < 0) throw new IllegalArgumentException("negative count at " + r + "," + c);
        hidden[r][c] = small(y[r][c]) || (forced != null && forced[r][c] && y[r][c] != 0);
      }
    }
    while (true) {
      int[] pinned = firstPinned(y, hidden);
      if (pinned == null) return hidden;
      int[] add = smallestShown(y, hidden, pinned[0], pinned[1]);
      if (add == null) add = smallestShown(y, hidden, -1, -1);
      if (add == null) return hidden; // every non-zero cell is hidden: nothing is pinned then
      hidden[add[0]][add[1]] = true;
    }
  }

  private static int[] firstPinned(long[][] y, boolean[][] hidden) {
    for (int r = 0; r < y.length; r++) {
      for (int c = 0; c < y[0].length; c++) {
        if (hidden[r][c] && pinned2d(y, hidden, r, c)) return new int[] {r, c};
      }
    }
    return null;
  }

  // The smallest non-zero shown cell in row r or column c (both -1: in the whole grid); interior
  // cells before totals, since a hidden total is shared with other lines and other tables.
  private static int[] smallestShown(long[][] y, boolean[][] hidden, int row, int col) {
    int[] best = null;
    boolean bestTotal = true;
    int lastRow = y.length - 1;
    int lastCol = y[0].length - 1;
    for (int r = 0; r < y.length; r++) {
      for (int c = 0; c < y[0].length; c++) {
        boolean inLine = row < 0 || r == row || c == col;
        if (!inLine || hidden[r][c] || y[r][c] == 0) continue;
        boolean total = r == lastRow || c == lastCol;
        if (best == null || (bestTotal && !total) || (bestTotal == total && y[r][c] < y[best[0]][best[1]])) {
          best = new int[] {r, c};
          bestTotal = total;
        }
      }
    }
    return best;
  }

  /** +1 for interior cells and the grand total, -1 for row and column totals. */
  static int sign(int r, int c, int rows, int cols) {
    return (r < rows - 1) == (c < cols - 1) ? 1 : -1;
  }

  /**
   * Whether hidden cell (r, c) is pinned: no directed cycle of hidden cells runs through it.
   * Vertices are the row lines 0..R and the column lines 0..C. Going from row i to column j over
   * hidden cell (i, j) adds one to its signed value, so the cell itself changes by sign(i, j);
   * going from column j to row i subtracts. A step that would take a cell at 1 down is not allowed.
   */
  static boolean pinned2d(long[][] y, boolean[][] hidden, int r, int c) {
    int rows = y.length;
    int cols = y[0].length;
    int s = sign(r, c, rows, cols);
    // through (r, c) from row r to column c, back from column c to row r without (r, c) ...
    if (canStep(y[r][c], s) && reaches(y, hidden, cols, rows + c, r, r, c)) return false;
    // ... or the other way round
    return !(canStep(y[r][c], -s) && reaches(y, hidden, cols, r, rows + c, r, c));
  }

  private static boolean canStep(long value, int change) {
    return change > 0 || value >= 2;
  }

  // Breadth-first over vertices 0..rows-1 (row lines) and rows..rows+cols-1 (column lines).
  private static boolean reaches(long[][] y, boolean[][] hidden, int cols, int from, int to, int skipR, int skipC) {
    int rows = y.length;
    boolean[] seen = new boolean[rows + cols];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(from);
    seen[from] = true;
    while (!queue.isEmpty()) {
      int v = queue.poll();
      if (v == to) return true;
      if (v < rows) { // a row line: step to a column over a hidden cell, which grows by its sign
        for (int j = 0; j < cols; j++) {
          if (!hidden[v][j] || (v == skipR && j == skipC) || seen[rows + j]) continue;
          if (!canStep(y[v][j], sign(v, j, rows, cols))) continue;
          seen[rows + j] = true;
          queue.add(rows + j);
        }
      } else { // a column line: step to a row, the cell changes by minus its sign
        int j = v - rows;
        for (int i = 0; i < rows; i++) {
          if (!hidden[i][j] || (i == skipR && j == skipC) || seen[i]) continue;
          if (!canStep(y[i][j], -sign(i, j, rows, cols))) continue;
          seen[i] = true;
          queue.add(i);
        }
      }
    }
    return false;
  }

  /**
   * Suppresses a one-way table: {@code v} holds the cells and, when {@code withTotal}, the total as
   * its last element. Without a total only primary suppression applies (no equation links cells).
   */
  static boolean[] line(long[] v, boolean withTotal, boolean[] forced) {
    boolean[] hidden = new boolean[v.length];
    for (int i = 0; i < v.length; i++) {
      if (v[i] < 0) throw new IllegalArgumentException("negative count at " + i);
      hidden[i] = small(v[i]) || (forced != null && forced[i] && v[i] != 0);
    }
    if (!withTotal) return hidden;
    while (true) {
      int pinned = -1;
      for (int i = 0; i < v.length && pinned < 0; i++) {
        if (hidden[i] && pinnedLine(v, hidden, i)) pinned = i;
      }
      if (pinned < 0) return hidden;
      int best = -1;
      for (int i = 0; i < v.length; i++) {
        if (hidden[i] || v[i] == 0) continue;
        if (best < 0 || v[i] < v[best]) best = i;
      }
      if (best < 0) return hidden;
      hidden[best] = true;
    }
  }

  /**
   * Whether hidden cell i of a line (cells then the total, last) is pinned: it can move only if
   * another hidden cell moves with it. Raising a cell is matched by lowering another hidden cell
   * (which must be at least 2) or raising the hidden total; lowering it (it must be at least 2) by
   * raising another hidden cell or lowering the hidden total (at least 2). For the total itself the
   * partner is always a hidden cell moving the same way.
   */
  static boolean pinnedLine(long[] v, boolean[] hidden, int i) {
    int total = v.length - 1;
    for (int j = 0; j < v.length; j++) {
      if (j == i || !hidden[j]) continue;
      boolean sameWay = (i == total) != (j == total); // a cell and the total move together
      if (sameWay) {
        // both up, or both down when both are at least 2
        return false;
      }
      // opposite ways: one goes down, which needs it at 2 or more
      if (v[i] >= 2 || v[j] >= 2) return false;
    }
    return true;
  }

  static boolean[][] copy(boolean[][] a) {
    boolean[][] out = new boolean[a.length][];
    for (int i = 0; i < a.length; i++) out[i] = Arrays.copyOf(a[i], a[i].length);
    return out;
  }
}
