package org.sanctuary.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;

/** The binary COPY reader against what JDBC reads from the same rows, with every buffer size. */
class CopyRowsTest {
  // dates on both sides of 1970 and 2000, times with fractions before 1970, nulls, long and
  // non-ASCII texts, empty and repeated arrays
  private static final String ROWS = "SELECT DATE '1960-01-01' + (g * 97) % 40000 AS d,"
      + " CASE WHEN g % 7 = 0 THEN NULL ELSE TIMESTAMPTZ '1965-03-01 00:00:00.5+00'"
      + "   + g * interval '37 days 3 hours 0.123457 seconds' END AS t,"
      + " g % 3 = 0 AS b, (g - 150) * 1234567891011 AS i,"
      + " CASE g % 5 WHEN 0 THEN NULL WHEN 1 THEN 'CPD' WHEN 2 THEN repeat('é', g * 30) ELSE 'x' || g END AS s,"
      + " CASE g % 4 WHEN 0 THEN NULL WHEN 1 THEN ARRAY[]::text[] WHEN 2 THEN ARRAY['a', 'b' || (g % 3)]"
      + "   ELSE ARRAY['5 ILCS 805/15(a)', 'Ω'] END AS a"
      + " FROM generate_series(1, 300) g ORDER BY g";

  private static Database database;

  @BeforeAll
  static void start() {
    database = TestDatabases.fresh();
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  private record Row(int day, long second, boolean b, long i, String s, List<String> a) {}

  private static List<Row> viaJdbc() {
    return database.inTransaction(c -> {
      List<Row> out = new ArrayList<>();
      try (ResultSet rs = c.createStatement().executeQuery(
          "SELECT d, floor(extract(epoch FROM t))::int8, b, i, s, a FROM (" + ROWS + ") x")) {
        while (rs.next()) {
          long second = rs.getLong(2);
          if (rs.wasNull()) second = Long.MIN_VALUE;
          Array a = rs.getArray(6);
          out.add(new Row((int) rs.getObject(1, LocalDate.class).toEpochDay(), second, rs.getBoolean(3), rs.getLong(4),
              rs.getString(5), a == null ? null : Arrays.asList((String[]) a.getArray())));
        }
      }
      return out;
    });
  }

  private static List<Row> viaCopy(Connection c, int bufferSize) throws SQLException {
    List<Row> out = new ArrayList<>();
    try (CopyRows rows = CopyRows.start(c, "COPY (" + ROWS + ") TO STDOUT (FORMAT binary)", bufferSize)) {
      while (rows.next()) {
        out.add(new Row(rows.epochDay(), rows.epochSecond(), rows.bool(), rows.int8(), rows.text(), rows.texts()));
      }
    }
    return out;
  }

  @Test
  void read_everyTypeAcrossBufferBoundaries_isWhatJdbcReads() {
    List<Row> expected = viaJdbc();
    assertThat(expected).hasSize(300);
    assertThat(expected).anySatisfy(r -> assertThat(r.second()).isNegative());
    for (int size : new int[] {1, 3, 7, 64, 1 << 16}) {
      List<Row> read = database.inTransaction(c -> viaCopy(c, size));
      assertThat(read).as("buffer of %d bytes", size).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void texts_equalArrays_areOneSharedList() {
    List<Row> read = database.inTransaction(c -> viaCopy(c, 1 << 16));
    List<List<String>> citations = read.stream().map(Row::a).filter(Objects::nonNull)
        .filter(a -> a.contains("Ω")).toList();
    assertThat(citations).hasSizeGreaterThan(10);
    assertThat(citations).allSatisfy(a -> assertThat(a).isSameAs(citations.get(0)));
    assertThatThrownBy(() -> citations.get(0).add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void read_wrongTypeOrFieldsLeftUnread_failsNamingIt_andTheTransactionGoesOn() throws SQLException {
    try (Connection c = database.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (CopyRows rows = CopyRows.start(c, "COPY (" + ROWS + ") TO STDOUT (FORMAT binary)")) {
        assertThat(rows.next()).isTrue();
        assertThatThrownBy(rows::int8).isInstanceOf(SQLException.class).hasMessageContaining("4 bytes where 8");
        assertThatThrownBy(rows::next).isInstanceOf(SQLException.class).hasMessageContaining("not read");
      }
      // closed half-way: the rest of the copy is read away and the transaction goes on
      try (ResultSet rs = c.createStatement().executeQuery("SELECT 41 + 1")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(42);
      }
      c.commit();
    }
  }
}
