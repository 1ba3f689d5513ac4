package org.sanctuary.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Database} promises, whichever PostgreSQL is behind it. Subclasses provide the
 * database; the same tests run against each.
 */
abstract class DatabaseContract {

  /** The database under test, open. */
  abstract Database database();

  @BeforeEach
  void emptyTable() {
    database()
        .inTransaction(
            connection -> {
              try (Statement statement = connection.createStatement()) {
                statement.execute(
                    "CREATE TABLE IF NOT EXISTS contract_rows (id int PRIMARY KEY, note text NOT"
                        + " NULL)");
                statement.execute("DELETE FROM contract_rows");
              }
              return null;
            });
  }

  @Test
  void open_freshDatabase_appliesMigrations() throws SQLException {
    try (Connection connection = database().dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet info = statement.executeQuery("SELECT notes FROM store_info")) {
      assertThat(info.next()).isTrue();
      assertThat(info.getString(1)).contains("V1xx", "V2xx", "V5xx");
    }
    try (Connection connection = database().dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet history =
            statement.executeQuery(
                "SELECT success FROM flyway_schema_history WHERE version = '100'")) {
      assertThat(history.next()).isTrue();
      assertThat(history.getBoolean(1)).isTrue();
    }
  }

  @Test
  void inTransaction_whenWorkReturns_commitsAndReturnsItsValue() {
    int inserted = database().inTransaction(connection -> insert(connection, 1, "kept"));

    assertThat(inserted).isEqualTo(1);
    assertThat(count()).isEqualTo(1);
  }

  @Test
  void inTransaction_whenWorkThrows_rollsBackEverything() {
    IllegalStateException failure = new IllegalStateException("stop half-way");

    assertThatThrownBy(
            () ->
                database()
                    .inTransaction(
                        connection -> {
                          insert(connection, 1, "first");
                          insert(connection, 2, "second");
                          throw failure;
                        }))
        .isSameAs(failure);
    assertThat(count()).isZero();
  }

  @Test
  void inTransaction_whenSqlFails_rollsBackAndThrowsStoreException() {
    assertThatThrownBy(
            () ->
                database()
                    .inTransaction(
                        connection -> {
                          insert(connection, 1, "first");
                          return insert(connection, 1, "same key again");
                        }))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("duplicate key");
    assertThat(count()).isZero();
  }

  @Test
  void isReachable_openDatabase_isTrue() {
    assertThat(database().isReachable()).isTrue();
  }

  static int insert(Connection connection, int id, String note) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO contract_rows (id, note) VALUES (?, ?)")) {
      insert.setInt(1, id);
      insert.setString(2, note);
      return insert.executeUpdate();
    }
  }

  int count() {
    return database()
        .inTransaction(
            connection -> {
              try (Statement statement = connection.createStatement();
                  ResultSet rs = statement.executeQuery("SELECT count(*) FROM contract_rows")) {
                rs.next();
                return rs.getInt(1);
              }
            });
  }
}
