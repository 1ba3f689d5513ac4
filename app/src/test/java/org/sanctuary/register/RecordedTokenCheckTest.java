package org.sanctuary.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.errors.CredentialRejected;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;

/**
 * A request recorded with a records-system token is stored only while the token is live, checked
 * in the transaction of its ledger entry (migration V913): a node that took the token for live
 * from its memory cannot store a request for a token revoked since.
 */
class RecordedTokenCheckTest {
  private static final long SEQUENCER_LOCK = 0x73616e6374756172L; // the ledger's SequencerLock.KEY ("sanctuar")
  private static Database database;
  private static TestRegister fixture;
  private static Register register;

  @BeforeAll
  static void start() {
    fixture = new TestRegister();
    database = fixture.database;
    register = fixture.register;
    database.inTransaction(c -> c.createStatement().executeUpdate(
        "INSERT INTO records_token (id, name, token_hash, prefix, created_at, revoked_at) VALUES"
            + " (1, 'live', sha256('live'), 'srt_l', now(), NULL),"
            + " (2, 'revoked', sha256('revoked'), 'srt_r', now(), now())"));
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static Register.Item item(String day) {
    Map<String, String> form = Map.of("received_at", day, "receiving_agency", "CPD", "requester", "ICE",
        "kind", "DETAINER", "basis", "NONE", "purpose", "CIVIL_IMMIGRATION");
    return Register.read(form::get).item();
  }

  private static long count(String sql) {
    return database.inTransaction(c -> {
      try (ResultSet rs = c.createStatement().executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Test
  void aRevokedOrUnknownToken_recordsNothing_andTheCallerIsRefused() {
    long entries = TestDatabases.ledgerEntries(database);
    long rows = count("SELECT count(*) FROM federal_request");
    for (Recorder gone : List.of(Recorder.token(2), Recorder.token(99))) {
      assertThatThrownBy(() -> register.record(List.of(item("2024-03-01T10:00"), item("2024-03-02T10:00")), gone))
          .isInstanceOf(CredentialRejected.class).hasMessageContaining("unknown or revoked");
    }
    assertThat(count("SELECT count(*) FROM federal_request")).isEqualTo(rows);
    assertThat(count("SELECT count(*) FROM ledger_entry")).isEqualTo(entries);
  }

  @Test
  void inOneBatch_onlyTheRevokedTokensCallerIsRefused_andTheOthersAreStored() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try (Connection x = database.dataSource().getConnection()) {
      x.setAutoCommit(true);
      // Another session holds the sequencer lock: the first call commits on its own and waits for
      // it; the next two queue meanwhile and go in one batch once the lock is let go.
      x.createStatement().execute("SELECT pg_advisory_lock(" + SEQUENCER_LOCK + ")");
      Future<?> first = pool.submit(() -> register.record(List.of(item("2024-04-01T10:00")), Recorder.staff(1)));
      Thread.sleep(300);
      Future<List<Register.Recorded>> live = pool.submit(() -> register.record(List.of(item("2024-04-02T10:00")),
          Recorder.token(1)));
      Future<List<Register.Recorded>> revoked = pool.submit(() -> register.record(List.of(item("2024-04-03T10:00")),
          Recorder.token(2)));
      Thread.sleep(300);
      x.createStatement().execute("SELECT pg_advisory_unlock(" + SEQUENCER_LOCK + ")");
      first.get(10, TimeUnit.SECONDS);
      Register.Recorded stored = live.get(10, TimeUnit.SECONDS).get(0);
      assertThatThrownBy(() -> revoked.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(CredentialRejected.class);
      assertThat(count("SELECT count(*) FROM federal_request WHERE public_id = '" + stored.request()
          + "' AND recorded_by = 'token:1' AND ledger_index = " + stored.appended().index())).isEqualTo(1);
      assertThat(count("SELECT count(*) FROM federal_request WHERE recorded_by = 'token:2'")).isZero();
      assertThat(count("SELECT count(*) FROM federal_request WHERE received = '2024-04-03'")).isZero();
    } finally {
      pool.shutdownNow();
    }
    // no index was burnt: the log is the stored requests' entries and nothing else
    assertThat(count("SELECT count(*) FROM ledger_entry")).isEqualTo(count("SELECT max(idx) + 1 FROM ledger_entry"));
  }
}
