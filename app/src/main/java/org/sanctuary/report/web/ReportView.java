package org.sanctuary.report.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sanctuary.report.AnnualReport;
import org.sanctuary.report.Cell;
import org.sanctuary.report.Charts;
import org.sanctuary.report.Labels;
import org.sanctuary.report.Table;
import org.sanctuary.report.store.FigureEntries;

/** The annual report laid out for the HTML page: sections, each table with its chart and figures. */
public record ReportView(int year, long size, String root, boolean synthetic, int minimum, List<Section> sections) {

  /** A part of the report: requests, violation reports or record look-ups. */
  public record Section(String id, String title, String intro, List<TableView> tables) {}

  /** One table: its chart (SVG markup, or empty), header row, body rows and notes. */
  public record TableView(String id, String title, String unit, String chart, String rowHeader,
      List<String> columns, List<Row> rows, List<String> packs, List<String> notes) {}

  /** A row of figures; {@code total} for the row of column totals. */
  public record Row(String label, boolean total, List<Figure> figures) {}

  /** A figure as shown: its text, a link to the entries behind it (or null), whether hidden. */
  public record Figure(String text, String link, boolean suppressed) {}

  public static ReportView of(AnnualReport r) {
    List<Section> sections = new ArrayList<>();
    sections.add(section(r, "requests", "Federal requests",
        "Every request a federal agency made to the Chicago Police Department, the Cook County Sheriff or "
            + "another city department, as recorded when it was answered, with the answer the law gave."));
    sections.add(section(r, "reports", "Violation reports",
        "Reports from the public that a city employee broke the welcoming ordinance, where they were sent "
            + "and what became of them."));
    sections.add(section(r, "gateway", "Record look-ups through the data firewall",
        "Every look-up of police records by another agency through the data firewall, whether it was "
            + "allowed or refused, and the rules that refused it."));
    return new ReportView(r.year(), r.checkpoint().size(), r.checkpoint().root(), r.synthetic(), r.minimum(),
        sections);
  }

  private static Section section(AnnualReport r, String prefix, String title, String intro) {
    List<TableView> tables = new ArrayList<>();
    for (Table t : r.tables()) if (t.id().startsWith(prefix + "-")) tables.add(table(r.year(), t));
    return new Section(prefix, title, intro, tables);
  }

  static TableView table(int year, Table t) {
    String rowDim = t.dimensions().get(0);
    List<String> rowValues = t.values(rowDim);
    List<Row> rows = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    String chart = "";
    if (t.dimensions().size() == 2) {
      String colDim = t.dimensions().get(1);
      List<String> colValues = t.values(colDim);
      for (String c : colValues) columns.add(c.equals(Cell.ALL) ? "Total" : Labels.of(colDim, c));
      for (String rv : rowValues) {
        List<Figure> figures = new ArrayList<>();
        for (String cv : colValues) {
          Map<String, String> key = new LinkedHashMap<>();
          key.put(rowDim, rv);
          key.put(colDim, cv);
          figures.add(figure(year, t, t.cell(key).orElseThrow()));
        }
        rows.add(new Row(rv.equals(Cell.ALL) ? "Total" : Labels.of(rowDim, rv), rv.equals(Cell.ALL), figures));
      }
      if (t.margins() && !t.id().equals("reports-time-to-finding")) {
        chart = rowDim.equals("month") ? Charts.months(t) : Charts.bars(t);
      }
    } else {
      columns.add(Labels.of(t.unit()));
      for (String rv : rowValues) {
        Cell c = t.cell(Map.of(rowDim, rv)).orElseThrow();
        rows.add(new Row(Labels.of(rowDim, rv), false, List.of(figure(year, t, c))));
      }
    }
    return new TableView(t.id(), t.title(), t.unit(), chart, Labels.of(header(rowDim)), columns, rows, t.packs(),
        t.notes());
  }

  private static String header(String dimension) {
    return switch (dimension) {
      case "receivingAgency" -> "Receiving agency";
      case "requester" -> "Requesting agency";
      case "routedTo" -> "Office";
      case "employeeType" -> "Employee type";
      default -> Character.toUpperCase(dimension.charAt(0)) + dimension.substring(1);
    };
  }

  private static Figure figure(int year, Table t, Cell c) {
    if (c.suppressed()) return new Figure("not shown", null, true);
    boolean days = t.id().equals("reports-time-to-finding") && !"findings".equals(c.key().get("measure"));
    String text = String.format(Locale.ROOT, "%,d", c.count()) + (days ? " days" : "");
    String link = null;
    if (c.count() > 0 && FigureEntries.listable(t.id())) link = entriesLink(year, t.id(), c.key());
    return new Figure(text, link, false);
  }

  /** The page listing the ledger entries behind a figure. */
  public static String entriesLink(int year, String tableId, Map<String, String> key) {
    StringBuilder s = new StringBuilder("/reports/").append(year).append("/entries?table=").append(tableId);
    for (Map.Entry<String, String> k : key.entrySet()) {
      if (k.getValue().equals(Cell.ALL)) continue;
      s.append('&').append(k.getKey()).append('=').append(URLEncoder.encode(k.getValue(), StandardCharsets.UTF_8));
    }
    return s.toString();
  }
}
