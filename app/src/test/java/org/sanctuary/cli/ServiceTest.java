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

  private static long retentionThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("incidents-retention") && t.isAlive()).count();
  }
}
