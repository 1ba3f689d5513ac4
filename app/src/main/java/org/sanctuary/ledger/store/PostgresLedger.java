package org.sanctuary.ledger.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.sanctuary.ledger.merkle.CompactRange;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.NodeId;
import org.sanctuary.ledger.merkle.TreeHasher;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.errors.DomainError;
import org.sanctuary.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger kept in PostgreSQL. Callers queue their entries; one thread per process drains the
 * queue and commits each batch in one transaction: the entries, the perfect subtrees they complete
 * and each caller's own records. Only then does each caller's {@link #append} return. When every
 * record of the batch is a {@link Rows} write (or there is none), the whole transaction, from the
 * lock to the commit, is one round trip: one statement per table, all sent at once. Checkpoints
 * are signed off this path by a {@link CheckpointSigner}, at most once per interval.
 *
 * <p>Any number of processes may append to one database. Each batch's transaction first takes a
 * PostgreSQL transaction-level advisory lock ({@link SequencerLock}), so exactly one batch at a
 * time, from whichever process, is the sequencer: it reads the log's size under the lock, and when
 * another process appended since its own last batch it reloads the tree's right edge (a {@link
 * CompactRange}) from the stored nodes before it assigns indexes. The lock ends with the
 * transaction, so a process that dies mid-batch leaves nothing held and nothing half written: the
 * next batch, from any process, starts where the committed log ends, without a gap. The entries'
 * primary key stays the last guard.
 */
public final class PostgresLedger implements Ledger, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresLedger.class);
  static final int MAX_BATCH = 8192;
  /** Entries from which a batch of several callers is flushed after its commit with nobody queued. */
  static final int FLUSH_LATER_FROM = 64;
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final Database database;
  private final Clock clock;
  private final Signer signer;
  private final String keyId;
  private final Duration timeout;
  private final java.util.concurrent.LinkedBlockingDeque<Pending> queue = new java.util.concurrent.LinkedBlockingDeque<>();
  private final Thread sequencer;
  // completes the batches of callers that hold no thread (appendAllAsync), off the sequencer
  private final java.util.concurrent.ExecutorService completions =
      java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ledger-completions");
        t.setDaemon(true);
        return t;
      });
  private final CheckpointSigner checkpoints;
  // Held by whoever commits a batch: the sequencer thread, or a caller that found nothing queued
  // and nobody committing (see commitInline). The tree's cached edge is only touched under it.
  private final java.util.concurrent.locks.ReentrantLock sequencing = new java.util.concurrent.locks.ReentrantLock();
  // callers inside append now: one alone may commit at once, many go through the queue
  private final AtomicInteger appending = new AtomicInteger();
  private volatile boolean closing;
  // set by the sequencer as it stops: nothing queued after that is taken
  private volatile boolean drained;
  private volatile LedgerObserver observer = LedgerObserver.NONE;
  // the latest checkpoint, for a watcher that starts after it was signed
  private volatile LedgerTables.Head latest;
  // The tree's right edge after this process's last batch, owned by the sequencer thread once it
  // runs: a cache, checked against the stored size under the lock before every batch.
  private CompactRange range;
  // the leaf hash of this process's last committed entry, with range: the cached edge is this
  // node's only while the stored log holds this leaf at range.size() - 1
  private byte[] lastLeaf;
  // the size after this process's last durable commit, for sync()
  private final java.util.concurrent.atomic.AtomicLong committedSize = new java.util.concurrent.atomic.AtomicLong();
  // releases the callers of batches committed without waiting for the disk once the log is flushed
  private final LogFlusher flusher;
  // set when such a flush failed: the sequencer reads the log's end again before its next batch
  private volatile boolean edgeInDoubt;
  // committed nodes, for this process's readers (receipts)
  private final NodeCache nodes;
  private final java.util.concurrent.atomic.LongAdder batchCheckpoints = new java.util.concurrent.atomic.LongAdder();

  private PostgresLedger(Database database, Clock clock, Signer signer, Duration timeout, Duration interval,
      LogFlusher.Flush flushLog) {
    this.database = database;
    this.clock = clock;
    this.signer = signer;
    this.keyId = String.format("%08x", signer.keyId());
    this.timeout = timeout;
    this.nodes = NodeCache.of(database);
    this.range = restore();
    this.committedSize.set(range.size());
    this.flusher = new LogFlusher(flushLog != null ? flushLog
        : (index, leaf) -> LedgerTables.flushLogHolding(database, index, leaf));
    this.checkpoints = new CheckpointSigner(database, clock, signer, keyId, interval, range.size(), this::signed);
    this.sequencer = new Thread(this::run, "ledger-sequencer");
    sequencer.setDaemon(true);
  }

  /**
   * Opens the ledger: restores the tree's right edge from the stored nodes, records the key and,
   * when this key has not signed the current size yet, signs it; then starts the sequencer.
   */
  public static PostgresLedger start(Database database, Clock clock, Signer signer) {
    return start(database, clock, signer, org.sanctuary.config.Config.LedgerSettings.DEFAULT_CHECKPOINT_INTERVAL);
  }

  /** As above, signing a checkpoint at most once per {@code checkpointInterval} under load. */
  public static PostgresLedger start(Database database, Clock clock, Signer signer, Duration checkpointInterval) {
    return start(database, clock, signer, DEFAULT_TIMEOUT, checkpointInterval);
  }

  static PostgresLedger start(Database database, Clock clock, Signer signer, Duration timeout,
      Duration checkpointInterval) {
    return start(database, clock, signer, timeout, checkpointInterval, null);
  }

  /** As above, with {@code flushLog} in place of {@link LedgerTables#flushLogHolding} (for tests). */
  static PostgresLedger start(Database database, Clock clock, Signer signer, Duration timeout,
      Duration checkpointInterval, LogFlusher.Flush flushLog) {
    PostgresLedger ledger = new PostgresLedger(database, clock, signer, timeout, checkpointInterval, flushLog);
    ledger.sequencer.start();
    return ledger;
  }

  private CompactRange restore() {
    return database.inTransaction(c -> {
      Claimed claimed = claim(c); // first: it sets the transaction's isolation
      CompactRange restored = claimed.tree();
      lastLeaf = claimed.lastLeaf();
      Instant now = clock.instant();
      LedgerTables.insertKey(c, keyId, signer.verifier().encoded(), now);
      if (!LedgerTables.hasHead(c, restored.size(), keyId)) {
        LedgerTables.insertHead(c, sign(restored, now));
      }
      latest = LedgerTables.latestHead(c).orElse(null);
      return restored;
    });
  }

  /**
   * Makes this transaction the sequencer (waiting for a batch of another process to commit) and
   * returns a copy of the tree's right edge as committed: the cached one when the stored log still
   * ends with this node's last commit, else read from the stored nodes; with the stored log's last
   * leaf. The caller sets {@link #range} and {@link #lastLeaf} once its batch commits.
   */
  private Claimed claim(java.sql.Connection c) throws java.sql.SQLException {
    CompactRange cached = range;
    SequencerLock.End end = SequencerLock.takeAndReadEnd(c, cached == null ? -1 : cached.size() - 1);
    long size = end.size();
    if (cached != null && cached.size() > 0 && !java.util.Arrays.equals(end.leafAt(), lastLeaf)) {
      // Entries this node committed are gone or are others now (a restore, or a replica promoted
      // without the last writes, and perhaps other nodes' appends since): new ones follow the
      // stored log, and what this node kept of the old one is forgotten.
      log.error("ledger: the stored log has {} entries and no longer holds entry {} as this node committed it:"
          + " the database went back under it (a restore, or a replica promoted without the last writes);"
          + " restart every node", size, cached.size() - 1);
      forgetTheOldLog(c);
      committedSize.set(size);
    } else if (cached != null && cached.size() == size) {
      return new Claimed(CompactRange.of(size, cached.hashes()), end.lastLeaf());
    }
    return new Claimed(CompactRange.of(size, LedgerTables.nodes(c, CompactRange.nodesFor(size))), end.lastLeaf());
  }

  /** The tree's right edge as the sequencer found it, and its last leaf's hash (null for none). */
  private record Claimed(CompactRange tree, byte[] lastLeaf) {}

  /**
   * What this process kept of a log the database no longer holds: its edge, the latest checkpoint,
   * and through the signer ({@link CheckpointSigner#wentBack}) the nodes and checkpoints behind its
   * receipts and the size it had covered. All of it is read again from the database as needed; the
   * signer stores nothing over the old tree (see {@link LedgerTables#insertHeadInOrder}).
   */
  private void forgetTheOldLog(java.sql.Connection c) throws java.sql.SQLException {
    range = null; // until this batch commits: a batch that fails meanwhile reads the edge again
    lastLeaf = null;
    LedgerTables.Head stored = LedgerTables.latestHead(c).orElse(null);
    latest = stored;
    checkpoints.wentBack(stored == null ? -1 : stored.size());
  }

  private LedgerTables.Head sign(CompactRange tree, Instant now) {
    return CheckpointSigner.sign(signer, keyId, tree, now);
  }

  /**
   * Returns once a checkpoint covers every entry this process has committed so far (for a command
   * that reads the log back, and for tests); the log's size it covers at least.
   */
  public long sync() {
    long size = committedSize.get();
    if (size > 0) awaitCheckpoint(size - 1);
    return size;
  }

  /** The checkpoint signer, for tests. */
  CheckpointSigner checkpointSigner() {
    return checkpoints;
  }

  @Override
  public void awaitCheckpoint(long index) {
    boolean covered;
    long started = System.nanoTime();
    try {
      covered = checkpoints.await(index, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerUnavailableException("ledger: interrupted while waiting for a checkpoint", e);
    }
    if (!covered) {
      throw new LedgerUnavailableException("ledger: no checkpoint covers entry " + index + " yet (the entry is"
          + " recorded; a checkpoint could not be stored, or none came within " + timeout.toMillis() + " ms)", null);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    tell(o -> o.waitedForCheckpoint(took));
  }

  // A caller's unit, checked and hashed in the caller's thread (which spreads the work: the
  // sequencer only hashes interior nodes).
  private static Pending unit(List<LedgerEntry> entries, Write<?> write) {
    if (entries.isEmpty()) throw new IllegalArgumentException("entries: none to append");
    if (entries.size() > MAX_BATCH) {
      throw new IllegalArgumentException("entries: " + entries.size() + " in one unit (want at most " + MAX_BATCH + ")");
    }
    byte[][] data = new byte[entries.size()][];
    Hash[] leaves = new Hash[entries.size()];
    boolean synthetic = false;
    for (int i = 0; i < data.length; i++) {
      LedgerEntry entry = entries.get(i);
      data[i] = entry.bytes();
      leaves[i] = TreeHasher.leafHash(data[i]);
      synthetic |= entry.isSynthetic();
    }
    return new Pending(data, leaves, write, synthetic);
  }

  @Override
  public <T> Recorded<T> appendAll(List<LedgerEntry> entries, Write<T> write) {
    return append(unit(entries, write));
  }

  /**
   * The batch that commits these entries stores, in its own transaction, a checkpoint over the
   * tree it makes, signed by the sequencer just before: the receipt is ready when the commit is,
   * with no transaction of the signer's to wait for. Callers that need no receipt never wait for
   * a signature unless they share a batch with one that does.
   */
  @Override
  public <T> Recorded<T> appendAllCovered(List<LedgerEntry> entries, Write<T> write) {
    Pending pending = unit(entries, write);
    pending.covered = true;
    Recorded<T> done = append(pending);
    // at once when the batch stored its checkpoint; else (another path, or another process's
    // checkpoint in the way) the signer's next one
    awaitCheckpoint(done.entries().get(done.entries().size() - 1).index());
    return done;
  }

  private <T> Recorded<T> append(Pending pending) {
    if (closing) throw new LedgerUnavailableException("ledger: closed; the entry was not recorded", null);
    boolean alone = appending.getAndIncrement() == 0;
    try {
      if (!alone || !commitInline(pending)) queue.add(pending);
    } finally {
      appending.decrementAndGet();
    }
    Object value;
    try {
      value = pending.result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      pending.wakeNext();
    } catch (TimeoutException e) {
      if (pending.state.compareAndSet(Pending.WAITING, Pending.ABANDONED)) {
        throw new LedgerUnavailableException("ledger: no commit within " + timeout.toMillis()
            + " ms (queued=" + queue.size() + "); the entry was not recorded", e);
      }
      // Already in a batch being committed: its outcome is known soon.
      value = await(pending);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (pending.state.compareAndSet(Pending.WAITING, Pending.ABANDONED)) {
        throw new LedgerUnavailableException("ledger: interrupted; the entry was not recorded", e);
      }
      value = await(pending);
    } catch (ExecutionException e) {
      throw unavailable(e.getCause());
    }
    @SuppressWarnings("unchecked")
    T typed = (T) value;
    return new Recorded<>(pending.appended(), typed);
  }

  /**
   * Queues the unit and returns at once; the future completes when its batch has committed (on
   * the thread that completes the batch: {@code ledger-completions}, or another caller's woken
   * before it) or failed. Unlike {@link #appendAll} it has no time limit of its own: a batch held
   * up in the database (a lock that is never let go) holds its futures up too. A caller that must
   * not wait longer puts its own limit on the future ({@code orTimeout}); its entry may still be
   * recorded after that, as when a blocking caller gives up. Closing the ledger fails what is
   * still queued.
   */
  @Override
  public <T> CompletableFuture<Recorded<T>> appendAllAsync(List<LedgerEntry> entries, Write<T> write) {
    Pending pending;
    try {
      pending = unit(entries, write);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    pending.async = true;
    CompletableFuture<Recorded<T>> out = new CompletableFuture<>();
    pending.result.whenComplete((value, failure) -> {
      pending.wakeNext(); // first, so the rest of the batch is not held up by this caller's next step
      if (failure != null) {
        out.completeExceptionally(unavailable(failure));
      } else {
        @SuppressWarnings("unchecked")
        T typed = (T) value;
        out.complete(new Recorded<>(pending.appended(), typed));
      }
    });
    if (closing) {
      pending.result.completeExceptionally(new LedgerUnavailableException("ledger: closed; the entry was not recorded", null));
      return out;
    }
    queue.add(pending);
    // closed meanwhile, after the sequencer's last look at the queue: nobody else will take it
    if (drained && pending.state.compareAndSet(Pending.WAITING, Pending.ABANDONED)) {
      pending.result.completeExceptionally(new LedgerUnavailableException("ledger: closed; the entry was not recorded", null));
    }
    return out;
  }

  @Override
  public <T> T bulk(Bulk<T> job) {
    Pending pending = new Pending(new byte[0][], new Hash[0], null, false);
    pending.bulk = job;
    if (closing) throw new LedgerUnavailableException("ledger: closed; nothing was recorded", null);
    queue.add(pending);
    try {
      // no time limit: the job is as long as its input; it starts once the batches before it commit
      @SuppressWarnings("unchecked")
      T value = (T) pending.result.get();
      return value;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerUnavailableException("ledger: interrupted while a bulk append ran", e);
    } catch (ExecutionException e) {
      throw unavailable(e.getCause());
    }
  }

  private Object await(Pending pending) {
    try {
      Object value = pending.result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      pending.wakeNext();
      return value;
    } catch (ExecutionException e) {
      throw unavailable(e.getCause());
    } catch (TimeoutException | InterruptedException e) {
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
      // This caller stops waiting, but the callers after it in the batch still wait to be woken:
      // whoever completes its result wakes them.
      pending.result.thenRun(pending::wakeNext);
      throw new LedgerUnavailableException("ledger: commit of the entry's batch did not finish within "
          + timeout.toMillis() + " ms", e);
    }
  }

  // A write's own refusal reaches its caller unchanged; anything else means "not recorded".
  private static RuntimeException unavailable(Throwable cause) {
    if (cause instanceof DomainError refusal) return refusal;
    return cause instanceof LedgerUnavailableException u ? u
        : new LedgerUnavailableException("ledger: " + cause.getMessage(), cause);
  }

  /**
   * A caller alone (no other append in progress, nothing queued, no batch being committed)
   * commits its own entry at once, on its own thread: two thread hand-offs fewer (to the sequencer
   * and back), which on a small machine is a large part of a lone append's time. Under load
   * entries go through the queue and are committed in batches as before.
   *
   * @return false when the caller must queue its entry instead
   */
  private boolean commitInline(Pending pending) {
    if (!queue.isEmpty() || !sequencing.tryLock()) return false;
    List<Pending> batch = new ArrayList<>();
    try {
      if (closing || !pending.state.compareAndSet(Pending.WAITING, Pending.TAKEN)) return false;
      batch.add(pending);
      fillAndCommit(batch, pending);
    } catch (RuntimeException e) {
      log.error("ledger: unexpected failure committing a batch", e);
      fail(batch, e);
    } finally {
      sequencing.unlock();
    }
    return true;
  }

  // Adds the queued callers that fit, takes those not abandoned meanwhile ({@code taken} is
  // already), and commits what is left. Holds the sequencing lock.
  private void fillAndCommit(List<Pending> batch, Pending taken) {
    drain(batch);
    batch.removeIf(p -> p != taken && !p.state.compareAndSet(Pending.WAITING, Pending.TAKEN));
    if (!batch.isEmpty()) commit(batch);
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    while (!closing || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        sequencing.lock();
        try {
          if (first.bulk != null) {
            commitBulk(first);
            continue;
          }
          batch.add(first);
          fillAndCommit(batch, null);
        } finally {
          sequencing.unlock();
        }
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
    drained = true; // before the last look: a unit queued after it is failed by its caller
    Pending left;
    while ((left = queue.poll()) != null) {
      left.result.completeExceptionally(new LedgerUnavailableException("ledger: closed", null));
    }
  }

  // Takes queued callers until the batch holds MAX_BATCH entries; a unit is never split.
  private void drain(List<Pending> batch) {
    int entries = 0;
    for (Pending p : batch) entries += p.data.length;
    Pending next;
    // two may take from the queue at once (the sequencer's first poll, a lone caller's drain), so
    // take, then put back what does not fit
    while ((next = queue.pollFirst()) != null) {
      if (next.bulk != null || entries + next.data.length > MAX_BATCH) {
        queue.offerFirst(next);
        return;
      }
      batch.add(next);
      entries += next.data.length;
    }
  }

  private void commit(List<Pending> batch) {
    forgetTheEdgeIfInDoubt();
    int count = 0;
    for (Pending p : batch) count += p.data.length;
    byte[][] data = new byte[count][];
    byte[][] leaves = new byte[count][];
    int at = 0;
    for (Pending p : batch) {
      for (int i = 0; i < p.data.length; i++, at++) {
        data[at] = p.data[i];
        leaves[at] = p.leaves[i].bytes();
      }
    }
    Instant now = clock.instant();
    Object[] values = new Object[batch.size()];
    long[] firstOf = new long[batch.size()];
    // the nodes of the attempt that commits, kept once it has
    List<NodeId> nodeIds = new ArrayList<>(count * 2);
    List<Hash> nodeHashes = new ArrayList<>(count * 2);
    CompactRange committed = null;
    AtOnce stored = null; // the checkpoint the batch stored, if any
    long started = System.nanoTime();
    // Under load (more callers queued, or a large batch of several): the batch commits without
    // waiting for the disk and its callers wait for the flusher, so the next batch is written while
    // this one's log flushes. The queue alone says little: the batch has just taken all of it, and
    // the callers of the last batch come back while this one runs (at 512 writers most batches
    // found it empty and flushed in their commit, the sequencer idle meanwhile). A small batch
    // flushes in its own commit (one round trip, not two; its flush is short, and the callers that
    // come back meanwhile make the next batch larger), and so does one that brings a checkpoint:
    // what a checkpoint covers is durable before anyone can read it.
    boolean flushLater = Thread.currentThread() == sequencer && !anyCovered(batch)
        && (!queue.isEmpty() || (batch.size() > 1 && count >= FLUSH_LATER_FROM));
    boolean flushedLater = false;
    if (range != null && allRows(batch)) {
      CompactRange next = CompactRange.of(range.size(), range.hashes());
      AtOnce attempt = commitAtOnce(batch, next, data, leaves, now, firstOf, nodeIds, nodeHashes, flushLater);
      OneTrip.Result once = attempt.result();
      if (once.outcome() == OneTrip.Outcome.UNKNOWN) {
        log.warn("ledger: batch of {} entries after index {} failed: {}", count, range.size(), once.failure().getMessage());
        tell(LedgerObserver::failed);
        fail(batch, once.failure());
        return;
      }
      // NOT_COMMITTED: another process appended, or a record failed: the general path below sorts it out
      if (once.outcome() == OneTrip.Outcome.COMMITTED) {
        committed = next;
        flushedLater = flushLater;
        if (attempt.checkpointStored()) stored = attempt;
      }
    }
    if (committed == null) {
      try {
        committed = database.inTransaction(c -> {
          CompactRange next = claim(c).tree();
          long first = next.size();
          nodeIds.clear();
          nodeHashes.clear();
          extend(batch, next, firstOf, nodeIds, nodeHashes);
          LedgerTables.insertEntriesAndNodes(c, first, data, leaves, now, nodeIds, nodeHashes);
          for (int b = 0; b < batch.size(); b++) {
            values[b] = runWrite(batch.get(b).write, c, firstOf[b], b);
          }
          return next;
        });
      } catch (WriteFailed e) {
        // One caller's own record was refused or failed: it alone fails, the rest run again without
        // it (which the Write contract allows).
        Pending refused = batch.remove(e.position);
        refused.result.completeExceptionally(e.getCause() instanceof DomainError d ? d
            : new LedgerUnavailableException("ledger: the record written with the entry failed: "
                + e.getCause().getMessage(), e.getCause()));
        if (!batch.isEmpty()) commit(batch);
        return;
      } catch (RuntimeException e) {
        // The commit may have happened even so (a lost connection): the next batch reads the size.
        log.warn("ledger: batch of {} entries after index {} failed: {}", count,
            range == null ? "?" : Long.toString(range.size()), e.getMessage());
        range = null; // read the size and the edge again under the lock
        lastLeaf = null;
        tell(LedgerObserver::failed);
        fail(batch, e);
        return;
      }
    }
    range = committed;
    lastLeaf = leaves[count - 1];
    Pending[] woken = batch.toArray(Pending[]::new);
    for (int b = 0; b < woken.length; b++) {
      woken[b].firstIndex = firstOf[b];
      woken[b].value = values[b];
      woken[b].batch = woken;
      woken[b].position = b;
    }
    CompactRange tree = CompactRange.of(committed.size(), committed.hashes());
    byte[] last = leaves[count - 1];
    if (!flushedLater) {
      durable(tree, last, nodeIds, nodeHashes, stored, woken, started, false);
      return;
    }
    flusher.add(new LogFlusher.Waiting(tree.size() - 1, last,
        () -> durable(tree, last, nodeIds, nodeHashes, null, woken, started, true),
        cause -> {
          edgeInDoubt = true;
          tell(LedgerObserver::failed);
          for (Pending p : woken) {
            p.result.completeExceptionally(new LedgerUnavailableException("ledger: the entry's batch committed but"
                + " the log's flush failed, so whether it is recorded is not known: " + cause.getMessage(), cause));
          }
        }));
  }

  /**
   * A batch's commit is on disk: what the process keeps of the tree learns of it, the signer may
   * sign it, and the callers are woken. Its nodes are kept only now, so that no reader in this
   * process meets nodes of a commit the database could still lose.
   */
  private void durable(CompactRange tree, byte[] last, List<NodeId> nodeIds, List<Hash> nodeHashes, AtOnce stored,
      Pending[] woken, long started, boolean flushedLater) {
    // a batch flushed in its commit is this node's latest; one flushed later may be released after
    // a later one was
    if (flushedLater) committedSize.accumulateAndGet(tree.size(), Math::max);
    else committedSize.set(tree.size());
    nodes.putAll(nodeIds, nodeHashes);
    if (stored != null) {
      // before the callers wake: their receipts' checkpoint is known, and flushed with the batch
      CoveringHeads.of(database).stored(stored.result().storedBefore(), stored.checkpoint());
      checkpoints.signedElsewhere(stored.checkpoint().size());
      signed(stored.checkpoint());
      batchCheckpoints.increment();
    }
    checkpoints.committed(tree, last, !queue.isEmpty(), !flushedLater);
    int entries = 0;
    for (Pending p : woken) entries += p.data.length;
    tellCommitted(entries, started);
    // The sequencer wakes only the first caller; each caller wakes the next two before it returns
    // (a binary tree over the batch), so the wake-ups run on both cores and the sequencer is free
    // for the next batch at once instead of after one system call per caller.
    // A caller that holds no thread goes on (with its next append, say) on the completions thread,
    // not the sequencer's.
    if (woken[0].async) {
      try {
        completions.execute(() -> woken[0].result.complete(woken[0].value));
        return;
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        // closing took longer than its wait for the sequencer: complete here
      }
    }
    woken[0].result.complete(woken[0].value);
  }

  // Assigns the batch's indexes on next (the tree so far) and collects the nodes they complete.
  private static void extend(List<Pending> batch, CompactRange next, long[] firstOf, List<NodeId> nodeIds,
      List<Hash> nodeHashes) {
    long position = next.size();
    for (int b = 0; b < batch.size(); b++) {
      firstOf[b] = position;
      for (Hash leaf : batch.get(b).leaves) {
        next.append(leaf, (id, hash) -> {
          nodeIds.add(id);
          nodeHashes.add(hash);
        });
        position++;
      }
    }
  }

  private static boolean anyCovered(List<Pending> batch) {
    for (Pending p : batch) {
      if (p.covered) return true;
    }
    return false;
  }

  private static boolean anySynthetic(List<Pending> batch) {
    for (Pending p : batch) {
      if (p.synthetic) return true;
    }
    return false;
  }

  private static boolean allRows(List<Pending> batch) {
    for (Pending p : batch) {
      if (p.write != Write.NOTHING && !(p.write instanceof Rows<?>)) return false;
    }
    return true;
  }

  /**
   * Commits a batch whose records are all {@link Rows} in one round trip ({@link OneTrip}), on
   * {@code next}, a copy of the cached right edge, which it extends. If another process appended
   * since, the entries' primary key refuses the insert; if the stored log is shorter than the edge
   * (the database went back under this process: a restore, a promoted replica that lacked the last
   * writes), the check that the batch follows the stored log does (migration V914). Either way
   * nothing commits, and the caller takes the general path, which reads the edge again.
   *
   * <p>When a caller in the batch waits for a receipt ({@link #appendAllCovered}), the checkpoint
   * over the tree the batch makes is signed here and stored last in the same transaction, under
   * the checkpoint lock as the signer stores its own ({@link LedgerTables#HEAD_IN_ORDER}).
   */
  private AtOnce commitAtOnce(List<Pending> batch, CompactRange next, byte[][] data, byte[][] leaves,
      Instant now, long[] firstOf, List<NodeId> nodeIds, List<Hash> nodeHashes, boolean flushLater) {
    long first = next.size();
    extend(batch, next, firstOf, nodeIds, nodeHashes);
    Map<Table<?>, List<Object>> rows = new LinkedHashMap<>();
    for (int b = 0; b < batch.size(); b++) {
      if (batch.get(b).write instanceof Rows<?> r) rows.computeIfAbsent(r.table(), t -> new ArrayList<>()).addAll(r.rows(firstOf[b]));
    }
    LedgerTables.Head head = anyCovered(batch) ? sign(next, now) : null;
    OneTrip.Result result = OneTrip.run(database, OneTrip.sql(rows.keySet(), head != null, flushLater), head != null, ps -> {
      ps.setLong(1, first);
      ps.setBytes(2, lastLeaf); // the edge is this node's only while the stored log ends with this leaf
      ps.setString(3, OneTrip.realFrom(first, anySynthetic(batch)));
      int p = LedgerTables.bindEntriesAndNodes(ps, 4, first, data, leaves, now, nodeIds, nodeHashes);
      for (Map.Entry<Table<?>, List<Object>> e : rows.entrySet()) p = bindRows(ps, p, e.getKey(), e.getValue());
      if (head != null) LedgerTables.bindHeadInOrder(ps, p, head, leaves[leaves.length - 1]);
    });
    return new AtOnce(result, head);
  }

  /** A batch sent in one round trip, and the checkpoint it carried (null for none). */
  private record AtOnce(OneTrip.Result result, LedgerTables.Head checkpoint) {
    // stored only over every size stored before: under the sequencer lock it always is, and if
    // not, the callers wait for the signer as after any other batch
    boolean checkpointStored() {
      return checkpoint != null && result.outcome() == OneTrip.Outcome.COMMITTED
          && result.storedBefore() < checkpoint.size();
    }
  }

  /** Units and jobs waiting for a batch (for tests). */
  int queued() {
    return queue.size();
  }

  /** Checkpoints stored in the transaction of the batch they cover (for tests). */
  long batchCheckpoints() {
    return batchCheckpoints.sum();
  }

  @SuppressWarnings("unchecked")
  private static <R> int bindRows(java.sql.PreparedStatement ps, int from, Table<R> table, List<Object> rows)
      throws java.sql.SQLException {
    return table.bind(ps, from, (List<R>) rows);
  }

  // A batch whose flush failed may be lost: the edge is read from the stored log, without taking
  // its absence for the database going back (the log says nothing then).
  private void forgetTheEdgeIfInDoubt() {
    if (edgeInDoubt) {
      edgeInDoubt = false;
      range = null;
      lastLeaf = null;
    }
  }

  // A bulk job in a transaction of its own: its entries (written in slices of MAX_BATCH), its
  // records and one checkpoint. On failure the sequencer's state is untouched, as for a batch.
  private void commitBulk(Pending pending) {
    if (!pending.state.compareAndSet(Pending.WAITING, Pending.TAKEN)) return;
    forgetTheEdgeIfInDoubt();
    Instant now = clock.instant();
    long[] first = new long[1];
    Signed committed;
    Object[] value = new Object[1];
    long started = System.nanoTime();
    try {
      committed = database.inTransaction(c -> {
        CompactRange next = claim(c).tree();
        first[0] = next.size();
        BulkAppender appender = new BulkAppender(c, next, now);
        Outcome<?> outcome;
        try {
          outcome = pending.bulk.run(c, appender);
        } catch (java.sql.SQLException | RuntimeException e) {
          throw new WriteFailed(0, e);
        }
        if (outcome instanceof Outcome.Refusal<?> refusal) throw new WriteFailed(0, refusal.error());
        appender.flush();
        if (next.size() == first[0]) throw new WriteFailed(0, new IllegalArgumentException("entries: none to append"));
        LedgerTables.Head checkpoint = sign(next, now);
        LedgerTables.insertHead(c, checkpoint);
        value[0] = ((Outcome.Done<?>) outcome).value();
        return new Signed(next, appender.last, checkpoint);
      });
    } catch (WriteFailed e) {
      pending.result.completeExceptionally(e.getCause() instanceof DomainError d ? d
          : new LedgerUnavailableException("ledger: the bulk append failed: " + e.getCause().getMessage(), e.getCause()));
      return;
    } catch (RuntimeException e) {
      log.error("ledger: bulk append failed: {}", e.getMessage());
      tell(LedgerObserver::failed);
      fail(List.of(pending), e);
      return;
    }
    range = committed.tree();
    lastLeaf = committed.lastLeaf();
    committedSize.set(committed.tree().size()); // flushed in its commit: this node's latest
    int entries = (int) Math.min(Integer.MAX_VALUE, committed.tree().size() - first[0]);
    checkpoints.signedElsewhere(committed.tree().size());
    checkpoints.committed(CompactRange.of(committed.tree().size(), committed.tree().hashes()), committed.lastLeaf(),
        !queue.isEmpty());
    signed(committed.head());
    tellCommitted(entries, started);
    pending.firstIndex = first[0];
    pending.result.complete(value[0]);
  }

  /** A batch's tree as committed, and the checkpoint signed for it in the same transaction. */
  private record Signed(CompactRange tree, byte[] lastLeaf, LedgerTables.Head head) {}

  /**
   * Tells {@code watcher} of every commit from now on, and at once of the latest checkpoint. For
   * monitoring; the ledger works the same without.
   */
  public void observe(LedgerObserver watcher) {
    observer = watcher;
    LedgerTables.Head head = latest;
    if (head != null) tell(o -> o.signed(head.size(), head.signedAt()));
  }

  private void tellCommitted(int entries, long startedNanos) {
    Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
    tell(o -> o.committed(entries, took));
  }

  // a checkpoint was stored (by the signer, or with a bulk append)
  private void signed(LedgerTables.Head head) {
    LedgerTables.Head before = latest;
    if (before == null || head.size() >= before.size()) latest = head;
    tell(o -> o.signed(head.size(), head.signedAt()));
  }

  // a watcher's failure is its own: the log goes on
  private void tell(java.util.function.Consumer<LedgerObserver> call) {
    try {
      call.accept(observer);
    } catch (RuntimeException e) {
      log.warn("ledger: the observer failed: {}", e.toString());
    }
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
    private long unwritten;
    private byte[] last; // the last appended entry's leaf hash

    BulkAppender(java.sql.Connection c, CompactRange tree, Instant now) {
      this.c = c;
      this.tree = tree;
      this.now = now;
      this.unwritten = tree.size();
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
      last = leaf.bytes();
      if (data.size() >= MAX_BATCH) flush();
      return new Appended(index, leaf.bytes());
    }

    @Override
    public void flush() throws java.sql.SQLException {
      if (data.isEmpty()) return;
      LedgerTables.insertEntriesAndNodes(c, unwritten, data.toArray(byte[][]::new), leaves.toArray(byte[][]::new),
          now, nodeIds, nodeHashes);
      unwritten += data.size();
      data.clear();
      leaves.clear();
      nodeIds.clear();
      nodeHashes.clear();
    }
  }

  private static Object runWrite(Write<?> write, java.sql.Connection c, long firstIndex, int position) {
    Outcome<?> outcome;
    try {
      outcome = write.write(c, firstIndex);
    } catch (java.sql.SQLException | RuntimeException e) {
      throw new WriteFailed(position, e);
    }
    if (outcome instanceof Outcome.Refusal<?> refusal) throw new WriteFailed(position, refusal.error());
    if (outcome instanceof Outcome.Done<?> done) return done.value();
    throw new WriteFailed(position, new IllegalStateException("a ledger write returned no outcome"));
  }

  private static void fail(List<Pending> batch, Throwable cause) {
    for (Pending p : batch) {
      p.result.completeExceptionally(new LedgerUnavailableException(
          "ledger: the entry was not recorded: " + cause.getMessage(), cause));
    }
  }

  /** Stops taking entries, commits those already queued, signs a checkpoint over them, and stops. */
  @Override
  public void close() {
    closing = true;
    try {
      sequencer.join(timeout.toMillis() * 2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      flusher.close(); // releases the batches that wait for their flush
      completions.shutdown(); // after the completions already handed to it
      checkpoints.close(); // signs what the last batches committed
    }
  }

  /** One caller's entries and record, waiting for their batch. */
  private static final class Pending {
    static final int WAITING = 0;
    static final int TAKEN = 1;
    static final int ABANDONED = 2;

    final byte[][] data;
    final Hash[] leaves;
    final Write<?> write;
    // whether any of its entries is marked synthetic (its rows then take the flag from the log)
    final boolean synthetic;
    // set for a bulk job, which commits alone
    Bulk<?> bulk;
    // queued by appendAllAsync: no thread of its caller waits
    boolean async;
    // queued by appendAllCovered: its batch brings its own checkpoint
    boolean covered;
    final AtomicInteger state = new AtomicInteger(WAITING);
    // Completes with the write's value once the batch has committed.
    final CompletableFuture<Object> result = new CompletableFuture<>();
    // Set by the sequencer before it completes the first result of the batch.
    volatile long firstIndex = -1;
    Object value;
    Pending[] batch;
    int position;

    /** Completes the two callers after this one in the committed batch (each then wakes two more). */
    void wakeNext() {
      Pending[] all = batch;
      if (all == null) return;
      for (int child = 2 * position + 1; child <= 2 * position + 2 && child < all.length; child++) {
        all[child].result.complete(all[child].value);
      }
    }

    Pending(byte[][] data, Hash[] leaves, Write<?> write, boolean synthetic) {
      this.data = data;
      this.leaves = leaves;
      this.write = write;
      this.synthetic = synthetic;
    }

    List<Appended> appended() {
      List<Appended> out = new ArrayList<>(data.length);
      for (int i = 0; i < data.length; i++) out.add(new Appended(firstIndex + i, leaves[i].bytes()));
      return out;
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
