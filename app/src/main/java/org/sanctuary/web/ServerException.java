package org.sanctuary.web;

/** The web server could not start, e.g. because its port is taken. */
public final class ServerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
