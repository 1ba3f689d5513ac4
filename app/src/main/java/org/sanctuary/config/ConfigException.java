package org.sanctuary.config;

/**
 * A configuration value that cannot be used. The message names the field, the value and what was
 * wanted, e.g. {@code port: "70000" is out of range (want 0-65535)}.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public ConfigException(String field, String value, String problem, String want) {
    super(field + ": " + quote(value) + " " + problem + " (want " + want + ")");
    this.field = field;
  }

  /** The option or environment variable that carried the bad value. */
  public String field() {
    return field;
  }

  private static String quote(String value) {
    return value == null ? "nothing" : "\"" + value + "\"";
  }
}
