package org.sanctuary.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * A PostgreSQL of one test's own, which the test may stop and start again on the same folder and
 * port (an outage), unlike the shared test server.
 */
public final class RestartablePostgres implements AutoCloseable {
  private final Path folder;
  private final int port;
  private EmbeddedPostgres running;
  private String adminUrl;

  private RestartablePostgres(Path folder, int port) {
    this.folder = folder;
    this.port = port;
  }

  /** Starts a new server under {@code target/} holding one empty database named {@code database}. */
  public static RestartablePostgres withDatabase(String database) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    RestartablePostgres pg = new RestartablePostgres(
        Files.createTempDirectory(Path.of("target"), "own-pg").toAbsolutePath(), port);
    pg.start();
    pg.adminUrl = pg.running.getJdbcUrl("postgres", "postgres");
    try (Connection c = DriverManager.getConnection(pg.adminUrl);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    return pg;
  }

  /** JDBC URL of {@code database} on this server. */
  public String url(String database) {
    return adminUrl.replace("/postgres?", "/" + database + "?");
  }

  /** Shuts the server down (a fast shutdown: open connections are cut). */
  public void stop() throws IOException {
    running.close();
    running = null;
  }

  /** Starts it again on the same folder and port. */
  public void start() throws IOException {
    running = EmbeddedPostgres.builder().setDataDirectory(folder).setCleanDataDirectory(false).setPort(port).start();
  }

  /** The folder the server keeps its data in. */
  public Path folder() {
    return folder;
  }

  @Override
  public void close() throws IOException {
    if (running != null) stop();
  }
}
