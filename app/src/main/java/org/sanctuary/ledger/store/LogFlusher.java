package org.sanctuary.ledger.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes batches durable that committed without waiting for the disk, and only then releases their
 * callers. The sequencer commits such a batch with {@code synchronous_commit} off and goes on with
 * the next one at once, so the next batch's statement runs while this one's log flushes: under
 * load one PostgreSQL backend no longer idles through every flush. Here one thread takes every
 * batch handed over so far, flushes the log once for all of them (a flush reaches past every
 * commit record written before it began: theirs all were, as each was handed over after its
 * commit returned), then runs their releases in the order they were handed over.
 *
 * <p>The flush checks that the last batch handed over is still stored: a database that crashed
 * and came back between a commit and the flush has lost that commit, and a flush after it would
 * prove nothing. If the flush fails, or finds that entry gone, the batches' outcome is unknown (the
 * database may have lost them, or kept them and lost only the connection): their callers are told
 * so, as after any commit whose answer was lost.
 */
final class LogFlusher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LogFlusher.class);

  /**
   * A committed batch waiting for its flush: its last entry (index and leaf hash), and what to do
   * once it is durable, or if that is unknown.
   */
  record Waiting(long lastIndex, byte[] lastLeaf, Runnable durable, Consumer<RuntimeException> unknown) {}

  /** Flushes the log if the given entry is stored, as {@link LedgerTables#flushLogHolding} does. */
  interface Flush {
    boolean flushHolding(long index, byte[] leaf);
  }

  private final Flush flush;
  private final LinkedBlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closing;

  LogFlusher(Flush flush) {
    this.flush = flush;
    this.thread = new Thread(this::run, "ledger-flusher");
    thread.setDaemon(true);
    thread.start();
  }

  /** Hands over a batch whose commit has returned; {@code waiting} runs on this flusher's thread. */
  void add(Waiting waiting) {
    queue.add(waiting);
  }

  private void run() {
    List<Waiting> taken = new ArrayList<>();
    while (!closing || !queue.isEmpty()) {
      try {
        Waiting first = queue.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
        if (first == null) continue;
        taken.add(first);
        queue.drainTo(taken);
        flushThenRelease(taken);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        taken.clear();
      }
    }
  }

  private void flushThenRelease(List<Waiting> taken) {
    // the last batch handed over: the flush covers it only if it is still stored, and with it
    // every batch before it
    Waiting last = taken.get(taken.size() - 1);
    RuntimeException failure;
    try {
      if (flush.flushHolding(last.lastIndex(), last.lastLeaf())) {
        for (Waiting w : taken) release(w.durable());
        return;
      }
      failure = new IllegalStateException("entry " + last.lastIndex() + " is no longer stored as it was committed"
          + " (the database went back, or restarted and lost the commits its log had not yet flushed)");
    } catch (RuntimeException e) {
      failure = e;
    }
    log.warn("ledger: the log's flush after {} batch(es) failed; their outcome is unknown: {}", taken.size(),
        failure.getMessage());
    RuntimeException cause = failure;
    for (Waiting w : taken) release(() -> w.unknown().accept(cause));
  }

  // one batch's release failing must not keep the others waiting
  private static void release(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      log.error("ledger: releasing a flushed batch failed", e);
    }
  }

  /** Flushes and releases what was handed over, then stops. Call after the sequencer stopped. */
  @Override
  public void close() {
    closing = true;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
