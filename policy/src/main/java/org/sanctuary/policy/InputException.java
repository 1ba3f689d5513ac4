package org.sanctuary.policy;

/**
 * Bad input, with the field it concerns: a malformed request, an unknown value, a date with no
 * law in force. Callers show the message in one line (command line: exit 2; HTTP: 400).
 */
public final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public InputException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The request field at fault, in dotted form ({@code subject.felonyConviction}), or "body". */
  public String field() {
    return field;
  }
}
