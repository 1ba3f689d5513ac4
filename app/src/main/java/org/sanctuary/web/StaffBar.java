package org.sanctuary.web;

import io.javalin.http.Context;

/**
 * The staff bar around an error page, when a signed-in staff member meets the error: who is signed
 * in, the session's token for the sign-out form, and, when their role is what kept them out, why
 * in words. The staff part attaches it to the request; the error page shows it.
 */
public record StaffBar(String username, String csrf, String roleRefusal) {
  private static final String ATTRIBUTE = "sanctuary.staffBar";

  public void attachTo(Context ctx) {
    ctx.attribute(ATTRIBUTE, this);
  }

  public StaffBar refusedByRole(String why) {
    return new StaffBar(username, csrf, why);
  }

  static StaffBar of(Context ctx) {
    return ctx.attribute(ATTRIBUTE);
  }
}
