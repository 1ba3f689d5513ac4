package org.sanctuary.gateway.web;

import org.sanctuary.gateway.*;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.json.ForbiddenFields;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.web.Confirmation;
import org.sanctuary.staff.web.StaffAuth;
import org.sanctuary.staff.StaffPage;
import org.sanctuary.staff.StaffUser;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.errors.NotFound;
import org.sanctuary.errors.Refused;

/**
 * The gateway's staff pages under {@code /staff/gateway}: forms over {@link GatewayAdmin}, which
 * holds every rule. Administrators manage; auditors and administrators read the access log.
 */
final class GatewayPages {
  /** Access-log lines on a page, unless the query asks for another number. */
  static final int PAGE = 50;

  private final GatewayAdmin admin;
  private final StaffAuth auth;
  private final Clock clock;

  GatewayPages(GatewayAdmin admin, StaffAuth auth, Clock clock) {
    this.admin = admin;
    this.auth = auth;
    this.clock = clock;
  }

  void index(Context ctx) {
    StaffUser user = auth.require(ctx, StaffPage.GATEWAY);
    ctx.render("staff/gateway/index.jte", base(ctx, user));
  }

  void partners(Context ctx) {
    StaffUser user = auth.require(ctx, StaffPage.GATEWAY_PARTNERS);
    renderPartners(ctx, user, Map.of(), Map.of(), null, HttpStatus.OK);
  }

  void admit(Context ctx) {
    StaffUser user = auth.require(ctx, Role.ADMINISTRATOR);
    auth.checkCsrf(ctx);
    Map<String, String> form = form(ctx, "agency", "name", "ratePerSecond", "burst");
    try {
      Partner p = admin.admit(form.get("agency"), form.get("name"),
          whole(form, "ratePerSecond"), whole(form, "burst"));
      ctx.redirect("/staff/gateway/partners/" + p.id(), HttpStatus.SEE_OTHER);
    } catch (InvalidInput e) {
      renderPartners(ctx, user, form, Map.of(e.field(), e.getMessage()), null, HttpStatus.BAD_REQUEST);
    } catch (Refused e) {
      renderPartners(ctx, user, form, Map.of(), e, HttpStatus.FORBIDDEN);
    }
  }

  void partner(Context ctx) {
    StaffUser user = auth.require(ctx, StaffPage.GATEWAY_PARTNERS);
    renderPartner(ctx, user, id(ctx, "id"), Map.of(), Map.of(), null, HttpStatus.OK);
  }

  void addAgreement(Context ctx) {
    StaffUser user = auth.require(ctx, Role.ADMINISTRATOR);
    auth.checkCsrf(ctx);
    long partnerId = id(ctx, "id");
    Map<String, String> form = form(ctx, "startsOn", "endsOn", "signedBy", "noOnwardDisclosure",
        GatewayAdmin.ACKNOWLEDGE_IMMIGRATION_AGENCY);
    List<String> datasets = ctx.formParams("datasets");
    List<String> purposeNames = ctx.formParams("purposes");
    form.put("datasets", String.join(",", datasets));
    form.put("purposes", String.join(",", purposeNames));
    try {
      Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
      for (String p : purposeNames) {
        try {
          purposes.add(Purpose.valueOf(p));
        } catch (IllegalArgumentException e) {
          throw InvalidInput.of("purposes", p, "is not a purpose", "CRIMINAL or CIVIL_IMMIGRATION");
        }
      }
      admin.addAgreement(partnerId, datasets, purposes, date(form, "startsOn"), date(form, "endsOn"),
          "on".equals(form.get("noOnwardDisclosure")) ? Boolean.TRUE : null, form.get("signedBy"),
          "on".equals(form.get(GatewayAdmin.ACKNOWLEDGE_IMMIGRATION_AGENCY)) ? Boolean.TRUE : null);
      ctx.redirect("/staff/gateway/partners/" + partnerId + "#agreements", HttpStatus.SEE_OTHER);
    } catch (InvalidInput e) {
      renderPartner(ctx, user, partnerId, form, Map.of(e.field(), GatewayViews.agreementProblem(e)), null,
          HttpStatus.BAD_REQUEST);
    }
  }

  void issueKey(Context ctx) {
    StaffUser user = auth.require(ctx, Role.ADMINISTRATOR);
    auth.checkCsrf(ctx);
    long partnerId = id(ctx, "id");
    Map<String, String> form = form(ctx, "expiresOn");
    try {
      LocalDate day = date(form, "expiresOn");
      // a key "until" a day works through that whole day of the city's calendar
      Instant expires = day == null ? null : admin.city().startOf(day.plusDays(1));
      GatewayAdmin.IssuedKey k = admin.issueKey(partnerId, expires);
      renderPartner(ctx, user, partnerId, Map.of(), Map.of(), new GatewayViews.NewKey(k.keyId(), k.key()), HttpStatus.CREATED);
    } catch (InvalidInput e) {
      String field = e.field().equals("expiresAt") ? "expiresOn" : e.field();
      renderPartner(ctx, user, partnerId, form, Map.of(field, e.getMessage()), null, HttpStatus.BAD_REQUEST);
    }
  }

  /** The page that asks before a key is rotated: what will happen, and a box to tick. */
  void confirmRotate(Context ctx) {
    StaffUser user = auth.require(ctx, Role.ADMINISTRATOR);
    renderKeyConfirmation(ctx, user, id(ctx, "keyId"), KeyChange.ROTATE, Map.of(), HttpStatus.OK);
  }

  /** The page that asks before a key is revoked. */
  void confirmRevoke(Context ctx) {
    StaffUser user = auth.require(ctx, Role.ADMINISTRATOR);
    renderKeyConfirmation(ctx, user, id(ctx, "keyId"), KeyChange.REVOKE, Map.of(), HttpStatus.OK);
  }

  void rotateKey(Context ctx) {
    StaffUser user = auth.require(ctx, Role.ADMINISTRATOR);
    auth.checkCsrf(ctx);
    long keyId = id(ctx, "keyId");
    long partnerId = admin.keyPartner(keyId);
    try {
      Confirmation.require(ctx, KeyChange.ROTATE.consequence(keyId));
      GatewayAdmin.IssuedKey k = admin.rotateKey(keyId);
      renderPartner(ctx, user, partnerId, Map.of(), Map.of(), new GatewayViews.NewKey(k.keyId(), k.key()), HttpStatus.CREATED);
    } catch (InvalidInput e) {
      renderKeyConfirmation(ctx, user, keyId, KeyChange.ROTATE, Map.of(e.field(), e.getMessage()), HttpStatus.BAD_REQUEST);
    }
  }

  void revokeKey(Context ctx) {
    StaffUser user = auth.require(ctx, Role.ADMINISTRATOR);
    auth.checkCsrf(ctx);
    long keyId = id(ctx, "keyId");
    long partnerId = admin.keyPartner(keyId);
    try {
      Confirmation.require(ctx, KeyChange.REVOKE.consequence(keyId));
      admin.revokeKey(keyId);
      ctx.redirect("/staff/gateway/partners/" + partnerId + "#keys", HttpStatus.SEE_OTHER);
    } catch (InvalidInput e) {
      renderKeyConfirmation(ctx, user, keyId, KeyChange.REVOKE, Map.of(e.field(), e.getMessage()), HttpStatus.BAD_REQUEST);
    }
  }

  /** Rotating or revoking a key: what the confirmation says will happen. */
  enum KeyChange {
    ROTATE("rotate", "Rotate"),
    REVOKE("revoke", "Revoke");

    final String path;
    final String verb;

    KeyChange(String path, String verb) {
      this.path = path;
      this.verb = verb;
    }

    String consequence(long keyId) {
      return this == ROTATE
          ? "key #" + keyId + " stops working at once and a new key is issued, shown once"
          : "key #" + keyId + " stops working at once; the partner's next look-up with it is refused";
    }
  }

  private void renderKeyConfirmation(Context ctx, StaffUser user, long keyId, KeyChange change,
      Map<String, String> errors, HttpStatus status) {
    GatewayStore.KeyInfo key = admin.key(keyId);
    Map<String, Object> model = base(ctx, user);
    model.put("partner", GatewayViews.PartnerRow.of(admin.partner(key.partnerId())));
    model.put("key", GatewayViews.KeyRow.of(key, clock.instant()));
    model.put("action", change.path);
    model.put("verb", change.verb);
    model.put("consequence", change.consequence(keyId));
    model.put("errors", errors);
    ctx.status(status).render("staff/gateway/key-confirm.jte", model);
  }

  void datasets(Context ctx) {
    StaffUser user = auth.require(ctx, StaffPage.GATEWAY_DATASETS);
    Map<String, Object> model = base(ctx, user);
    model.put("datasets", admin.catalog().all().stream().map(GatewayViews.DatasetRow::of).toList());
    ctx.render("staff/gateway/datasets.jte", model);
  }

  void access(Context ctx) {
    StaffUser user = auth.require(ctx, StaffPage.GATEWAY_ACCESS);
    Map<String, Object> model = base(ctx, user);
    Map<String, String> shown = new LinkedHashMap<>();
    for (String name : List.of("partner", "dataset", "outcome", "from", "to", "limit")) {
      String v = ctx.queryParam(name);
      shown.put(name, v == null ? "" : v);
    }
    model.put("filter", shown);
    model.put("partners", admin.partners().stream().map(GatewayViews.PartnerRow::of).toList());
    model.put("datasetIds", admin.catalog().ids().stream().sorted().toList());
    HttpStatus status = HttpStatus.OK;
    GatewayStore.AccessPage page;
    try {
      page = admin.accessPage(AdminController.filter(ctx::queryParam, PAGE));
      model.put("errors", Map.of());
      model.put("links", AccessLogLinks.of(ctx, "/staff/gateway/access", page));
    } catch (InvalidInput e) {
      page = new GatewayStore.AccessPage(List.of(), 0, 0);
      model.put("errors", Map.of(e.field(), e.getMessage()));
      model.put("links", AccessLogLinks.NONE);
      status = HttpStatus.BAD_REQUEST;
    }
    model.put("rows", page.rows().stream().map(GatewayViews.AccessRow::of).toList());
    model.put("page", page);
    ctx.status(status).render("staff/gateway/access.jte", model);
  }

  /** The leak-tracing form: paste a leaked row or value, see whose answers it came from. */
  void traceForm(Context ctx) {
    StaffUser user = auth.require(ctx, StaffPage.GATEWAY_TRACE);
    renderTrace(ctx, user, "", null, Map.of(), HttpStatus.OK);
  }

  // a post, not a query string: what is pasted may hold names, and must not end up in a URL or log
  void trace(Context ctx) {
    StaffUser user = auth.require(ctx, Role.ADMINISTRATOR);
    auth.checkCsrf(ctx);
    String text = ctx.formParam("text");
    try {
      renderTrace(ctx, user, text, admin.traceText(text), Map.of(), HttpStatus.OK);
    } catch (InvalidInput e) {
      renderTrace(ctx, user, text, null, Map.of(e.field(), e.getMessage()), HttpStatus.BAD_REQUEST);
    }
  }

  private void renderTrace(Context ctx, StaffUser user, String text, LeakTracer.Result result,
      Map<String, String> errors, HttpStatus status) {
    Map<String, Object> model = base(ctx, user);
    model.put("text", text == null ? "" : text);
    model.put("result", result);
    model.put("errors", errors);
    ctx.header("Cache-Control", "no-store");
    ctx.status(status).render("staff/gateway/trace.jte", model);
  }

  void alerts(Context ctx) {
    StaffUser user = auth.require(ctx, StaffPage.GATEWAY_ALERTS);
    Map<String, Object> model = base(ctx, user);
    model.put("alerts", admin.alerts().stream().map(GatewayViews.AlertRow::of).toList());
    ctx.render("staff/gateway/alerts.jte", model);
  }

  private void renderPartners(Context ctx, StaffUser user, Map<String, String> form, Map<String, String> errors,
      Refused refused, HttpStatus status) {
    Map<String, Object> model = base(ctx, user);
    model.put("partners", admin.partners().stream().map(GatewayViews.PartnerRow::of).toList());
    model.put("form", form);
    model.put("errors", errors);
    model.put("refusal", refused == null ? null : refused.getMessage());
    model.put("refusalReason", refused == null ? null : refused.reason());
    model.put("refusalCitation", refused == null ? null : refused.citation());
    model.put("localPolicyOn", admin.noDhsPolicyOn());
    ctx.status(status).render("staff/gateway/partners.jte", model);
  }

  private void renderPartner(Context ctx, StaffUser user, long partnerId, Map<String, String> form,
      Map<String, String> errors, GatewayViews.NewKey newKey, HttpStatus status) {
    Map<String, Object> model = base(ctx, user);
    Instant now = clock.instant();
    model.put("partner", GatewayViews.PartnerRow.of(admin.partner(partnerId)));
    model.put("agreements", admin.agreements(partnerId).stream().map(GatewayViews.AgreementRow::of).toList());
    model.put("keys", admin.keys(partnerId).stream().map(k -> GatewayViews.KeyRow.of(k, now)).toList());
    model.put("datasetIds", admin.catalog().ids().stream().sorted().toList());
    model.put("clause", Agreement.CLAUSE);
    model.put("immigrationWarning", admin.immigrationWarning(partnerId).orElse(null));
    model.put("form", form);
    model.put("errors", errors);
    model.put("newKey", newKey);
    // the page may hold a key shown once: keep it out of every cache
    ctx.header("Cache-Control", "no-store");
    ctx.status(status).render("staff/gateway/partner.jte", model);
  }

  private Map<String, Object> base(Context ctx, StaffUser user) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("user", user);
    model.put("csrf", auth.csrfToken(ctx));
    return model;
  }

  // Form fields, refused like JSON input when one names a forbidden subject.
  private static Map<String, String> form(Context ctx, String... names) {
    for (String key : ctx.formParamMap().keySet()) {
      if (ForbiddenFields.isForbidden(key)) throw new InvalidInput(key, key + ": " + ForbiddenFields.MESSAGE);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String n : names) {
      String v = ctx.formParam(n);
      out.put(n, v == null ? "" : v.strip());
    }
    return out;
  }

  private static Integer whole(Map<String, String> form, String name) {
    String s = form.get(name);
    if (s == null || s.isEmpty()) return null;
    try {
      return Integer.valueOf(s);
    } catch (NumberFormatException e) {
      throw InvalidInput.of(name, s, "is not a whole number", "a whole number");
    }
  }

  private static LocalDate date(Map<String, String> form, String name) {
    String s = form.get(name);
    if (s == null || s.isEmpty()) return null;
    return AdminController.date(name, s);
  }

  private static long id(Context ctx, String name) {
    String raw = ctx.pathParam(name);
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new NotFound(name + " " + raw + ": not found");
    }
  }
}
