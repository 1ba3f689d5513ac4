package org.sanctuary.report;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tries to recover hidden cells of a published table from its shown cells, written apart from
 * {@link Suppression} so the tests do not grade the method with itself. A table is a set of
 * lines; each line's cells, times their signs, add up to zero (a total enters with -1). The
 * attacker knows every shown value, that hidden values are whole numbers of at least 1 (zeros are
 * always shown), and nothing else.
 */
final class Attacker {
  /** A line: the cells (indexes into the value array) and their signs. */
  record Line(int[] cells, int[] signs) {}

  private final long[] truth;
  private final boolean[] hidden;
  private final List<Line> lines;

  Attacker(long[] truth, boolean[] hidden, List<Line> lines) {
    this.truth = truth;
    this.hidden = hidden;
    this.lines = lines;
  }

  /** The lines of a grid with margins: every row and column, totals with sign -1 (grand total +1). */
  static Attacker ofGrid(long[][] y, boolean[][] hidden) {
    int rows = y.length;
    int cols = y[0].length;
    long[] v = new long[rows * cols];
    boolean[] h = new boolean[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        v[r * cols + c] = y[r][c];
        h[r * cols + c] = hidden[r][c];
      }
    }
    List<Line> lines = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      int[] cells = new int[cols];
      int[] signs = new int[cols];
      for (int c = 0; c < cols; c++) {
        cells[c] = r * cols + c;
        signs[c] = c == cols - 1 ? -1 : 1;
      }
      lines.add(new Line(cells, signs));
    }
    for (int c = 0; c < cols; c++) {
      int[] cells = new int[rows];
      int[] signs = new int[rows];
      for (int r = 0; r < rows; r++) {
        cells[r] = r * cols + c;
        signs[r] = r == rows - 1 ? -1 : 1;
      }
      lines.add(new Line(cells, signs));
    }
    return new Attacker(v, h, lines);
  }

  /** One line: the cells then the total. */
  static Attacker ofLine(long[] v, boolean[] hidden) {
    int[] cells = new int[v.length];
    int[] signs = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      cells[i] = i;
      signs[i] = i == v.length - 1 ? -1 : 1;
    }
    return new Attacker(v, hidden, List.of(new Line(cells, signs)));
  }

  /** Cells recovered by solving any line with one unknown, repeated until nothing changes. */
  Set<Integer> byLines() {
    boolean[] known = new boolean[truth.length];
    for (int i = 0; i < truth.length; i++) known[i] = !hidden[i];
    Set<Integer> found = new HashSet<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Line l : lines) {
        int unknown = -1;
        int count = 0;
        long sum = 0;
        for (int k = 0; k < l.cells.length; k++) {
          int cell = l.cells[k];
          if (known[cell]) sum += l.signs[k] * truth[cell];
          else {
            count++;
            unknown = k;
          }
        }
        if (count == 1) {
          int cell = l.cells[unknown];
          long value = -sum * l.signs[unknown];
          if (value != truth[cell]) throw new AssertionError("line attack computed a wrong value");
          known[cell] = true;
          found.add(cell);
          changed = true;
        }
      }
    }
    return found;
  }

  /**
   * Cells fixed by the linear system of all lines (exact rational Gaussian elimination): a hidden
   * cell is fixed when its unit vector lies in the row space of the system over the hidden cells.
   */
  Set<Integer> byAlgebra() {
    List<Integer> vars = new ArrayList<>();
    int[] column = new int[truth.length];
    for (int i = 0; i < truth.length; i++) {
      column[i] = -1;
      if (hidden[i]) {
        column[i] = vars.size();
        vars.add(i);
      }
    }
    int n = vars.size();
    List<Q[]> rows = new ArrayList<>();
    for (Line l : lines) {
      Q[] row = new Q[n];
      java.util.Arrays.fill(row, Q.ZERO);
      boolean any = false;
      for (int k = 0; k < l.cells.length; k++) {
        int col = column[l.cells[k]];
        if (col >= 0) {
          row[col] = row[col].add(Q.of(l.signs[k]));
          any = true;
        }
      }
      if (any) rows.add(row);
    }
    // reduced row echelon form
    int pivotRow = 0;
    int[] pivotOf = new int[n];
    java.util.Arrays.fill(pivotOf, -1);
    for (int col = 0; col < n && pivotRow < rows.size(); col++) {
      int found = -1;
      for (int r = pivotRow; r < rows.size(); r++) {
        if (!rows.get(r)[col].isZero()) {
          found = r;
          break;
        }
      }
      if (found < 0) continue;
      java.util.Collections.swap(rows, pivotRow, found);
      Q[] p = rows.get(pivotRow);
      Q inv = p[col].inverse();
      for (int k = 0; k < n; k++) p[k] = p[k].mul(inv);
      for (int r = 0; r < rows.size(); r++) {
        if (r == pivotRow || rows.get(r)[col].isZero()) continue;
        Q f = rows.get(r)[col];
        Q[] row = rows.get(r);
        for (int k = 0; k < n; k++) row[k] = row[k].sub(f.mul(p[k]));
      }
      pivotOf[col] = pivotRow;
      pivotRow++;
    }
    Set<Integer> fixed = new HashSet<>();
    for (int col = 0; col < n; col++) {
      if (pivotOf[col] < 0) continue;
      Q[] row = rows.get(pivotOf[col]);
      boolean unit = true;
      for (int k = 0; k < n && unit; k++) unit = k == col || row[k].isZero();
      if (unit) fixed.add(vars.get(col));
    }
    return fixed;
  }

  /**
   * Cells pinned by bounds: every hidden cell starts in [1, infinity); each line bounds each of its
   * hidden cells by the line's known part and the other cells' bounds; repeated until stable.
   * Returns the cells whose lower and upper bounds meet.
   */
  Set<Integer> byBounds() {
    long inf = Long.MAX_VALUE / 4;
    long[] lo = new long[truth.length];
    long[] hi = new long[truth.length];
    for (int i = 0; i < truth.length; i++) {
      lo[i] = hidden[i] ? 1 : truth[i];
      hi[i] = hidden[i] ? inf : truth[i];
    }
    for (int round = 0; round < 500; round++) {
      boolean changed = false;
      for (Line l : lines) {
        for (int k = 0; k < l.cells.length; k++) {
          int cell = l.cells[k];
          if (!hidden[cell]) continue;
          // s_k * x_k = - sum_{j != k} s_j * x_j ; bound the right side
          long min = 0;
          long max = 0;
          for (int j = 0; j < l.cells.length; j++) {
            if (j == k) continue;
            int o = l.cells[j];
            long a = -l.signs[j] * lo[o];
            long b = -l.signs[j] * hi[o];
            min = sat(min + Math.min(a, b));
            max = sat(max + Math.max(a, b));
          }
          long newLo = l.signs[k] > 0 ? min : -max;
          long newHi = l.signs[k] > 0 ? max : -min;
          if (newLo > lo[cell]) {
            lo[cell] = newLo;
            changed = true;
          }
          if (newHi < hi[cell]) {
            hi[cell] = newHi;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    Set<Integer> pinned = new HashSet<>();
    for (int i = 0; i < truth.length; i++) {
      if (!hidden[i]) continue;
      if (truth[i] < lo[i] || truth[i] > hi[i]) throw new AssertionError("bounds exclude the true value");
      if (lo[i] == hi[i]) pinned.add(i);
    }
    return pinned;
  }

  private static long sat(long v) {
    long inf = Long.MAX_VALUE / 4;
    return Math.max(-inf, Math.min(inf, v));
  }

  /** An exact rational number. */
  record Q(BigInteger num, BigInteger den) {
    static final Q ZERO = new Q(BigInteger.ZERO, BigInteger.ONE);

    static Q of(long v) {
      return new Q(BigInteger.valueOf(v), BigInteger.ONE);
    }

    Q {
      if (den.signum() < 0) {
        num = num.negate();
        den = den.negate();
      }
      BigInteger g = num.gcd(den);
      if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
        num = num.divide(g);
        den = den.divide(g);
      }
    }

    boolean isZero() {
      return num.signum() == 0;
    }

    Q add(Q o) {
      return new Q(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
    }

    Q sub(Q o) {
      return add(new Q(o.num.negate(), o.den));
    }

    Q mul(Q o) {
      return new Q(num.multiply(o.num), den.multiply(o.den));
    }

    Q inverse() {
      return new Q(den, num);
    }
  }
}
