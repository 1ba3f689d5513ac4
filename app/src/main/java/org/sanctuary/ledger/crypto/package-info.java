/** A faster Ed25519 (Bouncy Castle) for the ledger module's signatures, plugged in by ServiceLoader. */
package org.sanctuary.ledger.crypto;
