/**
 * The log node's side of witnessing: asking configured witnesses to cosign each new checkpoint,
 * off the request path, and publishing it with the cosignatures gathered.
 */
package org.sanctuary.ledger.witnessing;
