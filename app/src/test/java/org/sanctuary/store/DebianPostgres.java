package org.sanctuary.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL server from Debian's {@code postgresql-15} package, started for one test on a
 * loopback port in a folder of its own: a primary, or a streaming replica of one (pg_basebackup
 * -R). As root the programs run as the {@code postgres} user, since initdb refuses root. When the
 * programs are missing the test fails under {@code CI=true} and is skipped otherwise.
 */
public final class DebianPostgres implements AutoCloseable {
  private static final Path BIN = Path.of(System.getenv().getOrDefault("PGBIN", "/usr/lib/postgresql/15/bin"));
  private final Path folder;
  private final int port;

  private DebianPostgres(Path folder, int port) {
    this.folder = folder;
    this.port = port;
  }

  /** A new primary (trust authentication on loopback, replication allowed) in {@code folder}. */
  public static DebianPostgres primary(Path where) throws Exception {
    requirePrograms();
    Path folder = where.toAbsolutePath();
    prepare(folder);
    run(List.of(BIN.resolve("initdb").toString(), "-D", folder.resolve("data").toString(), "-A", "trust",
        "-U", "postgres"), folder);
    return start(folder);
  }

  /** A hot-standby replica of {@code primary}, streaming its WAL, in {@code folder}. */
  public static DebianPostgres replicaOf(DebianPostgres primary, Path where) throws Exception {
    Path folder = where.toAbsolutePath();
    prepare(folder);
    run(List.of(BIN.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", Integer.toString(primary.port),
        "-U", "postgres", "-D", folder.resolve("data").toString(), "-R", "-X", "stream"), folder);
    return start(folder);
  }

  /** JDBC URL of {@code database} on this server. */
  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
  }

  @Override
  public void close() throws Exception {
    run(List.of(BIN.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-m", "fast", "-w", "stop"),
        folder);
  }

  private static DebianPostgres start(Path folder) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    run(List.of(BIN.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-l",
        folder.resolve("server.log").toString(), "-w", "-o",
        "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1", "start"), folder);
    return new DebianPostgres(folder, port);
  }

  private static void requirePrograms() {
    if (!Files.isExecutable(BIN.resolve("initdb")) || !Files.isExecutable(BIN.resolve("pg_basebackup"))) {
      String why = "this test needs Debian's PostgreSQL 15 server programs in " + BIN
          + " (apt-get install postgresql-15)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(why);
      Assumptions.abort(why);
    }
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void prepare(Path folder) throws Exception {
    Files.createDirectories(folder);
    if (root()) run(List.of("chown", "postgres", folder.toString()), null);
  }

  private static void run(List<String> command, Path folder) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (root() && !command.get(0).equals("chown")) full.addAll(List.of("runuser", "-u", "postgres", "--"));
    full.addAll(command);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
  }
}
