package org.sanctuary.errors;

/**
 * What the domain says when it cannot do what was asked. Services throw these and nothing else to
 * explain a refusal; {@code web.ErrorResponses} is the one place that turns them into HTTP answers
 * and {@code cli.Main} the one place that turns them into exit codes. None of them is a bug: a bug
 * is any other exception.
 */
public abstract sealed class DomainError extends RuntimeException
    permits InvalidInput, Refused, NotPermitted, NotFound, CredentialRejected, SignInRequired,
        RateLimited, Unavailable, Conflict {
  private static final long serialVersionUID = 1L;

  DomainError(String message) {
    super(message);
  }

  DomainError(String message, Throwable cause) {
    super(message, cause);
  }

  /** The input field to blame, or null when no single field is. */
  public String field() {
    return null;
  }
}
