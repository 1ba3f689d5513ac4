package org.sanctuary.staff.web;

import io.javalin.http.Context;
import org.sanctuary.errors.InvalidInput;

/**
 * A change that cannot be undone, or that locks someone out, needs a ticked box naming what will
 * happen: the server refuses the form without it, whatever the browser did, so one click (or a
 * form posted by a script that forgot) changes nothing.
 */
public final class Confirmation {
  /** The checkbox's name; its value must be {@link #VALUE}. */
  public static final String FIELD = "confirm";
  public static final String VALUE = "yes";

  private Confirmation() {}

  /** Refuses (400 naming {@code confirm}) a form whose confirmation box is not ticked. */
  public static void require(Context ctx, String what) {
    if (!VALUE.equals(ctx.formParam(FIELD))) {
      throw new InvalidInput(FIELD, "confirm: the box is not ticked (want it ticked to confirm: " + what + ")");
    }
  }
}
