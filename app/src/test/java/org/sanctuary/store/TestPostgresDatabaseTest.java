package org.sanctuary.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract against the test PostgreSQL: embedded, or the server named by the environment. */
class TestPostgresDatabaseTest extends DatabaseContract {
  private static Database database;

  @BeforeAll
  static void open() {
    database = TestDatabases.fresh();
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Override
  Database database() {
    return database;
  }

  @Test
  void fresh_twice_givesSeparateDatabases() {
    try (Database other = TestDatabases.fresh()) {
      database.inTransaction(connection -> insert(connection, 7, "only here"));

      int seenByOther =
          other.inTransaction(
              connection -> {
                try (var statement = connection.createStatement();
                    var rs =
                        statement.executeQuery(
                            "SELECT count(*) FROM pg_tables WHERE tablename = 'contract_rows'")) {
                  rs.next();
                  return rs.getInt(1);
                }
              });

      assertThat(seenByOther).isZero();
    }
  }

  @Test
  void close_calledTwice_isHarmless() {
    Database extra = TestDatabases.fresh();
    extra.close();
    extra.close();

    assertThat(extra.isReachable()).isFalse();
  }
}
