package org.sanctuary.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuary.config.CityCalendar;
import org.sanctuary.gateway.web.GatewayRoutes;
import org.sanctuary.gateway.web.QueryController;
import org.sanctuary.limits.PostgresBuckets;
import org.sanctuary.policy.Purpose;
import org.sanctuary.store.TestDatabases;
import org.sanctuary.web.TestServer;

/**
 * Two nodes on one database, each with its own copy of the gateway's directory and its rate limits
 * in PostgreSQL, as {@code serve} wires them: whatever one node (or anyone, by hand) changes about
 * keys, partners and agreements decides the other node's very next look-up; look-ups in between
 * read none of those tables; and when the directory's version cannot be read, look-ups are refused.
 */
class DirectoryAcrossNodesTest {
  private static final String ADA_ASH = "{\"dataset\":\"demo-arrests\",\"parameters\":{\"lastName\":\"Ash\","
      + "\"firstName\":\"Ada\"},\"purpose\":\"CRIMINAL\",\"caseNumber\":\"JD-123456\"}";

  private static GatewayFixture fx;
  private static Gateway nodeA;
  private static Gateway nodeB;
  private static TestServer serverA;
  private static TestServer serverB;

  private Partner partner;
  private long keyId;
  private String key;

  @BeforeAll
  static void start() {
    fx = new GatewayFixture(TestDatabases.fresh(), Set.of());
    nodeA = node();
    nodeB = node();
    serverA = TestServer.start(fx.database, new GatewayRoutes(new QueryController(nodeA.service())));
    serverB = TestServer.start(fx.database, new GatewayRoutes(new QueryController(nodeB.service())));
  }

  // a node builds its own gateway, as a separate process would; only the database is shared
  private static Gateway node() {
    byte[] limitKey = new byte[32];
    return Gateway.create(fx.engine, fx.database, fx.ledger, fx.clock, CityCalendar.CHICAGO,
        new PostgresBuckets(fx.database, fx.clock, limitKey));
  }

  @AfterAll
  static void stop() {
    serverA.close();
    serverB.close();
    fx.close();
  }

  private static int partners;

  /** A partner of its own for each test (a new agency each time), with an agreement and a key, made on node A. */
  @BeforeEach
  void partnerOnNodeA() {
    String[] agencies = {"FBI", "DEA", "ATF", "USMS", "BOP", "USAO", "IRS_CI", "USPIS", "DSS", "HHS_OIG", "ISP"};
    partner = nodeA.admin().admit(agencies[partners++], null, 1000, 1000);
    nodeA.admin().addAgreement(partner.id(), List.of("demo-arrests", "demo-district-arrests"),
        EnumSet.of(Purpose.CRIMINAL), LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), true, "A. Signer");
    GatewayAdmin.IssuedKey issued = nodeA.admin().issueKey(partner.id(), null);
    keyId = issued.keyId();
    key = issued.key();
  }

  private static int lookUp(TestServer node, String key) {
    return lookUpAnswer(node, key).statusCode();
  }

  private static HttpResponse<String> lookUpAnswer(TestServer node, String key) {
    return node.post("/api/v1/gateway/query", "application/json", ADA_ASH, "Authorization", "Bearer " + key);
  }

  private static HttpResponse<String> node(TestServer node, String key, String body) {
    return node.post("/api/v1/gateway/query", "application/json", body, "Authorization", "Bearer " + key);
  }

  private static String agency() {
    String[] more = {"IL_SOS_POLICE", "IL_DOC", "COOK_COUNTY_SAO", "OTHER_IL_POLICE"};
    return more[extraPartners++];
  }

  private static int extraPartners;

  private static long count(String query) {
    try (Connection c = fx.database.dataSource().getConnection(); Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery(query)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(query, e);
    }
  }

  private static long loads(Gateway node) {
    return node.service().directory().loads();
  }

  @Test
  void keyIssuedOnNodeA_isAcceptedOnNodeB_onItsFirstUse() {
    assertThat(lookUp(serverB, key)).isEqualTo(200);
    GatewayAdmin.IssuedKey second = nodeA.admin().issueKey(partner.id(), null);

    assertThat(lookUp(serverB, second.key())).as("a key node B's copy did not have yet").isEqualTo(200);
  }

  @Test
  void keyRevokedOnNodeA_isRefusedOnTheVeryNextLookUpOnNodeB() {
    assertThat(lookUp(serverB, key)).isEqualTo(200);
    assertThat(lookUp(serverB, key)).isEqualTo(200);

    nodeA.admin().revokeKey(keyId);

    HttpResponse<String> refused = lookUpAnswer(serverB, key);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).contains("unknown, revoked or expired");
    assertThat(lookUp(serverA, key)).isEqualTo(401);
  }

  @Test
  void keyRotatedOnNodeA_oldRefusedAndNewAcceptedOnNodeB() {
    assertThat(lookUp(serverB, key)).isEqualTo(200);

    GatewayAdmin.IssuedKey rotated = nodeA.admin().rotateKey(keyId);

    assertThat(lookUp(serverB, key)).isEqualTo(401);
    assertThat(lookUp(serverB, rotated.key())).isEqualTo(200);
  }

  @Test
  void agreementChangedOnNodeA_decidesTheVeryNextLookUpOnNodeB() {
    assertThat(lookUp(serverB, key)).isEqualTo(200);

    Agreement narrower = nodeA.admin().addAgreement(partner.id(), List.of("demo-district-arrests"),
        EnumSet.of(Purpose.CRIMINAL), LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), true, "A. Signer");

    HttpResponse<String> refused = lookUpAnswer(serverB, key);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("does not cover the dataset demo-arrests")
        .contains("Data-sharing agreement " + narrower.id());
  }

  @Test
  void agreementEndedByHandInTheDatabase_isSeenOnTheVeryNextLookUpOnBothNodes() {
    assertThat(lookUp(serverA, key)).isEqualTo(200);
    assertThat(lookUp(serverB, key)).isEqualTo(200);

    sql("UPDATE gateway_agreement SET ends_on = DATE '2026-03-01' WHERE partner_id = " + partner.id());

    for (TestServer node : List.of(serverA, serverB)) {
      HttpResponse<String> refused = lookUpAnswer(node, key);
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("no data-sharing agreement in force today");
    }
  }

  @Test
  void lookUps_betweenChanges_useTheCopy_readingNoKeyOrAgreement() throws Exception {
    assertThat(lookUp(serverB, key)).isEqualTo(200);
    long loaded = loads(nodeB);

    for (int i = 0; i < 5; i++) assertThat(lookUp(serverB, key)).isEqualTo(200);
    assertThat(loads(nodeB)).as("directory reads for 5 look-ups").isEqualTo(loaded);

    // while another transaction holds the key and agreement tables so that no one can read them,
    // a look-up still goes through: it reads neither
    try (Connection holder = fx.database.dataSource().getConnection()) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.execute("LOCK TABLE gateway_key, gateway_agreement IN ACCESS EXCLUSIVE MODE");
      }
      try {
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> lookUp(serverB, key));
        assertThat(status.get(20, TimeUnit.SECONDS)).isEqualTo(200);
      } finally {
        holder.rollback();
      }
    }
    assertThat(loads(nodeB)).isEqualTo(loaded);

    nodeA.admin().issueKey(partner.id(), null);
    assertThat(lookUp(serverB, key)).isEqualTo(200);
    assertThat(loads(nodeB)).as("one read after a change").isEqualTo(loaded + 1);
  }

  @Test
  void lookUpPermittedByACurrentCopy_takesItsTokenChecksTheCopyAndReadsInOneRoundTrip() {
    assertThat(lookUp(serverB, key)).isEqualTo(200);
    DatasetRunner runner = nodeB.service().runner();
    Gatekeeper gatekeeper = nodeB.service().gatekeeper();
    long gated = runner.gatedRuns();
    long admitted = gatekeeper.admissions();

    for (int i = 0; i < 5; i++) assertThat(lookUp(serverB, key)).isEqualTo(200);
    assertThat(runner.gatedRuns()).as("reads behind their gate").isEqualTo(gated + 5);
    assertThat(gatekeeper.admissions()).as("no statement before the read").isEqualTo(admitted);

    HttpResponse<String> civil = node(serverB, key, ADA_ASH.replace("CRIMINAL", "CIVIL_IMMIGRATION"));
    assertThat(civil.statusCode()).as("refused by the law: the usual way, token first").isEqualTo(403);
    assertThat(gatekeeper.admissions()).isEqualTo(admitted + 1);
    assertThat(runner.gatedRuns()).isEqualTo(gated + 5);

    nodeA.admin().revokeKey(keyId);
    assertThat(lookUp(serverB, key)).as("the gate stays shut on the copy that moved; the usual way refuses")
        .isEqualTo(401);
    assertThat(runner.gatedRuns()).isEqualTo(gated + 6);
  }

  @Test
  void rateLimit_holdsAcrossNodes_throughTheGate_andARefusedLookUpReadsNothing() {
    Partner small = nodeA.admin().admit(agency(), null, 1, 3);
    nodeA.admin().addAgreement(small.id(), List.of("demo-arrests"), EnumSet.of(Purpose.CRIMINAL),
        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), true, "A. Signer");
    String smallKey = nodeA.admin().issueKey(small.id(), null).key();
    long readsA = nodeA.service().runner().runs();
    long readsB = nodeB.service().runner().runs();

    assertThat(lookUp(serverA, smallKey)).isEqualTo(200);
    assertThat(lookUp(serverB, smallKey)).isEqualTo(200);
    assertThat(lookUp(serverA, smallKey)).isEqualTo(200);
    HttpResponse<String> over = lookUpAnswer(serverB, smallKey);
    assertThat(over.statusCode()).as("a burst of 3 across both nodes").isEqualTo(429);
    assertThat(over.headers().firstValue("Retry-After")).isPresent();
    assertThat(lookUp(serverA, smallKey)).isEqualTo(429);

    long readsTried = nodeA.service().runner().runs() - readsA + nodeB.service().runner().runs() - readsB;
    assertThat(readsTried).as("three reads, and two tries behind a gate that stayed shut").isEqualTo(5);
    long triedOnB = nodeB.service().runner().runs();
    assertThat(lookUp(serverB, smallKey)).isEqualTo(429);
    assertThat(nodeB.service().runner().runs()).as("a node that told the partner to wait tries no gate meanwhile")
        .isEqualTo(triedOnB);
    assertThat(count("SELECT count(*) FROM gateway_access WHERE partner_id = " + small.id())).isEqualTo(3);
  }

  @Test
  void versionMissing_refusesLookUpsAndChanges_untilItIsBack() {
    assertThat(lookUp(serverB, key)).isEqualTo(200);
    sql("DELETE FROM gateway_directory_version");
    try {
      HttpResponse<String> known = lookUpAnswer(serverB, key);
      assertThat(known.statusCode()).isEqualTo(503);
      assertThat(known.headers().firstValue("Retry-After")).isPresent();
      assertThat(lookUp(serverB, "sgw_" + "x".repeat(43))).as("a key the copy does not know").isEqualTo(503);
      assertThat(lookUp(serverA, key)).as("a node that never read the directory").isEqualTo(503);
      assertThatThrownBy(() -> nodeA.admin().revokeKey(keyId)).as("a change no node could see");
    } finally {
      sql("INSERT INTO gateway_directory_version (id, version, changed_at) VALUES (1, gen_random_uuid(), now())");
    }
    assertThat(lookUp(serverB, key)).isEqualTo(200);
  }

  @Test
  void versionTableUnreadable_refusesLookUps() {
    assertThat(lookUp(serverB, key)).isEqualTo(200);
    sql("ALTER TABLE gateway_directory_version RENAME TO gateway_directory_version_away");
    try {
      assertThat(lookUp(serverB, key)).isEqualTo(503);
    } finally {
      sql("ALTER TABLE gateway_directory_version_away RENAME TO gateway_directory_version");
    }
    assertThat(lookUp(serverB, key)).isEqualTo(200);
  }

  private static void sql(String statement) {
    try (Connection c = fx.database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(statement, e);
    }
  }
}
