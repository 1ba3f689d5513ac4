package org.sanctuary.ledger.witnessing;

import java.util.Optional;
import org.sanctuary.ledger.store.LedgerReader;

/**
 * What the log publishes as its checkpoint ({@code /tlog/checkpoint}). Without witnesses: the
 * latest signed checkpoint. With witnesses: the largest checkpoint a quorum has cosigned, with
 * their cosignatures; until one exists, the latest signed checkpoint alone, which a reader that
 * requires cosignatures refuses (fail closed on its side).
 */
public final class CheckpointPublisher {
  private final LedgerReader ledger;
  private final Witnessing witnessing;

  private CheckpointPublisher(LedgerReader ledger, Witnessing witnessing) {
    this.ledger = ledger;
    this.witnessing = witnessing;
  }

  /** Publishes the latest signed checkpoint as it is. */
  public static CheckpointPublisher unwitnessed(LedgerReader ledger) {
    return new CheckpointPublisher(ledger, null);
  }

  public static CheckpointPublisher witnessed(LedgerReader ledger, Witnessing witnessing) {
    return new CheckpointPublisher(ledger, witnessing);
  }

  /** The checkpoint note to publish. */
  public String note() {
    return cosigned().map(CosignedCheckpoint::note).orElseGet(() -> ledger.checkpoint().note());
  }

  /** The published cosigned checkpoint, if witnesses are configured and a quorum has cosigned one. */
  public Optional<CosignedCheckpoint> cosigned() {
    return witnessing == null ? Optional.empty() : witnessing.published();
  }
}
