package org.sanctuary.staff;

import org.sanctuary.staff.web.*;
import org.sanctuary.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.web.TestServer;

class SignInThrottleTest {
  private static Database database;
  private static MutableClock clock;
  private static Staff staff;
  private static TestServer server;

  @BeforeAll
  static void start() {
    database = TestDatabases.fresh();
    clock = new MutableClock(Instant.parse("2026-03-02T15:00:00Z"));
    staff = Staff.create(database, SecretBox.of(new byte[32]), new PasswordHasher(256, 1, 1), clock, 3);
    server = TestServer.start(database, staff.routes());
  }

  @AfterAll
  static void stop() {
    server.close();
    database.close();
  }

  @Test
  void signIn_tooManyAttemptsFromOneAddress_areThrottledAcrossAccounts() {
    String secret = staff.accounts().add("ana", "a long enough passphrase", Set.of(Role.AUDITOR))
        .secretBase32();
    StaffTestClient browser = new StaffTestClient(server);
    for (int i = 0; i < 3; i++) {
      assertThat(browser.signIn("user" + i, "some password here", "123456").statusCode())
          .isEqualTo(401);
    }
    HttpResponse<String> throttled = browser.signIn("ana", "a long enough passphrase",
        StaffTestClient.code(secret, clock.instant()));
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.body()).contains("Too many sign-in attempts");

    clock.advance(Staff.THROTTLE_WINDOW);
    assertThat(browser.signIn("ana", "a long enough passphrase",
        StaffTestClient.code(secret, clock.instant())).statusCode()).isEqualTo(303);
  }
}
