package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.StaffTestClient;

/** Issue 13, defect 7 (part): what staff see must not stay in a browser's or a proxy's cache. */
class HeadersTest {
  private static FullApp app;
  private static StaffTestClient admin;

  @BeforeAll
  static void start() {
    app = new FullApp();
    admin = app.signIn(Role.ADMINISTRATOR);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void staffPagesAndAdminApi_answered_noStore() {
    for (String path : new String[] {"/staff", "/staff/gateway/partners", "/api/v1/admin/gateway/partners",
        "/staff/login"}) {
      HttpResponse<String> r = admin.get(path);
      assertThat(r.statusCode()).as(path).isLessThan(400);
      assertThat(r.headers().firstValue("Cache-Control")).as(path).contains("no-store");
    }
  }

  @Test
  void staffPages_refusedOrRedirected_noStore() {
    HttpResponse<String> r = app.server.get("/api/v1/admin/gateway/partners");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
  }
}
