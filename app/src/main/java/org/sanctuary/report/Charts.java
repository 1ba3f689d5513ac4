package org.sanctuary.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Server-rendered SVG bar charts of a two-way table, drawn from the published (suppressed) cells
 * only: a hidden cell is drawn as a dashed empty box marked "not shown", never as a bar. The SVG is
 * decorative for screen readers (the table next to it carries the figures), scales to its
 * container (viewBox, width 100%) and needs no script.
 */
public final class Charts {
  static final String[] COLOURS = {"#0b5394", "#b45f06", "#38761d", "#741b47"};
  private static final int WIDTH = 400;
  private static final int LABEL = 16;
  private static final int BAR = 14;
  private static final int GAP = 3;

  private Charts() {}

  /**
   * Horizontal grouped bars: for each value of the first dimension, a label and one bar per value
   * of the second dimension (totals left out).
   */
  public static String bars(Table t) {
    if (t.dimensions().size() != 2) throw new IllegalArgumentException("table " + t.id() + " is not two-way");
    String rowDim = t.dimensions().get(0);
    String colDim = t.dimensions().get(1);
    List<String> rows = values(t, rowDim);
    List<String> cols = values(t, colDim);
    long max = maxShown(t);
    StringBuilder body = new StringBuilder();
    int y = legend(body, colDim, cols, 0);
    int plot = WIDTH - 70;
    for (String r : rows) {
      y += LABEL;
      body.append(text(0, y - 4, Labels.of(rowDim, r), "label"));
      for (int i = 0; i < cols.size(); i++) {
        Cell c = t.cell(java.util.Map.of(rowDim, r, colDim, cols.get(i))).orElseThrow();
        bar(body, 0, y, plot, max, c, COLOURS[i % COLOURS.length]);
        y += BAR + GAP;
      }
      y += 6;
    }
    return svg(t, y + 4, body);
  }

  /** Vertical grouped bars by month (the first dimension), one bar per value of the second. */
  public static String months(Table t) {
    String rowDim = t.dimensions().get(0);
    String colDim = t.dimensions().get(1);
    List<String> months = values(t, rowDim);
    List<String> cols = values(t, colDim);
    long max = maxShown(t);
    StringBuilder body = new StringBuilder();
    int top = legend(body, colDim, cols, 0) + 8;
    int height = 200;
    int base = top + height;
    int slot = (WIDTH - 40) / Math.max(1, months.size());
    int bw = Math.max(3, (slot - 6) / Math.max(1, cols.size()));
    body.append(String.format(Locale.ROOT, "<line x1=\"36\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>", base, WIDTH, base));
    body.append(text(0, top + 10, String.format(Locale.ROOT, "%,d", max), "tick"));
    body.append(text(0, base, "0", "tick"));
    for (int m = 0; m < months.size(); m++) {
      int x0 = 40 + m * slot;
      for (int i = 0; i < cols.size(); i++) {
        Cell c = t.cell(java.util.Map.of(rowDim, months.get(m), colDim, cols.get(i))).orElseThrow();
        int x = x0 + i * bw;
        if (c.suppressed()) {
          body.append(String.format(Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"8\" class=\"hidden-cell\" fill=\"#fff\" stroke=\"#4a4a4a\" stroke-dasharray=\"2 2\"/>", x, base - 8, bw - 1));
        } else if (max > 0 && c.count() > 0) {
          int h = (int) Math.max(1, Math.round((double) c.count() / max * height));
          body.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>",
              x, base - h, bw - 1, h, COLOURS[i % COLOURS.length]));
        }
      }
      body.append(text(x0, base + 14, Labels.month(months.get(m)), "tick"));
    }
    return svg(t, base + 22, body);
  }

  private static int legend(StringBuilder body, String colDim, List<String> cols, int y) {
    int x = 0;
    y += 14;
    for (int i = 0; i < cols.size(); i++) {
      body.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>",
          x, y - 11, COLOURS[i % COLOURS.length]));
      String label = Labels.of(colDim, cols.get(i));
      body.append(text(x + 16, y, label, "legend"));
      x += 32 + 8 * label.length();
    }
    body.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" class=\"hidden-cell\" fill=\"#fff\" stroke=\"#4a4a4a\" stroke-dasharray=\"2 2\"/>",
        x, y - 11));
    body.append(text(x + 16, y, "not shown", "legend"));
    return y + 6;
  }

  private static void bar(StringBuilder body, int x, int y, int plot, long max, Cell c, String colour) {
    if (c.suppressed()) {
      body.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"%d\" class=\"hidden-cell\" fill=\"#fff\" stroke=\"#4a4a4a\" stroke-dasharray=\"2 2\"/>",
          x, y, BAR));
      body.append(text(x + 14, y + BAR - 3, "not shown", "value"));
      return;
    }
    int w = max == 0 || c.count() == 0 ? 0 : (int) Math.max(1, Math.round((double) c.count() / max * plot));
    if (w > 0) {
      body.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>",
          x, y, w, BAR, colour));
    }
    body.append(text(x + w + 4, y + BAR - 3, String.format(Locale.ROOT, "%,d", c.count()), "value"));
  }

  private static String svg(Table t, int height, StringBuilder body) {
    return String.format(Locale.ROOT,
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"100%%\""
            + " role=\"img\" aria-label=\"%s: chart; the figures are in the table that follows\">%s</svg>",
        WIDTH, height, escape(t.title()), body);
  }

  private static String text(int x, int y, String s, String cls) {
    return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"%s\">%s</text>", x, y, cls, escape(s));
  }

  private static List<String> values(Table t, String dim) {
    List<String> out = new ArrayList<>(t.values(dim));
    out.remove(Cell.ALL);
    return out;
  }

  private static long maxShown(Table t) {
    long max = 0;
    for (Cell c : t.cells()) if (!c.suppressed() && !c.isTotal()) max = Math.max(max, c.count());
    return max;
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }
}
