package org.sanctuary.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;

/**
 * The slow password check runs with no lock on the account's row: while one sign-in is hashing,
 * another transaction can still lock that row at once (before, the row stayed locked for the whole
 * Argon2 run, so a burst of sign-ins to one account queued behind each other's hashing).
 */
class SignInRowLockTest {
  private static Database database;
  private static StaffAccounts accounts;

  @BeforeAll
  static void start() {
    database = TestDatabases.fresh();
    // deliberately slow parameters, so the hash runs long enough to be observed
    accounts = new StaffAccounts(database, SecretBox.of(new byte[32]),
        new PasswordHasher(32 * 1024, 16, 1), Clock.systemUTC());
    accounts.add("slow", "a long enough passphrase", EnumSet.of(Role.AUDITOR));
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  @Test
  void signIn_whileThePasswordIsHashed_holdsNoRowLock() throws Exception {
    Thread signIn = new Thread(() -> accounts.signIn("slow", "a long enough passphrase", "000000"));
    AtomicInteger lockedWhileRunning = new AtomicInteger();
    AtomicInteger refusedWhileRunning = new AtomicInteger();
    signIn.start();
    Thread.sleep(150);
    while (signIn.isAlive()) {
      boolean locked = tryLockRow();
      if (signIn.isAlive()) {
        (locked ? lockedWhileRunning : refusedWhileRunning).incrementAndGet();
      }
      Thread.sleep(20);
    }
    signIn.join();
    assertThat(lockedWhileRunning.get() + refusedWhileRunning.get())
        .as("the sign-in must still be running when probed").isPositive();
    assertThat(lockedWhileRunning.get()).isGreaterThan(refusedWhileRunning.get());
  }

  private static boolean tryLockRow() {
    return database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT id FROM staff_account WHERE username = 'slow' FOR UPDATE NOWAIT")) {
        s.executeQuery().close();
        return true;
      } catch (SQLException e) {
        if ("55P03".equals(e.getSQLState())) {
          rollback(c);
          return false;
        }
        throw e;
      }
    });
  }

  private static void rollback(Connection c) throws SQLException {
    c.rollback();
  }
}
