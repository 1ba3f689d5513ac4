/**
 * The log's side of witnessing: which witnesses it asks and how many must cosign ({@link
 * org.sanctuary.ledger.witnessing.WitnessPolicy}), the background rounds that gather their
 * cosignatures ({@link org.sanctuary.ledger.witnessing.Witnessing}), where they are kept, and what
 * checkpoint is published ({@link org.sanctuary.ledger.witnessing.CheckpointPublisher}).
 */
package org.sanctuary.ledger.witnessing;
