package org.sanctuary.errors;

/**
 * The caller sent something unusable: the web answers 400 naming the field, the command line exits 2.
 * The message names the field, the value and what was wanted, e.g. {@code received: "2019-13-01" is
 * not a date (want YYYY-MM-DD)}.
 */
public final class InvalidInput extends DomainError {
  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidInput(String field, String message) {
    super(message);
    this.field = field;
  }

  /** Builds the usual message: {@code field: "value" problem (want want)}. */
  public static InvalidInput of(String field, String value, String problem, String want) {
    // with no value there is nothing for the problem to describe: say it is missing
    if (value == null) {
      return new InvalidInput(field, field + ": missing (want " + want + ")");
    }
    return new InvalidInput(field, field + ": \"" + value + "\" " + problem + " (want " + want + ")");
  }

  /** The same refusal from the shared input rules ({@code InputRules}), in the domain's words. */
  public static InvalidInput from(org.sanctuary.policy.InputException e) {
    return new InvalidInput(e.field(), e.getMessage());
  }

  @Override
  public String field() {
    return field;
  }
}
