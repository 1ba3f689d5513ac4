package org.sanctuary.ledger.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.ledger.witnessing.CheckpointPublisher;

/**
 * The receipt for an entry, as JSON: the latest signed checkpoint (which covers it) with the
 * inclusion proof against it and, when the published cosigned checkpoint covers the entry, that
 * checkpoint ({@code cosignedCheckpoint}, with the witnesses' cosignature lines), its size and the
 * inclusion proof against it. Witnesses cosign in the background, so right after an append the
 * cosigned part is usually absent; {@code GET /api/v1/ledger/receipt?index=I} gives it later.
 */
public final class ReceiptJson {
  private ReceiptJson() {}

  /** Adds {@code leafHash}, {@code checkpoint}, {@code treeSize}, {@code inclusionProof} and the cosigned fields. */
  public static void write(ObjectNode out, LedgerReader ledger, CheckpointPublisher publisher, long index) {
    LedgerReader.Receipt receipt = ledger.receipt(index);
    out.put("leafHash", receipt.leafHash().base64());
    out.put("checkpoint", receipt.checkpoint().note());
    out.put("treeSize", receipt.checkpoint().size());
    ArrayNode proof = out.putArray("inclusionProof");
    for (Hash h : receipt.proof().path()) proof.add(h.base64());
    publisher.cosigned().filter(c -> c.size() > index).ifPresent(c -> {
      out.put("cosignedCheckpoint", c.note());
      out.put("cosignedTreeSize", c.size());
      ArrayNode cosignedProof = out.putArray("cosignedInclusionProof");
      for (Hash h : ledger.inclusion(index, c.size()).path()) cosignedProof.add(h.base64());
    });
  }
}
