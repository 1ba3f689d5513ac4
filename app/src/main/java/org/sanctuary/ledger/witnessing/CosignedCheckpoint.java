package org.sanctuary.ledger.witnessing;

import java.util.List;
import org.sanctuary.ledger.merkle.Hash;

/**
 * A checkpoint as published: the log's signed note with the cosignature lines of the witnesses
 * that cosigned it appended.
 */
public record CosignedCheckpoint(long size, Hash root, String note, List<String> witnesses) {
  public CosignedCheckpoint {
    witnesses = List.copyOf(witnesses);
  }
}
