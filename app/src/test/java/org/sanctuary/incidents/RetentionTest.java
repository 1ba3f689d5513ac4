package org.sanctuary.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RetentionTest {
  private static IncidentFixture f;

  @BeforeAll
  static void start() {
    f = new IncidentFixture(10, 10);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static IncidentService.Submitted submit(String contact) {
    Map<String, String> raw = new java.util.HashMap<>(Map.of("category", "SERVICE_REFUSED", "employeeType", "CITY",
        "department", "CDPH", "occurredOn", "2026-03-01", "location", "CA30", "description", "Turned away."));
    if (contact != null) raw.put("contact", contact);
    return f.service.submit(IntakeCheck.check(raw, LocalDate.of(2026, 3, 10)).intake());
  }

  private static void close(String receipt) {
    f.database.inTransaction(c -> {
      try (var s = c.prepareStatement("UPDATE incident SET status = 'CLOSED', closed_at = ? WHERE receipt = ?")) {
        s.setTimestamp(1, java.sql.Timestamp.from(f.clock.instant()));
        s.setString(2, receipt);
        return s.executeUpdate();
      }
    });
  }

  @Test
  void destroyExpiredContacts_removesContactOnlyAfterTheRetentionPeriodFromClosing() {
    IncidentService.Submitted closed = submit("call me at 555-0199");
    IncidentService.Submitted open = submit("email me");
    close(closed.receipt());

    f.clock.advance(Duration.ofDays(364));
    assertThat(f.service.destroyExpiredContacts()).isZero();
    assertThat(f.service.status(closed.receipt(), closed.secret()).orElseThrow().contactOnFile()).isTrue();

    f.clock.advance(Duration.ofDays(1));
    assertThat(f.service.destroyExpiredContacts()).isEqualTo(1);
    IncidentService.Status s = f.service.status(closed.receipt(), closed.secret()).orElseThrow();
    assertThat(s.contactOnFile()).isFalse();
    assertThat(s.contactDestroyed()).isTrue();
    assertThat(s.report().description()).isEqualTo("Turned away.");
    assertThat(f.service.status(open.receipt(), open.secret()).orElseThrow().contactOnFile()).isTrue();
    assertThat(f.count("SELECT count(*) FROM ledger_entry WHERE convert_from(data, 'UTF8') LIKE"
        + " '%incident.contact_destroyed%'")).isEqualTo(1);

    assertThat(f.service.destroyExpiredContacts()).isZero();
  }
}
