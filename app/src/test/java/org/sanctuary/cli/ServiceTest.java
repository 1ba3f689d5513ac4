package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sanctuary.config.Config;
import org.sanctuary.store.TestDatabases;

class ServiceTest {
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void start_thenClose_servesUntilClosed() throws Exception {
    Config config =
        new Config(
            0,
            Path.of("target", "test-data"),
            Optional.of(TestDatabases.freshServer()),
            "127.0.0.1");
    Service service = Service.start(config, Clock.systemUTC(), java.util.Set.of());
    HttpRequest health = HttpRequest.newBuilder(service.uri().resolve("/healthz")).build();

    HttpResponse<String> response = client.send(health, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(retentionThreads()).as("the service runs the daily retention task").isEqualTo(1);
    assertThat(service.uri().toString()).startsWith("http://127.0.0.1:");

    service.close();
    service.awaitStop();
    service.close();

    assertThatThrownBy(() -> client.send(health, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
    for (int i = 0; i < 50 && retentionThreads() > 0; i++) {
      Thread.sleep(100);
    }
    assertThat(retentionThreads()).as("closing the service stops its retention task").isZero();
  }

  @Test
  void start_withOtherSealingKeysThanTheDatabaseWasSealedWith_isRefusedNamingTheKeyFile() throws Exception {
    org.sanctuary.config.DatabaseServer db = TestDatabases.freshServer();
    Path a = java.nio.file.Files.createTempDirectory(Path.of("target"), "node-a").toAbsolutePath();
    Path b = java.nio.file.Files.createTempDirectory(Path.of("target"), "node-b").toAbsolutePath();
    Service first = Service.start(new Config(0, a, Optional.of(db), "127.0.0.1"), Clock.systemUTC(), java.util.Set.of());
    first.close();
    first.awaitStop();

    // a second node without copies of the first one's key files: it made new keys, and must not use them
    assertThatThrownBy(() -> Service.start(new Config(0, b, Optional.of(db), "127.0.0.1"), Clock.systemUTC(),
        java.util.Set.of())).isInstanceOf(org.sanctuary.config.ConfigException.class)
        .hasMessageContaining("incidents-key").hasMessageContaining(b.resolve("incidents.key").toString())
        .hasMessageContaining("is not the incidents key this database's data was sealed with");

    for (String key : java.util.List.of("incidents.key", "staff.key", "ledger.key")) {
      java.nio.file.Files.copy(a.resolve(key), b.resolve(key), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    }
    Service second = Service.start(new Config(0, b, Optional.of(db), "127.0.0.1"), Clock.systemUTC(), java.util.Set.of());
    HttpResponse<String> health = client.send(HttpRequest.newBuilder(second.uri().resolve("/healthz")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    second.close();
    second.awaitStop();
  }

  private static long retentionThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("incidents-retention") && t.isAlive()).count();
  }
}
