package org.sanctuary.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract, and what only the embedded database in a data folder promises. */
class EmbeddedDatabaseTest extends DatabaseContract {
  @TempDir static Path folder;
  private static Database database;

  @BeforeAll
  static void open() {
    TestDatabases.sharePostgresBinaries(folder);
    database = Database.embedded(folder);
  }

  @AfterAll
  static void close() {
    database.close();
    TestDatabases.unsharePostgresBinaries(folder);
  }

  @Override
  Database database() {
    return database;
  }

  @Test
  void open_existingDataFolder_keepsRows() {
    database.inTransaction(connection -> insert(connection, 5, "survives a restart"));

    database.close();
    database = Database.embedded(folder);

    assertThat(count()).isEqualTo(1);
  }

  @Test
  void open_stalePidFileOfAnotherProgram_removesItAndStarts() throws Exception {
    database.close();
    // a pid file from before a reboot whose pid now belongs to some other program
    Files.writeString(
        folder.resolve("postgres/postmaster.pid"),
        ProcessHandle.current().pid() + "\n" + folder.resolve("postgres") + "\n");

    database = Database.embedded(folder);

    assertThat(database.isReachable()).isTrue();
  }

  @Test
  void open_embedded_keepsWritesDurable() {
    String settings =
        text(
            "SELECT string_agg(name || '=' || setting, ',' ORDER BY name)"
                + " FROM pg_settings WHERE name IN"
                + " ('fsync', 'synchronous_commit', 'full_page_writes')");

    assertThat(settings).isEqualTo("fsync=on,full_page_writes=on,synchronous_commit=on");
  }

  @Test
  void open_embedded_hasBuffersAndALogSizedForSteadyWrites() {
    String settings = text("SELECT current_setting('shared_buffers') || ',' || current_setting('max_wal_size')");

    assertThat(settings).isEqualTo("256MB,2GB");
  }

  @Test
  void open_embedded_createsLogSegmentsWithoutWritingZeros() {
    // the log stays durable (the test above); only a new segment's zero fill is skipped
    assertThat(text("SELECT current_setting('wal_init_zero')")).isEqualTo("off");
  }

  // the one text value the query returns
  private String text(String query) {
    return database.inTransaction(
        connection -> {
          try (Statement statement = connection.createStatement();
              ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
          }
        });
  }

  @Test
  void open_folderAlreadyOpen_refusesSecondOpener() {
    assertThatThrownBy(() -> Database.embedded(folder))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("is in use by another Sanctuary process");
    assertThat(database.isReachable()).isTrue();
  }

  @Test
  void connect_withoutThePassword_isRefused() {
    String url = ((HikariDataSource) database.dataSource()).getJdbcUrl();
    Properties noPassword = new Properties();
    noPassword.setProperty("user", "postgres");

    assertThatThrownBy(() -> DriverManager.getConnection(url, noPassword).close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("password");
  }

  @Test
  void open_dataFolder_keepsPasswordPrivate() throws Exception {
    Path password = folder.resolve(EmbeddedCluster.PASSWORD_FILE);

    assertThat(Files.getPosixFilePermissions(password))
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
  }
}
