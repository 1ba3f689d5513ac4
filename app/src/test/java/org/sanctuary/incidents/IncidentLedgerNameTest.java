package org.sanctuary.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, defect 3: the public ledger names a report by a keyed hash of its receipt, so the
 * receipt alone (without the city's key) finds none of the report's entries, while the city, which
 * holds the key, still links them all.
 */
class IncidentLedgerNameTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static IncidentFixture f;

  @BeforeAll
  static void start() {
    f = new IncidentFixture(1000, 1000);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static List<JsonNode> entries() throws Exception {
    List<String> raw = f.database.inTransaction(c -> {
      List<String> out = new ArrayList<>();
      try (var s = c.createStatement(); var rs = s.executeQuery("SELECT data FROM ledger_entry ORDER BY idx")) {
        while (rs.next()) out.add(new String(rs.getBytes(1), StandardCharsets.UTF_8));
      }
      return out;
    });
    List<JsonNode> out = new ArrayList<>();
    for (String r : raw) out.add(JSON.readTree(r));
    return out;
  }

  @Test
  void ledger_receiptAlone_findsNoEntryButTheKeyLinksThemAll() throws Exception {
    var r = f.server.post("/api/v1/incidents", "application/json", IncidentApiTest.report("POLICE", ""));
    JsonNode b = JSON.readTree(r.body());
    String receipt = b.get("receipt").asText();
    f.server.post("/api/v1/incidents/" + receipt + "/followups", "application/json", "{\"note\":\"more\"}",
        "X-Receipt-Secret", b.get("secret").asText());

    String unkeyed = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(receipt.getBytes(StandardCharsets.US_ASCII)));
    List<JsonNode> all = entries();
    assertThat(all).noneMatch(e -> e.toString().contains(unkeyed)).noneMatch(e -> e.toString().contains(receipt));

    String name = f.key.ledgerName(receipt);
    List<JsonNode> linked = all.stream().filter(e -> name.equals(e.path("incident").asText())).toList();
    assertThat(linked).extracting(e -> e.get("type").asText())
        .containsExactly("incident.received", "incident.followup");
    assertThat(linked).extracting(e -> e.get("v").asInt()).containsExactly(3, 2);
  }

  @Test
  void ledgerName_otherKey_givesAnotherName() {
    byte[] other = new byte[32];
    other[0] = 1;
    assertThat(IncidentKey.of(other).ledgerName("ABCDEFGHJK0123456789"))
        .isNotEqualTo(f.key.ledgerName("ABCDEFGHJK0123456789"))
        .matches("[0-9a-f]{64}");
  }

  @Test
  void loadOrCreate_namingKeyComesWithTheIncidentsKey_stableAcrossLoads(@TempDir Path data) throws Exception {
    Path keyFile = data.resolve(IncidentKey.DEFAULT_FILE);
    String first = IncidentKey.loadOrCreate(keyFile).ledgerName("ABCDEFGHJK0123456789");
    assertThat(first).isEqualTo(IncidentKey.of(Files.readAllBytes(keyFile)).ledgerName("ABCDEFGHJK0123456789"));
    try (var files = Files.list(data)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("one key file to keep and back up").containsExactly(IncidentKey.DEFAULT_FILE);
    }
    assertThat(IncidentKey.loadOrCreate(keyFile).ledgerName("ABCDEFGHJK0123456789")).isEqualTo(first);
  }
}
