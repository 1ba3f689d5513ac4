package org.sanctuary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.sanctuary.errors.Unavailable;
import org.sanctuary.logging.LogCapture;
import org.sanctuary.logging.LogFormat;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;

/**
 * A request that fails is logged by its route's template, not by the path asked: a path may carry a
 * receipt code, which is the resident's key to their report.
 */
class ErrorLogPrivacyTest {
  @Test
  void failedRequest_isLoggedByItsTemplate_neverItsPath() {
    try (Database database = TestDatabases.fresh();
        TestServer server = TestServer.start(database, routes -> {
          routes.get("/api/v1/things/{receipt}", ctx -> {
            throw new IllegalStateException("broken");
          });
          routes.get("/api/v1/things/{receipt}/source", ctx -> {
            throw new Unavailable("the source did not answer", new IllegalStateException("no source"));
          });
        });
        LogCapture capture = new LogCapture(LogFormat.JSON, "level=info")) {
      HttpResponse<String> r = server.get("/api/v1/things/RECEIPT7Q2W9E4R6T8Y0U");
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body()).doesNotContain("RECEIPT7Q2W9E4R6T8Y0U").doesNotContain("broken");
      assertThat(server.get("/api/v1/things/RECEIPT7Q2W9E4R6T8Y0U/source").statusCode()).isEqualTo(503);
      assertThat(capture.text()).contains("GET /api/v1/things/{receipt} failed")
          .contains("IllegalStateException: broken")
          .contains("GET /api/v1/things/{receipt}/source: unavailable: the source did not answer")
          .doesNotContain("RECEIPT7Q2W9E4R6T8Y0U");
    }
  }
}
