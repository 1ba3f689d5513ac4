/**
 * Case work on violation reports: statuses and their allowed moves, deadlines, filters and the
 * views investigators read. Every change is committed with its ledger entry.
 */
package org.sanctuary.cases;
