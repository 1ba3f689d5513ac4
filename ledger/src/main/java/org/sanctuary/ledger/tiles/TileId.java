package org.sanctuary.ledger.tiles;

/**
 * One tile of the tree (C2SP tlog-tiles): {@code width} consecutive hashes at tile level {@code
 * level}, starting at hash {@code index * 256} of that level. A level-{@code L} hash is the root of
 * {@code 256^L} consecutive leaves, i.e. the Merkle node at tree level {@code 8 * L}. A full tile
 * holds 256 hashes and never changes; a partial tile holds the 1 to 255 hashes at the right edge.
 *
 * <p>Paths: {@code tile/<L>/<N>[.p/<W>]} for hashes, {@code tile/entries/<N>[.p/<W>]} for the
 * entries under a level-0 tile, where {@code N} is written in groups of three digits, all but the
 * last prefixed by {@code x}: index 1234067 is {@code x001/x234/067}.
 */
public record TileId(int level, long index, int width) {
  /** Tree levels per tile. */
  public static final int HEIGHT = 8;
  /** Hashes in a full tile. */
  public static final int WIDTH = 1 << HEIGHT;
  /** Highest level a path may name (the format's limit). */
  public static final int MAX_LEVEL = 63;

  public TileId {
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException("tile level: " + level + " (want 0 to " + MAX_LEVEL + ")");
    }
    if (index < 0 || index > Long.MAX_VALUE / WIDTH) {
      throw new IllegalArgumentException(
          "tile index: " + index + " (want 0 to " + Long.MAX_VALUE / WIDTH + ")");
    }
    if (width < 1 || width > WIDTH) {
      throw new IllegalArgumentException("tile width: " + width + " (want 1 to " + WIDTH + ")");
    }
  }

  /** The full tile at a level and index. */
  public static TileId full(int level, long index) {
    return new TileId(level, index, WIDTH);
  }

  public boolean isFull() {
    return width == WIDTH;
  }

  /** The first hash of the tile, counted at its level. */
  public long firstHash() {
    return index * WIDTH;
  }

  /** {@code tile/<L>/<N>[.p/<W>]}. */
  public String path() {
    return "tile/" + level + "/" + encodeIndex(index) + suffix();
  }

  /** {@code tile/entries/<N>[.p/<W>]}: the entries whose leaf hashes this level-0 tile holds. */
  public String entriesPath() {
    if (level != 0) {
      throw new IllegalStateException("only level-0 tiles have entry bundles, not " + path());
    }
    return "tile/entries/" + encodeIndex(index) + suffix();
  }

  private String suffix() {
    return isFull() ? "" : ".p/" + width;
  }

  /** Writes a tile index as path elements: groups of three digits, all but the last after an x. */
  public static String encodeIndex(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("tile index: " + index + " (want >= 0)");
    }
    String last = String.format("%03d", index % 1000);
    StringBuilder out = new StringBuilder();
    for (long rest = index / 1000; rest > 0; rest /= 1000) {
      out.insert(0, String.format("x%03d/", rest % 1000));
    }
    return out.append(last).toString();
  }

  /** Parses {@code tile/<L>/<N>[.p/<W>]}, accepting only the canonical spelling. */
  public static TileId parse(String path) {
    String rest = strip(path, "tile/");
    int slash = rest.indexOf('/');
    if (slash < 0) {
      throw bad(path, "has no index after the level");
    }
    int level = (int) number(rest.substring(0, slash), MAX_LEVEL, path, "level");
    return parseIndex(level, rest.substring(slash + 1), path);
  }

  /** Parses {@code tile/entries/<N>[.p/<W>]} into the level-0 tile whose entries it names. */
  public static TileId parseEntries(String path) {
    return parseIndex(0, strip(path, "tile/entries/"), path);
  }

  private static TileId parseIndex(int level, String rest, String path) {
    int width = WIDTH;
    int partial = rest.indexOf(".p/");
    if (partial >= 0) {
      width = (int) number(rest.substring(partial + 3), WIDTH - 1, path, "width");
      if (width == 0) {
        throw bad(path, "has width 0 (want 1 to 255)");
      }
      rest = rest.substring(0, partial);
    }
    long index = 0;
    String[] groups = rest.split("/", -1);
    for (int i = 0; i < groups.length; i++) {
      String group = groups[i];
      boolean last = i == groups.length - 1;
      if (!last) {
        if (!group.startsWith("x")) {
          throw bad(path, "index element \"" + group + "\" does not start with x");
        }
        group = group.substring(1);
      }
      if (group.length() != 3 || !group.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw bad(path, "index element \"" + groups[i] + "\" is not three digits");
      }
      try {
        index = Math.addExact(Math.multiplyExact(index, 1000), Integer.parseInt(group));
      } catch (ArithmeticException e) {
        throw bad(path, "index is too large");
      }
    }
    if (index > Long.MAX_VALUE / WIDTH) {
      throw bad(path, "index is too large");
    }
    TileId id = new TileId(level, index, width);
    if (!encodeIndex(index).equals(rest)) {
      throw bad(path, "index is not written canonically (want " + encodeIndex(index) + ")");
    }
    return id;
  }

  private static String strip(String path, String prefix) {
    if (path == null || !path.startsWith(prefix)) {
      throw bad(path, "does not start with " + prefix);
    }
    return path.substring(prefix.length());
  }

  // A decimal with no sign and no leading zero, at most max.
  private static long number(String text, long max, String path, String what) {
    if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
        || (text.length() > 1 && text.charAt(0) == '0')) {
      throw bad(path, what + " \"" + text + "\" is not a decimal number without leading zeros");
    }
    long value = Long.parseLong(text);
    if (value > max) {
      throw bad(path, what + " " + value + " is above " + max);
    }
    return value;
  }

  private static IllegalArgumentException bad(String path, String why) {
    return new IllegalArgumentException(
        "tile path \"" + path + "\": " + why
            + " (want tile/<level>/<index>[.p/<width>] or tile/entries/<index>[.p/<width>],"
            + " index as x###/.../###)");
  }

  @Override
  public String toString() {
    return path();
  }
}
