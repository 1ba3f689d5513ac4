/**
 * What the running server counts, for Prometheus at {@code /metrics}: decisions by outcome, gateway
 * look-ups and refusals, reports received, rate-limit refusals, the ledger's batches, commits and
 * checkpoint age, the database pool and the JVM. Every label has a handful of values (an outcome,
 * an office, a route template); nothing about a person is ever a label or a value. Micrometer stays
 * inside this package: the parts call {@link org.sanctuary.metrics.Metrics} with plain words.
 */
package org.sanctuary.metrics;
