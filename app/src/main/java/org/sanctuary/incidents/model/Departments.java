package org.sanctuary.incidents.model;

import java.util.List;

/** The department codes a report may name ({@code incidents/departments.txt}). */
public final class Departments {
  private static final List<String> CODES = DataFiles.rows("departments.txt").stream().map(r -> r[0]).toList();

  private Departments() {}

  public static List<String> codes() {
    return CODES;
  }

  public static boolean isKnown(String code) {
    return CODES.contains(code);
  }
}
