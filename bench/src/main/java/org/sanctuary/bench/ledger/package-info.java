/**
 * Benchmarks of the ledger: durable appends against PostgreSQL and proofs in memory.
 */
package org.sanctuary.bench.ledger;
