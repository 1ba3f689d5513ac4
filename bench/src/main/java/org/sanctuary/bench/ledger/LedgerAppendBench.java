package org.sanctuary.bench.ledger;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sanctuary.ledger.merkle.CompactRange;
import org.sanctuary.ledger.merkle.MemoryTree;
import org.sanctuary.ledger.merkle.TreeHasher;

/**
 * Appending leaves. An append costs one leaf hash and, amortised, one node hash (a tree of n
 * leaves has n - 1 interior nodes), so the floor is those two SHA-256 calls and nothing else.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Thread)
public class LedgerAppendBench {
  @Param({"128"})
  int entryBytes;

  private byte[] entry;
  private byte[] leafInput;
  private byte[] nodeInput;
  private MessageDigest sha;
  private MemoryTree tree;
  private CompactRange range;

  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    entry = new byte[entryBytes];
    leafInput = new byte[1 + entryBytes];
    nodeInput = new byte[1 + 64];
    nodeInput[0] = 1;
    sha = MessageDigest.getInstance("SHA-256");
  }

  // Start each iteration from an empty tree so memory use stays bounded.
  @Setup(Level.Iteration)
  public void emptyTrees() {
    tree = new MemoryTree();
    range = CompactRange.empty();
  }

  @Benchmark
  public byte[] sha256AppendFloor() throws DigestException {
    leafInput[1]++;
    sha.update(leafInput);
    sha.digest(nodeInput, 1, 32);
    return sha.digest(nodeInput);
  }

  @Benchmark
  public CompactRange compactRangeAppend() {
    entry[0]++;
    range.append(TreeHasher.leafHash(entry));
    return range;
  }

  @Benchmark
  public long memoryTreeAppend() {
    entry[0]++;
    return tree.append(entry);
  }
}
