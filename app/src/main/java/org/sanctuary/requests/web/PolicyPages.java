package org.sanctuary.requests.web;


import io.javalin.http.Context;
import java.time.Clock;
import org.sanctuary.config.CityCalendar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sanctuary.policy.Basis;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.Decision;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.InputException;
import org.sanctuary.policy.Kind;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.Subject;
import org.sanctuary.policy.json.ForbiddenFields;
import org.sanctuary.policy.json.RequestJson;
import org.sanctuary.policy.pack.PolicyPack;
import org.sanctuary.errors.NotFound;
import org.sanctuary.incidents.Messages;
import org.sanctuary.web.PageLanguage;

/**
 * The policy browser: the packs in force on a date, each pack's rules with their citations, and
 * a form to try a request and read the explained decision. A trial is not a request the city
 * received, so it is neither stored nor logged.
 */
public final class PolicyPages {
  private final Engine engine;
  private final Clock clock;

  private static final Map<String, String> SUBJECT_LABELS = org.sanctuary.labels.RequestLabels.subjectFacts();

  private final CityCalendar city;

  /** The pages on Chicago's calendar. */
  public PolicyPages(Engine engine, Clock clock) {
    this(engine, clock, CityCalendar.CHICAGO);
  }

  public PolicyPages(Engine engine, Clock clock, CityCalendar city) {
    this.engine = engine;
    this.clock = clock;
    this.city = city;
  }

  /** One row of the pack table; {@code state} names the words of its state. */
  public record PackRow(PolicyPack pack, String state) {}

  public void list(Context ctx) {
    Messages t = PageLanguage.of(ctx);
    LocalDate date;
    String error = null;
    try {
      date = dateParam(ctx, "date");
    } catch (InputException e) {
      // the form again, with the error beside the field (in the reader's words) and today's law below it
      date = city.today(clock);
      error = t.format("policies.error.date", ctx.queryParam("date"));
      ctx.status(400);
    }
    List<PackRow> rows = new ArrayList<>();
    for (PolicyPack p : engine.packs()) rows.add(new PackRow(p, state(p, date)));
    Map<Body, List<PolicyPack>> inForce = new LinkedHashMap<>();
    for (Body b : Body.values()) inForce.put(b, engine.inForce(b, date));
    Map<String, Object> model = new java.util.HashMap<>(Map.of("t", t, "date", date, "rows", rows, "inForce", inForce));
    model.put("error", error);
    model.put("typed", error == null ? date.toString() : ctx.queryParam("date"));
    ctx.render("policies.jte", model);
  }

  public void show(Context ctx) {
    String id = ctx.pathParam("id");
    PolicyPack pack = engine.pack(id).map(p -> p.pack())
        .orElseThrow(() -> new NotFound("no policy pack '" + id + "'"));
    ctx.render("policy.jte", Map.of("pack", pack, "decides", engine.decides(pack)));
  }

  /**
   * Two packs compared for a reader of the law: {@code from} and {@code to} name them; without
   * them, the form to choose.
   */
  public void diff(Context ctx) {
    String from = ctx.queryParam("from");
    String to = ctx.queryParam("to");
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("packs", engine.packs());
    model.put("from", from == null ? "" : from);
    model.put("to", to == null ? "" : to);
    if (from == null || from.isBlank() || to == null || to.isBlank()) {
      model.put("diff", null);
    } else {
      var a = packParam("from", from);
      var b = packParam("to", to);
      model.put("diff", PolicyDiffView.of(a.pack(), b.pack(),
          org.sanctuary.policy.diff.PackDiff.compare(a, b, engine.registry())));
    }
    ctx.render("policy-diff.jte", model);
  }

  private org.sanctuary.policy.pack.CompiledPack packParam(String field, String id) {
    return engine.pack(id.strip()).orElseThrow(() -> org.sanctuary.errors.InvalidInput.of(field, id,
        "is not a policy pack", "a pack id such as chicago-wco-2012 (see /policies)"));
  }

  /** The trial form; with its fields filled in, also the decision. */
  public void tryRequest(Context ctx) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String f : List.of("received", "receivingAgency", "requester", "kind", "basis", "purpose")) {
      String v = ctx.queryParam(f);
      form.put(f, v == null ? "" : v.strip());
    }
    List<String> facts = ctx.queryParams("subject");
    Decision decision = null;
    String error = null;
    String errorField = null;
    boolean asked = ctx.queryParam("requester") != null;
    for (String key : ctx.queryParamMap().keySet()) {
      if (ForbiddenFields.isForbidden(key)) {
        asked = false;
        error = ForbiddenFields.MESSAGE;
        errorField = key;
      }
    }
    if (form.get("received").isEmpty()) form.put("received", city.today(clock).toString());
    if (asked) {
      try {
        decision = engine.decide(parse(form, facts));
      } catch (InputException e) {
        error = e.getMessage();
        errorField = e.field();
      }
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("form", form);
    model.put("facts", facts);
    model.put("decision", decision);
    model.put("error", error);
    model.put("errorField", errorField);
    model.put("bodies", Body.values());
    model.put("kinds", Kind.values());
    model.put("bases", Basis.values());
    model.put("purposes", Purpose.values());
    model.put("subjectLabels", SUBJECT_LABELS);
    ctx.render("policy-try.jte", model);
  }

  private static FederalRequest parse(Map<String, String> form, List<String> facts) {
    for (String fact : facts) {
      if (!Subject.FIELDS.contains(fact)) throw new InputException("subject", "subject: unknown fact '" + fact + "'");
    }
    return new FederalRequest(null, RequestJson.parseDate("received", form.get("received")),
        choice("receivingAgency", form.get("receivingAgency"), Body.class), required("requester", form.get("requester")),
        choice("kind", form.get("kind"), Kind.class), choice("basis", form.get("basis"), Basis.class),
        choice("purpose", form.get("purpose"), Purpose.class),
        new Subject(facts.contains("outstandingCriminalWarrant"), facts.contains("felonyConviction"),
            facts.contains("pendingFelonyCharge"), facts.contains("gangDatabase")));
  }

  private static String required(String field, String value) {
    if (value.isEmpty()) throw new InputException(field, field + ": required");
    if (value.length() > 200) throw new InputException(field, field + ": longer than 200 characters");
    return value;
  }

  private static <E extends Enum<E>> E choice(String field, String value, Class<E> type) {
    required(field, value);
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw new InputException(field, field + ": \"" + (value.length() > 40 ? value.substring(0, 40) : value)
          + "\" is not a choice of this form");
    }
  }

  private LocalDate dateParam(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) return city.today(clock);
    return RequestJson.parseDate(name, v.strip());
  }

  /** The pack's state on the date, as the key of its words ({@code policies.state.<key>}). */
  private String state(PolicyPack p, LocalDate date) {
    if (!engine.decides(p)) {
      return p.status() == org.sanctuary.policy.PackStatus.PROPOSED ? "proposed" : "localOff";
    }
    if (p.inForceOn(date)) return "inForce";
    return date.isBefore(p.from()) ? "notYet" : "ended";
  }
}
