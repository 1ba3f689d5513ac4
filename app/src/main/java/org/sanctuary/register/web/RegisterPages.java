package org.sanctuary.register.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.errors.NotFound;
import org.sanctuary.policy.Decision;
import org.sanctuary.policy.InputException;
import org.sanctuary.register.ChicagoTime;
import org.sanctuary.register.Recorder;
import org.sanctuary.register.Register;
import org.sanctuary.register.RegisterOutcome;
import org.sanctuary.register.RegisterStore;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.web.StaffAuth;
import org.sanctuary.staff.StaffPage;
import org.sanctuary.staff.StaffUser;

/**
 * The register's pages under {@code /staff/register}: the year's requests, recording a new one
 * (the engine's answer is shown before anything is saved), and completing an entry's outcome and
 * duties. Records clerks change; auditors and administrators read.
 */
final class RegisterPages {
  static final List<String> FIELDS = List.of("received_at", "receiving_agency", "requester", "kind", "document",
      "court", "purpose", "reference");

  private final Register register;
  private final StaffAuth auth;
  private final Clock clock;

  RegisterPages(Register register, StaffAuth auth, Clock clock) {
    this.register = register;
    this.auth = auth;
    this.clock = clock;
  }

  void list(Context ctx) {
    StaffUser user = auth.require(ctx, StaffPage.REGISTER);
    int year = ReportPages.year(ctx, register.today().getYear());
    Map<String, Object> model = base(ctx, user);
    model.put("year", year);
    model.put("lines", register.list(year));
    ctx.render("staff/register/list.jte", model);
  }

  void newForm(Context ctx) {
    StaffUser user = auth.require(ctx, StaffPage.REGISTER_NEW);
    Map<String, String> form = new LinkedHashMap<>();
    for (String f : FIELDS) form.put(f, "");
    form.put("received_at", ChicagoTime.show(clock.instant()));
    form.put("receiving_agency", "CPD");
    form.put("kind", "DETAINER");
    form.put("document", "I-247A");
    form.put("purpose", "CIVIL_IMMIGRATION");
    renderNew(ctx, user, form, List.of(), Map.of(), null, HttpStatus.OK);
  }

  /** The engine's answer for the form, nothing saved. */
  void preview(Context ctx) {
    StaffUser user = auth.require(ctx, Role.RECORDS_CLERK);
    auth.checkCsrf(ctx);
    Map<String, String> form = form(ctx);
    List<String> facts = ctx.formParams("subject");
    Register.Read read = read(form, facts);
    if (read.item() == null) {
      renderNew(ctx, user, form, facts, read.problems(), null, HttpStatus.BAD_REQUEST);
      return;
    }
    try {
      Decision d = register.preview(read.item().received());
      renderNew(ctx, user, form, facts, Map.of(), d, HttpStatus.OK);
    } catch (InputException e) {
      renderNew(ctx, user, form, facts, Map.of("received_at", e.getMessage()), null, HttpStatus.BAD_REQUEST);
    }
  }

  /** Records the request as previewed: decided again (the same engine), saved, ledgered. */
  void record(Context ctx) {
    StaffUser user = auth.require(ctx, Role.RECORDS_CLERK);
    auth.checkCsrf(ctx);
    Map<String, String> form = form(ctx);
    List<String> facts = ctx.formParams("subject");
    Register.Read read = read(form, facts);
    if (read.item() == null) {
      renderNew(ctx, user, form, facts, read.problems(), null, HttpStatus.BAD_REQUEST);
      return;
    }
    try {
      Register.Recorded r = register.record(List.of(read.item()), Recorder.staff(user.id())).get(0);
      ctx.redirect("/staff/register/" + r.request(), HttpStatus.SEE_OTHER);
    } catch (InputException | InvalidInput e) {
      String field = e instanceof InvalidInput i ? i.field() : ((InputException) e).field();
      renderNew(ctx, user, form, facts, Map.of(field == null ? "received_at" : field, e.getMessage()), null,
          HttpStatus.BAD_REQUEST);
    }
  }

  void entry(Context ctx) {
    StaffUser user = auth.require(ctx, StaffPage.REGISTER);
    RegisterStore.Entry e = find(ctx);
    renderEntry(ctx, user, e, outcomeForm(e.registerOutcome()), Map.of(), HttpStatus.OK);
  }

  void outcome(Context ctx) {
    StaffUser user = auth.require(ctx, Role.RECORDS_CLERK);
    auth.checkCsrf(ctx);
    RegisterStore.Entry e = find(ctx);
    Map<String, String> form = new LinkedHashMap<>();
    for (String f : List.of("bail_posted_at", "disposition", "disposition_at", "transferred_to")) {
      String v = ctx.formParam(f);
      form.put(f, v == null ? "" : v.strip());
    }
    try {
      RegisterOutcome o = Register.readOutcome(form::get);
      register.setOutcome(e.publicId(), o, Recorder.staff(user.id()));
      ctx.redirect("/staff/register/" + e.publicId(), HttpStatus.SEE_OTHER);
    } catch (InvalidInput x) {
      renderEntry(ctx, user, e, form, Map.of(x.field() == null ? "disposition" : x.field(), x.getMessage()),
          HttpStatus.BAD_REQUEST);
    }
  }

  void done(Context ctx) {
    StaffUser user = auth.require(ctx, Role.RECORDS_CLERK);
    auth.checkCsrf(ctx);
    RegisterStore.Entry e = find(ctx);
    long task;
    try {
      task = Long.parseLong(ctx.pathParam("task"));
    } catch (NumberFormatException x) {
      throw new NotFound("no duty " + ctx.pathParam("task"));
    }
    register.markDone(e.publicId(), task, Recorder.staff(user.id()));
    ctx.redirect("/staff/register/" + e.publicId(), HttpStatus.SEE_OTHER);
  }

  private RegisterStore.Entry find(Context ctx) {
    String raw = ctx.pathParam("id");
    UUID id;
    try {
      id = UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw new NotFound("no recorded request " + raw.substring(0, Math.min(raw.length(), 40)));
    }
    return register.entry(id).orElseThrow(() -> new NotFound("no recorded request " + id));
  }

  private static Register.Read read(Map<String, String> form, List<String> facts) {
    Map<String, String> values = new LinkedHashMap<>(form);
    values.put("subject", String.join(";", facts));
    values.put("basis", basisOf(form.get("document")));
    return Register.read(values::get);
  }

  // the clerk picks the document; the engine's basis follows from it
  private static String basisOf(String document) {
    return org.sanctuary.register.Document.ofCode(document == null ? "" : document)
        .map(d -> d.basis().name()).orElse("");
  }

  private static Map<String, String> form(Context ctx) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String f : FIELDS) {
      String v = ctx.formParam(f);
      form.put(f, v == null ? "" : v.strip());
    }
    return form;
  }

  private static Map<String, String> outcomeForm(RegisterOutcome o) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("bail_posted_at", RegisterViews.field(o.bailPostedAt()));
    form.put("disposition", o.disposition() == null ? "" : o.disposition().name());
    form.put("disposition_at", RegisterViews.field(o.dispositionAt()));
    form.put("transferred_to", o.transferredTo() == null ? "" : o.transferredTo());
    return form;
  }

  private void renderNew(Context ctx, StaffUser user, Map<String, String> form, List<String> facts,
      Map<String, String> errors, Decision decision, HttpStatus status) {
    Map<String, Object> model = base(ctx, user);
    model.put("form", form);
    model.put("facts", new ArrayList<>(facts));
    model.put("errors", errors);
    model.put("decision", decision);
    ctx.status(status).render("staff/register/new.jte", model);
  }

  private void renderEntry(Context ctx, StaffUser user, RegisterStore.Entry e, Map<String, String> form,
      Map<String, String> errors, HttpStatus status) {
    Map<String, Object> model = base(ctx, user);
    model.put("e", e);
    model.put("reasons", RegisterViews.reasons(e.decisionJson()));
    model.put("reference", user.has(Role.RECORDS_CLERK) ? register.reference(e) : null);
    model.put("form", form);
    model.put("errors", errors);
    model.put("now", clock.instant());
    ctx.status(status).render("staff/register/entry.jte", model);
  }

  private Map<String, Object> base(Context ctx, StaffUser user) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("user", user);
    model.put("csrf", auth.csrfToken(ctx));
    return model;
  }
}
