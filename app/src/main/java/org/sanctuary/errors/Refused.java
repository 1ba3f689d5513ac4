package org.sanctuary.errors;

/**
 * The law or an agreement refuses what the caller asked: answered 403 with {@code {"error":
 * message, "reason": why, "citation": the rule or agreement that decides it}}.
 */
public final class Refused extends DomainError {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final String citation;

  public Refused(String message, String reason, String citation) {
    super(message);
    this.reason = reason;
    this.citation = citation;
  }

  public String reason() {
    return reason;
  }

  public String citation() {
    return citation;
  }
}
