package org.sanctuary.register.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.errors.NotFound;
import org.sanctuary.register.RecordsTokens;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.web.Confirmation;
import org.sanctuary.staff.web.StaffAuth;
import org.sanctuary.staff.StaffPage;
import org.sanctuary.staff.StaffUser;

/** Administrators issue and revoke records-system tokens; a new token is shown once. */
final class TokenPages {
  private final RecordsTokens tokens;
  private final StaffAuth auth;

  TokenPages(RecordsTokens tokens, StaffAuth auth) {
    this.tokens = tokens;
    this.auth = auth;
  }

  void list(Context ctx) {
    StaffUser user = auth.require(ctx, StaffPage.REGISTER_TOKENS);
    render(ctx, user, null, null, HttpStatus.OK);
  }

  void issue(Context ctx) {
    StaffUser user = auth.require(ctx, Role.ADMINISTRATOR);
    auth.checkCsrf(ctx);
    try {
      RecordsTokens.Issued issued = tokens.issue(ctx.formParam("name"));
      // shown once, never cached
      ctx.header("Cache-Control", "no-store");
      render(ctx, user, issued, null, HttpStatus.CREATED);
    } catch (InvalidInput e) {
      render(ctx, user, null, e.getMessage(), HttpStatus.BAD_REQUEST);
    }
  }

  /** The page that asks before a token is revoked: what will happen, and a box to tick. */
  void confirmRevoke(Context ctx) {
    StaffUser user = auth.require(ctx, Role.ADMINISTRATOR);
    renderConfirmation(ctx, user, ctx.pathParam("name"), null, HttpStatus.OK);
  }

  void revoke(Context ctx) {
    StaffUser user = auth.require(ctx, Role.ADMINISTRATOR);
    auth.checkCsrf(ctx);
    String name = ctx.pathParam("name");
    try {
      Confirmation.require(ctx, consequence(name));
      tokens.revoke(name);
      ctx.redirect("/staff/register/tokens", HttpStatus.SEE_OTHER);
    } catch (InvalidInput e) {
      if (e.field().equals(Confirmation.FIELD)) {
        renderConfirmation(ctx, user, name, e.getMessage(), HttpStatus.BAD_REQUEST);
      } else {
        render(ctx, user, null, e.getMessage(), HttpStatus.BAD_REQUEST);
      }
    }
  }

  private static String consequence(String name) {
    return "the token of " + name + " stops working at once; the records system's next request with it is refused";
  }

  private void renderConfirmation(Context ctx, StaffUser user, String name, String error, HttpStatus status) {
    RecordsTokens.Summary token = tokens.list().stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new NotFound("records-system token " + name + ": not found"));
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("user", user);
    model.put("csrf", auth.csrfToken(ctx));
    model.put("token", token);
    model.put("consequence", consequence(token.name()));
    model.put("error", error);
    ctx.status(status).render("staff/register/token-confirm.jte", model);
  }

  private void render(Context ctx, StaffUser user, RecordsTokens.Issued issued, String error, HttpStatus status) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("user", user);
    model.put("csrf", auth.csrfToken(ctx));
    model.put("tokens", tokens.list());
    model.put("issued", issued);
    model.put("error", error);
    ctx.status(status).render("staff/register/tokens.jte", model);
  }
}
