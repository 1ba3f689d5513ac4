package org.sanctuary.gateway.web;

import org.sanctuary.gateway.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import org.sanctuary.policy.InputException;
import org.sanctuary.policy.json.InputRules;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sanctuary.policy.Purpose;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.web.StaffAuth;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.web.JsonBody;

/**
 * The staff's JSON API for the gateway under {@code /api/v1/admin/gateway}: administrators manage
 * partners, agreements and keys; auditors and administrators read the access log. Every change
 * carries the session's CSRF token in {@code X-CSRF-Token}.
 */
public final class AdminController {
  private final GatewayAdmin admin;
  private final StaffAuth auth;

  public AdminController(GatewayAdmin admin, StaffAuth auth) {
    this.admin = admin;
    this.auth = auth;
  }

  public void listPartners(Context ctx) {
    auth.require(ctx, Role.ADMINISTRATOR);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Partner p : admin.partners()) out.add(partnerJson(p));
    ctx.json(out);
  }

  public void addPartner(Context ctx) {
    auth.require(ctx, Role.ADMINISTRATOR);
    auth.checkCsrf(ctx);
    JsonNode b = object(ctx, Set.of("agency", "name", "ratePerSecond", "burst"));
    Partner p = admin.admit(text(b, "agency"), text(b, "name"), integer(b, "ratePerSecond"), integer(b, "burst"));
    ctx.status(201).json(partnerJson(p));
  }

  public void showPartner(Context ctx) {
    auth.require(ctx, Role.ADMINISTRATOR);
    Partner p = admin.partner(id(ctx, "id"));
    Map<String, Object> out = partnerJson(p);
    List<Map<String, Object>> agreements = new ArrayList<>();
    for (Agreement a : admin.agreements(p.id())) agreements.add(agreementJson(a));
    out.put("agreements", agreements);
    List<Map<String, Object>> keys = new ArrayList<>();
    for (GatewayStore.KeyInfo k : admin.keys(p.id())) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", k.id());
      m.put("prefix", k.prefix());
      m.put("createdAt", k.createdAt().toString());
      m.put("expiresAt", k.expiresAt() == null ? null : k.expiresAt().toString());
      m.put("revokedAt", k.revokedAt() == null ? null : k.revokedAt().toString());
      keys.add(m);
    }
    out.put("keys", keys);
    ctx.json(out);
  }

  public void addAgreement(Context ctx) {
    auth.require(ctx, Role.ADMINISTRATOR);
    auth.checkCsrf(ctx);
    long partnerId = id(ctx, "id");
    JsonNode b = object(ctx, Set.of("datasets", "purposes", "startsOn", "endsOn", "noOnwardDisclosure", "signedBy",
        GatewayAdmin.ACKNOWLEDGE_IMMIGRATION_AGENCY));
    List<String> datasets = texts(b, "datasets");
    Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
    for (String p : texts(b, "purposes")) {
      try {
        purposes.add(Purpose.valueOf(p));
      } catch (IllegalArgumentException e) {
        throw InvalidInput.of("purposes", p, "is not a purpose", "CRIMINAL or CIVIL_IMMIGRATION");
      }
    }
    JsonNode clause = b.get("noOnwardDisclosure");
    JsonNode acknowledged = b.get(GatewayAdmin.ACKNOWLEDGE_IMMIGRATION_AGENCY);
    Agreement a = admin.addAgreement(partnerId, datasets, purposes, date(b, "startsOn"), date(b, "endsOn"),
        clause != null && clause.isBoolean() ? clause.asBoolean() : null, text(b, "signedBy"),
        acknowledged != null && acknowledged.isBoolean() ? acknowledged.asBoolean() : null);
    ctx.status(201).json(agreementJson(a));
  }

  public void issueKey(Context ctx) {
    auth.require(ctx, Role.ADMINISTRATOR);
    auth.checkCsrf(ctx);
    long partnerId = id(ctx, "id");
    JsonNode b = ctx.body().isBlank() ? null : object(ctx, Set.of("expiresAt"));
    Instant expires = null;
    if (b != null && b.hasNonNull("expiresAt")) {
      try {
        expires = InputRules.instant("expiresAt", b.get("expiresAt").asText());
      } catch (InputException e) {
        throw InvalidInput.from(e);
      }
    }
    ctx.status(201).json(keyJson(admin.issueKey(partnerId, expires)));
  }

  public void rotateKey(Context ctx) {
    auth.require(ctx, Role.ADMINISTRATOR);
    auth.checkCsrf(ctx);
    ctx.status(201).json(keyJson(admin.rotateKey(id(ctx, "keyId"))));
  }

  public void revokeKey(Context ctx) {
    auth.require(ctx, Role.ADMINISTRATOR);
    auth.checkCsrf(ctx);
    admin.revokeKey(id(ctx, "keyId"));
    ctx.json(Map.of("revoked", id(ctx, "keyId")));
  }

  public void datasets(Context ctx) {
    auth.require(ctx, Role.ADMINISTRATOR, Role.AUDITOR);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Dataset d : admin.catalog().all()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", d.id());
      m.put("title", d.title());
      Map<String, String> params = new LinkedHashMap<>();
      d.parameters().values().forEach(p -> params.put(p.name(), p.want()));
      m.put("parameters", params);
      m.put("returns", d.released());
      m.put("neverLeave", d.neverLeave().stream().sorted().toList());
      m.put("marked", d.marked().stream().sorted().toList());
      m.put("rowLimit", d.rowLimit());
      out.add(m);
    }
    ctx.json(out);
  }

  /**
   * The access log as a JSON array, newest first, one page of {@code limit} lines; the headers say
   * how many match in all ({@code X-Total-Count}) and where the pages either side are ({@code Link},
   * {@code rel="next"} for older lines, {@code rel="prev"} for newer ones).
   */
  public void accessLog(Context ctx) {
    auth.require(ctx, Role.ADMINISTRATOR, Role.AUDITOR);
    GatewayStore.AccessPage page = admin.accessPage(filter(ctx));
    ctx.header(TOTAL_COUNT, Long.toString(page.total()));
    AccessLogLinks links = AccessLogLinks.of(ctx, "/api/v1/admin/gateway/access", page);
    String header = links.linkHeader();
    if (!header.isEmpty()) ctx.header("Link", header);
    ctx.json(GatewayViews.accessJson(page.rows()));
  }

  /** The header that carries how many lines match, whatever the page. */
  public static final String TOTAL_COUNT = "X-Total-Count";

  public void alerts(Context ctx) {
    auth.require(ctx, Role.ADMINISTRATOR, Role.AUDITOR);
    ctx.json(admin.alerts().stream().map(f -> Map.of("partner", f.partnerId(), "agency", f.agencyId(),
        "lastHour", f.lastHour(), "hourlyMean", f.hourlyMean(), "distinctLastHour", f.distinctLastHour(),
        "alert", f.describe())).toList());
  }

  public void trace(Context ctx) {
    auth.require(ctx, Role.ADMINISTRATOR);
    auth.checkCsrf(ctx);
    JsonNode b = object(ctx, Set.of("mark"));
    ctx.json(admin.trace(text(b, "mark")));
  }

  /** The API's default page: as many lines as it gave before it paged. */
  static final int API_PAGE = 200;

  /** The access-log filters from the query string: partner, dataset, outcome, from, to, limit, before, after. */
  static GatewayStore.AccessFilter filter(Context ctx) {
    return filter(ctx::queryParam);
  }

  /** The same from any lookup of query parameters by name (null when absent). */
  static GatewayStore.AccessFilter filter(java.util.function.Function<String, String> query) {
    return filter(query, API_PAGE);
  }

  /** As above, with {@code defaultLimit} lines when the query names no limit. */
  static GatewayStore.AccessFilter filter(java.util.function.Function<String, String> query, int defaultLimit) {
    Long partner = whole(query, "partner", 1, Long.MAX_VALUE, "a partner id");
    String dataset = blankToNull(query.apply("dataset"));
    String outcome = blankToNull(query.apply("outcome"));
    if (outcome != null && !Set.of("PERMIT", "DENY", "ERROR").contains(outcome)) {
      throw InvalidInput.of("outcome", outcome, "is not an outcome", "PERMIT, DENY or ERROR");
    }
    LocalDate from = queryDate(query, "from");
    LocalDate to = queryDate(query, "to");
    if (from != null && to != null && to.isBefore(from)) throw InvalidInput.of("to", to.toString(), "is before from", "a date on or after from");
    Long limit = whole(query, "limit", 1, 1000, "1 to 1000");
    Long before = whole(query, "before", 1, Long.MAX_VALUE, "an access-log line's id");
    Long after = whole(query, "after", 1, Long.MAX_VALUE, "an access-log line's id");
    if (before != null && after != null) {
      throw new InvalidInput("after", "after: given with before (want one of them: the page's own links give one)");
    }
    return new GatewayStore.AccessFilter(partner, dataset, outcome, from, to,
        limit == null ? defaultLimit : limit.intValue(), before, after);
  }

  // a 400 naming the parameter, the same on the API and on the page
  private static Long whole(java.util.function.Function<String, String> query, String name, long min, long max,
      String want) {
    String s = blankToNull(query.apply(name));
    if (s == null) return null;
    try {
      long n = Long.parseLong(s);
      if (n < min || n > max) throw InvalidInput.of(name, s, "is out of bounds", want);
      return n;
    } catch (NumberFormatException e) {
      throw InvalidInput.of(name, s, "is not a whole number", want);
    }
  }

  private static LocalDate queryDate(java.util.function.Function<String, String> query, String name) {
    String s = blankToNull(query.apply(name));
    return s == null ? null : date(name, s);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static Map<String, Object> partnerJson(Partner p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.id());
    m.put("agency", p.agencyId());
    m.put("name", p.name());
    m.put("ratePerSecond", p.ratePerSecond());
    m.put("burst", p.burst());
    m.put("admittedAt", p.admittedAt().toString());
    return m;
  }

  private static Map<String, Object> agreementJson(Agreement a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("partner", a.partnerId());
    m.put("datasets", a.datasets());
    m.put("purposes", a.purposes().stream().map(Enum::name).sorted().toList());
    m.put("startsOn", a.startsOn().toString());
    m.put("endsOn", a.endsOn().toString());
    m.put("noOnwardDisclosure", Agreement.CLAUSE);
    m.put("signedBy", a.signedBy());
    return m;
  }

  private static Map<String, Object> keyJson(GatewayAdmin.IssuedKey k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("keyId", k.keyId());
    m.put("partner", k.partnerId());
    m.put("key", k.key());
    m.put("note", "shown once: store it now; only its hash is kept");
    return m;
  }

  private static JsonNode object(Context ctx, Set<String> allowed) {
    return JsonBody.object(ctx, allowed);
  }

  private static String text(JsonNode b, String field) {
    JsonNode n = b.get(field);
    if (n == null || n.isNull()) return null;
    if (!n.isTextual()) throw InvalidInput.of(field, n.toString(), "is not a text", "a text");
    return n.asText();
  }

  private static Integer integer(JsonNode b, String field) {
    JsonNode n = b.get(field);
    if (n == null || n.isNull()) return null;
    if (!n.isInt()) throw InvalidInput.of(field, n.toString(), "is not a whole number", "a whole number");
    return n.asInt();
  }

  private static List<String> texts(JsonNode b, String field) {
    JsonNode n = b.get(field);
    if (n == null || n.isNull()) return List.of();
    if (!n.isArray()) throw InvalidInput.of(field, n.toString(), "is not a list", "a list of texts");
    List<String> out = new ArrayList<>();
    for (JsonNode item : n) {
      if (!item.isTextual()) throw InvalidInput.of(field, item.toString(), "is not a text", "a list of texts");
      out.add(item.asText());
    }
    return out;
  }

  private static LocalDate date(JsonNode b, String field) {
    String s = text(b, field);
    return s == null ? null : date(field, s);
  }

  /** A date by the shared rule, refused in the domain's words so pages can show it by its field. */
  static LocalDate date(String field, String value) {
    try {
      return InputRules.date(field, value);
    } catch (InputException e) {
      throw InvalidInput.from(e);
    }
  }

  private static long id(Context ctx, String name) {
    return ctx.pathParamAsClass(name, Long.class).get();
  }
}
