package org.sanctuary.errors;

/**
 * Nobody is signed in (or the session ended): the web sends a page request to the sign-in page
 * and answers an API request 401.
 */
public final class SignInRequired extends DomainError {
  private static final long serialVersionUID = 1L;

  public SignInRequired() {
    super("sign in first: this needs a staff session");
  }
}
