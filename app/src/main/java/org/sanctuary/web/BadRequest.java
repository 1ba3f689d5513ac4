package org.sanctuary.web;

/**
 * The caller sent something unusable: answered 400 with {@code {"error": message, "field": field}}.
 * The message names the field, the value and what was wanted, e.g. {@code received: "2019-13-01" is
 * not a date (want YYYY-MM-DD)}.
 */
public final class BadRequest extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public BadRequest(String field, String message) {
    super(message);
    this.field = field;
  }

  /** Builds the usual message: {@code field: "value" problem (want want)}. */
  public static BadRequest of(String field, String value, String problem, String want) {
    String shown = value == null ? "nothing" : "\"" + value + "\"";
    return new BadRequest(field, field + ": " + shown + " " + problem + " (want " + want + ")");
  }

  public String field() {
    return field;
  }
}
