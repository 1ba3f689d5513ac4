package org.sanctuary.ledger.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.sanctuary.ledger.merkle.CompactRange;
import org.sanctuary.ledger.note.Checkpoint;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs checkpoints off the commit path. The sequencer hands it each committed tree and goes on;
 * this thread signs the latest one and stores the checkpoint in a transaction of its own, at most
 * once per interval under load, and at once when the last checkpoint is older than the interval
 * (an idle log gets its checkpoint without waiting). A caller that needs a receipt waits in {@link
 * #await} until a checkpoint covers its entry: at most one interval plus one signature and one
 * commit.
 *
 * <p>While no caller waits for one, a busy log is signed less often: once it is quiet (its last
 * commit left nothing queued, and no commit came for an interval since), or once its last
 * checkpoint is {@link #UNWAITED} old (or one interval, when that is longer). Look-ups and access
 * logs need no receipt, and a signature with its transaction after every few of them took CPU
 * from the commits. A caller that starts to wait wakes the signer, which then keeps to the
 * interval again.
 *
 * <p>A checkpoint stored while no caller waits for one commits without waiting for the disk
 * ({@link LedgerTables#storeHeadInOrder} without its flush), so that a log appended to by callers
 * that need no receipt (look-ups, access logs) is not flushed once more for each checkpoint. Such
 * a checkpoint is durable once a later commit has flushed the log past it: the second batch this
 * process commits after it (the first may have begun before it), or a flush of its own that the
 * signer makes as soon as a caller waits for it. A caller is released only by a checkpoint known
 * to be durable ({@code durableSize}), so a receipt never names one that a crash could take.
 *
 * <p>Several processes may sign the same size with the same key: the second insert is a no-op.
 * A checkpoint smaller than one already stored is not stored ({@link
 * LedgerTables#insertHeadInOrder}): the larger one covers the same entries, and receipts keep
 * naming the first checkpoint that covered theirs.
 */
final class CheckpointSigner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CheckpointSigner.class);
  private static final long RETRY_NANOS = Duration.ofMillis(100).toNanos();
  /** How old the last checkpoint of a busy log may grow while no caller waits for a newer one. */
  static final Duration UNWAITED = Duration.ofSeconds(1);

  private final Database database;
  private final Clock clock;
  private final Signer signer;
  private final String keyId;
  private final long intervalNanos;
  private final long unwaitedNanos; // UNWAITED, or the interval when longer
  private final Consumer<LedgerTables.Head> onSigned;
  private final CoveringHeads covering;
  private final Thread thread;
  private final Object lock = new Object();
  // guarded by lock: the latest committed tree, the largest size this process has a checkpoint for
  private CompactRange committed;
  private byte[] committedLeaf; // committed's last leaf hash, which the stored log must hold
  private long signedSize; // stored, perhaps not yet flushed
  private long durableSize; // stored and flushed: what releases the callers in await
  // each store without a flush not known flushed since, oldest (smallest) first: {size, the count
  // of commits at which it is known flushed}
  private final ArrayDeque<long[]> unflushed = new ArrayDeque<>();
  private long commits; // batches this process committed
  private int waiting; // callers in await
  private boolean flushWanted; // a caller waits for a checkpoint stored without a flush
  private long epoch; // counts wentBack: a tree signed before it says nothing of the log after
  private boolean closing;
  private boolean idle; // waiting for a commit; during the interval it needs no waking
  private long lastSignedNanos;
  private long lastCommitNanos; // guarded by lock: when the sequencer last handed over a tree
  private boolean backlog; // guarded by lock: entries were queued when it did
  private boolean failing; // the signer's own thread: log an outage once, not every retry
  private long failures; // guarded by lock: stores that failed, so waiters can fail closed at once
  private final LongAdder flushes = new LongAdder();
  private final LongAdder unflushedStores = new LongAdder();

  CheckpointSigner(Database database, Clock clock, Signer signer, String keyId, Duration interval, long signedSize,
      Consumer<LedgerTables.Head> onSigned) {
    if (interval.isNegative()) throw new IllegalArgumentException("checkpoint interval: negative");
    this.database = database;
    this.clock = clock;
    this.signer = signer;
    this.keyId = keyId;
    this.intervalNanos = interval.toNanos();
    this.unwaitedNanos = Math.max(intervalNanos, UNWAITED.toNanos());
    this.onSigned = onSigned;
    this.covering = CoveringHeads.of(database);
    this.signedSize = signedSize;
    this.durableSize = signedSize;
    this.lastSignedNanos = System.nanoTime() - intervalNanos;
    this.lastCommitNanos = lastSignedNanos;
    this.thread = new Thread(this::run, "ledger-checkpoints");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * The sequencer committed {@code tree}, whose last leaf hash is {@code lastLeaf} (the signer
   * keeps both; the caller must not change them); {@code queued}: more entries wait for a batch.
   */
  void committed(CompactRange tree, byte[] lastLeaf, boolean queued) {
    committed(tree, lastLeaf, queued, true);
  }

  /**
   * As above; {@code flushedInItsCommit} is false for a batch whose commit did not wait for the
   * disk and which a flush after it made durable ({@link LogFlusher}). Such a flush may have begun
   * before a checkpoint stored meanwhile, and such batches are not committed one at a time with the
   * others, so they are not counted towards knowing that checkpoint flushed.
   */
  void committed(CompactRange tree, byte[] lastLeaf, boolean queued, boolean flushedInItsCommit) {
    synchronized (lock) {
      if (flushedInItsCommit) commits++;
      lastCommitNanos = System.nanoTime();
      if (backlog && !queued) lock.notifyAll(); // going quiet: a signer holding back counts from now
      backlog = queued;
      long size = -1;
      for (long[] u : unflushed) {
        if (commits < u[1]) break;
        size = u[0]; // this commit began after that store, and its flush covered it
      }
      if (size >= 0) {
        flushed(size);
        lock.notifyAll();
      }
      if (committed == null || tree.size() > committed.size()) {
        committed = tree;
        committedLeaf = lastLeaf;
      }
      if (idle) lock.notifyAll();
    }
  }

  /**
   * The database went back under this process: its largest stored checkpoint is now {@code
   * storedSize} (-1 for none), and the tree this signer holds is not the stored log's. The next
   * commit hands it the stored log's tree.
   */
  void wentBack(long storedSize) {
    synchronized (lock) {
      forgetTheOldLog(storedSize, committed);
    }
  }

  // Under lock: the receipts' copies (checkpoints, nodes) and the tree held go; the size covered
  // is the stored checkpoints' again. A tree committed after held is the stored log's and stays.
  private void forgetTheOldLog(long storedSize, CompactRange held) {
    covering.clear();
    NodeCache.of(database).clear();
    epoch++;
    if (committed == held) {
      committed = null;
      committedLeaf = null;
    }
    signedSize = Math.max(0, storedSize);
    durableSize = signedSize;
    unflushed.clear();
    flushWanted = false;
    lock.notifyAll();
  }

  // Under lock: the checkpoints stored without a flush up to size are not in the database (it
  // crashed and came back after they were stored): receipts no longer take them from memory, and
  // the tree they covered, whose entries were flushed before it was signed, is signed and stored
  // again, with a flush since callers wait.
  private void lost(long size) {
    log.warn("ledger: the checkpoint for size {} was stored without a flush and is no longer in the database"
        + " (it restarted in between); signing it again", size);
    covering.clear();
    unflushed.clear();
    flushWanted = false;
    signedSize = durableSize;
  }

  // Under lock: every checkpoint stored up to size is flushed.
  private void flushed(long size) {
    if (size > durableSize) durableSize = size;
    while (!unflushed.isEmpty() && unflushed.peekFirst()[0] <= size) unflushed.pollFirst();
    if (unflushed.isEmpty()) flushWanted = false;
  }

  // Under lock: the largest size stored without a flush and not known flushed since; -1 for none.
  private long unflushedSize() {
    return unflushed.isEmpty() ? -1 : unflushed.peekLast()[0];
  }

  /** A checkpoint for {@code size} was stored by someone else in this process (a bulk append). */
  void signedElsewhere(long size) {
    synchronized (lock) {
      if (size > signedSize) signedSize = size;
      flushed(size); // stored in the bulk append's own transaction, flushed with it
      lastSignedNanos = System.nanoTime();
      lock.notifyAll();
    }
  }

  /**
   * Waits until a checkpoint covers entry {@code index}: true once one does; false when none did
   * within {@code timeout}, or when storing one failed meanwhile (the database is away: the caller
   * fails closed now rather than after the whole timeout).
   */
  boolean await(long index, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      long failuresBefore = failures;
      // the first caller to wait tells a signer holding back while nobody waited to keep to the
      // interval now; while others wait it already does
      boolean wakeSigner = waiting++ == 0;
      try {
        while (durableSize <= index) {
          long left = deadline - System.nanoTime();
          if (left <= 0 || failures != failuresBefore || (closing && !thread.isAlive())) return false;
          if (wakeSigner) {
            wakeSigner = false;
            lock.notifyAll();
          }
          if (unflushedSize() > index && !flushWanted) {
            flushWanted = true; // stored without a flush: the signer flushes now
            lock.notifyAll();
          }
          lock.wait(Math.max(1, left / 1_000_000), 0);
        }
        return true;
      } finally {
        waiting--;
      }
    }
  }

  private void run() {
    while (true) {
      CompactRange tree;
      byte[] leaf;
      long signedEpoch;
      boolean withFlush;
      long flushFor = -1;
      try {
        synchronized (lock) {
          idle = true;
          while (!closing && !pending() && !flushWanted) lock.wait();
          idle = false;
          if (!pending()) {
            // a caller waits for a checkpoint stored without a flush; or closing, with one
            if (!flushWanted && !(closing && !unflushed.isEmpty())) return; // closing, nothing left
            flushFor = unflushedSize();
            tree = null;
            leaf = null;
            signedEpoch = epoch;
            withFlush = true;
          } else {
            long wait = due() - System.nanoTime();
            while (!closing && wait > 0) {
              lock.wait(Math.max(1, wait / 1_000_000), (int) Math.max(0, Math.min(999_999, wait % 1_000_000)));
              wait = due() - System.nanoTime();
            }
            if (!pending()) continue;
            tree = committed;
            leaf = committedLeaf;
            signedEpoch = epoch;
            // a caller waits, or may by the time this is stored: flush with it (closing too)
            withFlush = waiting > 0 || flushWanted || closing;
          }
        }
      } catch (InterruptedException e) {
        return;
      }
      if (tree == null) {
        flush(flushFor, signedEpoch);
        continue;
      }
      try {
        LedgerTables.Head head = sign(tree, clock.instant());
        // not stored when another process stored a larger one meanwhile: that one covers this tree
        long largestBefore = LedgerTables.storeHeadInOrder(database, head, leaf, withFlush);
        boolean stored = largestBefore <= head.size();
        synchronized (lock) {
          if (epoch != signedEpoch) continue; // the log went back meanwhile: this tree covers nothing now
          // committed: known to this process's receipts before the waiters for it wake
          if (stored) covering.stored(largestBefore, head);
          if (head.size() > signedSize) signedSize = head.size();
          if (stored && withFlush) {
            flushed(head.size());
          } else {
            if (stored) unflushedStores.increment();
            // without its flush, or not stored since another process's larger one covers it
            // (whose flush this transaction, writing nothing, did not wait for)
            // the second commit from now began after this store (one may be under way)
            if (head.size() > unflushedSize()) unflushed.addLast(new long[] {head.size(), commits + 2});
            if (waiting > 0) flushWanted = true;
          }
          lastSignedNanos = System.nanoTime();
          lock.notifyAll();
        }
        if (failing) log.info("ledger: checkpoints are stored again (size {})", head.size());
        failing = false;
        if (stored) onSigned.accept(head);
      } catch (LedgerTables.NotTheStoredLog e) {
        // The database went back under this process before its sequencer noticed: the tree is
        // not stored, so nothing is signed over it; the next commit hands over the stored log's.
        log.error("ledger: not storing the checkpoint for size {}: {}; the database went back under this node"
            + " (a restore, or a replica promoted without the last writes); restart every node", tree.size(),
            e.getMessage());
        synchronized (lock) {
          if (epoch == signedEpoch) forgetTheOldLog(e.storedSize, tree); // else the sequencer did
        }
      } catch (RuntimeException e) {
        if (database.isClosed()) return; // the process is stopping
        if (!failing) log.warn("ledger: cannot store the checkpoint for size {}: {}", tree.size(), e.getMessage());
        failing = true;
        synchronized (lock) {
          // the waiters fail closed; try again shortly
          failures++;
          lock.notifyAll();
          lastSignedNanos = System.nanoTime() + RETRY_NANOS - intervalNanos;
          if (closing) return;
        }
      }
    }
  }

  // Flushes the log for the checkpoints stored up to size without a flush; failures as a store's.
  private void flush(long size, long flushEpoch) {
    try {
      boolean held = LedgerTables.flushLogHoldingCheckpoint(database, size);
      flushes.increment();
      synchronized (lock) {
        // else the log went back: those checkpoints are gone, and the sequencer hands over the new tree
        if (epoch == flushEpoch) {
          if (held) flushed(size);
          else lost(size);
        }
        lock.notifyAll();
      }
    } catch (RuntimeException e) {
      if (database.isClosed()) return;
      log.warn("ledger: cannot flush the log for checkpoint {}: {}", size, e.getMessage());
      synchronized (lock) {
        failures++;
        flushWanted = false; // the waiters fail closed; the next one asks again
        if (closing) unflushed.clear(); // nobody is left to wait for them
        lock.notifyAll();
      }
    }
  }

  /** Flushes made for callers that waited on a checkpoint stored without one (for tests). */
  long flushes() {
    return flushes.sum();
  }

  /** Checkpoints stored without their own flush (for tests). */
  long unflushedStores() {
    return unflushedStores.sum();
  }

  // Under lock: when the next checkpoint is due. One interval after the last; while nobody waits,
  // not before the log is quiet (nothing queued, no commit for an interval) or the last checkpoint
  // is unwaitedNanos old.
  private long due() {
    long next = lastSignedNanos + intervalNanos;
    if (waiting > 0 || flushWanted) return next;
    long stale = lastSignedNanos + unwaitedNanos;
    long quiet = backlog ? stale : lastCommitNanos + intervalNanos;
    long holdBack = quiet - stale < 0 ? quiet : stale; // the earlier (times from nanoTime compare by difference)
    return holdBack - next < 0 ? next : holdBack;
  }

  private boolean pending() {
    return committed != null && committed.size() > signedSize;
  }

  private LedgerTables.Head sign(CompactRange tree, Instant now) {
    return sign(signer, keyId, tree, now);
  }

  /** The checkpoint over {@code tree}, signed by {@code signer} (whose id is {@code keyId}), as stored. */
  static LedgerTables.Head sign(Signer signer, String keyId, CompactRange tree, Instant now) {
    Checkpoint checkpoint = new Checkpoint(signer.name(), tree.size(), tree.root());
    return new LedgerTables.Head(tree.size(), checkpoint.root(), checkpoint.sign(signer).encoded(), keyId, now);
  }

  /** Signs what is committed and not yet signed, then stops. */
  @Override
  public void close() {
    synchronized (lock) {
      closing = true;
      lock.notifyAll();
    }
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
