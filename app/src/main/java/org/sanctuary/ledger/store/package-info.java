/**
 * The ledger in the application: the Ledger contract, its PostgreSQL implementation with one
 * sequencer, an in-memory one for tests, and the readers, audit and keys.
 */
package org.sanctuary.ledger.store;
