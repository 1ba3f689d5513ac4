package org.sanctuary.ledger.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.sanctuary.ledger.merkle.CompactRange;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.NodeId;
import org.sanctuary.ledger.merkle.TreeHasher;
import org.sanctuary.ledger.note.Checkpoint;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger kept in PostgreSQL, with one sequencer. Callers queue their entries; a single thread
 * owns the next index and the tree's right edge (a {@link CompactRange}), drains the queue, and
 * commits each batch in one transaction: the entries, the perfect subtrees they complete, and a
 * checkpoint signed over the new tree. Only then does each caller's {@link #append} return.
 *
 * <p>A batch that fails to commit takes no indexes: the sequencer reloads its state from the
 * database and the next batch starts where the committed log ends, so the log never has a gap.
 */
public final class PostgresLedger implements Ledger, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresLedger.class);
  static final int MAX_BATCH = 8192;
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final Database database;
  private final Clock clock;
  private final Signer signer;
  private final String keyId;
  private final Duration timeout;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread sequencer;
  private final ExecutorService signing = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "ledger-signer");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean closing;
  // Owned by the sequencer thread once started; null while its state must be reloaded.
  private CompactRange range;

  private PostgresLedger(Database database, Clock clock, Signer signer, Duration timeout) {
    this.database = database;
    this.clock = clock;
    this.signer = signer;
    this.keyId = String.format("%08x", signer.keyId());
    this.timeout = timeout;
    this.range = restore();
    this.sequencer = new Thread(this::run, "ledger-sequencer");
    sequencer.setDaemon(true);
  }

  /**
   * Opens the ledger: restores the tree's right edge from the stored nodes, records the key and,
   * when this key has not signed the current size yet, signs it; then starts the sequencer.
   */
  public static PostgresLedger start(Database database, Clock clock, Signer signer) {
    return start(database, clock, signer, DEFAULT_TIMEOUT);
  }

  static PostgresLedger start(Database database, Clock clock, Signer signer, Duration timeout) {
    PostgresLedger ledger = new PostgresLedger(database, clock, signer, timeout);
    ledger.sequencer.start();
    return ledger;
  }

  private CompactRange restore() {
    return database.inTransaction(c -> {
      Instant now = clock.instant();
      LedgerTables.insertKey(c, keyId, signer.verifier().encoded(), now);
      long size = LedgerTables.size(c);
      CompactRange restored = CompactRange.of(size, LedgerTables.nodes(c, CompactRange.nodesFor(size)));
      if (!LedgerTables.hasHead(c, size, keyId)) {
        LedgerTables.insertHead(c, sign(restored, now));
      }
      return restored;
    });
  }

  private LedgerTables.Head sign(CompactRange tree, Instant now) {
    Checkpoint checkpoint = new Checkpoint(signer.name(), tree.size(), tree.root());
    return new LedgerTables.Head(tree.size(), checkpoint.root(), checkpoint.sign(signer).encoded(), keyId, now);
  }

  @Override
  public Appended append(LedgerEntry entry) {
    return append(entry, null);
  }

  @Override
  public Appended append(LedgerEntry entry, Write alsoWrite) {
    byte[] data = entry.bytes();
    // Hashing in the caller's thread spreads the work; the sequencer only hashes interior nodes.
    Pending pending = new Pending(data, TreeHasher.leafHash(data), alsoWrite);
    if (closing) throw new LedgerUnavailableException("ledger: closed; the entry was not recorded", null);
    queue.add(pending);
    try {
      return pending.result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      if (pending.state.compareAndSet(Pending.WAITING, Pending.ABANDONED)) {
        throw new LedgerUnavailableException("ledger: no commit within " + timeout.toMillis()
            + " ms (queued=" + queue.size() + "); the entry was not recorded", e);
      }
      // Already in a batch being committed: its outcome is known soon.
      return await(pending);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (pending.state.compareAndSet(Pending.WAITING, Pending.ABANDONED)) {
        throw new LedgerUnavailableException("ledger: interrupted; the entry was not recorded", e);
      }
      return await(pending);
    } catch (ExecutionException e) {
      throw unavailable(e.getCause());
    }
  }

  @Override
  public <T> T bulk(Bulk<T> job) {
    if (closing) throw new LedgerUnavailableException("ledger: closed; nothing was recorded", null);
    Pending pending = new Pending(null, null, null);
    pending.bulk = job;
    queue.add(pending);
    try {
      // no time limit: the job runs as soon as the batches before it have committed
      @SuppressWarnings("unchecked")
      T value = (T) pending.bulkResult.get();
      return value;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerUnavailableException("ledger: interrupted while a bulk write ran", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof BulkFailed f && f.getCause() instanceof RuntimeException r) throw r;
      throw unavailable(cause instanceof BulkFailed ? cause.getCause() : cause);
    }
  }

  private Appended await(Pending pending) {
    try {
      return pending.result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw unavailable(e.getCause());
    } catch (TimeoutException | InterruptedException e) {
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
      throw new LedgerUnavailableException("ledger: commit of the entry's batch did not finish within "
          + timeout.toMillis() + " ms", e);
    }
  }

  private static LedgerUnavailableException unavailable(Throwable cause) {
    return cause instanceof LedgerUnavailableException u ? u
        : new LedgerUnavailableException("ledger: " + cause.getMessage(), cause);
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    while (!closing || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        if (first.bulk != null) {
          commitBulk(first);
          continue;
        }
        batch.add(first);
        // a bulk job waits for the next round: batches never mix with it
        while (batch.size() < MAX_BATCH && queue.peek() != null && queue.peek().bulk == null) {
          batch.add(queue.poll());
        }
        batch.removeIf(p -> !p.state.compareAndSet(Pending.WAITING, Pending.TAKEN));
        if (!batch.isEmpty()) commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        log.error("ledger sequencer: unexpected failure", e);
        fail(batch, e);
      } finally {
        batch.clear();
      }
    }
    Pending left;
    while ((left = queue.poll()) != null) {
      left.result.completeExceptionally(new LedgerUnavailableException("ledger: closed", null));
      left.bulkResult.completeExceptionally(new LedgerUnavailableException("ledger: closed", null));
    }
  }

  private void commit(List<Pending> batch) {
    if (range == null) {
      try {
        range = restore();
      } catch (RuntimeException e) {
        fail(batch, e);
        return;
      }
    }
    long first = range.size();
    // Work on a copy: if the commit fails, the sequencer's state is untouched.
    CompactRange next = CompactRange.of(first, range.hashes());
    List<NodeId> nodeIds = new ArrayList<>(batch.size() * 2);
    List<Hash> nodeHashes = new ArrayList<>(batch.size() * 2);
    byte[][] data = new byte[batch.size()][];
    byte[][] leaves = new byte[batch.size()][];
    for (int i = 0; i < data.length; i++) {
      Pending p = batch.get(i);
      data[i] = p.data;
      leaves[i] = p.leafHash.bytes();
      next.append(p.leafHash, (id, hash) -> {
        nodeIds.add(id);
        nodeHashes.add(hash);
      });
    }
    Instant now = clock.instant();
    // Signing (milliseconds with the JDK's Ed25519) overlaps the inserts of the same transaction.
    CompletableFuture<LedgerTables.Head> head = CompletableFuture.supplyAsync(() -> sign(next, now), signing);
    try {
      database.inTransaction(c -> {
        LedgerTables.insertEntries(c, first, data, leaves, now);
        LedgerTables.insertNodes(c, nodeIds, nodeHashes);
        for (int i = 0; i < data.length; i++) {
          Write w = batch.get(i).write;
          if (w == null) continue;
          try {
            w.write(c, first + i);
          } catch (java.sql.SQLException | RuntimeException e) {
            throw new WriteFailed(i, e);
          }
        }
        LedgerTables.insertHead(c, head.join());
        return null;
      });
    } catch (WriteFailed e) {
      // One caller's own record was refused: it alone fails, the rest commit without it.
      Pending refused = batch.remove(e.position);
      refused.result.completeExceptionally(new LedgerUnavailableException(
          "ledger: the record written with the entry failed: " + e.getCause().getMessage(), e.getCause()));
      if (!batch.isEmpty()) commit(batch);
      return;
    } catch (RuntimeException e) {
      // The commit may have happened even so (a lost connection): reload before the next batch.
      range = null;
      log.error("ledger: batch of {} entries at index {} failed: {}", batch.size(), first, e.getMessage());
      fail(batch, e);
      return;
    }
    range = next;
    for (int i = 0; i < data.length; i++) {
      Pending p = batch.get(i);
      p.result.complete(new Appended(first + i, p.leafHash.bytes()));
    }
  }

  // A bulk job in one transaction: its entries (flushed in slices of MAX_BATCH), its own writes
  // and one checkpoint. On failure the sequencer's state is untouched, as for a batch.
  private void commitBulk(Pending pending) {
    if (range == null) {
      try {
        range = restore();
      } catch (RuntimeException e) {
        pending.bulkResult.completeExceptionally(e);
        return;
      }
    }
    long first = range.size();
    CompactRange next = CompactRange.of(first, range.hashes());
    Instant now = clock.instant();
    Object value;
    try {
      value = database.inTransaction(c -> {
        BulkAppender appender = new BulkAppender(c, next, now);
        Object v;
        try {
          v = pending.bulk.run(c, appender);
        } catch (java.sql.SQLException | RuntimeException e) {
          throw new BulkFailed(e);
        }
        appender.flush();
        LedgerTables.insertHead(c, sign(next, now));
        return v;
      });
    } catch (BulkFailed e) {
      pending.bulkResult.completeExceptionally(e);
      return;
    } catch (RuntimeException e) {
      range = null; // the commit may have happened even so: reload before the next batch
      log.error("ledger: bulk write at index {} failed: {}", first, e.getMessage());
      pending.bulkResult.completeExceptionally(e);
      return;
    }
    range = next;
    pending.bulkResult.complete(value);
  }

  /** Appends inside a bulk job: hashes each entry, extends the tree, writes in slices. */
  private static final class BulkAppender implements Appender {
    private final java.sql.Connection c;
    private final CompactRange tree;
    private final Instant now;
    private final List<byte[]> data = new ArrayList<>();
    private final List<byte[]> leaves = new ArrayList<>();
    private final List<NodeId> nodeIds = new ArrayList<>();
    private final List<Hash> nodeHashes = new ArrayList<>();
    private long firstUnwritten;

    BulkAppender(java.sql.Connection c, CompactRange tree, Instant now) {
      this.c = c;
      this.tree = tree;
      this.now = now;
      this.firstUnwritten = tree.size();
    }

    @Override
    public Appended append(LedgerEntry entry) throws java.sql.SQLException {
      byte[] bytes = entry.bytes();
      Hash leaf = TreeHasher.leafHash(bytes);
      long index = tree.size();
      tree.append(leaf, (id, hash) -> {
        nodeIds.add(id);
        nodeHashes.add(hash);
      });
      data.add(bytes);
      leaves.add(leaf.bytes());
      if (data.size() >= MAX_BATCH) flush();
      return new Appended(index, leaf.bytes());
    }

    void flush() throws java.sql.SQLException {
      if (data.isEmpty()) return;
      LedgerTables.insertEntries(c, firstUnwritten, data.toArray(byte[][]::new), leaves.toArray(byte[][]::new), now);
      LedgerTables.insertNodes(c, nodeIds, nodeHashes);
      firstUnwritten += data.size();
      data.clear();
      leaves.clear();
      nodeIds.clear();
      nodeHashes.clear();
    }
  }

  /** The bulk job itself failed (not the ledger): its exception goes back to the caller as is. */
  private static final class BulkFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BulkFailed(Throwable cause) {
      super(cause);
    }
  }

  private static void fail(List<Pending> batch, Throwable cause) {
    for (Pending p : batch) {
      p.result.completeExceptionally(new LedgerUnavailableException(
          "ledger: the entry was not recorded: " + cause.getMessage(), cause));
    }
  }

  /** Stops taking entries, commits those already queued, and stops the sequencer. */
  @Override
  public void close() {
    closing = true;
    try {
      sequencer.join(timeout.toMillis() * 2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      signing.shutdown();
    }
  }

  /** One caller's entry, waiting for its batch. */
  private static final class Pending {
    static final int WAITING = 0;
    static final int TAKEN = 1;
    static final int ABANDONED = 2;

    final byte[] data;
    final Hash leafHash;
    final Write write;
    final AtomicInteger state = new AtomicInteger(WAITING);
    final CompletableFuture<Appended> result = new CompletableFuture<>();
    Bulk<?> bulk;
    final CompletableFuture<Object> bulkResult = new CompletableFuture<>();

    Pending(byte[] data, Hash leafHash, Write write) {
      this.data = data;
      this.leafHash = leafHash;
      this.write = write;
    }
  }

  /** A caller's own write failed inside a batch; carries its position so the rest can commit. */
  private static final class WriteFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int position;

    WriteFailed(int position, Throwable cause) {
      super(cause);
      this.position = position;
    }
  }
}
