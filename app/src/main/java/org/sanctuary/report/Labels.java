package org.sanctuary.report;

import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Set;
import org.sanctuary.labels.ReportLabels;
import org.sanctuary.labels.RequestLabels;

/** Codes as people read them: {@code COOK_COUNTY_SHERIFF} becomes "Cook county sheriff". */
public final class Labels {
  private static final Set<String> ACRONYMS = Set.of("ATF", "CBP", "COPA", "CPD", "DEA", "DHS", "FBI", "FEMA",
      "HSI", "ICE", "ISP", "OIG", "TSA", "US", "USMS", "CDPH", "CFD", "CHA", "CPS", "CTA", "DFSS", "OEMC");

  private static final Set<String> IDENTIFIERS = Set.of("dataset", "rule");

  private Labels() {}

  /**
   * A value of a table's dimension in words: the same words the staff pages use for a request's
   * kind, purpose, receiving body and requester, and for a report's category, department and kind
   * of employee. The offices stay COPA and OIG (column heads, known by those names), datasets and
   * rules their ids; other codes read as words. The CSV and JSON files keep the codes.
   */
  public static String of(String dimension, String code) {
    if (code == null || code.equals(Cell.ALL)) return of(code);
    if (IDENTIFIERS.contains(dimension)) return code;
    return switch (dimension) {
      case "requester" -> code.equals("UNKNOWN") ? "Not in the agency registry" : RequestLabels.requester(code);
      case "kind" -> RequestLabels.kind(code);
      case "purpose" -> RequestLabels.purpose(code);
      case "receivingAgency" -> RequestLabels.body(code);
      case "category" -> ReportLabels.category(code);
      case "department" -> ReportLabels.department(code);
      case "employeeType" -> ReportLabels.employeeType(code);
      default -> of(code);
    };
  }

  public static String of(String code) {
    if (code == null) return "";
    if (code.equals(Cell.ALL)) return "All";
    if (code.matches("\\d{4}-\\d{2}")) return month(code) + " " + code.substring(0, 4);
    if (!code.matches("[A-Z0-9_]+")) return code; // pack:rule codes, dataset ids: as they are
    StringBuilder out = new StringBuilder();
    for (String word : code.split("_")) {
      if (word.isEmpty()) continue;
      if (out.length() > 0) out.append(' ');
      out.append(ACRONYMS.contains(word) ? word : word.toLowerCase(Locale.ROOT));
    }
    if (out.length() > 0) out.setCharAt(0, Character.toUpperCase(out.charAt(0)));
    return out.toString();
  }

  /** The short month name of a {@code YYYY-MM} code. */
  public static String month(String yearMonth) {
    return Month.of(Integer.parseInt(yearMonth.substring(5, 7))).getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
  }
}
