package org.sanctuary.register;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who recorded a request: a records system's token or a staff member, by id (never a name), or a
 * CSV import run from the command line. Written as {@code token:7}, {@code staff:3} or
 * {@code import} in the register and in the request's ledger entry.
 */
public record Recorder(String kind, long id) {
  private static final Pattern FORM = Pattern.compile("(token|staff):([0-9]+)|import");
  public static final Recorder IMPORT = new Recorder("import", 0);

  public Recorder {
    if (!kind.equals("token") && !kind.equals("staff") && !kind.equals("import")) {
      throw new IllegalArgumentException("recorder kind: " + kind);
    }
    if (id < 0) throw new IllegalArgumentException("recorder id: " + id);
  }

  public static Recorder token(long id) {
    return new Recorder("token", id);
  }

  public static Recorder staff(long id) {
    return new Recorder("staff", id);
  }

  public static Recorder parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text);
    if (!m.matches()) throw new IllegalArgumentException("recorder: \"" + text + "\"");
    return m.group(1) == null ? IMPORT : new Recorder(m.group(1), Long.parseLong(m.group(2)));
  }

  @Override
  public String toString() {
    return kind.equals("import") ? "import" : kind + ":" + id;
  }
}
