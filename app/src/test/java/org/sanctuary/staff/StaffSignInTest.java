package org.sanctuary.staff;

import org.sanctuary.staff.web.*;
import org.sanctuary.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.config.RoutesConfig;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.web.Routes;
import org.sanctuary.web.TestServer;

class StaffSignInTest {
  private static final String PASSWORD = "a long enough passphrase";
  private static final Instant START = Instant.parse("2026-03-02T15:00:00Z");

  private static Database database;
  private static MutableClock clock;
  private static Staff staff;
  private static TestServer server;
  private static int accounts;

  private String username;
  private String secret;
  private StaffTestClient browser;

  /** Pages and APIs that use StaffAuth the way other parts do. */
  static final class ProbeRoutes implements Routes {
    private final StaffAuth auth;

    ProbeRoutes(StaffAuth auth) {
      this.auth = auth;
    }

    @Override
    public void register(RoutesConfig routes) {
      routes.get("/staff/probe/admin", ctx -> {
        auth.require(ctx, Role.ADMINISTRATOR);
        ctx.result("admin page");
      });
      routes.get("/api/v1/staff-probe", ctx -> ctx.json(Map.of("user", auth.require(ctx).username())));
      routes.post("/api/v1/staff-probe", ctx -> {
        auth.require(ctx);
        auth.checkCsrf(ctx);
        ctx.json(Map.of("done", true));
      });
    }
  }

  @BeforeAll
  static void start() {
    database = TestDatabases.fresh();
    clock = new MutableClock(START);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    staff = Staff.create(database, SecretBox.of(key), new PasswordHasher(256, 1, 1), clock, 1000);
    server = TestServer.start(database, staff.routes(), new ProbeRoutes(staff.auth()));
  }

  @AfterAll
  static void stop() {
    server.close();
    database.close();
  }

  @BeforeEach
  void newAccount() {
    // each test gets its own account and a fresh TOTP step, so codes never collide across tests
    clock.advance(Duration.ofMinutes(1));
    username = "investigator" + (++accounts);
    secret = staff.accounts().add(username, PASSWORD, Set.of(Role.OIG_INVESTIGATOR)).secretBase32();
    browser = new StaffTestClient(server);
  }

  private String code() {
    return StaffTestClient.code(secret, clock.instant());
  }

  private HttpResponse<String> signIn() {
    return browser.signIn(username, PASSWORD, code());
  }

  @Test
  void signIn_passwordAndCode_opensTheStaffHome() {
    HttpResponse<String> response = signIn();
    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.headers().firstValue("Location")).hasValue("/staff");

    HttpResponse<String> home = browser.get("/staff");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("Signed in as <strong>" + username + "</strong>")
        .contains("href=\"/staff/cases\"")
        .contains("name=\"csrf\"");
  }

  @Test
  void signIn_sessionCookie_isHttpOnlyStrictAndSecureOnlyBehindTls() {
    java.util.List<String> cookies = signIn().headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(SessionAuth.COOKIE + "=")).toList();
    assertThat(cookies).hasSize(1);
    String cookie = cookies.get(0);
    assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/")
        .doesNotContain("Secure");

    // a header any client can send does not make the answer Secure; the server's setting does
    assertThat(sessionCookie(server, "X-Forwarded-Proto", "https")).doesNotContain("Secure");
    try (TestServer behindTls = TestServer.start(org.sanctuary.web.Tls.BEHIND_PROXY, database, staff.routes())) {
      assertThat(sessionCookie(behindTls)).contains("; Secure");
    }
  }

  private String sessionCookie(TestServer target, String... headers) {
    clock.advance(Duration.ofSeconds(30));
    StaffTestClient client = new StaffTestClient(target);
    client.get("/staff/login");
    HttpResponse<String> response = client.postRaw("/staff/login",
        "application/x-www-form-urlencoded",
        StaffTestClient.encode("username", username, "password", PASSWORD, "code", code(),
            "csrf", client.csrf()),
        headers);
    assertThat(response.statusCode()).isEqualTo(303);
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(SessionAuth.COOKIE + "=")).findFirst().orElseThrow();
  }

  @Test
  void signIn_wrongPassword_isRefusedWithoutSayingWhich() {
    HttpResponse<String> response = browser.signIn(username, PASSWORD + "x", code());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("Sign-in failed.");
    assertThat(browser.cookie(SessionAuth.COOKIE)).isEmpty();
    assertThat(browser.get("/staff").statusCode()).isEqualTo(303);
  }

  @Test
  void signIn_wrongCode_isRefusedWithTheSameMessage() {
    String wrong = code().equals("000000") ? "000001" : "000000";
    HttpResponse<String> response = browser.signIn(username, PASSWORD, wrong);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains(StaffController.SIGN_IN_FAILED);
  }

  @Test
  void signIn_unknownUser_getsTheSameAnswerAsAWrongPassword() {
    HttpResponse<String> unknown = browser.signIn("nobody-here", PASSWORD, code());
    HttpResponse<String> wrong = new StaffTestClient(server).signIn(username, "wrong password!!", code());
    assertThat(unknown.statusCode()).isEqualTo(wrong.statusCode()).isEqualTo(401);
    assertThat(withoutToken(unknown.body().replace("nobody-here", username)))
        .isEqualTo(withoutToken(wrong.body()));
    assertThat(unknown.body()).contains(StaffController.SIGN_IN_FAILED);
  }

  private static String withoutToken(String page) {
    return page.replaceAll("name=\"csrf\" value=\"[^\"]+\"", "");
  }

  @Test
  void signIn_codeAlreadyUsed_isRefused() {
    String code = code();
    assertThat(browser.signIn(username, PASSWORD, code).statusCode()).isEqualTo(303);
    clock.advance(Duration.ofSeconds(5));
    StaffTestClient other = new StaffTestClient(server);
    assertThat(other.signIn(username, PASSWORD, code).statusCode()).isEqualTo(401);
  }

  @Test
  void signIn_fiveFailuresFromOneAddress_lockTheAccountThereForFifteenMinutes() {
    for (int i = 0; i < StaffAccounts.MAX_FAILURES; i++) {
      assertThat(browser.signIn(username, "wrong password " + i, code()).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> locked = browser.signIn(username, PASSWORD, code());
    assertThat(locked.statusCode()).isEqualTo(401);
    assertThat(locked.body()).contains(StaffController.SIGN_IN_FAILED);

    clock.advance(StaffAccounts.LOCKOUT.minusSeconds(31));
    assertThat(browser.signIn(username, PASSWORD, code()).statusCode()).isEqualTo(401);
    clock.advance(Duration.ofSeconds(62));
    assertThat(browser.signIn(username, PASSWORD, code()).statusCode()).isEqualTo(303);
  }

  @Test
  void signIn_codeFailuresCountTowardsTheLockToo() {
    for (int i = 0; i < StaffAccounts.MAX_FAILURES; i++) {
      browser.signIn(username, PASSWORD, "999999".equals(code()) ? "999998" : "999999");
    }
    assertThat(browser.signIn(username, PASSWORD, code()).statusCode()).isEqualTo(401);
  }

  @Test
  void signIn_missingFields_areNamedNextToTheFieldsAndTheUsernameIsKept() {
    browser.get("/staff/login");
    HttpResponse<String> response =
        browser.postForm("/staff/login", "username", "ana.l", "password", "", "code", "12ab");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("Enter your password.")
        .contains("Enter the 6-digit code")
        .contains("value=\"ana.l\"");
  }

  @Test
  void signIn_formWithoutItsToken_isRefused() {
    HttpResponse<String> response = new StaffTestClient(server).postRaw("/staff/login",
        "application/x-www-form-urlencoded",
        StaffTestClient.encode("username", username, "password", PASSWORD, "code", code()));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().allValues("Set-Cookie"))
        .noneMatch(c -> c.startsWith(SessionAuth.COOKIE + "=") && !c.contains("Max-Age=0"));
  }

  @Test
  void signIn_again_givesANewSessionIdAndEndsTheOldOne() {
    signIn();
    String first = browser.cookie(SessionAuth.COOKIE).orElseThrow();
    clock.advance(Duration.ofSeconds(30));
    signIn();
    String second = browser.cookie(SessionAuth.COOKIE).orElseThrow();
    assertThat(second).isNotEqualTo(first);
    StaffTestClient replay = new StaffTestClient(server);
    replay.setCookie(SessionAuth.COOKIE, first);
    assertThat(replay.get("/staff").statusCode()).isEqualTo(303);
  }

  @Test
  void session_idleThirtyMinutes_expires() {
    signIn();
    clock.advance(SessionAuth.IDLE.minusSeconds(1));
    assertThat(browser.get("/staff").statusCode()).isEqualTo(200);
    clock.advance(SessionAuth.IDLE.plusSeconds(1));
    HttpResponse<String> page = browser.get("/staff");
    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location")).hasValue("/staff/login");
    HttpResponse<String> api = browser.get("/api/v1/staff-probe");
    assertThat(api.statusCode()).isEqualTo(401);
    assertThat(api.body()).contains("\"error\"");
  }

  @Test
  void signIn_removesSessionsThatCanNoLongerBeUsed() throws Exception {
    signIn();
    clock.advance(SessionAuth.IDLE.plusSeconds(1));
    new StaffTestClient(server).signIn(username, PASSWORD, code());
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM staff_session s JOIN staff_account a"
            + " ON a.id = s.staff_id WHERE a.username = '" + username + "'")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void session_inUseForTwelveHours_expiresAnyway() {
    signIn();
    Instant signedIn = clock.instant();
    while (clock.instant().isBefore(signedIn.plus(SessionAuth.ABSOLUTE).minusSeconds(20 * 60))) {
      clock.advance(Duration.ofMinutes(20));
      assertThat(browser.get("/staff").statusCode()).isEqualTo(200);
    }
    clock.set(signedIn.plus(SessionAuth.ABSOLUTE));
    assertThat(browser.get("/staff").statusCode()).isEqualTo(303);
  }

  @Test
  void anonymous_pageRedirectsToSignIn_andApiGets401() {
    HttpResponse<String> page = browser.get("/staff");
    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location")).hasValue("/staff/login");
    assertThat(browser.get("/api/v1/staff-probe").statusCode()).isEqualTo(401);
    browser.setCookie(SessionAuth.COOKIE, "forged-value");
    assertThat(browser.get("/api/v1/staff-probe").statusCode()).isEqualTo(401);
  }

  @Test
  void wrongRole_isForbidden() {
    signIn();
    HttpResponse<String> response = browser.get("/staff/probe/admin", "Accept", "text/html");
    assertThat(response.statusCode()).isEqualTo(403);
    // the staff layout stays (bar, sign-out), and the refusal says in words who may open the page
    assertThat(response.body()).contains("class=\"staff-bar\"", "Sign out", "<h1>Your role cannot see this page</h1>",
        "This page is open to: Administrator.", "href=\"/staff\"").doesNotContain("ADMINISTRATOR");
  }

  @Test
  void logout_withoutOrWithForgedToken_isForbiddenAndWithTokenEndsTheSession() {
    signIn();
    browser.get("/staff");
    String token = browser.csrf();
    assertThat(browser.postRaw("/staff/logout", "application/x-www-form-urlencoded", "")
        .statusCode()).isEqualTo(403);
    assertThat(browser.postRaw("/staff/logout", "application/x-www-form-urlencoded",
        "csrf=" + token.substring(1) + "A").statusCode()).isEqualTo(403);
    assertThat(browser.get("/staff").statusCode()).isEqualTo(200);

    HttpResponse<String> out = browser.postForm("/staff/logout");
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(browser.cookie(SessionAuth.COOKIE)).isEmpty();
    assertThat(browser.get("/staff").statusCode()).isEqualTo(303);
  }

  @Test
  void api_stateChange_needsTheCsrfHeader() {
    signIn();
    browser.get("/staff");
    assertThat(browser.postRaw("/api/v1/staff-probe", "application/json", "{}").statusCode())
        .isEqualTo(403);
    assertThat(browser.postRaw("/api/v1/staff-probe", "application/json", "{}",
        "X-CSRF-Token", "forged").statusCode()).isEqualTo(403);
    HttpResponse<String> ok = browser.postRaw("/api/v1/staff-probe", "application/json", "{}",
        "X-CSRF-Token", browser.csrf());
    assertThat(ok.statusCode()).isEqualTo(200);
  }

  @Test
  void csrfToken_ofAnotherSession_isRefused() {
    signIn();
    browser.get("/staff");
    StaffTestClient other = new StaffTestClient(server);
    clock.advance(Duration.ofSeconds(30));
    other.signIn(username, PASSWORD, code());
    other.get("/staff");
    assertThat(other.csrf()).isNotEqualTo(browser.csrf());
    assertThat(browser.postRaw("/api/v1/staff-probe", "application/json", "{}",
        "X-CSRF-Token", other.csrf()).statusCode()).isEqualTo(403);
  }

  @Test
  void disable_endsSessionsAndRefusesSignIn() {
    signIn();
    staff.accounts().disable(username);
    assertThat(browser.get("/staff").statusCode()).isEqualTo(303);
    clock.advance(Duration.ofSeconds(30));
    assertThat(browser.signIn(username, PASSWORD, code()).statusCode()).isEqualTo(401);
  }

  @Test
  void neitherPasswordNorSecret_appearInPagesOrInTheDatabase() throws Exception {
    HttpResponse<String> failed = browser.signIn(username, PASSWORD, "123456");
    assertThat(failed.body()).doesNotContain(PASSWORD);
    signIn();
    assertThat(browser.get("/staff").body()).doesNotContain(PASSWORD).doesNotContain(secret);
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT password_hash, encode(totp_secret, 'escape')"
            + " FROM staff_account")) {
      while (rs.next()) {
        assertThat(rs.getString(1)).startsWith("$argon2id$").doesNotContain(PASSWORD);
        assertThat(rs.getString(2)).doesNotContain(secret);
      }
    }
  }

  @Test
  void add_shortPasswordOrTwoBodies_isRefusedNamingTheField() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> staff.accounts().add("shorty", "elevenchars", Set.of(Role.AUDITOR)))
        .hasMessageStartingWith("password: too short")
        .hasMessageNotContaining("elevenchars");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> staff.accounts().add("both",
            PASSWORD, Set.of(Role.COPA_INVESTIGATOR, Role.OIG_INVESTIGATOR)))
        .hasMessageStartingWith("role:");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> staff.accounts().add(username, PASSWORD, Set.of(Role.AUDITOR)))
        .hasMessageContaining("is taken");
  }
}
