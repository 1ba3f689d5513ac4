package org.sanctuary.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sanctuary.config.DatabaseServer;

/**
 * Databases for tests: one PostgreSQL per test JVM, a new empty database per caller.
 *
 * <p>The PostgreSQL is an embedded one (fsync off: tests need speed, not durability) unless the
 * environment variable {@value #ENV_TEST_DB_URL} names a server, e.g. {@code
 * jdbc:postgresql://localhost:5432/postgres?user=postgres&password=secret}; its user must be
 * allowed to create databases. Each {@link #fresh()} creates a database with a unique name and
 * migrates it, so test classes never see each other's rows. Databases created on a named server are
 * dropped when the JVM exits.
 *
 * <pre>{@code
 * private static Database database;
 *
 * @BeforeAll static void open() { database = TestDatabases.fresh(); }
 * @AfterAll static void close() { database.close(); }
 * }</pre>
 */
public final class TestDatabases {
  public static final String ENV_TEST_DB_URL = "SANCTUARY_TEST_DB_URL";

  private static final Pattern URL_DATABASE =
      Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(\\?.*)?$");
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String PREFIX = "sanctuary_test_" + ProcessHandle.current().pid() + "_";

  private static PostgresForTests postgres;

  private TestDatabases() {}

  /** A new, empty, migrated database. The caller closes it. */
  public static Database fresh() {
    return Database.connect(freshServer());
  }

  /**
   * The ledger entries stored. Tests that count what an action appended use this rather than the
   * latest checkpoint's size: checkpoints are signed off the commit path and may lag the entries.
   */
  public static long ledgerEntries(Database database) {
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM ledger_entry")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("counting ledger entries", e);
    }
  }

  /** Connection settings for a new, empty database that nothing has migrated yet. */
  public static DatabaseServer freshServer() {
    String name = PREFIX + COUNTER.incrementAndGet();
    return postgres().create(name);
  }

  /**
   * Points {@code dataFolder/postgres-binaries} at the binaries already unpacked for the tests, so
   * a test that opens a data folder, in this JVM or a child one, skips unpacking them again.
   */
  public static void sharePostgresBinaries(Path dataFolder) {
    Path shared = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toAbsolutePath();
    try {
      Files.createDirectories(shared);
      Files.createDirectories(dataFolder);
      Files.createSymbolicLink(dataFolder.resolve(EmbeddedCluster.BINARIES_FOLDER), shared);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes the link made by {@link #sharePostgresBinaries}, leaving the binaries in place. */
  public static void unsharePostgresBinaries(Path dataFolder) {
    try {
      Files.deleteIfExists(dataFolder.resolve(EmbeddedCluster.BINARIES_FOLDER));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Which PostgreSQL the tests run against, for test reports. */
  public static String describe() {
    return postgres().description;
  }

  private static synchronized PostgresForTests postgres() {
    if (postgres == null) {
      String url = System.getenv(ENV_TEST_DB_URL);
      postgres =
          url == null || url.isBlank() ? PostgresForTests.embedded() : PostgresForTests.server(url);
    }
    return postgres;
  }

  private static final class PostgresForTests {
    private final String adminUrl;
    private final String description;
    private final boolean dropAtExit;
    private final List<String> created = new CopyOnWriteArrayList<>();

    private PostgresForTests(String adminUrl, String description, boolean dropAtExit) {
      this.adminUrl = adminUrl;
      this.description = description;
      this.dropAtExit = dropAtExit;
      if (dropAtExit) {
        Runtime.getRuntime().addShutdownHook(new Thread(this::dropAll, "drop-test-databases"));
      }
    }

    // The library's defaults suit tests: fsync off, a temporary folder deleted at exit.
    static PostgresForTests embedded() {
      try {
        EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
        return new PostgresForTests(
            embedded.getJdbcUrl("postgres", "postgres"),
            "embedded PostgreSQL on port " + embedded.getPort(),
            false);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
      }
    }

    static PostgresForTests server(String url) {
      if (!URL_DATABASE.matcher(url).matches()) {
        throw new IllegalArgumentException(
            ENV_TEST_DB_URL
                + ": want jdbc:postgresql://HOST[:PORT]/DATABASE[?user=...&password=...]");
      }
      return new PostgresForTests(url, "PostgreSQL at " + DatabaseServer.of(url).maskedUrl(), true);
    }

    DatabaseServer create(String name) {
      execute("CREATE DATABASE " + name);
      created.add(name);
      Matcher matcher = URL_DATABASE.matcher(adminUrl);
      if (!matcher.matches()) {
        throw new IllegalStateException("unexpected URL form: " + adminUrl);
      }
      String query = matcher.group(3) == null ? "" : matcher.group(3);
      return DatabaseServer.of(matcher.group(1) + name + query);
    }

    private void execute(String sql) {
      try (Connection connection = DriverManager.getConnection(adminUrl);
          Statement statement = connection.createStatement()) {
        statement.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException(
            sql + " failed on " + description + ": " + e.getMessage(), e);
      }
    }

    private void dropAll() {
      for (String name : created) {
        try {
          execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (RuntimeException e) {
          System.err.println("could not drop test database " + name + ": " + e.getMessage());
        }
      }
    }
  }
}
