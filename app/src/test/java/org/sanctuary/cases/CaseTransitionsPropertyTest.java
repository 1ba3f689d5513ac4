package org.sanctuary.cases;

import org.sanctuary.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.incidents.model.Category;
import org.sanctuary.incidents.model.EmployeeType;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.incidents.IncidentService;
import org.sanctuary.incidents.Intake;
import org.sanctuary.incidents.routing.Router;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.StaffUser;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.errors.NotPermitted;

/**
 * Random requests against the case state machine, checked against a table written out here
 * independently of {@link CaseStatus#next()}: an allowed move changes the status and adds exactly
 * one ledger entry; any other request changes nothing.
 */
class CaseTransitionsPropertyTest {
  private static final long SEED = 20260302L;

  // the allowed moves, as the documentation states them
  private static final Map<CaseStatus, Set<CaseStatus>> ALLOWED = Map.of(
      CaseStatus.RECEIVED, EnumSet.of(CaseStatus.INVESTIGATING, CaseStatus.REFERRED),
      CaseStatus.ASSIGNED, EnumSet.of(CaseStatus.INVESTIGATING, CaseStatus.REFERRED),
      CaseStatus.INVESTIGATING, EnumSet.of(CaseStatus.FINDING_SUSTAINED,
          CaseStatus.FINDING_NOT_SUSTAINED, CaseStatus.FINDING_UNFOUNDED,
          CaseStatus.FINDING_EXONERATED, CaseStatus.REFERRED),
      CaseStatus.FINDING_SUSTAINED, EnumSet.of(CaseStatus.CLOSED),
      CaseStatus.FINDING_NOT_SUSTAINED, EnumSet.of(CaseStatus.CLOSED),
      CaseStatus.FINDING_UNFOUNDED, EnumSet.of(CaseStatus.CLOSED),
      CaseStatus.FINDING_EXONERATED, EnumSet.of(CaseStatus.CLOSED),
      CaseStatus.REFERRED, EnumSet.of(CaseStatus.CLOSED),
      CaseStatus.CLOSED, EnumSet.noneOf(CaseStatus.class));

  private static Database database;
  private static CaseService cases;
  private static IncidentService intake;
  private static PostgresLedger ledger;
  private static LedgerReader log;

  @BeforeAll
  static void start() {
    database = TestDatabases.fresh();
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T15:00:00Z"));
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    IncidentKey key = IncidentKey.of(master);
    ledger = PostgresLedger.start(database, clock, Signer.generate("city.example/ledger"));
    log = new LedgerReader(database);
    intake = new IncidentService(database, key, Router.builtIn(), ledger, clock,
        IncidentService.DEFAULT_RETENTION);
    cases = new CaseService(database, key, ledger, clock, CaseDeadlines.DEFAULT);
  }

  @AfterAll
  static void stop() {
    ledger.close();
    database.close();
  }

  private static long staffAccount(String name, String roles) {
    return database.inTransaction(c -> {
      try (var s = c.prepareStatement("INSERT INTO staff_account (username, password_hash,"
          + " totp_secret, roles, created_at) VALUES (?, 'x', '\\x00', ?::text[], now()) RETURNING id")) {
        s.setString(1, name);
        s.setString(2, roles);
        try (var rs = s.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  @Test
  void randomRequests_followTheDocumentedStateMachine() {
    StaffUser investigator = new StaffUser(staffAccount("inv", "{OIG_INVESTIGATOR}"), "inv",
        Set.of(Role.OIG_INVESTIGATOR));
    StaffUser supervisor = new StaffUser(staffAccount("sup", "{OIG_INVESTIGATOR,SUPERVISOR}"), "sup",
        Set.of(Role.OIG_INVESTIGATOR, Role.SUPERVISOR));
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      intake.submit(new Intake(Category.OTHER, EmployeeType.CITY, "CDPH", null,
          LocalDate.of(2026, 2, 1), "CA01", "case " + i, null, null, "en"));
    }
    cases.list(supervisor, CaseFilter.ALL).forEach(s -> ids.add(s.id()));
    assertThat(ids).hasSize(6);

    SplittableRandom random = new SplittableRandom(SEED);
    CaseStatus[] all = CaseStatus.values();
    int moves = 0;
    for (int step = 0; step < 300; step++) {
      long id = ids.get(random.nextInt(ids.size()));
      StaffUser actor = random.nextBoolean() ? investigator : supervisor;
      CaseStatus before = cases.open(actor, id).status();
      long size = logSize();
      if (random.nextInt(5) == 0) {
        boolean ok = actor == supervisor && before != CaseStatus.CLOSED;
        if (ok) {
          cases.assign(actor, id, investigator.id());
          assertThat(cases.open(actor, id).status())
              .isEqualTo(before == CaseStatus.RECEIVED ? CaseStatus.ASSIGNED : before);
          assertThat(logSize()).isEqualTo(size + 1);
        } else {
          assertThatThrownBy(() -> cases.assign(actor, id, investigator.id()))
              .isInstanceOfAny(InvalidInput.class, NotPermitted.class);
          assertThat(logSize()).isEqualTo(size);
        }
        continue;
      }
      CaseStatus to = all[random.nextInt(all.length)];
      boolean allowed = ALLOWED.get(before).contains(to)
          && (to != CaseStatus.CLOSED || actor == supervisor);
      if (allowed) {
        cases.transition(actor, id, to);
        moves++;
        assertThat(cases.open(actor, id).status()).as("seed %d step %d", SEED, step).isEqualTo(to);
        assertThat(logSize()).isEqualTo(size + 1);
      } else {
        assertThatThrownBy(() -> cases.transition(actor, id, to))
            .as("seed %d step %d: %s -> %s by %s", SEED, step, before, to, actor.username())
            .isInstanceOfAny(InvalidInput.class, NotPermitted.class);
        assertThat(cases.open(actor, id).status()).isEqualTo(before);
        assertThat(logSize()).isEqualTo(size);
      }
    }
    assertThat(moves).as("the walk made real progress").isGreaterThan(10);
  }

  // the entries the ledger has committed, once a checkpoint covers them
  private static long logSize() {
    ledger.sync();
    return log.size();
  }
}
