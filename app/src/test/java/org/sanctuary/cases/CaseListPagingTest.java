package org.sanctuary.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.cases.web.CaseRoutes;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.incidents.Receipts;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.staff.PasswordHasher;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.SecretBox;
import org.sanctuary.staff.StaffTestClient;
import org.sanctuary.staff.web.Staff;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.testing.MutableClock;
import org.sanctuary.web.TestServer;

/**
 * Issue 14: the case list stopped silently at 500 rows. Now it pages by key (received, then id),
 * says how many of how many it shows, keeps the filter in its links, and finds a case by number or
 * receipt; the other office's cases are never reached, by search or by cursor.
 */
class CaseListPagingTest {
  private static final String PASSWORD = "a long enough passphrase";
  private static final Pattern CASE_LINK = Pattern.compile("href=\"/staff/cases/(\\d+)\"");
  private static final Pattern NEXT = Pattern.compile("href=\"([^\"]+)\" rel=\"next\"");
  private static final Pattern PREVIOUS = Pattern.compile("href=\"([^\"]+)\" rel=\"prev\"");
  private static final int OIG_CASES = 523;
  private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");

  private static Database database;
  private static MutableClock clock;
  private static PostgresLedger ledger;
  private static Staff staff;
  private static TestServer server;
  private static String secret;
  /** The OIG's cases in the list's order: received, then id. */
  private static final List<Long> oigOrder = new ArrayList<>();
  private static final List<String> oigReceipts = new ArrayList<>();
  private static long copaCase;
  private static String copaReceipt;

  @BeforeAll
  static void start() {
    database = TestDatabases.fresh();
    clock = new MutableClock(NOW);
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    ledger = PostgresLedger.start(database, clock, Signer.generate("city.example/ledger"));
    staff = Staff.create(database, SecretBox.of(new byte[32]), new PasswordHasher(256, 1, 1), clock, 1000);
    server = TestServer.start(database, staff.routes(),
        CaseRoutes.create(database, IncidentKey.of(master), ledger, clock, CaseDeadlines.DEFAULT, staff.auth()));
    secret = staff.accounts().add("oig", PASSWORD, Set.of(Role.OIG_INVESTIGATOR)).secretBase32();
    // three cases at each moment, inserted newest moment first: the order is not the id order,
    // and ties on the time are broken by the id
    List<long[]> rows = new ArrayList<>();
    for (int i = 0; i < OIG_CASES; i++) {
      Instant at = NOW.minus(Duration.ofHours(OIG_CASES - i / 3));
      String status = i % 4 == 0 ? "INVESTIGATING" : "RECEIVED";
      String receipt = "ABCDEFGHJK" + String.format("%010d", i);
      rows.add(new long[] {insert(receipt, at, "OIG", status), at.toEpochMilli()});
      oigReceipts.add(receipt);
    }
    rows.sort((a, b) -> a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(a[0], b[0]));
    rows.forEach(r -> oigOrder.add(r[0]));
    copaReceipt = "ZZZZZZZZZZ0000000001";
    copaCase = insert(copaReceipt, NOW.minus(Duration.ofDays(30)), "COPA", "RECEIVED");
    for (int i = 0; i < 5; i++) insert("ZZZZZZZZZZ000000010" + i, NOW.minus(Duration.ofDays(40)), "COPA", "RECEIVED");
  }

  @AfterAll
  static void stop() {
    server.close();
    ledger.close();
    database.close();
  }

  private static long insert(String receipt, Instant at, String body, String status) {
    return database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO incident (receipt, secret_hash, created_at, category, employee_type, department,"
              + " occurred_on, location, routed_to, routing_pack, routing_rule, status, language,"
              + " description_enc) VALUES (?, ?, ?, 'OTHER', 'CITY', 'CDPH', ?, 'CA01', ?,"
              + " 'p@1', 'r', ?, 'en', ?) RETURNING id")) {
        s.setString(1, receipt);
        s.setBytes(2, new byte[32]);
        s.setTimestamp(3, Timestamp.from(at));
        s.setObject(4, LocalDate.of(2026, 1, 1));
        s.setString(5, body);
        s.setString(6, status);
        s.setBytes(7, new byte[] {1});
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  private static StaffTestClient signIn() {
    clock.advance(Duration.ofSeconds(30));
    StaffTestClient browser = new StaffTestClient(server);
    assertThat(browser.signIn("oig", PASSWORD, StaffTestClient.code(secret, clock.instant())).statusCode())
        .isEqualTo(303);
    return browser;
  }

  private static List<Long> cases(String page) {
    List<Long> out = new ArrayList<>();
    Matcher m = CASE_LINK.matcher(page);
    while (m.find()) out.add(Long.parseLong(m.group(1)));
    return out;
  }

  private static String link(Pattern p, String page) {
    Matcher m = p.matcher(page);
    return m.find() ? m.group(1).replace("&amp;", "&") : null;
  }

  @Test
  void list_pagesThroughEveryCase_sayingWhereItIs_inBothDirections() {
    StaffTestClient oig = signIn();
    HttpResponse<String> first = oig.get("/staff/cases");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).contains("Showing cases 1 to 50 of " + OIG_CASES + ", oldest first.");
    assertThat(link(PREVIOUS, first.body())).isNull();

    List<Long> seen = new ArrayList<>(cases(first.body()));
    List<String> pages = new ArrayList<>(List.of(first.body()));
    String next = link(NEXT, first.body());
    while (next != null) {
      HttpResponse<String> page = oig.get(next);
      assertThat(page.statusCode()).as(next).isEqualTo(200);
      int from = seen.size() + 1;
      int to = Math.min(seen.size() + 50, OIG_CASES);
      assertThat(page.body()).contains("Showing cases " + from + " to " + to + " of " + OIG_CASES);
      seen.addAll(cases(page.body()));
      pages.add(page.body());
      next = link(NEXT, page.body());
    }
    assertThat(pages).hasSize(11);
    assertThat(seen).as("every case once, in order, none of COPA's").isEqualTo(oigOrder);

    List<Long> back = new ArrayList<>();
    String previous = link(PREVIOUS, pages.get(pages.size() - 1));
    back.addAll(0, cases(pages.get(pages.size() - 1)));
    while (previous != null) {
      String page = oig.get(previous).body();
      back.addAll(0, cases(page));
      previous = link(PREVIOUS, page);
    }
    assertThat(back).isEqualTo(oigOrder);
  }

  @Test
  void pageLinks_keepTheFilterAndSize() {
    StaffTestClient oig = signIn();
    int expected = (OIG_CASES + 3) / 4; // every fourth case is under investigation
    HttpResponse<String> first = oig.get("/staff/cases?status=INVESTIGATING&size=40");
    assertThat(first.body()).contains("Showing cases 1 to 40 of " + expected);
    String next = link(NEXT, first.body());
    assertThat(next).contains("status=INVESTIGATING").contains("size=40").contains("after=");
    HttpResponse<String> second = oig.get(next);
    assertThat(second.body()).contains("Showing cases 41 to 80 of " + expected).contains("<td>Investigating</td>")
        .doesNotContain("<td>Received</td>");
  }

  @Test
  void search_findsACaseByNumberOrReceipt_ofTheOwnOfficeOnly() {
    StaffTestClient oig = signIn();
    long id = oigOrder.get(100);
    assertThat(cases(oig.get("/staff/cases?q=" + id).body())).containsExactly(id);
    assertThat(cases(oig.get("/staff/cases?q=%23" + id).body())).containsExactly(id);
    String receipt = oigReceipts.get(7);
    long byReceipt = cases(oig.get("/staff/cases?q=" + receipt).body()).get(0);
    // as a reporter might read it out: grouped, lower case
    String typed = Receipts.grouped(receipt).toLowerCase(java.util.Locale.ROOT);
    assertThat(cases(oig.get("/staff/cases?q=" + typed).body())).containsExactly(byReceipt);
    assertThat(oig.get("/staff/cases?q=" + copaReceipt).body()).contains("No cases match.");
    assertThat(oig.get("/staff/cases?q=" + copaCase).body()).contains("No cases match.");

    HttpResponse<String> bad = oig.get("/staff/cases?q=officer+smith");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("id=\"q-error\"").contains("is not a case number or a receipt")
        .contains("value=\"officer smith\"");
  }

  @Test
  void badCursorOrSize_isShownNamingTheField_andTheOtherOfficesCaseIsNoCursor() {
    StaffTestClient oig = signIn();
    HttpResponse<String> other = oig.get("/staff/cases?after=" + copaCase);
    assertThat(other.statusCode()).isEqualTo(400);
    assertThat(other.body()).contains("id=\"after-error\"").contains("is not one of your office's cases");
    assertThat(oig.get("/staff/cases?before=x").body()).contains("id=\"before-error\"");
    assertThat(oig.get("/staff/cases?size=0").statusCode()).isEqualTo(400);
    assertThat(oig.get("/staff/cases?size=201").body()).contains("id=\"size-error\"");
    assertThat(oig.get("/staff/cases?after=" + oigOrder.get(0) + "&before=" + oigOrder.get(3)).statusCode())
        .isEqualTo(400);
  }
}
