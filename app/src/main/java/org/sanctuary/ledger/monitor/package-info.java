/**
 * A monitor that follows a log over its public tiles and checkpoints and reports the first fork,
 * rollback, split view or unmatched tile ({@link org.sanctuary.ledger.monitor.LedgerMonitor}).
 */
package org.sanctuary.ledger.monitor;
