package org.sanctuary.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.incidents.model.Investigator;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;

/**
 * The overdue rule has one home, {@link CaseDeadlines}; the store's SQL filter and counts are
 * built from it. Over seeded random cases (times around both deadlines, every status, acted or
 * not) the SQL and the Java rule must pick exactly the same cases.
 */
class CaseOverdueRuleTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final CaseDeadlines DEADLINES = new CaseDeadlines(Duration.ofDays(30), Duration.ofDays(180));
  private static Database database;

  private record Case(long id, Instant received, CaseStatus status, boolean acted) {}

  @BeforeAll
  static void start() {
    database = TestDatabases.fresh();
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  @Test
  void sqlFilterAndCounts_agreeWithTheJavaRule_overSeededRandomCases() {
    Random random = new Random(20261202L);
    List<Case> cases = insert(random, 400);
    CaseStore store = new CaseStore(database);
    CaseDeadlines.Cutoffs cut = DEADLINES.cutoffs(NOW);

    Set<Long> expected = new HashSet<>();
    Map<CaseStatus, Long> expectedCounts = new HashMap<>();
    for (Case c : cases) {
      boolean overdue = DEADLINES.firstActionOverdue(c.received(), c.status(), c.acted(), NOW)
          || DEADLINES.findingOverdue(c.received(), c.status(), NOW);
      if (overdue) {
        expected.add(c.id());
        expectedCounts.merge(c.status(), 1L, Long::sum);
      }
    }
    assertThat(expected).as("the seed must give overdue and timely cases").isNotEmpty()
        .hasSizeLessThan(cases.size());

    Set<Long> listed = new HashSet<>();
    for (CaseStore.Row r : store.list(Investigator.OIG, new CaseFilter(null, null, true, false), 0, cut)) {
      listed.add(r.id());
    }
    assertThat(listed).isEqualTo(expected);

    Map<CaseStatus, Long> counted = new HashMap<>();
    for (CaseStore.CountRow r : store.counts(cut)) {
      if (r.overdue() > 0) {
        counted.put(r.status(), r.overdue());
      }
    }
    assertThat(counted).isEqualTo(expectedCounts);
  }

  private static List<Case> insert(Random random, int n) {
    return database.inTransaction(c -> {
      List<Case> out = new java.util.ArrayList<>();
      CaseStatus[] statuses = CaseStatus.values();
      for (int i = 0; i < n; i++) {
        // received between 200 days ago and now, often right at a deadline
        long ageSeconds = switch (random.nextInt(4)) {
          case 0 -> DEADLINES.firstAction().toSeconds() + random.nextInt(3) - 1;
          case 1 -> DEADLINES.finding().toSeconds() + random.nextInt(3) - 1;
          default -> random.nextInt((int) Duration.ofDays(200).toSeconds());
        };
        Instant received = NOW.minusSeconds(ageSeconds);
        CaseStatus status = statuses[random.nextInt(statuses.length)];
        boolean acted = random.nextBoolean();
        String receipt = String.format("%020d", i);
        long id;
        try (PreparedStatement s = c.prepareStatement(
            "INSERT INTO incident (receipt, secret_hash, created_at, category, employee_type, department,"
                + " occurred_on, location, routed_to, routing_pack, routing_rule, status, language,"
                + " description_enc) VALUES (?, ?, ?, 'OTHER', 'CITY', 'CDPH', ?, 'CA01', 'OIG',"
                + " 'p@1', 'r', ?, 'en', ?) RETURNING id")) {
          s.setString(1, receipt);
          s.setBytes(2, new byte[32]);
          s.setTimestamp(3, Timestamp.from(received));
          s.setObject(4, LocalDate.of(2026, 1, 1));
          s.setString(5, status.name());
          s.setBytes(6, new byte[] {1});
          try (var rs = s.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
          }
        }
        if (acted) {
          try (PreparedStatement s = c.prepareStatement(
              "INSERT INTO case_file (incident_id, first_action_at, updated_at) VALUES (?, ?, ?)")) {
            s.setLong(1, id);
            s.setTimestamp(2, Timestamp.from(received.plusSeconds(60)));
            s.setTimestamp(3, Timestamp.from(received.plusSeconds(60)));
            s.executeUpdate();
          }
        }
        out.add(new Case(id, received, status, acted));
      }
      return out;
    });
  }
}
