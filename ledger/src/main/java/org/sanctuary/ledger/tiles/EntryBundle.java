package org.sanctuary.ledger.tiles;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An entry bundle (C2SP tlog-tiles): the entries under one level-0 tile, each written as a
 * big-endian 16-bit length followed by that many bytes. Entry {@code i} of bundle {@code N} hashes
 * to hash {@code i} of level-0 tile {@code N}.
 */
public final class EntryBundle {
  /** The longest entry a bundle can carry. */
  public static final int MAX_ENTRY = 0xffff;

  private EntryBundle() {}

  public static byte[] encode(List<byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < entries.size(); i++) {
      byte[] entry = entries.get(i);
      if (entry.length > MAX_ENTRY) {
        throw new IllegalArgumentException(
            "entry " + i + ": " + entry.length + " bytes (want at most " + MAX_ENTRY + ")");
      }
      out.write(entry.length >>> 8);
      out.write(entry.length & 0xff);
      out.write(entry, 0, entry.length);
    }
    return out.toByteArray();
  }

  /**
   * Splits a bundle into exactly {@code count} entries.
   *
   * @throws InvalidTileException when the bundle holds another number of entries, or is cut short
   */
  public static List<byte[]> decode(byte[] bundle, int count) {
    List<byte[]> entries = new ArrayList<>(count);
    int at = 0;
    while (at < bundle.length) {
      if (at + 2 > bundle.length) {
        throw new InvalidTileException(
            "entry bundle: entry " + entries.size() + " is cut short in its length prefix");
      }
      int length = ((bundle[at] & 0xff) << 8) | (bundle[at + 1] & 0xff);
      at += 2;
      if (at + length > bundle.length) {
        throw new InvalidTileException(
            "entry bundle: entry " + entries.size() + " claims " + length + " bytes, "
                + (bundle.length - at) + " remain");
      }
      byte[] entry = new byte[length];
      System.arraycopy(bundle, at, entry, 0, length);
      entries.add(entry);
      at += length;
    }
    if (entries.size() != count) {
      throw new InvalidTileException(
          "entry bundle: " + entries.size() + " entries (want " + count + ")");
    }
    return entries;
  }
}
