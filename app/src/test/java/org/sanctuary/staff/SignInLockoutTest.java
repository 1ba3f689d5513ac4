package org.sanctuary.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.testing.MutableClock;

/**
 * Failed sign-ins lock an account only for the address they came from: an outsider who knows a
 * username cannot lock its owner out (before, five failures from anywhere locked the account for
 * everyone for fifteen minutes).
 */
class SignInLockoutTest {
  private static final String PASSWORD = "a long enough passphrase";
  private static Database database;
  private static MutableClock clock;
  private static StaffAccounts accounts;
  private static String secret;

  @BeforeAll
  static void start() {
    database = TestDatabases.fresh();
    clock = new MutableClock(Instant.parse("2026-03-02T15:00:00Z"));
    accounts = new StaffAccounts(database, SecretBox.of(new byte[32]), new PasswordHasher(256, 1, 1), clock);
    secret = accounts.add("clerk", PASSWORD, EnumSet.of(Role.AUDITOR)).secretBase32();
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  private static String code() {
    clock.advance(Duration.ofSeconds(30)); // a fresh step: a code is spent once
    return StaffTestClient.code(secret, clock.instant());
  }

  @Test
  void failuresFromAnAttacker_lockOnlyTheAttackersAddress() {
    for (int i = 0; i < StaffAccounts.MAX_FAILURES; i++) {
      assertThat(accounts.signIn("clerk", "wrong password " + i, code(), "203.0.113.9")).isEmpty();
    }
    assertThat(accounts.signIn("clerk", PASSWORD, code(), "203.0.113.9"))
        .as("the attacker's address is locked, even with the right answers").isEmpty();
    assertThat(accounts.signIn("clerk", PASSWORD, code(), "198.51.100.7"))
        .as("the owner, elsewhere, still signs in").isPresent();
    assertThat(accounts.list()).filteredOn(s -> s.username().equals("clerk"))
        .singleElement().satisfies(s -> assertThat(s.locked()).isTrue());

    clock.advance(StaffAccounts.LOCKOUT);
    assertThat(accounts.signIn("clerk", PASSWORD, code(), "203.0.113.9")).isPresent();
  }

  @Test
  void failuresFromManyAddresses_neverLockAnotherAddress() {
    for (int a = 0; a < 20; a++) {
      for (int i = 0; i < StaffAccounts.MAX_FAILURES; i++) {
        accounts.signIn("clerk", "wrong", code(), "192.0.2." + a);
      }
    }
    assertThat(accounts.signIn("clerk", PASSWORD, code(), "198.51.100.8")).isPresent();
  }
}
