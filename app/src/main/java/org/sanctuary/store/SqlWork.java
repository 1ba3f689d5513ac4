package org.sanctuary.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done inside one transaction; see {@link Database#inTransaction(SqlWork)}.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
