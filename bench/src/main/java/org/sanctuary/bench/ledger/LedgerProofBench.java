package org.sanctuary.bench.ledger;

import java.util.SplittableRandom;
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
import org.sanctuary.ledger.merkle.ConsistencyProof;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.InclusionProof;
import org.sanctuary.ledger.merkle.InvalidProofException;
import org.sanctuary.ledger.merkle.MemoryTree;

/**
 * Proofs from an in-memory tree of ten million leaves (about 640 MB of stored hashes; building it
 * takes several seconds per fork). Indexes are random so no proof is served from a warm path.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Benchmark)
public class LedgerProofBench {
  @Param({"10000000"})
  long size;

  private MemoryTree tree;
  private Hash root;
  private InclusionProof sampleProof;
  private Hash sampleLeaf;

  @Setup(Level.Trial)
  public void buildTree() throws InvalidProofException {
    tree = new MemoryTree();
    byte[] entry = new byte[64];
    for (long i = 0; i < size; i++) {
      for (int b = 0; b < 8; b++) {
        entry[b] = (byte) (i >>> (8 * b));
      }
      tree.append(entry);
    }
    root = tree.root();
    long index = size / 3;
    sampleProof = tree.inclusionProof(index, size);
    sampleLeaf = tree.leafHash(index);
    sampleProof.verify(sampleLeaf, root);
  }

  /** Per-thread random source, so threads never contend on it. */
  @State(Scope.Thread)
  public static class Indexes {
    final SplittableRandom random = new SplittableRandom(42);
  }

  @Benchmark
  public InclusionProof inclusionProof(Indexes indexes) {
    return tree.inclusionProof(indexes.random.nextLong(size), size);
  }

  @Benchmark
  public ConsistencyProof consistencyProof(Indexes indexes) {
    return tree.consistencyProof(1 + indexes.random.nextLong(size - 1), size);
  }

  @Benchmark
  public InclusionProof verifyInclusion() throws InvalidProofException {
    sampleProof.verify(sampleLeaf, root);
    return sampleProof;
  }
}
