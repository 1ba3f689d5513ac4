package org.sanctuary.register;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A small, strict RFC 4180 reader: comma-separated fields, optionally in double quotes (a quote
 * inside doubled), quoted fields may hold commas and line breaks; lines end in LF or CRLF. A byte
 * order mark at the start is skipped. Each record knows the line it starts on, so errors can name
 * it. Malformed quoting is an error, never a guess.
 */
final class CsvReader {
  private static final int MAX_FIELD = 10_000;
  private final Reader in;
  private int line = 1;
  private int peeked = -2;
  private boolean first = true;

  CsvReader(Reader in) {
    this.in = in;
  }

  /** One record: the line it starts on and its fields. */
  record Record(int line, List<String> fields) {}

  /** A record whose quoting is broken: where, and what. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;
    final int line;

    Malformed(int line, String message) {
      super(message);
      this.line = line;
    }
  }

  /** The next record, or null at the end of the input. Blank lines are skipped. */
  Record next() throws IOException, Malformed {
    while (true) {
      int c = peek();
      if (c == -1) return null;
      if (c == '\r' || c == '\n') {
        endOfLine();
        continue;
      }
      return record();
    }
  }

  private Record record() throws IOException, Malformed {
    int start = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    while (true) {
      int c = read();
      if (c == '"' && field.isEmpty()) {
        quoted(field, start);
        c = read();
        if (c != ',' && c != '\n' && c != '\r' && c != -1) {
          throw new Malformed(start, "a quoted field is followed by '" + (char) c + "' (want a comma or the end of the line)");
        }
      }
      if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r' || c == -1) {
        if (c == '\r' && peek() == '\n') read();
        if (c != -1) line++;
        fields.add(field.toString());
        return new Record(start, fields);
      } else if (c == '"') {
        throw new Malformed(start, "a quote inside an unquoted field (want the whole field in quotes, a quote doubled)");
      } else {
        append(field, c, start);
      }
    }
  }

  private void quoted(StringBuilder field, int start) throws IOException, Malformed {
    while (true) {
      int c = read();
      if (c == -1) throw new Malformed(start, "a quoted field is not closed before the end of the file");
      if (c == '"') {
        if (peek() == '"') {
          read();
          append(field, '"', start);
        } else {
          return;
        }
      } else {
        if (c == '\n') line++;
        append(field, c, start);
      }
    }
  }

  private static void append(StringBuilder field, int c, int start) throws Malformed {
    if (field.length() >= MAX_FIELD) throw new Malformed(start, "a field longer than " + MAX_FIELD + " characters");
    field.append((char) c);
  }

  private void endOfLine() throws IOException {
    int c = read();
    if (c == '\r' && peek() == '\n') read();
    line++;
  }

  private int peek() throws IOException {
    if (peeked == -2) peeked = readRaw();
    return peeked;
  }

  private int read() throws IOException {
    int c = peek();
    peeked = -2;
    return c;
  }

  private int readRaw() throws IOException {
    int c = in.read();
    if (first) {
      first = false;
      if (c == '\uFEFF') c = in.read();
    }
    return c;
  }
}
