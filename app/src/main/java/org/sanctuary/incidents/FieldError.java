package org.sanctuary.incidents;

/**
 * One problem with one field of a report: the field, the message key that explains it (see the
 * {@code error.*} keys of the i18n files) and the value filled into that message, if any.
 */
public record FieldError(String field, String key, String arg) {

  /** The message in a language, e.g. for the form next to the field. */
  public String text(Messages m) {
    return m.format(key, arg == null ? "" : arg);
  }

  /** The English message for API callers, naming the field first. */
  public String english() {
    return field + ": " + text(Messages.of("en"));
  }
}
