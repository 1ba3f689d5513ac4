/**
 * The annual report's SQL: the raw figures at a checkpoint, and the ledger indexes behind a figure.
 */
package org.sanctuary.report.store;
