/**
 * The public ledger endpoints and page: checkpoint, key, entries and proofs.
 */
package org.sanctuary.ledger.web;
