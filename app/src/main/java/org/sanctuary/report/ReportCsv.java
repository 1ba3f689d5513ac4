package org.sanctuary.report;

/**
 * The report as one CSV file: one row per published cell, with the table id in the first column
 * and up to two dimension name and value pairs. A suppressed cell has an empty count and {@code
 * true} in the {@code suppressed} column; {@code synthetic} repeats the report's flag on every row,
 * so a row copied out of the file still says it counts demonstration data.
 */
public final class ReportCsv {
  public static final String HEADER = "table,dimension_1,value_1,dimension_2,value_2,count,suppressed,synthetic";

  private ReportCsv() {}

  public static String write(AnnualReport report) {
    StringBuilder out = new StringBuilder(HEADER).append("\r\n");
    for (Table t : report.tables()) {
      for (Cell c : t.cells()) {
        out.append(field(t.id()));
        for (int i = 0; i < 2; i++) {
          String dim = i < t.dimensions().size() ? t.dimensions().get(i) : "";
          out.append(',').append(field(dim)).append(',').append(field(dim.isEmpty() ? "" : c.key().get(dim)));
        }
        out.append(',').append(c.suppressed() ? "" : c.count().toString());
        out.append(',').append(c.suppressed()).append(',').append(report.synthetic()).append("\r\n");
      }
    }
    return out.toString();
  }

  // RFC 4180: quote a field holding a comma, quote or line break; double the quotes inside. A
  // leading =, +, - or @ is prefixed with ' so a spreadsheet does not run it as a formula.
  static String field(String s) {
    String v = s;
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) v = "'" + v;
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }
}
