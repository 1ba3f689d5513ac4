package org.sanctuary.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.sanctuary.config.Config;
import org.sanctuary.config.DatabaseServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL database of one Sanctuary process: a connection pool to a configured server, or to
 * an embedded PostgreSQL kept in the data folder; migrated to the latest schema when opened.
 *
 * <p>Migrations live in {@code classpath:db/migration}, one range of versions per part so parallel
 * work never collides: V1xx core and federal requests, V2xx ledger, V3xx gateway, V4xx incidents,
 * V5xx reports. Because a later release may add V101 after V201 ran, migrations are applied out of
 * order when needed.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);
  private static final int VALID_TIMEOUT_SECONDS = 2;

  private final HikariDataSource pool;
  private final EmbeddedCluster embedded;
  private final String description;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Database(HikariDataSource pool, EmbeddedCluster embedded, String description) {
    this.pool = pool;
    this.embedded = embedded;
    this.description = description;
  }

  /**
   * Opens the database the configuration names: its server, or the embedded one in its data folder.
   * Warns when the server would not keep acknowledged writes through a crash.
   */
  public static Database open(Config config) {
    return open(config, StartupSteps.NONE);
  }

  /** As above, saying each slow step (unpacking, initialising, starting, migrating) through {@code steps}. */
  public static Database open(Config config, StartupSteps steps) {
    Database database = config.database().map(s -> connect(s, config.poolSize(), steps))
        .orElseGet(() -> embedded(config.dataDirectory(), config.poolSize(), steps));
    database.warnIfNotDurable();
    return database;
  }

  /** Connects to a PostgreSQL server and migrates it. */
  public static Database connect(DatabaseServer server) {
    return connect(server, Config.DEFAULT_POOL_SIZE);
  }

  /** As above, holding at most {@code poolSize} connections. */
  public static Database connect(DatabaseServer server, int poolSize) {
    return connect(server, poolSize, StartupSteps.NONE);
  }

  private static Database connect(DatabaseServer server, int poolSize, StartupSteps steps) {
    HikariConfig hikari = poolConfig(server.url(), poolSize);
    server.userName().ifPresent(hikari::setUsername);
    server.passwordValue().ifPresent(hikari::setPassword);
    steps.step("connecting to the database: PostgreSQL at " + server.maskedUrl());
    return openPool(hikari, null, "PostgreSQL at " + server.maskedUrl(), steps);
  }

  /**
   * Connects to a read-only copy of the database (a streaming replica) for pages that only read.
   * Nothing is migrated: the primary's migrations reach the replica by replication. Every
   * connection is read-only, so a write sent here by mistake fails instead of diverging.
   */
  public static Database replica(DatabaseServer server, int poolSize) {
    HikariConfig hikari = poolConfig(server.url(), poolSize);
    hikari.setPoolName("sanctuary-read");
    hikari.setReadOnly(true);
    server.userName().ifPresent(hikari::setUsername);
    server.passwordValue().ifPresent(hikari::setPassword);
    String what = "read-only PostgreSQL at " + server.maskedUrl();
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new StoreException("database: cannot connect to " + what + ": " + rootMessage(e), e);
    }
    log.info("database: {}", what);
    return new Database(pool, null, what);
  }

  /**
   * Starts (creating it the first time) the embedded PostgreSQL in {@code dataDirectory/postgres}
   * and migrates it. The folder is kept between runs; a database left running by a killed process
   * is shut down first.
   */
  public static Database embedded(Path dataDirectory) {
    return embedded(dataDirectory, Config.DEFAULT_POOL_SIZE);
  }

  /** As above, holding at most {@code poolSize} connections. */
  public static Database embedded(Path dataDirectory, int poolSize) {
    return embedded(dataDirectory, poolSize, StartupSteps.NONE);
  }

  private static Database embedded(Path dataDirectory, int poolSize, StartupSteps steps) {
    EmbeddedCluster cluster = EmbeddedCluster.start(dataDirectory.toAbsolutePath().normalize(), steps);
    try {
      HikariConfig hikari = poolConfig(cluster.jdbcUrl(), poolSize);
      hikari.setUsername(cluster.user());
      hikari.setPassword(cluster.password());
      return openPool(hikari, cluster, cluster.description(), steps);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** How long a request waits for a connection before it is answered 503, in milliseconds. */
  public static final String ENV_CONNECT_TIMEOUT = "SANCTUARY_DB_CONNECT_TIMEOUT_MS";
  static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 1_000;

  /** {@value #ENV_CONNECT_TIMEOUT}, else 1,000 ms; 250 to 60,000 (the pool's floor is 250). */
  static long connectTimeoutMillis(java.util.Map<String, String> env) {
    String raw = env.get(ENV_CONNECT_TIMEOUT);
    if (raw == null || raw.isBlank()) return DEFAULT_CONNECT_TIMEOUT_MILLIS;
    try {
      long millis = Long.parseLong(raw.strip());
      if (millis >= 250 && millis <= 60_000) return millis;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new StoreException(ENV_CONNECT_TIMEOUT + ": \"" + raw + "\" is not valid (want milliseconds, 250 to 60000)");
  }

  /**
   * Run on every new connection. Without just-in-time compilation: PostgreSQL compiles a
   * statement whose estimated cost passes {@code jit_above_cost}, and the ledger's look-up of tree
   * nodes for a range only known when it runs is estimated at a share of the whole table. Until
   * the server has first analyzed the ledger's tables (a database that grew fast, or was just
   * restored) that share is large: on a server with JIT (Debian's packages have it) and 2.8 million
   * entries never analyzed, the look-up took 93 to 159 ms, most of it compiling, against 0.3 ms
   * without. The annual report over a year of 300,000 look-ups was no faster with JIT
   * (docs/operations.md).
   */
  static final String SESSION_SETTINGS = "SET jit = off";

  private static HikariConfig poolConfig(String url, int poolSize) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("sanctuary");
    hikari.setJdbcUrl(url);
    hikari.setMaximumPoolSize(poolSize);
    // fail fast: a request waits at most this long for a connection, a health check likewise;
    // during an outage every request is answered 503 after this wait, not after the old 5 s
    hikari.setConnectionTimeout(connectTimeoutMillis(System.getenv()));
    hikari.setConnectionInitSql(SESSION_SETTINGS);
    return hikari;
  }

  private static Database openPool(HikariConfig hikari, EmbeddedCluster cluster, String what, StartupSteps steps) {
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new StoreException("database: cannot connect to " + what + ": " + rootMessage(e), e);
    }
    Database database = new Database(pool, cluster, what);
    try {
      database.migrate(steps);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    log.info("database: {}", what);
    return database;
  }

  private void migrate(StartupSteps steps) {
    MigrateResult result;
    try {
      Flyway flyway =
          Flyway.configure()
              .dataSource(pool)
              .locations("classpath:db/migration")
              .outOfOrder(true)
              .validateMigrationNaming(true)
              .load();
      if (steps != StartupSteps.NONE) {
        int pending = flyway.info().pending().length;
        steps.step(pending == 0 ? "checking the database schema: nothing to migrate"
            : "migrating the database schema: " + pending + " migration(s) to apply");
      }
      result = flyway.migrate();
    } catch (FlywayException e) {
      throw new StoreException(
          "database: migration failed on " + description + ": " + e.getMessage(), e);
    }
    log.info(
        "database: schema at version {} ({} migration(s) applied now)",
        result.targetSchemaVersion == null
            ? result.initialSchemaVersion
            : result.targetSchemaVersion,
        result.migrationsExecuted);
  }

  /** Pooled connections; each one is returned to the pool when closed. */
  public DataSource dataSource() {
    return pool;
  }

  /**
   * Runs {@code work} in one transaction: commits when it returns, rolls back when it throws, so
   * nothing is ever half written. Exceptions other than {@link SQLException} pass through unchanged
   * after the rollback.
   *
   * @throws StoreException when the database reports an error
   */
  public <T> T inTransaction(SqlWork<T> work) {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (Throwable failure) {
        rollback(connection, failure);
        throw failure;
      }
    } catch (SQLException e) {
      throw new StoreException("database: " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code work} outside a transaction: each statement sees what is committed when it starts.
   * For a single-statement read, or reads of rows that never change once written, where a
   * transaction would only add a round trip for its commit.
   *
   * @throws StoreException when the database reports an error
   */
  public <T> T read(SqlWork<T> work) {
    try (Connection connection = pool.getConnection()) {
      if (!connection.getAutoCommit()) connection.setAutoCommit(true);
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException("database: " + e.getMessage(), e);
    }
  }

  private static void rollback(Connection connection, Throwable failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  /** Whether {@link #close} was called: nothing more will run against this database. */
  public boolean isClosed() {
    return closed.get();
  }

  /** Whether the database answers right now; used by health checks. */
  public boolean isReachable() {
    try (Connection connection = pool.getConnection()) {
      return connection.isValid(VALID_TIMEOUT_SECONDS);
    } catch (SQLException e) {
      return false;
    }
  }

  /** Where the data lives, passwords masked, for logs. */
  public String description() {
    return description;
  }

  /** Stops the pool, then the embedded database if there is one. Safe to call twice. */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    try {
      pool.close();
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private void warnIfNotDurable() {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT name, setting FROM pg_settings"
                    + " WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')")) {
      while (rs.next()) {
        if (rs.getString(2).equals("off")) {
          log.warn(
              "database: {} is off on {}; an acknowledged write may be lost in a crash",
              rs.getString(1),
              description);
        }
      }
    } catch (SQLException e) {
      log.warn("database: cannot read durability settings: {}", e.getMessage());
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }
}
