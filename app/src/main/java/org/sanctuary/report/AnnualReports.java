package org.sanctuary.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns raw figures into the published report: every table laid out, totals added, and small
 * cells suppressed ({@link Suppression}). Pure: the same raw figures always give the same report.
 */
public final class AnnualReports {
  /** The smallest count that is ever shown, besides 0. */
  public static final int MINIMUM = Suppression.MAX_SMALL + 1;

  private AnnualReports() {}

  public static AnnualReport build(RawFigures raw) {
    List<TableSpec> specs = AnnualTables.specs(raw.year());
    Map<String, Table> built = new LinkedHashMap<>();
    // Tables of one family share their column totals and grand total: suppress them together
    // until the hidden totals agree, so no table shows a total another one hides.
    Map<String, List<TableSpec>> families = new LinkedHashMap<>();
    for (TableSpec s : specs) {
      if (s.shape() == TableSpec.Shape.CROSS) families.computeIfAbsent(s.family(), f -> new ArrayList<>()).add(s);
    }
    for (List<TableSpec> family : families.values()) {
      List<Grid> grids = family.stream().map(s -> Grid.of(s, raw)).toList();
      boolean[] shared = new boolean[grids.get(0).cols.size() + 1];
      while (true) {
        boolean[] next = shared.clone();
        for (Grid g : grids) {
          g.suppress(shared);
          boolean[] last = g.hidden[g.hidden.length - 1];
          for (int c = 0; c < next.length; c++) next[c] |= last[c];
        }
        if (Arrays.equals(next, shared)) break;
        shared = next;
      }
      for (Grid g : grids) built.put(g.spec.id(), g.table(raw));
    }
    List<Table> tables = new ArrayList<>();
    for (TableSpec s : specs) {
      switch (s.shape()) {
        case CROSS -> tables.add(built.get(s.id()));
        case LIST -> tables.add(list(s, raw));
        case TIME_TO_FINDING -> tables.add(timeToFinding(s, raw));
      }
    }
    return new AnnualReport(raw.year(), raw.checkpoint(), MINIMUM, raw.synthetic(), tables);
  }

  /** A two-way table with its totals, as a grid the suppression works on. */
  private static final class Grid {
    final TableSpec spec;
    final List<String> rows;
    final List<String> cols;
    final long[][] y;
    boolean[][] hidden;

    private Grid(TableSpec spec, List<String> rows, List<String> cols, long[][] y) {
      this.spec = spec;
      this.rows = rows;
      this.cols = cols;
      this.y = y;
    }

    static Grid of(TableSpec s, RawFigures raw) {
      String rowDim = s.dimensions().get(0);
      String colDim = s.dimensions().get(1);
      Map<List<String>, Long> counts = raw.counts(s.id());
      List<String> rows = values(s.domain(rowDim), counts.keySet().stream().map(k -> k.get(0)).toList());
      List<String> cols = values(s.domain(colDim), counts.keySet().stream().map(k -> k.get(1)).toList());
      int nr = rows.size();
      int nc = cols.size();
      long[][] y = new long[nr + 1][nc + 1];
      for (Map.Entry<List<String>, Long> e : counts.entrySet()) {
        int r = rows.indexOf(e.getKey().get(0));
        int c = cols.indexOf(e.getKey().get(1));
        long v = e.getValue();
        y[r][c] += v;
        y[r][nc] += v;
        y[nr][c] += v;
        y[nr][nc] += v;
      }
      return new Grid(s, rows, cols, y);
    }

    void suppress(boolean[] sharedTotals) {
      boolean[][] forced = new boolean[y.length][y[0].length];
      forced[y.length - 1] = sharedTotals.clone();
      hidden = Suppression.grid(y, forced);
    }

    Table table(RawFigures raw) {
      String rowDim = spec.dimensions().get(0);
      String colDim = spec.dimensions().get(1);
      List<Cell> cells = new ArrayList<>();
      for (int r = 0; r <= rows.size(); r++) {
        for (int c = 0; c <= cols.size(); c++) {
          Map<String, String> key = new LinkedHashMap<>();
          key.put(rowDim, r < rows.size() ? rows.get(r) : Cell.ALL);
          key.put(colDim, c < cols.size() ? cols.get(c) : Cell.ALL);
          cells.add(Cell.of(key, y[r][c], hidden[r][c]));
        }
      }
      return new Table(spec.id(), spec.title(), spec.unit(), spec.dimensions(), cells, true,
          packs(spec, raw), spec.notes());
    }
  }

  private static Table list(TableSpec s, RawFigures raw) {
    String dim = s.dimensions().get(0);
    Map<List<String>, Long> counts = raw.counts(s.id());
    List<String> values = values(s.domain(dim), counts.keySet().stream().map(k -> k.get(0)).toList());
    long[] v = new long[values.size()];
    for (Map.Entry<List<String>, Long> e : counts.entrySet()) v[values.indexOf(e.getKey().get(0))] += e.getValue();
    boolean[] hidden = Suppression.line(v, false, null);
    List<Cell> cells = new ArrayList<>();
    for (int i = 0; i < v.length; i++) cells.add(Cell.of(Map.of(dim, values.get(i)), v[i], hidden[i]));
    return new Table(s.id(), s.title(), s.unit(), s.dimensions(), cells, false, packs(s, raw), s.notes());
  }

  private static Table timeToFinding(TableSpec s, RawFigures raw) {
    List<String> offices = new ArrayList<>(values(s.domain("routedTo"), raw.findingDays().keySet()));
    List<List<Long>> days = new ArrayList<>();
    List<Long> all = new ArrayList<>();
    for (String o : offices) {
      List<Long> d = raw.findingDays().getOrDefault(o, List.of());
      days.add(d);
      all.addAll(d);
    }
    offices.add(Cell.ALL);
    days.add(all);
    long[] n = new long[offices.size()];
    for (int i = 0; i < n.length; i++) n[i] = days.get(i).size();
    boolean[] hidden = Suppression.line(n, true, null);
    List<Cell> cells = new ArrayList<>();
    for (int i = 0; i < offices.size(); i++) {
      List<Long> sorted = days.get(i).stream().sorted().toList();
      boolean tooFew = sorted.size() < MINIMUM;
      cells.add(Cell.of(key(offices.get(i), "findings"), n[i], hidden[i]));
      cells.add(Cell.of(key(offices.get(i), "medianDays"), tooFew ? 0 : nearestRank(sorted, 50), tooFew));
      cells.add(Cell.of(key(offices.get(i), "p90Days"), tooFew ? 0 : nearestRank(sorted, 90), tooFew));
    }
    return new Table(s.id(), s.title(), s.unit(), s.dimensions(), cells, true, packs(s, raw), s.notes());
  }

  private static Map<String, String> key(String office, String measure) {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("routedTo", office);
    k.put("measure", measure);
    return k;
  }

  /** The nearest-rank percentile: the value at rank ceil(p/100 * n) of the sorted values. */
  static long nearestRank(List<Long> sorted, int percent) {
    if (sorted.isEmpty()) throw new IllegalArgumentException("no values");
    int n = sorted.size();
    int rank = (int) ((percent * (long) n + 99) / 100);
    return sorted.get(Math.max(rank, 1) - 1);
  }

  // The listed values in their order, then any other value seen, sorted.
  private static List<String> values(List<String> listed, java.util.Collection<String> seen) {
    LinkedHashSet<String> out = new LinkedHashSet<>(listed);
    out.addAll(new TreeSet<>(seen));
    return List.copyOf(out);
  }

  private static List<String> packs(TableSpec s, RawFigures raw) {
    return List.copyOf(new TreeSet<>(raw.packs().getOrDefault(s.source(), java.util.Set.of())));
  }
}
