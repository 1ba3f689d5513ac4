package org.sanctuary.report;

import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Set;

/** Codes as people read them: {@code COOK_COUNTY_SHERIFF} becomes "Cook county sheriff". */
public final class Labels {
  private static final Set<String> ACRONYMS = Set.of("ATF", "CBP", "COPA", "CPD", "DEA", "DHS", "FBI", "FEMA",
      "HSI", "ICE", "ISP", "OIG", "TSA", "US", "USMS", "CDPH", "CFD", "CHA", "CPS", "CTA", "DFSS", "OEMC");

  private static final Set<String> IDENTIFIERS = Set.of("requester", "department", "dataset", "rule");

  private Labels() {}

  /** Identifiers (agencies, departments, datasets, rules) stay as codes; other codes read as words. */
  public static String of(String dimension, String code) {
    if (code != null && !code.equals(Cell.ALL) && IDENTIFIERS.contains(dimension)) return code;
    return of(code);
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
