/**
 * A monitor that follows a log over its public endpoints, checks every checkpoint, cosignature and
 * consistency proof, and names the first inconsistency.
 */
package org.sanctuary.ledger.monitor;
