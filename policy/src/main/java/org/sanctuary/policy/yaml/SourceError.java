package org.sanctuary.policy.yaml;

/** One authoring error in a data file, with the place it was found (1-based line and column). */
public record SourceError(String file, int line, int column, String message) implements Comparable<SourceError> {

  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + message;
  }

  @Override
  public int compareTo(SourceError o) {
    int c = file.compareTo(o.file);
    if (c != 0) return c;
    c = Integer.compare(line, o.line);
    return c != 0 ? c : Integer.compare(column, o.column);
  }
}
