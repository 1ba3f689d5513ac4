package org.sanctuary.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Floods and guessing from one address are slowed down; a fresh fixture per test keeps buckets apart. */
class IncidentAbuseTest {
  private IncidentFixture f;

  @BeforeEach
  void start() {
    f = new IncidentFixture(3, 4);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void submit_floodFromOneAddress_isAnswered429_untilTimePasses() {
    for (int i = 0; i < 3; i++) {
      assertThat(f.server.post("/api/v1/incidents", "application/json", IncidentApiTest.report("POLICE", ""))
          .statusCode()).isEqualTo(201);
    }
    HttpResponse<String> r = f.server.post("/api/v1/incidents", "application/json",
        IncidentApiTest.report("POLICE", ""));
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).contains("360");
    assertThat(f.count("SELECT count(*) FROM incident")).isEqualTo(3);
    f.clock.advance(Duration.ofMinutes(6));
    assertThat(f.server.post("/api/v1/incidents", "application/json", IncidentApiTest.report("POLICE", ""))
        .statusCode()).isEqualTo(201);
  }

  @Test
  void status_receiptGuessing_isRateLimitedOnTheApiAndThePage() {
    for (int i = 0; i < 4; i++) {
      assertThat(f.server.get("/api/v1/incidents/" + Receipts.newReceipt(), "X-Receipt-Secret", Receipts.newSecret())
          .statusCode()).isEqualTo(404);
    }
    assertThat(f.server.get("/api/v1/incidents/" + Receipts.newReceipt(), "X-Receipt-Secret", Receipts.newSecret())
        .statusCode()).isEqualTo(429);
    String[] t = IncidentPagesTest.token(f);
    HttpResponse<String> page = f.server.post("/report/status", "application/x-www-form-urlencoded",
        IncidentPagesTest.encode(Map.of("receipt", Receipts.newReceipt(), "secret", "x", "csrf", t[0])),
        "Cookie", t[1]);
    assertThat(page.statusCode()).isEqualTo(429);
    assertThat(page.body()).contains("Too many tries from this connection");
  }
}
