/**
 * The RFC 6962 / RFC 9162 Merkle tree of the ledger: hashing ({@link
 * org.sanctuary.ledger.merkle.TreeHasher}), appending ({@link
 * org.sanctuary.ledger.merkle.CompactRange}, {@link org.sanctuary.ledger.merkle.MemoryTree}),
 * proofs ({@link org.sanctuary.ledger.merkle.Proofs}) and their verification ({@link
 * org.sanctuary.ledger.merkle.InclusionProof}, {@link
 * org.sanctuary.ledger.merkle.ConsistencyProof}).
 *
 * <p>Pure computation: storage plugs in through {@link org.sanctuary.ledger.merkle.HashReader}.
 */
package org.sanctuary.ledger.merkle;
