/**
 * Violation reports from the public: intake checks, sealing of free text and contact details,
 * receipts and secrets, routing to COPA or the Inspector General, retention.
 */
package org.sanctuary.incidents;
