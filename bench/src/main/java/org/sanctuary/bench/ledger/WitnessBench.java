package org.sanctuary.bench.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sanctuary.ledger.merkle.ConsistencyProof;
import org.sanctuary.ledger.merkle.InvalidProofException;
import org.sanctuary.ledger.merkle.MemoryTree;
import org.sanctuary.ledger.note.Checkpoint;
import org.sanctuary.ledger.note.Cosignature;
import org.sanctuary.ledger.note.Cosigner;
import org.sanctuary.ledger.note.Ed25519Provider;
import org.sanctuary.ledger.note.InvalidNoteException;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.witness.AddCheckpointRequest;
import org.sanctuary.witness.CheckpointStore;
import org.sanctuary.witness.FileCheckpointStore;
import org.sanctuary.witness.Witness;

/**
 * A witness answering add-checkpoint for a log of ten million leaves: parse the request, verify
 * the log's signature, verify a consistency proof from a random earlier size (about 2 log2 n
 * hashes), cosign, keep the new checkpoint. {@code cosignInMemory} keeps it in memory; {@code
 * cosignDurable} writes it to a file and forces it to disk first, as the witness server does (its
 * per-call reset of the file is set-up, not measured). The floors are the parts alone: one
 * signature check, one cosignature, one proof check.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Benchmark)
public class WitnessBench {
  private static final String ORIGIN = "city.example/ledger";
  private static final int REQUESTS = 64;

  @Param({"10000000"})
  long size;

  Signer log;
  Cosigner key;
  Checkpoint head;
  String headNote;
  String[] oldNotes = new String[REQUESTS];
  String[] bodies = new String[REQUESTS];
  ConsistencyProof[] proofs = new ConsistencyProof[REQUESTS];
  Checkpoint[] olds = new Checkpoint[REQUESTS];

  @Setup(Level.Trial)
  public void build() throws InvalidNoteException {
    log = Signer.generate(ORIGIN);
    key = Cosigner.generate("witness.example/bench");
    MemoryTree tree = new MemoryTree();
    byte[] entry = new byte[64];
    for (long i = 0; i < size; i++) {
      for (int b = 0; b < 8; b++) entry[b] = (byte) (i >>> (8 * b));
      tree.append(entry);
    }
    head = new Checkpoint(ORIGIN, size, tree.root());
    headNote = head.sign(log).encoded();
    SplittableRandom random = new SplittableRandom(15);
    for (int i = 0; i < REQUESTS; i++) {
      long old = 1 + random.nextLong(size - 1);
      olds[i] = new Checkpoint(ORIGIN, old, tree.root(old));
      oldNotes[i] = olds[i].sign(log).encoded();
      proofs[i] = tree.consistencyProof(old, size);
      bodies[i] = new String(new AddCheckpointRequest(old, proofs[i].path(), headNote).encode());
    }
    System.out.println("# Ed25519: " + Ed25519Provider.inUse());
  }

  /** A store holding one checkpoint, in memory. */
  static final class OneCheckpoint implements CheckpointStore {
    final Map<String, String> notes = new HashMap<>();

    @Override
    public Optional<String> latest(String origin) {
      return Optional.ofNullable(notes.get(origin));
    }

    @Override
    public void save(String origin, String note) {
      notes.put(origin, note);
    }
  }

  /** Which prepared request comes next, per thread. */
  @State(Scope.Thread)
  public static class InMemory {
    int next;
  }

  /** As above, the state in a file that each cosignature replaces and forces to disk. */
  @State(Scope.Thread)
  public static class OnDisk {
    int next;
    Path dir;
    FileCheckpointStore store;
    Witness witness;
    String body;

    @Setup(Level.Trial)
    public void open() throws IOException {
      dir = Files.createTempDirectory("witness-bench");
      store = new FileCheckpointStore(dir);
    }

    @Setup(Level.Invocation)
    public void prepare(WitnessBench b) throws IOException {
      int i = next++ % REQUESTS;
      store.save(ORIGIN, b.oldNotes[i]);
      witness = new Witness(b.key, List.of(b.log.verifier()), store, Clock.systemUTC());
      body = b.bodies[i];
    }

    @TearDown(Level.Trial)
    public void remove() throws IOException {
      try (var files = Files.list(dir)) {
        for (Path p : (Iterable<Path>) files::iterator) Files.delete(p);
      }
      Files.delete(dir);
    }
  }

  /**
   * A fresh witness (two small objects) whose last cosigned checkpoint is a random earlier one,
   * then the request: building the witness is part of the measured time, and negligible.
   */
  @Benchmark
  public Witness.Answer cosignInMemory(InMemory state) {
    int i = state.next++ % REQUESTS;
    OneCheckpoint store = new OneCheckpoint();
    store.notes.put(ORIGIN, oldNotes[i]);
    Witness witness = new Witness(key, List.of(log.verifier()), store, Clock.systemUTC());
    return ok(witness.addCheckpoint(bodies[i]));
  }

  @Benchmark
  public Witness.Answer cosignDurable(OnDisk state) {
    return ok(state.witness.addCheckpoint(state.body));
  }

  /** What durability costs on this disk: the same save alone (write, force, rename, force folder). */
  @Benchmark
  public String floorDurableSave(OnDisk state) throws IOException {
    state.store.save(ORIGIN, headNote);
    return headNote;
  }

  @Benchmark
  public Checkpoint floorVerifyLogSignature() throws InvalidNoteException {
    return Checkpoint.open(headNote, log.verifier());
  }

  @Benchmark
  public Cosignature floorCosign() {
    return key.cosign(head, 1_800_000_000L);
  }

  @Benchmark
  public ConsistencyProof floorVerifyProof(InMemory state) throws InvalidProofException {
    int i = state.next++ % REQUESTS;
    proofs[i].verify(olds[i].root(), head.root());
    return proofs[i];
  }

  private static Witness.Answer ok(Witness.Answer answer) {
    if (answer.status() != 200) {
      throw new IllegalStateException("witness answered " + answer.status() + ": " + answer.body());
    }
    return answer;
  }
}
