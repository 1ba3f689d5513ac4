package org.sanctuary.errors;

/** The caller's credential is missing, unknown, revoked or expired (the web answers 401). */
public final class CredentialRejected extends DomainError {
  private static final long serialVersionUID = 1L;

  public CredentialRejected(String message) {
    super(message);
  }
}
