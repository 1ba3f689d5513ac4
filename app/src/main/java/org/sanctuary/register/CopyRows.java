package org.sanctuary.register;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.postgresql.copy.PGCopyInputStream;

/**
 * Reads the rows of {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)} field by field, for the
 * reports that return most of a year's register: the server sends dates and times as plain
 * integers (no formatting, no parsing on either side), and the few distinct short texts (agency
 * codes, outcomes, dispositions, citation lists) come back as the same shared objects rather than
 * one new string per row. Only the types the reports read: {@code date}, {@code timestamptz},
 * {@code bool}, {@code int8}, {@code text} and {@code text[]}.
 */
final class CopyRows implements AutoCloseable {
  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
  /** PostgreSQL counts days and microseconds from 2000-01-01 (UTC); Java from 1970-01-01. */
  private static final int EPOCH_DAYS_2000 = 10_957;
  private static final long EPOCH_SECONDS_2000 = EPOCH_DAYS_2000 * 86_400L;

  private final CopyOut copy;
  private final InputStream in;
  private byte[] buffer;
  private int position;
  private int limit;
  private int fieldsLeft;
  private final TextCache texts = new TextCache();
  private final ListCache lists = new ListCache();

  private CopyRows(CopyOut copy, int bufferSize) {
    this.copy = copy;
    this.in = new PGCopyInputStream(copy);
    this.buffer = new byte[bufferSize];
  }

  /** Starts {@code sql} (a {@code COPY ... TO STDOUT (FORMAT binary)}) on {@code c} and reads its header. */
  static CopyRows start(Connection c, String sql) throws SQLException {
    return start(c, sql, 1 << 16);
  }

  /** As above with a first buffer of {@code bufferSize} bytes (it grows for a longer field). */
  static CopyRows start(Connection c, String sql, int bufferSize) throws SQLException {
    if (bufferSize < 1) throw new IllegalArgumentException("bufferSize: " + bufferSize);
    CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
    CopyRows rows = new CopyRows(copy, bufferSize);
    try {
      rows.header();
    } catch (IOException | SQLException e) {
      rows.close();
      throw e instanceof SQLException s ? s : new SQLException("COPY: " + e.getMessage(), e);
    }
    return rows;
  }

  private void header() throws IOException, SQLException {
    for (byte b : SIGNATURE) {
      if (readByte() != (b & 0xff)) throw new SQLException("COPY: not PostgreSQL's binary format");
    }
    readInt(); // flags: none that change the tuples
    skip(readInt()); // header extension
  }

  /** Moves to the next row; false after the last. */
  boolean next() throws SQLException {
    try {
      if (fieldsLeft != 0) throw new SQLException("COPY: " + fieldsLeft + " field(s) of the row not read");
      int fields = readShort();
      if (fields == -1) return false;
      fieldsLeft = fields;
      return true;
    } catch (IOException e) {
      throw new SQLException("COPY: " + e.getMessage(), e);
    }
  }

  /** A {@code date} as days since 1970-01-01. */
  int epochDay() throws SQLException {
    expect(4);
    return readIntUnchecked() + EPOCH_DAYS_2000;
  }

  /** A {@code timestamptz} as whole seconds since 1970 (rounded down), or {@code Long.MIN_VALUE} for NULL. */
  long epochSecond() throws SQLException {
    int length = length();
    if (length == -1) return Long.MIN_VALUE;
    if (length != 8) throw new SQLException("COPY: a timestamp of " + length + " bytes");
    ensure(8);
    return Math.floorDiv(readLongUnchecked(), 1_000_000L) + EPOCH_SECONDS_2000;
  }

  boolean bool() throws SQLException {
    expect(1);
    return readByteUnchecked() != 0;
  }

  long int8() throws SQLException {
    expect(8);
    return readLongUnchecked();
  }

  /** A {@code text}, or null. Equal short texts come back as one shared string. */
  String text() throws SQLException {
    int length = length();
    if (length == -1) return null;
    ensure(length);
    String s = texts.get(buffer, position, length);
    position += length;
    return s;
  }

  /** A one-dimensional {@code text[]} as an unmodifiable list, or null. Equal arrays share one list. */
  List<String> texts() throws SQLException {
    int length = length();
    if (length == -1) return null;
    ensure(length);
    List<String> cached = lists.get(buffer, position, length);
    if (cached == null) {
      cached = parseArray(position, length);
      lists.put(buffer, position, length, cached);
    }
    position += length;
    return cached;
  }

  // ndim, has-nulls, element type, then per dimension size and lower bound, then the elements
  private List<String> parseArray(int at, int length) throws SQLException {
    int end = at + length;
    int dimensions = intAt(at);
    if (dimensions == 0) return List.of();
    if (dimensions != 1) throw new SQLException("COPY: an array of " + dimensions + " dimensions");
    int size = intAt(at + 12);
    int p = at + 20;
    List<String> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      int n = intAt(p);
      p += 4;
      if (n == -1) throw new SQLException("COPY: a NULL element in a list of citations");
      if (p + n > end) throw new SQLException("COPY: an array element past the field's end");
      out.add(new String(buffer, p, n, StandardCharsets.UTF_8));
      p += n;
    }
    return List.copyOf(out);
  }

  private int intAt(int p) {
    return (buffer[p] & 0xff) << 24 | (buffer[p + 1] & 0xff) << 16 | (buffer[p + 2] & 0xff) << 8 | (buffer[p + 3] & 0xff);
  }

  private void expect(int want) throws SQLException {
    int length = length();
    if (length != want) {
      throw new SQLException("COPY: a field of " + length + " bytes where " + want + " were wanted (NULL is -1)");
    }
    ensure(want);
  }

  private int length() throws SQLException {
    if (fieldsLeft-- <= 0) throw new SQLException("COPY: read past the row's last field");
    ensure(4);
    int length = readIntUnchecked();
    if (length < -1) throw new SQLException("COPY: a field of " + length + " bytes");
    return length;
  }

  private void ensure(int n) throws SQLException {
    if (limit - position >= n) return;
    try {
      fill(n);
    } catch (IOException e) {
      throw new SQLException("COPY: " + e.getMessage(), e);
    }
  }

  // keeps the unread bytes and reads until n are there, growing the buffer for a long field
  private void fill(int n) throws IOException {
    int left = limit - position;
    if (n > buffer.length) {
      if (n > 1 << 30) throw new IOException("a field of " + n + " bytes");
      byte[] bigger = new byte[Math.max(n, 2 * buffer.length)];
      System.arraycopy(buffer, position, bigger, 0, left);
      buffer = bigger;
    } else {
      System.arraycopy(buffer, position, buffer, 0, left);
    }
    position = 0;
    limit = left;
    while (limit < n) {
      int read = in.read(buffer, limit, buffer.length - limit);
      if (read < 0) throw new EOFException("the copy ended inside a row");
      limit += read;
    }
  }

  private int readByte() throws IOException {
    if (limit == position) fill(1);
    return buffer[position++] & 0xff;
  }

  private int readShort() throws IOException {
    if (limit - position < 2) fill(2);
    int v = (short) ((buffer[position] & 0xff) << 8 | (buffer[position + 1] & 0xff));
    position += 2;
    return v;
  }

  private int readInt() throws IOException {
    if (limit - position < 4) fill(4);
    return readIntUnchecked();
  }

  private void skip(int n) throws IOException {
    if (n < 0) throw new IOException("a header extension of " + n + " bytes");
    while (n > 0) {
      if (limit == position) fill(1);
      int step = Math.min(n, limit - position);
      position += step;
      n -= step;
    }
  }

  private int readIntUnchecked() {
    int v = intAt(position);
    position += 4;
    return v;
  }

  private int readByteUnchecked() {
    return buffer[position++];
  }

  private long readLongUnchecked() {
    long v = ((long) intAt(position) << 32) | (intAt(position + 4) & 0xffffffffL);
    position += 8;
    return v;
  }

  /**
   * Ends the copy. One closed early (a failed read) is read to its end, not cancelled: a cancel
   * reaches the server asynchronously and can land on the connection's next statement, and the
   * connection goes back to the pool.
   */
  @Override
  public void close() throws SQLException {
    while (copy.isActive()) {
      if (copy.readFromCopy() == null) break;
    }
  }

  /**
   * Strings by their bytes, for the few distinct values of a code column: a small open-addressing
   * table that stops caching (and just decodes) once it holds {@code MAX} values, so free text
   * cannot grow it.
   */
  private static final class TextCache {
    private static final int MAX = 256;
    private final byte[][] keys = new byte[MAX * 2][];
    private final String[] values = new String[MAX * 2];
    private int size;

    String get(byte[] b, int at, int n) {
      if (n > 64) return new String(b, at, n, StandardCharsets.UTF_8);
      int slot = hash(b, at, n) & (keys.length - 1);
      while (keys[slot] != null) {
        if (Arrays.equals(keys[slot], 0, keys[slot].length, b, at, at + n)) return values[slot];
        slot = (slot + 1) & (keys.length - 1);
      }
      String s = new String(b, at, n, StandardCharsets.UTF_8);
      if (size < MAX) {
        keys[slot] = Arrays.copyOfRange(b, at, at + n);
        values[slot] = s;
        size++;
      }
      return s;
    }
  }

  /** The same for whole arrays (the citation lists, a handful of distinct ones a year). */
  private static final class ListCache {
    private static final int MAX = 256;
    private final byte[][] keys = new byte[MAX * 2][];
    private final List<?>[] values = new List<?>[MAX * 2];
    private int size;

    @SuppressWarnings("unchecked")
    List<String> get(byte[] b, int at, int n) {
      int slot = hash(b, at, n) & (keys.length - 1);
      while (keys[slot] != null) {
        if (Arrays.equals(keys[slot], 0, keys[slot].length, b, at, at + n)) return (List<String>) values[slot];
        slot = (slot + 1) & (keys.length - 1);
      }
      return null;
    }

    void put(byte[] b, int at, int n, List<String> list) {
      if (size >= MAX || n > 4096) return;
      int slot = hash(b, at, n) & (keys.length - 1);
      while (keys[slot] != null) slot = (slot + 1) & (keys.length - 1);
      keys[slot] = Arrays.copyOfRange(b, at, at + n);
      values[slot] = list;
      size++;
    }
  }

  private static int hash(byte[] b, int at, int n) {
    int h = n;
    for (int i = at; i < at + n; i++) h = 31 * h + b[i];
    return h ^ (h >>> 16);
  }
}
