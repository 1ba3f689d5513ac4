/**
 * Federal requests: decided by the engine and recorded with their duties and ledger entries.
 */
package org.sanctuary.requests;
