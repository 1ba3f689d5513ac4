package org.sanctuary.staff.web;

import org.sanctuary.web.ClientAddress;
import org.sanctuary.limits.ClientLimit;
import org.sanctuary.staff.*;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The sign-in page, sign-out, and the staff home page. */
public final class StaffController {
  static final String LOGIN_COOKIE = "sanctuary_login";
  // one message for every failure: it must not tell whether the account exists or is locked
  public static final String SIGN_IN_FAILED = "Sign-in failed. Check your username, password and code."
      + " After " + StaffAccounts.MAX_FAILURES + " failed attempts from one place, sign-in to that"
      + " account from there is paused for " + StaffAccounts.LOCKOUT.toMinutes() + " minutes.";
  static final String THROTTLED =
      "Too many sign-in attempts from your address. Wait a few minutes and try again.";

  private final StaffAccounts accounts;
  private final SessionAuth auth;
  private final ClientLimit throttle;
  private final SecureRandom random = new SecureRandom();

  StaffController(StaffAccounts accounts, SessionAuth auth, ClientLimit throttle) {
    this.accounts = accounts;
    this.auth = auth;
    this.throttle = throttle;
  }

  // shown even to a signed-in browser: signing in again replaces its session with a new one
  void loginPage(Context ctx) {
    renderLogin(ctx, HttpStatus.OK, "", Map.of(), null);
  }

  void login(Context ctx) {
    String username = Optional.ofNullable(ctx.formParam("username")).orElse("").strip();
    if (!throttle.tryAcquire(ClientAddress.forLimits(ctx))) {
      renderLogin(ctx, HttpStatus.TOO_MANY_REQUESTS, username, Map.of(), THROTTLED);
      return;
    }
    // the sign-in form is tied to the browser that loaded it (double-submit cookie)
    String formToken = ctx.formParam(SessionAuth.CSRF_FIELD);
    String cookieToken = ctx.cookie(LOGIN_COOKIE);
    if (cookieToken == null || !SessionAuth.tokensEqual(formToken, cookieToken)) {
      renderLogin(ctx, HttpStatus.FORBIDDEN, username, Map.of(),
          "This form has expired. Please try again.");
      return;
    }
    String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
    String code = Optional.ofNullable(ctx.formParam("code")).orElse("").strip();
    Map<String, String> errors = new LinkedHashMap<>();
    if (username.isEmpty()) {
      errors.put("username", "Enter your username.");
    }
    if (password.isEmpty()) {
      errors.put("password", "Enter your password.");
    } else if (password.length() > StaffAccounts.MAX_PASSWORD_LENGTH) {
      errors.put("password", "A password is at most " + StaffAccounts.MAX_PASSWORD_LENGTH
          + " characters.");
    }
    if (!code.matches("[0-9]{6}")) {
      errors.put("code", "Enter the 6-digit code from your authenticator app.");
    }
    if (!errors.isEmpty()) {
      renderLogin(ctx, HttpStatus.BAD_REQUEST, username, errors, null);
      return;
    }
    Optional<StaffUser> user = accounts.signIn(username, password, code, ClientAddress.forLimits(ctx));
    if (user.isEmpty()) {
      renderLogin(ctx, HttpStatus.UNAUTHORIZED, username, Map.of(), SIGN_IN_FAILED);
      return;
    }
    auth.purgeExpired(); // sign-ins are rare enough to carry the clean-up of dead sessions
    auth.start(ctx, user.get());
    ctx.res().addHeader("Set-Cookie", SessionAuth.cookie(ctx, LOGIN_COOKIE, "", true));
    ctx.redirect("/staff", HttpStatus.SEE_OTHER);
  }

  void logout(Context ctx) {
    auth.checkCsrf(ctx);
    auth.end(ctx);
    ctx.redirect(org.sanctuary.web.Routes.SIGN_IN_PATH, HttpStatus.SEE_OTHER);
  }

  void home(Context ctx) {
    StaffUser user = auth.require(ctx);
    List<StaffLink> links = StaffLink.forUser(user);
    ctx.render("staff/home.jte", Map.of(
        "user", user, "links", links, "csrf", auth.csrfToken(ctx)));
  }

  private void renderLogin(Context ctx, HttpStatus status, String username,
      Map<String, String> errors, String message) {
    byte[] raw = new byte[24];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    ctx.res().addHeader("Set-Cookie", SessionAuth.cookie(ctx, LOGIN_COOKIE, token, false));
    ctx.header("Cache-Control", "no-store");
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("username", username);
    model.put("errors", errors);
    model.put("message", message);
    model.put("csrf", token);
    ctx.status(status).render("staff/login.jte", model);
  }
}
