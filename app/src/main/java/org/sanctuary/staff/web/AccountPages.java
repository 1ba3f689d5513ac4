package org.sanctuary.staff.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.errors.NotFound;
import org.sanctuary.staff.AccountAdmin;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.StaffPage;
import org.sanctuary.staff.StaffUser;

/**
 * {@code /staff/accounts}: administrators list, add, disable, enable and re-role staff accounts and
 * give them a new second factor, while the server runs. Every rule is in {@link AccountAdmin}; a
 * refused change is shown beside its field with nothing changed.
 */
final class AccountPages {
  static final String BASE = StaffPage.STAFF_ACCOUNTS.path();

  private final AccountAdmin accounts;
  private final StaffAuth auth;

  AccountPages(AccountAdmin accounts, StaffAuth auth) {
    this.accounts = accounts;
    this.auth = auth;
  }

  void list(Context ctx) {
    StaffUser user = auth.require(ctx, StaffPage.STAFF_ACCOUNTS);
    renderList(ctx, user, "", List.of(), Map.of(), HttpStatus.OK);
  }

  void add(Context ctx) {
    StaffUser user = auth.require(ctx, Role.ADMINISTRATOR);
    auth.checkCsrf(ctx);
    String username = Optional.ofNullable(ctx.formParam("username")).orElse("").strip();
    List<String> roles = ctx.formParams("role");
    try {
      AccountAdmin.Setup setup = accounts.add(user, username, AccountAdmin.parseRoles(roles));
      renderSetup(ctx, user, setup);
    } catch (InvalidInput e) {
      renderList(ctx, user, username, roles, Map.of(e.field(), e.getMessage()), HttpStatus.BAD_REQUEST);
    }
  }

  void show(Context ctx) {
    StaffUser user = auth.require(ctx, StaffPage.STAFF_ACCOUNTS);
    renderAccount(ctx, user, id(ctx), Map.of(), HttpStatus.OK);
  }

  void changeRoles(Context ctx) {
    StaffUser user = auth.require(ctx, Role.ADMINISTRATOR);
    auth.checkCsrf(ctx);
    long id = id(ctx);
    change(ctx, user, id, () -> accounts.changeRoles(user, id, AccountAdmin.parseRoles(ctx.formParams("role"))));
  }

  void disable(Context ctx) {
    StaffUser user = auth.require(ctx, Role.ADMINISTRATOR);
    auth.checkCsrf(ctx);
    long id = id(ctx);
    change(ctx, user, id, () -> {
      Confirmation.require(ctx, "disable the account and end its sessions");
      accounts.disable(user, id);
    });
  }

  void enable(Context ctx) {
    StaffUser user = auth.require(ctx, Role.ADMINISTRATOR);
    auth.checkCsrf(ctx);
    long id = id(ctx);
    change(ctx, user, id, () -> accounts.enable(user, id));
  }

  void resetSecondFactor(Context ctx) {
    StaffUser user = auth.require(ctx, Role.ADMINISTRATOR);
    auth.checkCsrf(ctx);
    long id = id(ctx);
    try {
      Confirmation.require(ctx, "replace the second factor and end the account's sessions");
      renderSetup(ctx, user, accounts.resetSecondFactor(user, id));
    } catch (InvalidInput e) {
      renderAccount(ctx, user, id, Map.of(e.field(), e.getMessage()), HttpStatus.BAD_REQUEST);
    }
  }

  private void change(Context ctx, StaffUser user, long id, Runnable change) {
    try {
      change.run();
    } catch (InvalidInput e) {
      renderAccount(ctx, user, id, Map.of(e.field(), e.getMessage()), HttpStatus.BAD_REQUEST);
      return;
    }
    // a change to one's own account ends one's own session: sign in again to go on
    ctx.redirect(id == user.id() ? "/staff/login" : BASE + "/" + id, HttpStatus.SEE_OTHER);
  }

  private void renderList(Context ctx, StaffUser user, String username, List<String> roles,
      Map<String, String> errors, HttpStatus status) {
    Map<String, Object> model = base(ctx, user);
    model.put("accounts", accounts.list());
    model.put("allRoles", List.of(Role.values()));
    model.put("username", username);
    model.put("checked", roles);
    model.put("errors", errors);
    ctx.status(status).render("staff/accounts/list.jte", model);
  }

  private void renderAccount(Context ctx, StaffUser user, long id, Map<String, String> errors, HttpStatus status) {
    Map<String, Object> model = base(ctx, user);
    model.put("account", accounts.account(id));
    model.put("history", accounts.history(id));
    model.put("allRoles", List.of(Role.values()));
    model.put("errors", errors);
    ctx.status(status).render("staff/accounts/account.jte", model);
  }

  // the password and secret are on this answer only: keep it out of every cache
  private void renderSetup(Context ctx, StaffUser user, AccountAdmin.Setup setup) {
    Map<String, Object> model = base(ctx, user);
    model.put("setup", setup);
    ctx.header("Cache-Control", "no-store");
    ctx.status(HttpStatus.CREATED).render("staff/accounts/setup.jte", model);
  }

  private Map<String, Object> base(Context ctx, StaffUser user) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("user", user);
    model.put("csrf", auth.csrfToken(ctx));
    return model;
  }

  private static long id(Context ctx) {
    String raw = ctx.pathParam("id");
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new NotFound("staff account " + raw + ": not found");
    }
  }
}
