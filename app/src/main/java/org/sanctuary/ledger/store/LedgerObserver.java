package org.sanctuary.ledger.store;

import java.time.Duration;
import java.time.Instant;

/**
 * What the ledger tells a watcher as it works, for monitoring only: the ledger never reads
 * anything back. Calls come from the sequencer and signer threads (and, for {@link
 * #waitedForCheckpoint}, from callers') and must return quickly; an exception thrown here is
 * ignored, so a broken watcher cannot stop the log.
 */
public interface LedgerObserver {
  /** Watches nothing. */
  LedgerObserver NONE = new LedgerObserver() {
    @Override
    public void committed(int entries, Duration took) {}

    @Override
    public void failed() {}

    @Override
    public void signed(long size, Instant at) {}
  };

  /** A batch of {@code entries} committed; {@code took} is its transaction, from first write to commit. */
  void committed(int entries, Duration took);

  /** A batch did not commit; nothing of it was kept. */
  void failed();

  /** The latest signed checkpoint: the log's size and when the checkpoint was signed. */
  void signed(long size, Instant at);

  /**
   * A caller waited {@code took} for a checkpoint to cover its entry ({@link Ledger#awaitCheckpoint},
   * before a receipt is handed out); called on the caller's thread.
   */
  default void waitedForCheckpoint(Duration took) {}
}
