package org.sanctuary.policy.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.sanctuary.policy.Decision;
import org.sanctuary.policy.Outcome;
import org.sanctuary.policy.Verdict;

/**
 * Writes decisions one per line as UTF-8, each line the bytes of {@code DecisionJson.write(d)
 * .toString()}, for outputs of millions of decisions.
 *
 * <p>A decision is its request's id, date and requester plus a verdict that every request of the
 * same shape shares. The verdict's part of the line (the law in force, the reasons and the duties:
 * most of the bytes) is serialized by {@link DecisionJson} once per verdict and copied after that;
 * only the id, the date and the requester are written per line.
 *
 * <p>Lines are gathered into chunks of about 64 KiB, and every write to the stream holds whole
 * lines only (so a receiver may decode each write on its own). Not thread-safe: one per output.
 */
public final class DecisionLines implements AutoCloseable {
  private static final int CHUNK = 1 << 16;
  private static final String TAIL_START = ",\"inForce\":";
  // the engine shares verdicts, so a year of requests has some thousands; it makes a fresh one for
  // each unknown requester, and those must not grow the caches without bound
  private static final int MAX_CACHED = 20_000;
  private static final byte[] OPEN_ID = ascii("{\"id\":\"");
  private static final byte[] OPEN_NO_ID = ascii("{\"outcome\":\"");
  private static final byte[] ID_TO_OUTCOME = ascii("\",\"outcome\":\"");
  private static final byte[] DATE_TO_REQUESTER = ascii("\",\"requester\":");
  private static final byte[] NULL = ascii("null");
  private static final Map<Outcome, byte[]> OUTCOME_TO_DATE = new EnumMap<>(Outcome.class);

  static {
    for (Outcome o : Outcome.values()) OUTCOME_TO_DATE.put(o, ascii(o.name() + "\",\"asOf\":\""));
  }

  private final OutputStream out;
  private final byte[] newline;
  private final Map<Verdict, byte[]> tailOfShared = new IdentityHashMap<>();
  private final Map<Verdict, byte[]> tailOfEqual = new HashMap<>();
  private byte[] buffer = new byte[CHUNK + (CHUNK >> 1)];
  private int length;

  /** Lines go to {@code out}, each ended by {@code lineSeparator}; {@link #close} flushes but leaves {@code out} open. */
  public DecisionLines(OutputStream out, String lineSeparator) {
    this.out = out;
    this.newline = lineSeparator.getBytes(StandardCharsets.UTF_8);
  }

  public void write(Decision d) {
    if (d.requestId() == null) {
      put(OPEN_NO_ID);
    } else {
      put(OPEN_ID);
      putEscaped(d.requestId());
      put(ID_TO_OUTCOME);
    }
    put(OUTCOME_TO_DATE.get(d.outcome()));
    putAscii(d.asOf().toString());
    put(DATE_TO_REQUESTER);
    if (d.requester() == null) {
      put(NULL);
    } else {
      put((byte) '"');
      putEscaped(d.requester());
      put((byte) '"');
    }
    put(tail(d));
    put(newline);
    if (length >= CHUNK) drain();
  }

  /** From {@code ,"inForce":} to the closing brace, as DecisionJson writes it for this verdict. */
  private byte[] tail(Decision d) {
    Verdict v = d.verdict();
    byte[] tail = tailOfShared.get(v);
    if (tail != null) return tail;
    tail = tailOfEqual.get(v); // another verdict object with the same content
    if (tail == null) {
      String whole = DecisionJson.write(new Decision(null, d.asOf(), null, v)).toString();
      // the first ,"inForce": is the field itself: a quote inside a JSON string is always escaped
      tail = whole.substring(whole.indexOf(TAIL_START)).getBytes(StandardCharsets.UTF_8);
      if (tailOfEqual.size() < MAX_CACHED) tailOfEqual.put(v, tail);
    }
    if (tailOfShared.size() < MAX_CACHED) tailOfShared.put(v, tail);
    return tail;
  }

  /** A JSON string's content, escaped as Jackson's writer escapes it, in UTF-8. */
  private void putEscaped(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
        // anything but plain printable ASCII: Jackson's escaping, then UTF-8 as a writer encodes it
        put(new String(JsonStringEncoder.getInstance().quoteAsString(s)).getBytes(StandardCharsets.UTF_8));
        return;
      }
    }
    putAscii(s);
  }

  private void putAscii(String s) {
    room(s.length());
    for (int i = 0; i < s.length(); i++) buffer[length++] = (byte) s.charAt(i); // ASCII: a char is a byte
  }

  private void put(byte[] bytes) {
    room(bytes.length);
    System.arraycopy(bytes, 0, buffer, length, bytes.length);
    length += bytes.length;
  }

  private void put(byte b) {
    room(1);
    buffer[length++] = b;
  }

  private void room(int n) {
    if (length + n > buffer.length) buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + n));
  }

  private void drain() {
    try {
      out.write(buffer, 0, length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    length = 0;
  }

  /** Writes what is left and flushes the stream. */
  @Override
  public void close() {
    if (length > 0) drain();
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
