package org.sanctuary.report.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sanctuary.ledger.store.DecodedEntry;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.report.AnnualReport;
import org.sanctuary.report.AnnualReports;
import org.sanctuary.report.Cell;
import org.sanctuary.report.Labels;
import org.sanctuary.report.ReportCsv;
import org.sanctuary.report.ReportJson;
import org.sanctuary.report.Table;
import org.sanctuary.report.store.FigureEntries;
import org.sanctuary.report.store.ReportStore;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.errors.NotFound;

/**
 * The annual public report: the list of years, each year as HTML, JSON or CSV, and the ledger
 * entries behind any shown figure. A report is computed at the latest checkpoint and kept until
 * the ledger grows.
 */
public final class ReportController {
  private static final Pattern YEAR = Pattern.compile("(\\d{4})(?:\\.(json|csv))?");
  /** The first year any of the city's laws in the packs was in force. */
  static final int FIRST_YEAR = 1985;

  private final ReportStore store;
  private final FigureEntries figures;
  private final LedgerReader ledger;
  private final Clock clock;
  private final Map<Integer, AnnualReport> cache = new ConcurrentHashMap<>();

  public ReportController(ReportStore store, FigureEntries figures, LedgerReader ledger, Clock clock) {
    this.store = store;
    this.figures = figures;
    this.ledger = ledger;
    this.clock = clock;
  }

  /** The report of a year at the latest checkpoint, computed once per checkpoint size. */
  public AnnualReport report(int year) {
    long size = ledger.size();
    AnnualReport cached = cache.get(year);
    if (cached != null && cached.checkpoint().size() == size) return cached;
    AnnualReport fresh = AnnualReports.build(store.figures(year));
    cache.put(year, fresh);
    return fresh;
  }

  void list(Context ctx) {
    List<Integer> years = new ArrayList<>(store.years());
    int current = LocalDate.now(clock.withZone(ReportStore.ZONE)).getYear();
    if (!years.contains(current)) years.add(0, current);
    ctx.render("reports.jte", Map.of("years", years, "current", current));
  }

  void show(Context ctx) {
    String raw = ctx.pathParam("year");
    Matcher m = YEAR.matcher(raw);
    if (!m.matches()) {
      throw new NotFound("/reports/" + raw + ": no such report (want /reports/YYYY, YYYY.json or YYYY.csv)");
    }
    int year = year(m.group(1));
    AnnualReport report = report(year);
    String format = m.group(2);
    if ("json".equals(format)) {
      ctx.contentType("application/json; charset=utf-8").result(ReportJson.write(report));
    } else if ("csv".equals(format)) {
      ctx.header("Content-Disposition", "attachment; filename=\"sanctuary-annual-" + year + ".csv\"");
      ctx.contentType("text/csv; charset=utf-8").result(ReportCsv.write(report));
    } else {
      ctx.render("report-annual.jte", Map.of("report", ReportView.of(report)));
    }
  }

  void entries(Context ctx) {
    int year = year(ctx.pathParam("year"));
    AnnualReport report = report(year);
    String tableId = ctx.queryParam("table");
    Table table = tableId == null ? null : report.table(tableId).orElse(null);
    if (table == null) {
      throw InvalidInput.of("table", tableId, "is not a table of the report", "a table id such as requests-by-agency-and-outcome");
    }
    if (!FigureEntries.listable(table.id())) {
      throw InvalidInput.of("table", tableId, "counts several entry types per record", "a table of requests, "
          + "reports by category, employee type, department or month, or record look-ups");
    }
    Map<String, String> key = new LinkedHashMap<>();
    for (String dim : table.dimensions()) {
      String v = ctx.queryParam(dim);
      if (v == null || v.isBlank()) v = Cell.ALL;
      if (!table.values(dim).contains(v)) {
        throw InvalidInput.of(dim, v, "is not a value of this table", "one of " + table.values(dim));
      }
      key.put(dim, v);
    }
    Cell cell = table.cell(key).orElseThrow(() -> new NotFound("no such figure"));
    if (cell.suppressed()) {
      throw InvalidInput.of(table.dimensions().get(0), key.get(table.dimensions().get(0)),
          "names a figure that is not shown (small counts are withheld)", "a figure the report shows");
    }
    long after = afterParam(ctx.queryParam("after"));
    List<Long> indexes;
    try {
      indexes = figures.indexes(year, table.id(), key, report.checkpoint().size(), after);
    } catch (IllegalArgumentException e) {
      throw InvalidInput.of("table", tableId, e.getMessage(), "a figure whose entries can be listed");
    }
    List<DecodedEntry> decoded = new ArrayList<>();
    for (LedgerReader.Entry e : ledger.entriesAt(indexes)) decoded.add(DecodedEntry.of(e.index(), e.data()));
    List<String> described = new ArrayList<>();
    for (Map.Entry<String, String> k : key.entrySet()) {
      if (!k.getValue().equals(Cell.ALL)) described.add(k.getKey() + " " + Labels.of(k.getKey(), k.getValue()));
    }
    String next = indexes.size() == FigureEntries.PAGE
        ? ReportView.entriesLink(year, table.id(), key) + "&after=" + indexes.get(indexes.size() - 1) : null;
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("year", year);
    model.put("table", table);
    model.put("figure", described.isEmpty() ? "all" : String.join(", ", described));
    model.put("count", cell.count());
    model.put("size", report.checkpoint().size());
    model.put("entries", decoded);
    model.put("next", next == null ? "" : next);
    ctx.render("report-entries.jte", model);
  }

  private int year(String raw) {
    int year;
    try {
      year = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw InvalidInput.of("year", raw, "is not a year", "a year such as 2025");
    }
    int last = LocalDate.now(clock.withZone(ReportStore.ZONE)).getYear();
    if (year < FIRST_YEAR || year > last) {
      throw new NotFound("year " + year + ": no report (want a year from " + FIRST_YEAR + " to " + last + ")");
    }
    return year;
  }

  private static long afterParam(String raw) {
    if (raw == null || raw.isBlank()) return -1;
    try {
      long v = Long.parseLong(raw.strip());
      if (v < -1) throw InvalidInput.of("after", raw, "is negative", "a ledger index");
      return v;
    } catch (NumberFormatException e) {
      throw InvalidInput.of("after", raw, "is not a whole number", "a ledger index");
    }
  }
}
