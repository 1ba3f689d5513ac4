package org.sanctuary.incidents.web;

import org.sanctuary.web.ClientAddress;
import org.sanctuary.web.PageLanguage;
import org.sanctuary.web.Tls;
import org.sanctuary.limits.ClientLimit;
import org.sanctuary.incidents.*;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sanctuary.policy.json.ForbiddenFields;

/**
 * The public reporting pages: the form ({@code GET/POST /report}), the status look-up ({@code
 * GET/POST /report/status}) and adding a note ({@code POST /report/followup}). Plain HTML forms
 * that work without JavaScript. Forms carry a token that must match a cookie (double submit), so
 * another site cannot post in a visitor's name; no account or session is needed.
 */
public final class IncidentPages {
  public static final String CSRF_COOKIE = "report_csrf";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final IncidentService service;
  private final ClientLimit submissions;
  private final ClientLimit lookups;

  public IncidentPages(IncidentService service, ClientLimit submissions, ClientLimit lookups) {
    this.service = service;
    this.submissions = submissions;
    this.lookups = lookups;
  }

  void form(Context ctx) {
    render(ctx, 200, "report.jte", view(ctx, Map.of(), List.of()), Map.of());
  }

  void submit(Context ctx) {
    Map<String, String> typed = typed(ctx, IntakeCheck.FIELDS);
    Optional<FieldError> refused = guard(ctx, submissions);
    if (refused.isPresent()) {
      render(ctx, statusOf(refused.get()), "report.jte", view(ctx, typed, List.of(refused.get())), Map.of());
      return;
    }
    IntakeCheck.Result result = IntakeCheck.check(typed, service.today());
    if (!result.ok()) {
      render(ctx, 400, "report.jte", view(ctx, typed, result.errors()), Map.of());
      return;
    }
    IncidentService.Submitted s = service.submit(result.intake());
    render(ctx, 200, "report-received.jte", view(ctx, Map.of(), List.of()), Map.of(
        "receipt", Receipts.grouped(s.receipt()), "secret", Receipts.grouped(s.secret()), "route", s.route()));
  }

  void statusForm(Context ctx) {
    render(ctx, 200, "report-status.jte", view(ctx, Map.of(), List.of()), Map.of());
  }

  void statusLookup(Context ctx) {
    lookup(ctx, false);
  }

  void followup(Context ctx) {
    lookup(ctx, true);
  }

  private void lookup(Context ctx, boolean adding) {
    Map<String, String> typed = typed(ctx, java.util.Set.of("receipt", "secret", "note"));
    Optional<FieldError> refused = guard(ctx, lookups);
    if (refused.isPresent()) {
      render(ctx, statusOf(refused.get()), "report-status.jte", view(ctx, typed, List.of(refused.get())), Map.of());
      return;
    }
    String receipt = typed.get("receipt");
    String secret = typed.get("secret");
    boolean added = false;
    if (adding) {
      String note = typed.getOrDefault("note", "").strip();
      FieldError problem = note.isEmpty() ? new FieldError("note", "error.required", null)
          : note.length() > IncidentService.MAX_FOLLOWUP
              ? new FieldError("note", "error.tooLong", String.valueOf(IncidentService.MAX_FOLLOWUP)) : null;
      if (problem != null) {
        Optional<IncidentService.Status> s = service.status(receipt, secret);
        if (s.isEmpty()) {
          notFound(ctx, typed);
          return;
        }
        render(ctx, 400, "report-status.jte", view(ctx, typed, List.of(problem)), Map.of("found", s.get()));
        return;
      }
      added = service.addFollowup(receipt, secret, note);
      if (!added) {
        notFound(ctx, typed);
        return;
      }
      typed.remove("note");
    }
    Optional<IncidentService.Status> s = service.status(receipt, secret);
    if (s.isEmpty()) {
      notFound(ctx, typed);
      return;
    }
    render(ctx, 200, "report-status.jte", view(ctx, typed, List.of()), Map.of("found", s.get(), "added", added));
  }

  private void notFound(Context ctx, Map<String, String> typed) {
    typed.remove("secret"); // never echo a secret back into a page
    render(ctx, 404, "report-status.jte", view(ctx, typed, List.of(new FieldError("receipt", "error.notFound", null))),
        Map.of());
  }

  /** The checks every post passes first: the CSRF token, the rate limit, and forbidden fields. */
  private Optional<FieldError> guard(Context ctx, ClientLimit limiter) {
    String cookie = ctx.cookie(CSRF_COOKIE);
    String field = ctx.formParam("csrf");
    if (cookie == null || field == null || !MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8),
        field.getBytes(StandardCharsets.UTF_8))) {
      return Optional.of(new FieldError("csrf", "error.csrf", null));
    }
    if (!limiter.tryAcquire(ClientAddress.forLimits(ctx))) {
      ctx.header("Retry-After", String.valueOf(limiter.retryAfterSeconds()));
      return Optional.of(new FieldError("form", "error.tooMany", null));
    }
    for (String name : ctx.formParamMap().keySet()) {
      if (ForbiddenFields.isForbidden(name)) return Optional.of(new FieldError("form", "error.forbidden", name));
    }
    return Optional.empty();
  }

  private static int statusOf(FieldError e) {
    return switch (e.key()) {
      case "error.csrf" -> 403;
      case "error.tooMany" -> 429;
      default -> 400;
    };
  }

  // Only the known fields are read; any other (but a forbidden one) is ignored.
  private static Map<String, String> typed(Context ctx, java.util.Set<String> fields) {
    Map<String, String> out = new HashMap<>();
    for (String f : fields) {
      String v = ctx.formParam(f);
      if (v != null) out.put(f, v);
    }
    return out;
  }

  private FormView view(Context ctx, Map<String, String> typed, List<FieldError> errors) {
    return new FormView(Messages.of(language(ctx)), typed, errors, csrfToken(ctx));
  }

  private static void render(Context ctx, int status, String template, FormView view, Map<String, Object> extra) {
    Map<String, Object> model = new HashMap<>(extra);
    model.put("form", view);
    ctx.header("Cache-Control", "no-store");
    ctx.status(status).render(template, model);
  }

  /** The reporter's language: chosen now (?lang=), chosen before (cookie), the browser's, or English. */
  static String language(Context ctx) {
    return PageLanguage.of(ctx).language();
  }

  private static String csrfToken(Context ctx) {
    String token = ctx.cookie(CSRF_COOKIE);
    if (token == null || !token.matches("[0-9a-f]{32}")) {
      byte[] b = new byte[16];
      RANDOM.nextBytes(b);
      token = HexFormat.of().formatHex(b);
      ctx.cookie(new Cookie(CSRF_COOKIE, token, "/report", -1, Tls.isHttps(ctx), true, null, SameSite.STRICT));
    }
    return token;
  }
}
