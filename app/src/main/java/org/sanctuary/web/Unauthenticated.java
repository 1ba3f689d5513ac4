package org.sanctuary.web;

/**
 * Nobody is signed in (or the session ended): a page request is sent to the sign-in page, an API
 * request gets 401 {@code {"error": ...}}.
 */
public final class Unauthenticated extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Where pages go to sign in. */
  public static final String SIGN_IN_PATH = "/staff/login";

  public Unauthenticated() {
    super("sign in first: this needs a staff session");
  }
}
