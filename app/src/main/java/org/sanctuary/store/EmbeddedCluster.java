package org.sanctuary.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL that runs inside the data folder when no server is configured.
 *
 * <p>Layout of the data folder: {@code postgres/} is the cluster (its server logs rotate in {@code
 * postgres/log/}), {@code postgres.log} collects what initdb and pg_ctl print, {@code
 * postgres.password} holds the generated superuser password, {@code postgres-binaries/} the
 * unpacked PostgreSQL programs, and {@code sanctuary.lock} keeps a second process out.
 */
final class EmbeddedCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedCluster.class);

  static final String DATABASE = "sanctuary";
  static final String SUPERUSER = "postgres";
  static final String CLUSTER_FOLDER = "postgres";
  static final String PASSWORD_FILE = "postgres.password";
  static final String CONSOLE_LOG = "postgres.log";
  static final String BINARIES_FOLDER = "postgres-binaries";

  // Crash recovery replays the WAL before the server accepts connections; give it time.
  private static final Duration STARTUP_WAIT = Duration.ofMinutes(2);
  private static final Duration STOP_WAIT = Duration.ofMinutes(2);

  private static final String HBA_MARKER = "# sanctuary: password logins from this machine only";
  private static final String HBA =
      HBA_MARKER
          + "\n"
          + "host all all 127.0.0.1/32 scram-sha-256\n"
          + "host all all ::1/128 scram-sha-256\n";

  private final Path pgData;
  private final DataFolderLock lock;
  private final EmbeddedPostgres postgres;
  private final String password;
  private final String version;

  private EmbeddedCluster(
      Path pgData,
      DataFolderLock lock,
      EmbeddedPostgres postgres,
      String password,
      String version) {
    this.pgData = pgData;
    this.lock = lock;
    this.postgres = postgres;
    this.password = password;
    this.version = version;
  }

  static EmbeddedCluster start(Path dataDirectory) {
    return start(dataDirectory, StartupSteps.NONE);
  }

  /** As above, saying what the slow first start does (unpacking, initialising) through {@code steps}. */
  static EmbeddedCluster start(Path dataDirectory, StartupSteps steps) {
    try {
      Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw new StoreException("data: cannot create " + dataDirectory + ": " + e, e);
    }
    DataFolderLock lock = DataFolderLock.acquire(dataDirectory);
    try {
      // before anything there runs: refuse what others could have swapped, close what we own
      DataFolderPermissions.secure(dataDirectory);
      Path pgData = dataDirectory.resolve(CLUSTER_FOLDER);
      LeftoverPostmaster.stopIfRunning(pgData, STOP_WAIT);
      String password = readOrCreatePassword(dataDirectory, pgData);
      announce(dataDirectory, pgData, steps);
      EmbeddedPostgres postgres = startPostgres(dataDirectory, pgData, password);
      try {
        String version = prepare(postgres.getPort(), pgData, password);
        DataFolderPermissions.secure(dataDirectory); // the programs the library just unpacked
        return new EmbeddedCluster(pgData, lock, postgres, password, version);
      } catch (SQLException | IOException | RuntimeException e) {
        try {
          stop(postgres, pgData);
        } catch (RuntimeException stopFailure) {
          e.addSuppressed(stopFailure);
        }
        throw e instanceof StoreException se
            ? se
            : new StoreException("embedded PostgreSQL in " + pgData + ": " + e.getMessage(), e);
      }
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  // The library unpacks, initialises and starts in one call; say beforehand which of them it will do.
  private static void announce(Path dataDirectory, Path pgData, StartupSteps steps) {
    Path binaries = dataDirectory.resolve(BINARIES_FOLDER);
    boolean unpacked;
    try (java.util.stream.Stream<Path> entries = Files.isDirectory(binaries) ? Files.list(binaries) : null) {
      unpacked = entries != null && entries.findAny().isPresent();
    } catch (IOException e) {
      unpacked = false;
    }
    boolean initialised = Files.exists(pgData.resolve("PG_VERSION"));
    if (!unpacked) {
      steps.step("first start: unpacking the PostgreSQL programs into " + binaries
          + (initialised ? "" : " (with the next step, up to a minute; only this once)"));
    }
    if (!initialised) {
      steps.step("first start: initialising the database in " + pgData + " (only this once)");
    }
    steps.step("starting the database in " + pgData);
  }

  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
  }

  String user() {
    return SUPERUSER;
  }

  String password() {
    return password;
  }

  String description() {
    return "embedded PostgreSQL "
        + version
        + " in "
        + pgData
        + " on localhost:"
        + postgres.getPort();
  }

  @Override
  public void close() {
    try {
      stop(postgres, pgData);
    } finally {
      lock.close();
    }
  }

  private static EmbeddedPostgres startPostgres(Path dataDirectory, Path pgData, String password) {
    Redirect console = Redirect.appendTo(dataDirectory.resolve(CONSOLE_LOG).toFile());
    try {
      return EmbeddedPostgres.builder()
          .setDataDirectory(pgData)
          .setCleanDataDirectory(false)
          // we stop it ourselves, after the web server, so no request sees the database vanish
          .setRegisterShutdownHook(false)
          .setOverrideWorkingDirectory(dataDirectory.resolve(BINARIES_FOLDER).toFile())
          .setPGStartupWait(STARTUP_WAIT)
          .setOutputRedirector(console)
          .setErrorRedirector(console)
          .setConnectConfig("password", password)
          // The library starts postgres with -F (fsync off) and synchronous_commit=off, fine for
          // tests but not for a database whose receipts promise durability. -c comes after -F on
          // the command line, so these win.
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          // PostgreSQL's defaults (128 MB of buffers, a checkpoint per 1 GB of log) are sized for
          // any machine; under a steady load of recorded decisions they made the server write
          // pages out on the commit path and checkpoint every minute or so
          .setServerConfig("shared_buffers", "256MB")
          .setServerConfig("max_wal_size", "2GB")
          // A new 16 MB log segment was written full of zeros and synced by the backend that needed
          // it: about once a second under load on a data folder whose segments are not yet
          // recycled, each a 40 to 50 ms stall of every commit behind it. Created sparse instead;
          // the log's own writes are synced as before (bench/README.md, "What the commits wait
          // for").
          .setServerConfig("wal_init_zero", "off")
          .setServerConfig("listen_addresses", "localhost")
          // TCP on localhost only: no socket file in a shared directory
          .setServerConfig("unix_socket_directories", "")
          .setServerConfig("logging_collector", "on")
          .setServerConfig("log_directory", "log")
          .setServerConfig("log_filename", "postgresql-%a.log")
          .setServerConfig("log_truncate_on_rotation", "on")
          .setServerConfig("log_rotation_age", "1d")
          .setServerConfig("log_rotation_size", "0")
          .start();
    } catch (IOException | RuntimeException e) {
      throw new StoreException(
          "embedded PostgreSQL did not start in "
              + pgData
              + ": "
              + e.getMessage()
              + " (see "
              + dataDirectory.resolve(CONSOLE_LOG)
              + " and "
              + pgData.resolve("log")
              + ")",
          e);
    }
  }

  /**
   * Locks the cluster down to password logins, creates the application database, and returns the
   * server version. initdb trusts every local connection; on a shared machine that would hand any
   * local user a superuser session, so the first start sets a password and replaces pg_hba.conf.
   */
  private static String prepare(int port, Path pgData, String password)
      throws SQLException, IOException {
    Properties login = new Properties();
    login.setProperty("user", SUPERUSER);
    login.setProperty("password", password);
    String url = "jdbc:postgresql://localhost:" + port + "/postgres";
    try (Connection connection = DriverManager.getConnection(url, login);
        Statement statement = connection.createStatement()) {
      Path hba = pgData.resolve("pg_hba.conf");
      if (!isLockedDown(hba)) {
        // the password is generated from a URL-safe alphabet, so it needs no escaping
        statement.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "'");
        writeAtomically(hba, HBA, false);
        statement.execute("SELECT pg_reload_conf()");
        log.info("embedded PostgreSQL now requires the password in {}", PASSWORD_FILE);
      }
      boolean exists;
      try (ResultSet rs =
          statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        exists = rs.next();
      }
      if (!exists) {
        statement.execute("CREATE DATABASE " + DATABASE);
      }
      try (ResultSet rs = statement.executeQuery("SHOW server_version")) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static boolean isLockedDown(Path hba) throws IOException {
    return Files.exists(hba)
        && Files.readString(hba, StandardCharsets.UTF_8).startsWith(HBA_MARKER);
  }

  private static String readOrCreatePassword(Path dataDirectory, Path pgData) {
    Path file = dataDirectory.resolve(PASSWORD_FILE);
    try {
      if (Files.exists(file)) {
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (password.isEmpty()) {
          throw new StoreException(
              "data: " + file + " is empty (want the embedded database password)");
        }
        return password;
      }
      if (isLockedDown(pgData.resolve("pg_hba.conf"))) {
        throw new StoreException(
            "data: "
                + file
                + " is missing, and the embedded database in "
                + pgData
                + " requires it (want the file restored from a backup of the data folder)");
      }
      byte[] bytes = new byte[24];
      new SecureRandom().nextBytes(bytes);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      writeAtomically(file, password + "\n", true);
      return password;
    } catch (IOException e) {
      throw new StoreException("data: cannot read or write " + file + ": " + e, e);
    }
  }

  // Written to a temporary file, flushed to disk, then renamed: a crash leaves the old file or
  // the new one, never half of either.
  private static void writeAtomically(Path target, String content, boolean secret)
      throws IOException {
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    Files.deleteIfExists(temporary);
    if (secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          temporary,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(
        temporary,
        content,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.SYNC);
    try {
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  // The library's stop gives pg_ctl five seconds; a large shutdown checkpoint can take longer,
  // so wait for the postmaster itself to exit before the data folder is handed to anyone else.
  private static void stop(EmbeddedPostgres postgres, Path pgData) {
    Optional<ProcessHandle> postmaster = LeftoverPostmaster.running(pgData);
    try {
      postgres.close();
    } catch (IOException e) {
      log.warn("stopping embedded PostgreSQL in {}: {}", pgData, e.toString());
    }
    postmaster.ifPresent(process -> LeftoverPostmaster.awaitExit(process, STOP_WAIT, pgData));
  }
}
