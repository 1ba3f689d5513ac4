package org.sanctuary.ledger.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An append-only list of hashes packed into byte arrays: 32 bytes per hash instead of the ~80 a
 * {@link Hash} object costs, and no copying of old data as it grows past the first chunk.
 */
final class HashColumn {
  private static final int CHUNK_SHIFT = 15;
  private static final int CHUNK_HASHES = 1 << CHUNK_SHIFT; // 1 MiB per chunk
  private static final int CHUNK_MASK = CHUNK_HASHES - 1;
  private static final int FIRST_CHUNK_HASHES = 16;

  // Chunk 0 doubles up to CHUNK_HASHES so that small trees stay small; later chunks are full size.
  private final List<byte[]> chunks = new ArrayList<>();
  private long size;

  long size() {
    return size;
  }

  void add(Hash hash) {
    int offset = (int) (size & CHUNK_MASK);
    int chunk = (int) (size >>> CHUNK_SHIFT);
    if (chunk == chunks.size()) {
      chunks.add(new byte[(chunk == 0 ? FIRST_CHUNK_HASHES : CHUNK_HASHES) * Hash.SIZE]);
    } else if (chunk == 0 && offset * Hash.SIZE == chunks.get(0).length) {
      chunks.set(0, Arrays.copyOf(chunks.get(0), 2 * chunks.get(0).length));
    }
    hash.copyTo(chunks.get(chunk), offset * Hash.SIZE);
    size++;
  }

  Hash get(long index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("hash " + index + " of " + size);
    }
    byte[] chunk = chunks.get((int) (index >>> CHUNK_SHIFT));
    int from = (int) (index & CHUNK_MASK) * Hash.SIZE;
    return Hash.wrap(Arrays.copyOfRange(chunk, from, from + Hash.SIZE));
  }
}
