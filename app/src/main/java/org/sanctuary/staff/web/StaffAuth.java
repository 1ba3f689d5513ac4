package org.sanctuary.staff.web;

import org.sanctuary.staff.*;

import io.javalin.http.Context;
import org.sanctuary.staff.StaffPage;

/**
 * How staff pages and staff APIs learn who is asking. Pages and APIs call {@link #require} first;
 * form posts also call {@link #checkCsrf}. An anonymous caller is refused (401 on /api/, a
 * redirect to the sign-in page otherwise); a caller without any of the roles gets 403.
 */
public interface StaffAuth {

  /** The signed-in staff member holding at least one of {@code anyOf} (any role when empty). */
  StaffUser require(Context ctx, Role... anyOf);

  /** The signed-in staff member who may open {@code page} (the same rule every link to it reads). */
  default StaffUser require(Context ctx, StaffPage page) {
    return require(ctx, page.rolesArray());
  }

  /** Refuses (403) a state-changing request whose CSRF token is missing or wrong. */
  void checkCsrf(Context ctx);

  /** The CSRF token to put in the hidden {@code csrf} field of this session's forms. */
  String csrfToken(Context ctx);
}
