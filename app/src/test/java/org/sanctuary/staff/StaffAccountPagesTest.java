package org.sanctuary.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.staff.web.AccountRoutes;
import org.sanctuary.staff.web.Staff;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.testing.MutableClock;
import org.sanctuary.web.TestServer;

/**
 * Issue 14: administrators manage staff accounts on the web while the server runs. Over HTTP,
 * signed in as real accounts: add (the password and second factor shown once, and they work),
 * disable and enable, new roles, a new second factor, each with its ledger entry and history line;
 * never leaving the city without an active administrator.
 */
class StaffAccountPagesTest {
  private static final String PASSWORD = "a long enough passphrase";
  private static final Pattern SETUP_PASSWORD = Pattern.compile("id=\"setup-password\">([^<]+)<");
  private static final Pattern SETUP_SECRET = Pattern.compile("id=\"setup-secret\">([A-Z2-7]+)<");

  private Database database;
  private MutableClock clock;
  private PostgresLedger ledger;
  private Staff staff;
  private AccountAdmin admin;
  private TestServer server;
  private final java.util.Map<String, String> secrets = new java.util.HashMap<>();

  @BeforeEach
  void start() {
    database = TestDatabases.fresh();
    clock = new MutableClock(Instant.parse("2026-03-02T15:00:00Z"));
    ledger = PostgresLedger.start(database, clock, Signer.generate("city.example/ledger"));
    SecretBox box = SecretBox.of(new byte[32]);
    PasswordHasher hasher = new PasswordHasher(256, 1, 1);
    staff = Staff.create(database, box, hasher, clock, 1000);
    admin = new AccountAdmin(database, ledger, box, hasher, clock);
    server = TestServer.start(database, staff.routes(), new AccountRoutes(admin, staff.auth()));
    account("ana", Role.ADMINISTRATOR);
    account("audit", Role.AUDITOR);
  }

  @AfterEach
  void stop() {
    server.close();
    ledger.close();
    database.close();
  }

  private void account(String name, Role... roles) {
    secrets.put(name, staff.accounts().add(name, PASSWORD, Set.of(roles)).secretBase32());
  }

  private StaffTestClient signIn(String name) {
    return signIn(name, PASSWORD, secrets.get(name));
  }

  private StaffTestClient signIn(String name, String password, String secret) {
    clock.advance(Duration.ofSeconds(30)); // each sign-in its own TOTP step
    StaffTestClient browser = new StaffTestClient(server);
    HttpResponse<String> r = browser.signIn(name, password, StaffTestClient.code(secret, clock.instant()));
    assertThat(r.statusCode()).as("sign-in of %s", name).isEqualTo(303);
    browser.get("/staff");
    return browser;
  }

  private boolean canSignIn(String name, String password, String secret) {
    clock.advance(Duration.ofSeconds(30));
    return new StaffTestClient(server).signIn(name, password, StaffTestClient.code(secret, clock.instant()))
        .statusCode() == 303;
  }

  private long idOf(String username) {
    return admin.list().stream().filter(a -> a.username().equals(username)).findFirst().orElseThrow().id();
  }

  private static String group(Pattern p, String body) {
    Matcher m = p.matcher(body);
    assertThat(m.find()).as("%s on the page", p).isTrue();
    return m.group(1);
  }

  private List<String> ledgerEntries(String type) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT data FROM ledger_entry ORDER BY idx")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String entry = new String(rs.getBytes(1), StandardCharsets.UTF_8);
          if (entry.contains("\"type\":\"" + type + "\"")) out.add(entry);
        }
      }
    }
    return out;
  }

  /** A browser of the account's own, showing whether its session is still alive. */
  private static boolean signedIn(StaffTestClient browser) {
    return browser.get("/staff").statusCode() == 200;
  }

  @Test
  void add_showsThePasswordAndSecondFactorOnce_andTheNewAccountSignsInWithThem() throws Exception {
    StaffTestClient ana = signIn("ana");
    HttpResponse<String> added = ana.postForm("/staff/accounts", "username", "oig.lee",
        "role", "OIG_INVESTIGATOR", "role", "SUPERVISOR");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    assertThat(added.headers().firstValue("Cache-Control")).hasValue("no-store");
    String password = group(SETUP_PASSWORD, added.body());
    String secret = group(SETUP_SECRET, added.body());
    assertThat(password).hasSizeGreaterThanOrEqualTo(StaffAccounts.MIN_PASSWORD_LENGTH);
    assertThat(added.body()).contains("otpauth://totp/Sanctuary:oig.lee?secret=" + secret);

    StaffTestClient lee = signIn("oig.lee", password, secret);
    assertThat(lee.get("/staff").body()).contains("oig.lee");

    long id = idOf("oig.lee");
    HttpResponse<String> page = ana.get("/staff/accounts/" + id);
    assertThat(page.body()).doesNotContain(password).doesNotContain(secret)
        .contains("Inspector General investigator and Supervisor").contains("added by ana");
    HttpResponse<String> list = ana.get("/staff/accounts");
    assertThat(list.body()).contains(">oig.lee</a>").doesNotContain(password);

    List<String> entries = ledgerEntries("staff.account");
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0)).contains("\"action\":\"added\"").contains("\"account\":" + id + ",")
        .contains("\"roles\":[\"OIG_INVESTIGATOR\",\"SUPERVISOR\"]").contains("\"actor\":" + idOf("ana") + ",")
        .doesNotContain("oig.lee");
  }

  @Test
  void add_badInput_isShownBesideItsField_andAddsNothing() throws Exception {
    StaffTestClient ana = signIn("ana");
    int before = admin.list().size();
    HttpResponse<String> badName = ana.postForm("/staff/accounts", "username", "Ana Lopez!", "role", "AUDITOR");
    assertThat(badName.statusCode()).isEqualTo(400);
    assertThat(badName.body()).contains("id=\"username-error\"").contains("is not a valid username")
        .contains("value=\"Ana Lopez!\"");
    HttpResponse<String> noRole = ana.postForm("/staff/accounts", "username", "kim");
    assertThat(noRole.statusCode()).isEqualTo(400);
    assertThat(noRole.body()).contains("id=\"role-error\"").contains("role: none given");
    HttpResponse<String> twoBodies = ana.postForm("/staff/accounts", "username", "kim",
        "role", "COPA_INVESTIGATOR", "role", "OIG_INVESTIGATOR");
    assertThat(twoBodies.statusCode()).isEqualTo(400);
    assertThat(twoBodies.body()).contains("one body per account");
    HttpResponse<String> unknownRole = ana.postForm("/staff/accounts", "username", "kim", "role", "MAYOR");
    assertThat(unknownRole.statusCode()).isEqualTo(400);
    assertThat(unknownRole.body()).contains("role: \"MAYOR\" is not a role");
    HttpResponse<String> taken = ana.postForm("/staff/accounts", "username", "audit", "role", "AUDITOR");
    assertThat(taken.statusCode()).isEqualTo(400);
    assertThat(taken.body()).contains("id=\"username-error\"").contains("is taken");
    assertThat(admin.list()).hasSize(before);
    assertThat(ledgerEntries("staff.account")).isEmpty();
  }

  @Test
  void pages_areForAdministratorsOnly_andChangesNeedTheCsrfToken() {
    StaffTestClient auditor = signIn("audit");
    long anaId = idOf("ana");
    assertThat(auditor.get("/staff/accounts").statusCode()).isEqualTo(403);
    assertThat(auditor.get("/staff/accounts/" + anaId).statusCode()).isEqualTo(403);
    assertThat(auditor.postForm("/staff/accounts", "username", "mole", "role", "ADMINISTRATOR").statusCode())
        .isEqualTo(403);
    assertThat(auditor.postForm("/staff/accounts/" + anaId + "/disable", "confirm", "yes").statusCode())
        .isEqualTo(403);
    assertThat(new StaffTestClient(server).get("/staff/accounts").headers().firstValue("Location"))
        .hasValue("/staff/login");

    StaffTestClient ana = signIn("ana");
    long auditId = idOf("audit");
    HttpResponse<String> forged = ana.postRaw("/staff/accounts/" + auditId + "/disable",
        "application/x-www-form-urlencoded", StaffTestClient.encode("confirm", "yes", "csrf", "forged"));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(admin.account(auditId).disabled()).isFalse();
    assertThat(ana.get("/staff/accounts/987654").statusCode()).isEqualTo(404);
  }

  @Test
  void disable_needsTheConfirmation_endsTheAccountsSessionsAtOnce_andEnableLetsItBackIn() throws Exception {
    StaffTestClient ana = signIn("ana");
    StaffTestClient auditor = signIn("audit");
    long id = idOf("audit");

    HttpResponse<String> unconfirmed = ana.postForm("/staff/accounts/" + id + "/disable");
    assertThat(unconfirmed.statusCode()).isEqualTo(400);
    assertThat(unconfirmed.body()).contains("id=\"confirm-error\"").contains("Nothing was changed");
    assertThat(signedIn(auditor)).isTrue();

    HttpResponse<String> disabled = ana.postForm("/staff/accounts/" + id + "/disable", "confirm", "yes");
    assertThat(disabled.statusCode()).isEqualTo(303);
    assertThat(disabled.headers().firstValue("Location")).hasValue("/staff/accounts/" + id);
    assertThat(signedIn(auditor)).as("the disabled account's open session").isFalse();
    assertThat(canSignIn("audit", PASSWORD, secrets.get("audit"))).isFalse();
    assertThat(ana.get("/staff/accounts/" + id).body()).contains("id=\"account-state\">disabled");

    assertThat(ana.postForm("/staff/accounts/" + id + "/enable").statusCode()).isEqualTo(303);
    assertThat(canSignIn("audit", PASSWORD, secrets.get("audit"))).isTrue();
    assertThat(ana.postForm("/staff/accounts/" + id + "/enable").statusCode()).as("already active").isEqualTo(400);

    assertThat(ledgerEntries("staff.account")).hasSize(2)
        .anyMatch(e -> e.contains("\"action\":\"disabled\"") && e.contains("\"account\":" + id + ","))
        .anyMatch(e -> e.contains("\"action\":\"enabled\""));
    assertThat(admin.history(id)).extracting(AccountAdmin.Event::action).containsExactly("disabled", "enabled");
  }

  @Test
  void changeRoles_endsTheAccountsSessions_andTheNewRolesApply() throws Exception {
    StaffTestClient ana = signIn("ana");
    StaffTestClient auditor = signIn("audit");
    long id = idOf("audit");
    HttpResponse<String> changed = ana.postForm("/staff/accounts/" + id + "/roles",
        "role", "AUDITOR", "role", "RECORDS_CLERK");
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(303);
    assertThat(signedIn(auditor)).as("the session of an account whose roles changed").isFalse();
    assertThat(admin.account(id).roles()).containsExactlyInAnyOrder(Role.AUDITOR, Role.RECORDS_CLERK);

    HttpResponse<String> same = ana.postForm("/staff/accounts/" + id + "/roles", "role", "AUDITOR",
        "role", "RECORDS_CLERK");
    assertThat(same.statusCode()).isEqualTo(400);
    assertThat(same.body()).contains("id=\"role-error\"").contains("already holds exactly");
    assertThat(ana.postForm("/staff/accounts/" + id + "/roles").statusCode()).as("no role at all").isEqualTo(400);
    assertThat(ledgerEntries("staff.account")).singleElement().asString()
        .contains("\"action\":\"roles_changed\"").contains("\"roles\":[\"AUDITOR\",\"RECORDS_CLERK\"]");
  }

  @Test
  void resetSecondFactor_needsTheConfirmation_showsTheNewOneOnce_andTheOldOneStops() throws Exception {
    StaffTestClient ana = signIn("ana");
    StaffTestClient auditor = signIn("audit");
    long id = idOf("audit");
    assertThat(ana.postForm("/staff/accounts/" + id + "/second-factor").statusCode()).isEqualTo(400);
    assertThat(signedIn(auditor)).isTrue();

    HttpResponse<String> reset = ana.postForm("/staff/accounts/" + id + "/second-factor", "confirm", "yes");
    assertThat(reset.statusCode()).isEqualTo(201);
    assertThat(reset.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(reset.body()).doesNotContain("id=\"setup-password\"");
    String secret = group(SETUP_SECRET, reset.body());
    assertThat(signedIn(auditor)).isFalse();
    assertThat(canSignIn("audit", PASSWORD, secrets.get("audit"))).as("the old second factor").isFalse();
    assertThat(canSignIn("audit", PASSWORD, secret)).as("the new second factor").isTrue();
    assertThat(ledgerEntries("staff.account")).singleElement().asString()
        .contains("\"action\":\"second_factor_reset\"").doesNotContain(secret);
  }

  @Test
  void lastActiveAdministrator_cannotBeDisabledOrDemoted_butCanOnceAnotherExists() throws Exception {
    StaffTestClient ana = signIn("ana");
    long anaId = idOf("ana");
    HttpResponse<String> disable = ana.postForm("/staff/accounts/" + anaId + "/disable", "confirm", "yes");
    assertThat(disable.statusCode()).isEqualTo(400);
    assertThat(disable.body()).contains("id=\"account-error\"").contains("ana is the last active administrator");
    HttpResponse<String> demote = ana.postForm("/staff/accounts/" + anaId + "/roles", "role", "AUDITOR");
    assertThat(demote.statusCode()).isEqualTo(400);
    assertThat(demote.body()).contains("ana is the last active administrator");
    assertThat(admin.account(anaId).roles()).containsExactly(Role.ADMINISTRATOR);
    assertThat(admin.account(anaId).disabled()).isFalse();
    assertThat(signedIn(ana)).isTrue();
    // the command line keeps the same rule
    assertThatThrownBy(() -> staff.accounts().disable("ana")).isInstanceOf(InvalidInput.class)
        .hasMessageContaining("last active administrator");

    // a disabled administrator does not count
    account("ben", Role.ADMINISTRATOR);
    long benId = idOf("ben");
    assertThat(ana.postForm("/staff/accounts/" + benId + "/disable", "confirm", "yes").statusCode()).isEqualTo(303);
    assertThat(ana.postForm("/staff/accounts/" + anaId + "/roles", "role", "AUDITOR").statusCode()).isEqualTo(400);

    // with another active administrator, ana may step down; her own session ends
    assertThat(ana.postForm("/staff/accounts/" + benId + "/enable").statusCode()).isEqualTo(303);
    HttpResponse<String> stepDown = ana.postForm("/staff/accounts/" + anaId + "/roles", "role", "AUDITOR");
    assertThat(stepDown.statusCode()).isEqualTo(303);
    assertThat(stepDown.headers().firstValue("Location")).hasValue("/staff/login");
    assertThat(signedIn(ana)).isFalse();
    assertThat(ledgerEntries("staff.account")).hasSize(3);
  }

  @Test
  void twoAdministratorsDisablingEachOtherAtOnce_oneOfThemStays() throws Exception {
    account("ben", Role.ADMINISTRATOR);
    StaffUser ana = new StaffUser(idOf("ana"), "ana", Set.of(Role.ADMINISTRATOR));
    StaffUser ben = new StaffUser(idOf("ben"), "ben", Set.of(Role.ADMINISTRATOR));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        List<Callable<Boolean>> both = List.of(
            () -> tryDisable(ana, ben.id()), () -> tryDisable(ben, ana.id()));
        int succeeded = 0;
        for (Future<Boolean> f : pool.invokeAll(both)) {
          if (f.get()) succeeded++;
        }
        assertThat(succeeded).as("round %d", round).isEqualTo(1);
        long active = admin.list().stream().filter(a -> a.roles().contains(Role.ADMINISTRATOR) && !a.disabled()).count();
        assertThat(active).isEqualTo(1);
        // enable the other again for the next round
        AccountAdmin.Account off = admin.list().stream().filter(AccountAdmin.Account::disabled).findFirst().orElseThrow();
        StaffUser on = off.id() == ana.id() ? ben : ana;
        admin.enable(on, off.id());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private boolean tryDisable(StaffUser actor, long id) {
    try {
      admin.disable(actor, id);
      return true;
    } catch (InvalidInput e) {
      return false;
    }
  }
}
