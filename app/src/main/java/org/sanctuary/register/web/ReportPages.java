package org.sanctuary.register.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.policy.Body;
import org.sanctuary.register.CpdQuarterly;
import org.sanctuary.register.Register;
import org.sanctuary.register.ReportFormats;
import org.sanctuary.register.Replay;
import org.sanctuary.register.TrustAct;
import org.sanctuary.staff.web.StaffAuth;
import org.sanctuary.staff.StaffPage;
import org.sanctuary.staff.StaffUser;

/**
 * The reports the law requires and the replay, as staff pages (printable) and, with
 * {@code ?format=json} or {@code csv}, as downloads in the shapes of docs/reports.md.
 */
final class ReportPages {
  private final Register register;
  private final StaffAuth auth;

  ReportPages(Register register, StaffAuth auth) {
    this.register = register;
    this.auth = auth;
  }

  void cpdQuarterly(Context ctx) {
    StaffUser user = auth.require(ctx, StaffPage.REGISTER_CPD_QUARTERLY);
    int year = year(ctx, register.today().getYear());
    int quarter = whole(ctx, "quarter", (register.today().getMonthValue() + 2) / 3);
    CpdQuarterly r = register.cpdQuarterly(year, quarter);
    String format = format(ctx);
    if (format.equals("html")) {
      ctx.render("staff/register/cpd-quarterly.jte", model(ctx, user, r));
      return;
    }
    send(ctx, format, "cpd-quarterly-" + year + "-q" + quarter, w -> {
      if (format.equals("json")) ReportFormats.json(r, w);
      else ReportFormats.csv(r, w);
    });
  }

  void trustAct(Context ctx) {
    StaffUser user = auth.require(ctx, StaffPage.REGISTER_TRUST_ACT);
    int year = year(ctx, register.today().getYear() - 1);
    String agency = ctx.queryParam("agency");
    Body body;
    try {
      body = Body.valueOf(agency == null || agency.isBlank() ? "CPD" : agency.strip());
    } catch (IllegalArgumentException e) {
      throw InvalidInput.of("agency", agency, "is not an agency", "CPD or COOK_COUNTY_SHERIFF");
    }
    TrustAct r = register.trustAct(year, body);
    String format = format(ctx);
    if (format.equals("html")) {
      ctx.render("staff/register/trust-act.jte", model(ctx, user, r));
      return;
    }
    send(ctx, format, "trust-act-" + year + "-" + body.name().toLowerCase(java.util.Locale.ROOT), w -> {
      if (format.equals("json")) ReportFormats.json(r, w);
      else ReportFormats.csv(r, w);
    });
  }

  void replay(Context ctx) {
    StaffUser user = auth.require(ctx, StaffPage.REGISTER_REPLAY);
    int year = year(ctx, register.today().getYear());
    List<String> chosen = ctx.queryParams("pack");
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("user", user);
    model.put("csrf", auth.csrfToken(ctx));
    model.put("year", year);
    model.put("packs", register.engine().packs());
    model.put("chosen", chosen);
    Replay.Result result = null;
    String error = null;
    if (!chosen.isEmpty()) {
      try {
        result = register.replay(year, chosen);
      } catch (InvalidInput e) {
        error = e.getMessage();
        ctx.status(400);
      }
    }
    model.put("result", result);
    model.put("error", error);
    ctx.render("staff/register/replay.jte", model);
  }

  private Map<String, Object> model(Context ctx, StaffUser user, Object report) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("user", user);
    model.put("csrf", auth.csrfToken(ctx));
    model.put("r", report);
    return model;
  }

  @FunctionalInterface
  private interface Writes {
    void write(java.io.Writer w) throws IOException;
  }

  private static void send(Context ctx, String format, String name, Writes body) {
    StringWriter w = new StringWriter();
    try {
      body.write(w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ctx.header("Content-Disposition", "inline; filename=\"" + name + "." + format + "\"");
    ctx.contentType(format.equals("json") ? "application/json" : "text/csv; charset=utf-8").result(w.toString());
  }

  static String format(Context ctx) {
    String f = ctx.queryParam("format");
    if (f == null || f.isBlank()) return "html";
    if (!ReportFormats.FORMATS.contains(f.strip())) {
      throw InvalidInput.of("format", f, "is not a format", "json, csv or html");
    }
    return f.strip();
  }

  static int year(Context ctx, int otherwise) {
    return whole(ctx, "year", otherwise);
  }

  static int whole(Context ctx, String name, int otherwise) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) return otherwise;
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw InvalidInput.of(name, v.strip(), "is not a whole number", name.equals("year") ? "a year like 2024" : "1 to 4");
    }
  }
}
