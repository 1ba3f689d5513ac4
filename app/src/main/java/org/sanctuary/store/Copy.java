package org.sanctuary.store;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * PostgreSQL's {@code COPY ... FROM STDIN} in its text format, for the bulk paths that write many
 * rows in one transaction: a row is tab-separated fields, {@code \N} for null.
 */
public final class Copy {
  private Copy() {}

  /** Appends one row; a null field is written as NULL. */
  public static void row(StringBuilder out, String... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) out.append('\t');
      field(out, fields[i]);
    }
    out.append('\n');
  }

  /** A text[] literal with every element quoted: {@code {"a","b \"c\""}}. */
  public static String array(List<String> elements) {
    StringBuilder s = new StringBuilder("{");
    for (int i = 0; i < elements.size(); i++) {
      if (i > 0) s.append(',');
      s.append('"').append(elements.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return s.append('}').toString();
  }

  /** Sends the rows with {@code sql} (a {@code COPY ... FROM STDIN}) on the caller's connection. */
  public static void in(Connection c, String sql, CharSequence rows, String what) throws SQLException {
    if (rows.length() == 0) return;
    try {
      c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(rows.toString()));
    } catch (IOException e) {
      throw new SQLException("COPY of " + what + " failed: " + e.getMessage(), e);
    }
  }

  /** Appends one field: backslash, tab, newline and carriage return escaped, null as NULL. */
  public static void field(StringBuilder out, String v) {
    if (v == null) {
      out.append("\\N");
      return;
    }
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      switch (ch) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(ch);
      }
    }
  }
}
