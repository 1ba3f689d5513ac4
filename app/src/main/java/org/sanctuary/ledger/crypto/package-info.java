/**
 * The fastest correct Ed25519 the project has (Bouncy Castle's), behind the ledger module's signer
 * interface.
 */
package org.sanctuary.ledger.crypto;
