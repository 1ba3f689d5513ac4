package org.sanctuary.register;

/** The ledger checkpoint a report was computed at: the tree size and its root (base64). */
public record Checkpoint(long size, String root) {
  public Checkpoint {
    if (size < 0) throw new IllegalArgumentException("size: " + size);
    java.util.Objects.requireNonNull(root, "root");
  }
}
