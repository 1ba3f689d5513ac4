package org.sanctuary.bench.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.TreeHasher;

/**
 * Leaf and node hashing against the physical floor: one SHA-256 over the same bytes, with a
 * reused digest and no allocation of a result object.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class LedgerHashBench {
  /** A ledger entry carries ids and hashes, not documents: a few dozen to a few hundred bytes. */
  @Param({"128"})
  int entryBytes;

  private byte[] entry;
  private byte[] leafInput;
  private byte[] nodeInput;
  private Hash left;
  private Hash right;
  private MessageDigest sha;

  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    entry = new byte[entryBytes];
    for (int i = 0; i < entry.length; i++) {
      entry[i] = (byte) (i * 31);
    }
    leafInput = new byte[1 + entryBytes]; // 0x00 || entry
    System.arraycopy(entry, 0, leafInput, 1, entryBytes);
    nodeInput = new byte[1 + 2 * Hash.SIZE]; // 0x01 || left || right
    nodeInput[0] = 1;
    sha = MessageDigest.getInstance("SHA-256");
    left = TreeHasher.leafHash(new byte[] {1});
    right = TreeHasher.leafHash(new byte[] {2});
    left.copyTo(nodeInput, 1);
    right.copyTo(nodeInput, 1 + Hash.SIZE);
  }

  @Benchmark
  public byte[] sha256LeafFloor() {
    return sha.digest(leafInput);
  }

  @Benchmark
  public Hash leafHash() {
    return TreeHasher.leafHash(entry);
  }

  @Benchmark
  public byte[] sha256NodeFloor() {
    return sha.digest(nodeInput);
  }

  @Benchmark
  public Hash nodeHash() {
    return TreeHasher.nodeHash(left, right);
  }
}
