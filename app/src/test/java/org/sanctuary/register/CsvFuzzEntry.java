package org.sanctuary.register;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** Opens the register CSV parser (package-private) to the fuzz target; parsing only, no database. */
public final class CsvFuzzEntry {
  private CsvFuzzEntry() {}

  /** The problems found in {@code text}; every good row must be whole. */
  public static List<String> read(String text) throws IOException {
    List<Object> rows = new ArrayList<>();
    List<RegisterCsv.Problem> problems = RegisterCsv.read(new StringReader(text), row -> {
      if (row == null || row.received() == null || row.outcome() == null) {
        throw new AssertionError("a good row with parts missing: " + row);
      }
      rows.add(row);
    });
    List<String> out = new ArrayList<>();
    for (RegisterCsv.Problem p : problems) {
      if (p.field() == null || p.message() == null || p.message().isBlank()) {
        throw new AssertionError("a problem without field or message: " + p);
      }
      out.add(p.toString());
    }
    return out;
  }
}
