package org.sanctuary.cases.web;

import org.sanctuary.cases.*;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sanctuary.incidents.model.Category;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.web.StaffAuth;
import org.sanctuary.staff.StaffPage;
import org.sanctuary.staff.StaffUser;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.errors.NotFound;

/** The case pages under {@code /staff/cases}. Changes are form posts carrying the CSRF token. */
final class CaseController {
  private static final Role[] CASE_WORKERS = {Role.COPA_INVESTIGATOR, Role.OIG_INVESTIGATOR};

  private final CaseService cases;
  private final StaffAuth auth;

  CaseController(CaseService cases, StaffAuth auth) {
    this.cases = cases;
    this.auth = auth;
  }

  void list(Context ctx) {
    StaffUser user = auth.require(ctx, StaffPage.CASES);
    if (CaseService.bodyOf(user).isEmpty() && user.has(Role.AUDITOR)) {
      ctx.render("staff/case-counts.jte", Map.of("user", user, "csrf", auth.csrfToken(ctx),
          "counts", cases.counts()));
      return;
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("user", user);
    model.put("csrf", auth.csrfToken(ctx));
    model.put("statuses", List.of(CaseStatus.values()));
    model.put("categories", List.of(Category.values()));
    model.put("status", param(ctx, "status"));
    model.put("category", param(ctx, "category"));
    model.put("q", param(ctx, "q"));
    CaseFilter filter = CaseFilter.ALL;
    try {
      filter = CaseFilter.parse(ctx.queryParam("status"), ctx.queryParam("category"),
          ctx.queryParam("overdue"), ctx.queryParam("mine"), ctx.queryParam("q"));
      CasePage page = cases.page(user, filter, whole(ctx, "after"), whole(ctx, "before"),
          size(ctx));
      model.put("filter", filter);
      model.put("errors", Map.of());
      model.put("page", page);
      model.put("links", CaseListLinks.of(ctx, page));
      ctx.render("staff/cases.jte", model);
    } catch (InvalidInput e) {
      model.put("filter", filter);
      model.put("errors", Map.of(e.field(), e.getMessage()));
      model.put("page", new CasePage(List.of(), 0, 0));
      model.put("links", CaseListLinks.NONE);
      ctx.status(HttpStatus.BAD_REQUEST).render("staff/cases.jte", model);
    }
  }

  private static Long whole(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) return null;
    try {
      return Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      throw InvalidInput.of(name, raw, "is not a case number", "a case number from the list's own links");
    }
  }

  private static int size(Context ctx) {
    String raw = ctx.queryParam("size");
    if (raw == null || raw.isBlank()) return CaseService.DEFAULT_PAGE;
    try {
      return Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      throw InvalidInput.of("size", raw, "is not a whole number", "1 to " + CaseService.MAX_PAGE);
    }
  }

  void show(Context ctx) {
    StaffUser user = auth.require(ctx, StaffPage.CASE);
    render(ctx, user, id(ctx), Map.of(), "", HttpStatus.OK);
  }

  void status(Context ctx) {
    StaffUser user = auth.require(ctx, CASE_WORKERS);
    auth.checkCsrf(ctx);
    long id = id(ctx);
    String raw = param(ctx, "status");
    try {
      CaseStatus to;
      try {
        to = CaseStatus.valueOf(raw.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw InvalidInput.of("status", raw, "is not a status", "one of " + List.of(CaseStatus.values()));
      }
      cases.transition(user, id, to);
    } catch (InvalidInput e) {
      render(ctx, user, id, Map.of(e.field(), e.getMessage()), "", HttpStatus.BAD_REQUEST);
      return;
    }
    ctx.redirect("/staff/cases/" + id, HttpStatus.SEE_OTHER);
  }

  void assign(Context ctx) {
    StaffUser user = auth.require(ctx, Role.SUPERVISOR);
    auth.checkCsrf(ctx);
    long id = id(ctx);
    String raw = param(ctx, "assignee");
    try {
      long assignee;
      try {
        assignee = Long.parseLong(raw);
      } catch (NumberFormatException e) {
        throw InvalidInput.of("assignee", raw, "is not a staff member", "one of the listed investigators");
      }
      cases.assign(user, id, assignee);
    } catch (InvalidInput e) {
      render(ctx, user, id, Map.of(e.field(), e.getMessage()), "", HttpStatus.BAD_REQUEST);
      return;
    }
    ctx.redirect("/staff/cases/" + id, HttpStatus.SEE_OTHER);
  }

  void note(Context ctx) {
    StaffUser user = auth.require(ctx, CASE_WORKERS);
    auth.checkCsrf(ctx);
    long id = id(ctx);
    String text = param(ctx, "text");
    try {
      cases.addNote(user, id, text);
    } catch (InvalidInput e) {
      render(ctx, user, id, Map.of(e.field(), e.getMessage()), text, HttpStatus.BAD_REQUEST);
      return;
    }
    ctx.redirect("/staff/cases/" + id + "#notes", HttpStatus.SEE_OTHER);
  }

  private void render(Context ctx, StaffUser user, long id, Map<String, String> errors,
      String noteText, HttpStatus status) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("user", user);
    model.put("csrf", auth.csrfToken(ctx));
    model.put("c", cases.open(user, id));
    model.put("errors", errors);
    model.put("noteText", noteText);
    ctx.header("Cache-Control", "no-store");
    ctx.status(status).render("staff/case.jte", model);
  }

  // an id that is not a number names no case, like an id of another office's case
  private static long id(Context ctx) {
    String raw = ctx.pathParam("id");
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new NotFound("case " + raw + ": not found among your office's cases");
    }
  }

  private static String param(Context ctx, String name) {
    String value = ctx.method().name().equals("POST") ? ctx.formParam(name) : ctx.queryParam(name);
    return value == null ? "" : value;
  }
}
