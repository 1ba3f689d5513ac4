package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.StaffTestClient;

/**
 * Issue 13: who may use every route of the full application. The routes come from the running
 * server's own route table, so a route added without a line in {@link #RULES} fails this test; each
 * route is then tried by an anonymous caller, by a signed-in account of each staff role, with a
 * gateway partner key and with a records-system token, and what the server answers (allowed, or
 * refused: 401, 403, or a redirect to sign in) must be what the rule says.
 *
 * <p>Allowed means "got past the door": a 400 for an empty form or a 404 for an unknown id is
 * allowed, since the caller's identity was accepted and only the input was wrong. Nothing may answer
 * 5xx. Receipt routes are public here: the receipt secret is their credential, checked in {@code
 * IncidentApiTest}; which office's case an investigator sees is checked in {@code CaseWorkTest}.
 */
class AuthorizationMatrixTest {
  /** Who tries each route: nobody, each staff role, and the two machine credentials. */
  enum Who {
    ANONYMOUS, COPA_INVESTIGATOR, OIG_INVESTIGATOR, SUPERVISOR, COPA_SUPERVISOR, AUDITOR, ADMINISTRATOR,
    RECORDS_CLERK, PARTNER_KEY, RECORDS_TOKEN;

    /** The roles of this caller's account; empty for callers without one. */
    Set<Role> roles() {
      return switch (this) {
        case ANONYMOUS, PARTNER_KEY, RECORDS_TOKEN -> Set.of();
        // a supervisor works their body's cases, so the account holds that body's role too
        case COPA_SUPERVISOR -> EnumSet.of(Role.SUPERVISOR, Role.COPA_INVESTIGATOR);
        default -> EnumSet.of(Role.valueOf(name()));
      };
    }

    boolean isStaff() {
      return !roles().isEmpty();
    }
  }

  private static final Set<Who> EVERYONE = EnumSet.allOf(Who.class);
  private static final Set<Who> ANY_STAFF = EnumSet.of(Who.COPA_INVESTIGATOR, Who.OIG_INVESTIGATOR,
      Who.SUPERVISOR, Who.COPA_SUPERVISOR, Who.AUDITOR, Who.ADMINISTRATOR, Who.RECORDS_CLERK);
  private static final Set<Who> ADMIN = EnumSet.of(Who.ADMINISTRATOR);
  private static final Set<Who> ADMIN_AUDITOR = EnumSet.of(Who.ADMINISTRATOR, Who.AUDITOR);
  private static final Set<Who> CASE_WORKERS = EnumSet.of(Who.COPA_INVESTIGATOR, Who.OIG_INVESTIGATOR,
      Who.COPA_SUPERVISOR);
  // an auditor sees counts only; a supervisor without an investigator role has no body's cases
  private static final Set<Who> CASE_LIST = EnumSet.of(Who.COPA_INVESTIGATOR, Who.OIG_INVESTIGATOR,
      Who.COPA_SUPERVISOR, Who.AUDITOR);
  private static final Set<Who> CLERK = EnumSet.of(Who.RECORDS_CLERK);
  private static final Set<Who> REGISTER_READERS = EnumSet.of(Who.RECORDS_CLERK, Who.AUDITOR, Who.ADMINISTRATOR);
  private static final Set<Who> IMPORTERS = EnumSet.of(Who.RECORDS_CLERK, Who.ADMINISTRATOR);

  /** The rule for every route: who may use it. A route missing here fails the build. */
  static final Map<String, Set<Who>> RULES = rules();

  private static Map<String, Set<Who>> rules() {
    Map<String, Set<Who>> r = new LinkedHashMap<>();
    // public pages and the public, verifiable ledger
    for (String route : List.of("GET /", "GET /healthz", "GET /ledger", "GET /ledger/entries",
        "GET /api/v1/ledger/checkpoint", "GET /api/v1/ledger/head", "GET /api/v1/ledger/key", "GET /api/v1/ledger/entries",
        "GET /api/v1/ledger/proof/inclusion", "GET /api/v1/ledger/proof/consistency",
        "GET /api/v1/ledger/receipt", "GET /api/v1/ledger/decoded", "GET /tlog/checkpoint",
        "GET /tlog/tile/<path>", "GET /policies", "GET /policies/try", "GET /policies/diff",
        "GET /policies/{id}", "GET /reports", "GET /reports/{year}", "GET /reports/{year}/entries",
        "GET /api/v1/openapi.json")) {
      r.put(route, EVERYONE);
    }
    // reporting: anyone may report; a receipt's secret (not an account) opens a report
    for (String route : List.of("GET /report", "POST /report", "GET /report/status", "POST /report/status",
        "POST /report/followup", "POST /api/v1/incidents", "GET /api/v1/incidents/summary/{year}",
        "GET /api/v1/incidents/{receipt}", "POST /api/v1/incidents/{receipt}/followups")) {
      r.put(route, EVERYONE);
    }
    // anyone may try a decision; a records-system token or a records clerk's session records it
    // (any other Bearer credential, e.g. a partner's key, is refused rather than taken as a trial)
    Set<Who> decisions = EnumSet.allOf(Who.class);
    decisions.remove(Who.PARTNER_KEY);
    r.put("POST /api/v1/decisions", decisions);
    // the data firewall: a partner's key, and nothing else
    r.put("POST /api/v1/gateway/query", EnumSet.of(Who.PARTNER_KEY));
    // signing in and out
    r.put("GET /staff/login", EVERYONE);
    r.put("POST /staff/login", EVERYONE);
    r.put("POST /staff/logout", ANY_STAFF);
    r.put("GET /staff", ANY_STAFF);
    // staff accounts, managed by administrators while the server runs
    r.put("GET /staff/accounts", ADMIN);
    r.put("POST /staff/accounts", ADMIN);
    r.put("GET /staff/accounts/{id}", ADMIN);
    r.put("POST /staff/accounts/{id}/roles", ADMIN);
    r.put("POST /staff/accounts/{id}/disable", ADMIN);
    r.put("POST /staff/accounts/{id}/enable", ADMIN);
    r.put("POST /staff/accounts/{id}/second-factor", ADMIN);
    // case work
    r.put("GET /staff/cases", CASE_LIST);
    r.put("GET /staff/cases/{id}", CASE_WORKERS);
    r.put("POST /staff/cases/{id}/status", CASE_WORKERS);
    r.put("POST /staff/cases/{id}/assign", EnumSet.of(Who.COPA_SUPERVISOR));
    r.put("POST /staff/cases/{id}/notes", CASE_WORKERS);
    // the register of federal requests
    r.put("GET /staff/register", REGISTER_READERS);
    r.put("GET /staff/register/new", CLERK);
    r.put("POST /staff/register/preview", CLERK);
    r.put("POST /staff/register", CLERK);
    r.put("GET /staff/register/reports/cpd-quarterly", REGISTER_READERS);
    r.put("GET /staff/register/reports/trust-act", REGISTER_READERS);
    r.put("GET /staff/register/replay", REGISTER_READERS);
    r.put("GET /staff/register/tokens", ADMIN);
    r.put("POST /staff/register/tokens", ADMIN);
    r.put("GET /staff/register/tokens/{name}/revoke", ADMIN);
    r.put("POST /staff/register/tokens/{name}/revoke", ADMIN);
    r.put("GET /staff/register/import", IMPORTERS);
    r.put("POST /staff/register/import", IMPORTERS);
    r.put("POST /api/v1/register/import", IMPORTERS);
    r.put("GET /api/v1/admin/register/tokens", ADMIN);
    r.put("POST /api/v1/admin/register/tokens", ADMIN);
    r.put("POST /api/v1/admin/register/tokens/{name}/revoke", ADMIN);
    r.put("GET /staff/register/{id}", REGISTER_READERS);
    r.put("POST /staff/register/{id}/outcome", CLERK);
    r.put("POST /staff/register/{id}/duties/{task}/done", CLERK);
    // the gateway's staff pages and staff API
    for (String base : List.of("/staff/gateway", "/api/v1/admin/gateway")) {
      r.put("GET " + base + "/partners", ADMIN);
      r.put("POST " + base + "/partners", ADMIN);
      r.put("GET " + base + "/partners/{id}", ADMIN);
      r.put("POST " + base + "/partners/{id}/agreements", ADMIN);
      r.put("POST " + base + "/partners/{id}/keys", ADMIN);
      r.put("POST " + base + "/keys/{keyId}/rotate", ADMIN);
      r.put("POST " + base + "/keys/{keyId}/revoke", ADMIN);
      r.put("GET " + base + "/datasets", ADMIN_AUDITOR);
      r.put("GET " + base + "/access", ADMIN_AUDITOR);
      r.put("GET " + base + "/alerts", ADMIN_AUDITOR);
    }
    r.put("GET /staff/gateway", ADMIN_AUDITOR);
    r.put("GET /staff/gateway/keys/{keyId}/rotate", ADMIN);
    r.put("GET /staff/gateway/keys/{keyId}/revoke", ADMIN);
    // metrics: this machine only (the tests run on it), whoever asks; see MetricsTest for the refusals
    r.put("GET /metrics", EVERYONE);
    r.put("POST /api/v1/admin/gateway/trace", ADMIN);
    r.put("GET /staff/gateway/trace", ADMIN);
    r.put("POST /staff/gateway/trace", ADMIN);
    return r;
  }

  /** Plausible values for path parameters; ids name nothing, so no write can take effect. */
  private static final Map<String, String> PARAMETERS = Map.of(
      "{id}", "987654", "{keyId}", "987654", "{task}", "987654", "{year}", "2025",
      "{receipt}", "ABCDEFGHJKMNPQRSTVWX", "{name}", "no-such-system", "<path>", "0/000");

  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String LOGOUT = "POST /staff/logout";
  private static final String OUTSIDER_TOKEN = "0123456789abcdef0123456789abcdef";
  private static final Pattern PARTNER_KEY = Pattern.compile("sgw_[A-Za-z0-9_-]{40,}");
  private static final Pattern RECORDS_TOKEN = Pattern.compile("id=\"issued-token\">([^<]+)<");

  private static FullApp app;
  private static final Map<Who, StaffTestClient> clients = new EnumMap<>(Who.class);
  private static final Map<Who, String> staffCsrf = new EnumMap<>(Who.class);
  private static String partnerKey;
  private static String recordsToken;

  @BeforeAll
  static void start() {
    app = new FullApp();
    for (Who who : Who.values()) {
      Set<Role> roles = who.roles();
      StaffTestClient client = roles.isEmpty() ? new StaffTestClient(app.server)
          : roles.size() == 1 ? app.signIn(roles.iterator().next())
          : app.signIn(who.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), roles);
      clients.put(who, client);
      if (who.isStaff()) {
        staffCsrf.put(who, client.csrf());
      }
    }
    StaffTestClient admin = clients.get(Who.ADMINISTRATOR);
    HttpResponse<String> partner = admin.postForm("/staff/gateway/partners", "agency", "DEA");
    assertThat(partner.statusCode()).as(partner.body()).isEqualTo(303);
    String location = partner.headers().firstValue("Location").orElseThrow();
    HttpResponse<String> key = admin.postForm(location + "/keys", "expiresOn", "");
    assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
    Matcher k = PARTNER_KEY.matcher(key.body());
    assertThat(k.find()).as("a partner key on the page").isTrue();
    partnerKey = k.group();
    HttpResponse<String> token = admin.postForm("/staff/register/tokens", "name", "records-system");
    assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
    Matcher t = RECORDS_TOKEN.matcher(token.body());
    assertThat(t.find()).as("a records token on the page").isTrue();
    recordsToken = t.group(1).strip();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void everyRoute_hasARule() {
    List<String> routes = app.server.routes();
    assertThat(routes).as("the route table").hasSizeGreaterThan(50);
    Set<String> withoutRule = new TreeSet<>(routes);
    withoutRule.removeAll(RULES.keySet());
    assertThat(withoutRule)
        .as("routes without a rule in AuthorizationMatrixTest.RULES (add one saying who may use it)")
        .isEmpty();
    Set<String> stale = new TreeSet<>(RULES.keySet());
    stale.removeAll(routes);
    assertThat(stale).as("rules for routes the server no longer has").isEmpty();
  }

  @Test
  void everyRoute_triedByEveryone_answersAsItsRuleSays() {
    List<String> routes = new ArrayList<>(app.server.routes());
    routes.retainAll(RULES.keySet());
    routes.remove(LOGOUT); // last: it ends the session the other routes need
    routes.add(LOGOUT);
    List<String> wrong = new ArrayList<>();
    int tried = 0;
    for (Who who : Who.values()) {
      for (String route : routes) {
        HttpResponse<String> r = send(who, route);
        tried++;
        boolean allowed = !refused(r);
        boolean expected = RULES.get(route).contains(who);
        if (r.statusCode() >= 500) {
          wrong.add(route + " as " + who + ": " + r.statusCode() + " " + r.body());
        } else if (allowed != expected) {
          wrong.add(route + " as " + who + ": " + (expected ? "should be allowed" : "should be refused")
              + ", got " + r.statusCode() + " " + r.headers().firstValue("Location").orElse(""));
        }
      }
    }
    assertThat(tried).isEqualTo(routes.size() * Who.values().length);
    assertThat(wrong).as("routes answering against their rule").isEmpty();
  }

  @Test
  void refusal_isSeen_forEachKindOfRefusal() {
    // the classifier itself: an API refuses with 401, a page sends the reader to sign in, a role with 403
    assertThat(refused(app.server.get("/api/v1/admin/gateway/partners"))).isTrue();
    assertThat(refused(app.server.get("/staff/cases"))).isTrue();
    assertThat(refused(clients.get(Who.AUDITOR).get("/staff/gateway/partners"))).isTrue();
    assertThat(refused(clients.get(Who.ADMINISTRATOR).get("/staff/gateway/partners"))).isFalse();
    assertThat(refused(app.server.get("/staff/register/" + PARAMETERS.get("{id}")))).isTrue();
  }

  /**
   * Issue 14: the staff home and each part's tabs link only to pages the reader's role opens. Every
   * staff link reachable from the home page, two clicks deep, is followed as each staff role.
   */
  @Test
  void staffLinks_leadOnlyToPagesTheRoleOpens() {
    Pattern link = Pattern.compile("href=\"(/staff[^\"#?]*)[^\"]*\"");
    List<String> wrong = new ArrayList<>();
    for (Who who : Who.values()) {
      if (!who.isStaff()) continue;
      StaffTestClient client = clients.get(who);
      Set<String> seen = new TreeSet<>(List.of("/staff"));
      List<String> next = new ArrayList<>(List.of("/staff"));
      for (int depth = 0; depth < 3 && !next.isEmpty(); depth++) {
        List<String> found = new ArrayList<>();
        for (String page : next) {
          HttpResponse<String> r = client.get(page, "Accept", "text/html");
          if (refused(r) || r.statusCode() >= 500) {
            wrong.add(who + " followed a link to " + page + " and got " + r.statusCode());
            continue;
          }
          Matcher m = link.matcher(r.body());
          while (m.find()) {
            if (!m.group(1).equals("/staff/login") && seen.add(m.group(1))) found.add(m.group(1));
          }
        }
        next = found;
      }
      // a supervisor holding no office's role has no page to open, and is told so rather than linked to a refusal
      assertThat(seen).as("%s sees some staff pages", who).hasSizeGreaterThan(who == Who.SUPERVISOR ? 0 : 1);
    }
    assertThat(wrong).as("links to pages the role cannot open").isEmpty();
  }

  /** Issue 14: a role refused a page still has the staff bar, and is told in words who may open it. */
  @Test
  void administrator_openingTheCaseList_seesTheStaffLayoutAndWhy() {
    HttpResponse<String> r = clients.get(Who.ADMINISTRATOR).get("/staff/cases", "Accept", "text/html");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("class=\"staff-bar\"", "Sign out", "Your role cannot see this page",
        "This page is open to: COPA investigator, Inspector General investigator or Auditor.",
        "(Administrator)").doesNotContain("COPA_INVESTIGATOR");
  }

  private static HttpResponse<String> send(Who who, String route) {
    String[] methodAndPath = route.split(" ", 2);
    String path = methodAndPath[1];
    for (Map.Entry<String, String> p : PARAMETERS.entrySet()) {
      path = path.replace(p.getKey(), p.getValue());
    }
    boolean post = methodAndPath[0].equals("POST");
    assertThat(post || methodAndPath[0].equals("GET")).as("a method this test knows: %s", route).isTrue();
    StaffTestClient client = clients.get(who);
    List<String> headers = new ArrayList<>();
    if (who == Who.PARTNER_KEY) {
      headers.addAll(List.of("Authorization", "Bearer " + partnerKey));
    } else if (who == Who.RECORDS_TOKEN) {
      headers.addAll(List.of("Authorization", "Bearer " + recordsToken));
    }
    if (!post) {
      return client.get(path, headers.toArray(String[]::new));
    }
    String field = OUTSIDER_TOKEN;
    if (route.equals("POST /staff/login")) {
      client.get("/staff/login"); // the sign-in form's own token, tied to this browser
      field = client.csrf();
    }
    if (who.isStaff()) {
      headers.addAll(List.of("X-CSRF-Token", staffCsrf.get(who)));
    }
    // the report form's double-submit cookie, matching the form's field
    client.setCookie("report_csrf", OUTSIDER_TOKEN);
    return client.postRaw(path, FORM, StaffTestClient.encode("csrf", field), headers.toArray(String[]::new));
  }

  /**
   * Refused: 401, 403, or sent to the sign-in page. Signing out also ends at the sign-in page, so
   * there "allowed" is seen as the session cookie being cleared.
   */
  private static boolean refused(HttpResponse<String> r) {
    int status = r.statusCode();
    if (status == 401 || status == 403) {
      return true;
    }
    boolean toSignIn = (status == 302 || status == 303)
        && r.headers().firstValue("Location").orElse("").startsWith("/staff/login");
    boolean signedOut = r.headers().allValues("Set-Cookie").stream()
        .anyMatch(c -> c.startsWith("sanctuary_staff=") && c.contains("Max-Age=0"));
    return toSignIn && !signedOut;
  }
}
