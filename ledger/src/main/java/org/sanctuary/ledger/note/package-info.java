/**
 * Signed tree heads: C2SP signed notes with Ed25519 keys ({@link
 * org.sanctuary.ledger.note.Signer}, {@link org.sanctuary.ledger.note.Verifier}, {@link
 * org.sanctuary.ledger.note.SignedNote}) carrying C2SP tlog-checkpoints ({@link
 * org.sanctuary.ledger.note.Checkpoint}).
 */
package org.sanctuary.ledger.note;
