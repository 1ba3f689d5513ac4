package org.sanctuary.incidents.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the small data files under {@code incidents/} on the classpath: one record a line. */
public final class DataFiles {
  private DataFiles() {}

  /** The lines of a file, blank lines and {@code #} comments left out, each split on tabs. */
  public static List<String[]> rows(String name) {
    try (InputStream in = DataFiles.class.getClassLoader().getResourceAsStream("incidents/" + name)) {
      if (in == null) throw new IllegalStateException("missing resource incidents/" + name);
      List<String[]> rows = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
        if (!line.isBlank() && !line.startsWith("#")) rows.add(line.strip().split("\t"));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
