package org.sanctuary.incidents.web;

import org.sanctuary.web.ClientAddress;
import org.sanctuary.limits.ClientLimit;
import org.sanctuary.incidents.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.TooManyRequestsResponse;
import java.time.Year;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.sanctuary.incidents.routing.Route;
import org.sanctuary.policy.json.ForbiddenFields;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.web.JsonBody;
import org.sanctuary.errors.NotFound;

/**
 * The incidents API: {@code POST /api/v1/incidents} files a report, {@code GET
 * /api/v1/incidents/{receipt}} (secret in {@code X-Receipt-Secret}) reads its status, {@code POST
 * .../followups} adds a note, and {@code GET /api/v1/incidents/summary/{year}} gives the counts
 * for the annual report.
 */
public final class IncidentApi {
  static final String SECRET_HEADER = "X-Receipt-Secret";
  private static final String NOT_FOUND = "no report with this receipt and secret";

  private final IncidentService service;
  private final ClientLimit submissions;
  private final ClientLimit lookups;

  public IncidentApi(IncidentService service, ClientLimit submissions, ClientLimit lookups) {
    this.service = service;
    this.submissions = submissions;
    this.lookups = lookups;
  }

  void create(Context ctx) {
    limit(ctx, submissions);
    Map<String, String> raw = fields(JsonBody.read(ctx, JsonNode.class));
    IntakeCheck.Result result = IntakeCheck.check(raw, service.today());
    if (!result.ok()) {
      FieldError first = result.errors().get(0);
      throw new InvalidInput(first.field(), first.english());
    }
    IncidentService.Submitted s = service.submit(result.intake());
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("receipt", s.receipt());
    out.put("secret", s.secret());
    out.put("routedTo", s.route().routedTo().name());
    out.set("reason", reason(s.route()));
    out.put("status", "RECEIVED");
    out.put("ledgerIndex", s.ledgerIndex());
    ctx.header("Cache-Control", "no-store");
    ctx.status(201).json(out);
  }

  void show(Context ctx) {
    limit(ctx, lookups);
    IncidentService.Status s = service.status(ctx.pathParam("receipt"), ctx.header(SECRET_HEADER))
        .orElseThrow(() -> new NotFound(NOT_FOUND));
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("receipt", s.receipt());
    out.put("status", s.status());
    out.put("routedTo", s.route().routedTo().name());
    out.set("reason", reason(s.route()));
    out.put("receivedAt", s.receivedAt().toString());
    out.put("category", s.report().category().name());
    out.put("occurredOn", s.report().occurredOn().toString());
    out.put("followups", s.followups().size());
    out.put("contactOnFile", s.contactOnFile());
    ctx.header("Cache-Control", "no-store");
    ctx.json(out);
  }

  void addFollowup(Context ctx) {
    limit(ctx, lookups);
    JsonNode body = JsonBody.read(ctx, JsonNode.class);
    Map<String, String> raw = strings(body, java.util.Set.of("note"));
    String note = Optional.ofNullable(raw.get("note")).map(String::strip).orElse("");
    if (note.isEmpty()) throw new InvalidInput("note", "note: is required (want what you want to add)");
    if (note.length() > IncidentService.MAX_FOLLOWUP) {
      throw new InvalidInput("note", "note: is too long (want at most " + IncidentService.MAX_FOLLOWUP + " characters)");
    }
    if (!service.addFollowup(ctx.pathParam("receipt"), ctx.header(SECRET_HEADER), note)) {
      throw new NotFound(NOT_FOUND);
    }
    ctx.status(201).json(Map.of("added", true));
  }

  void summary(Context ctx) {
    String raw = ctx.pathParam("year");
    int year;
    try {
      year = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw InvalidInput.of("year", raw, "is not a year", "YYYY");
    }
    if (year < 1985 || year > Year.now().getValue() + 1) {
      throw InvalidInput.of("year", raw, "is out of range", "1985 to next year");
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("year", year);
    ObjectNode counts = out.putObject("counts");
    service.summary(year).forEach((dimension, values) -> {
      ObjectNode d = counts.putObject(dimension);
      values.forEach(d::put);
    });
    ctx.json(out);
  }

  static ObjectNode reason(Route r) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("pack", r.pack());
    o.put("rule", r.rule());
    o.put("citation", r.citation());
    o.put("text", r.text());
    return o;
  }

  static void limit(Context ctx, ClientLimit limiter) {
    if (!limiter.tryAcquire(ClientAddress.forLimits(ctx))) {
      ctx.header("Retry-After", String.valueOf(limiter.retryAfterSeconds()));
      throw new TooManyRequestsResponse("too many requests from this address; try again later");
    }
  }

  static Map<String, String> fields(JsonNode body) {
    return strings(body, IntakeCheck.FIELDS);
  }

  // A report is a flat object of texts. Status, citizenship and birthplace are refused by name
  // before anything else is looked at, so such a field is never read, let alone kept.
  private static Map<String, String> strings(JsonNode body, java.util.Set<String> allowed) {
    if (body == null || !body.isObject()) throw new InvalidInput("body", "body: want a JSON object");
    Optional<String> forbidden = ForbiddenFields.find(body);
    if (forbidden.isPresent()) {
      throw new InvalidInput(forbidden.get(), forbidden.get() + ": " + ForbiddenFields.MESSAGE);
    }
    Map<String, String> raw = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = body.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!allowed.contains(e.getKey())) {
        throw new InvalidInput(e.getKey(), e.getKey() + ": is not a known field (want one of: "
            + String.join(", ", new TreeSet<>(allowed)) + ")");
      }
      JsonNode v = e.getValue();
      if (v.isNull()) continue;
      if (!v.isTextual()) throw new InvalidInput(e.getKey(), e.getKey() + ": want a text (a JSON string)");
      raw.put(e.getKey(), v.asText());
    }
    return raw;
  }
}
