package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sanctuary.config.Config;
import org.sanctuary.config.DatabaseServer;
import org.sanctuary.store.DebianPostgres;
import org.sanctuary.web.Tls;

/**
 * {@code --db-read}: with a streaming replica configured, the public ledger and the reports read
 * from it while every write, and a resident's look-up of the report just filed, go to the
 * primary. Shown by pausing the replica's replay: the public checkpoint stays where the replica
 * is, the primary moves on, and once replay resumes the public checkpoint catches up. Runs a
 * Debian PostgreSQL 15 primary and replica on loopback.
 */
class ReadReplicaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void publicReadsFromTheReplica_writesAndReceiptLookUpsOnThePrimary() throws Exception {
    try (DebianPostgres primary = DebianPostgres.primary(Files.createTempDirectory(Path.of("target"), "pg-primary"))) {
      sql(primary.url("postgres"), "CREATE DATABASE sanctuary");
      try (DebianPostgres replica = DebianPostgres.replicaOf(primary,
          Files.createTempDirectory(Path.of("target"), "pg-replica"))) {
        Config config = new Config(0, Files.createTempDirectory(Path.of("target"), "replica-data").toAbsolutePath(),
            Optional.of(DatabaseServer.of(primary.url("sanctuary"))), "127.0.0.1");
        Service service = Service.start(config, Clock.systemUTC(), Set.of(), null,
            org.sanctuary.ledger.witnessing.WitnessPolicy.none(), Tls.PLAIN,
            Optional.of(DatabaseServer.of(replica.url("sanctuary"))));
        try {
          long signed = primarySize(primary);
          awaitPublicSize(service, signed);

          sql(replica.url("sanctuary"), "SELECT pg_wal_replay_pause()");
          HttpResponse<String> filed = send(service, HttpRequest.newBuilder(service.uri().resolve("/api/v1/incidents"))
              .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                  "{\"category\":\"HELD_FOR_ICE\",\"employeeType\":\"POLICE\",\"department\":\"CPD\","
                      + "\"occurredOn\":\"2026-03-01\",\"location\":\"CA22\",\"description\":\"Held for agents.\"}")));
          assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
          JsonNode receipt = JSON.readTree(filed.body());
          // the report answers on commit, before a checkpoint covers it: count the entries
          assertThat(primaryEntries(primary)).as("the write reached the primary").isGreaterThan(signed);

          assertThat(publicSize(service)).as("the public checkpoint is the paused replica's").isEqualTo(signed);
          assertThat(send(service, HttpRequest.newBuilder(service.uri().resolve("/reports"))).statusCode()).isEqualTo(200);
          HttpResponse<String> status = send(service, HttpRequest.newBuilder(service.uri().resolve(
              "/api/v1/incidents/" + receipt.get("receipt").asText())).header("X-Receipt-Secret",
              receipt.get("secret").asText()));
          assertThat(status.statusCode()).as("the resident's look-up reads the primary: %s", status.body()).isEqualTo(200);

          sql(replica.url("sanctuary"), "SELECT pg_wal_replay_resume()");
          awaitPublicSize(service, primarySize(primary));
        } finally {
          service.close();
        }
      }
    }
  }

  private long primarySize(DebianPostgres primary) throws Exception {
    try (Connection c = DriverManager.getConnection(primary.url("sanctuary")); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT max(size) FROM ledger_checkpoint")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private long primaryEntries(DebianPostgres primary) throws Exception {
    try (Connection c = DriverManager.getConnection(primary.url("sanctuary")); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM ledger_entry")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private long publicSize(Service service) throws Exception {
    HttpResponse<String> r = send(service, HttpRequest.newBuilder(service.uri().resolve("/api/v1/ledger/checkpoint")));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Long.parseLong(r.body().split("\n")[1]);
  }

  private void awaitPublicSize(Service service, long size) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    long seen = publicSize(service);
    while (seen != size && System.nanoTime() < deadline) {
      Thread.sleep(50);
      seen = publicSize(service);
    }
    assertThat(seen).as("the replica caught up").isEqualTo(size);
  }

  private HttpResponse<String> send(Service service, HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void sql(String url, String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
