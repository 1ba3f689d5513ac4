package org.sanctuary.ledger.monitor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain GETs with timeouts; any answer but 200 is an error naming the URL and the status. */
final class HttpSource {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NORMAL).build();

  byte[] get(URI uri) throws IOException {
    HttpResponse<byte[]> response;
    try {
      response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept-Encoding", "identity").GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(uri + ": interrupted", e);
    }
    if (response.statusCode() != 200) {
      String body = new String(response.body(), StandardCharsets.UTF_8).strip();
      throw new IOException(uri + ": HTTP " + response.statusCode()
          + (body.isEmpty() ? "" : " " + (body.length() > 200 ? body.substring(0, 200) : body)));
    }
    return response.body();
  }

  String text(URI uri) throws IOException {
    return new String(get(uri), StandardCharsets.UTF_8);
  }
}
