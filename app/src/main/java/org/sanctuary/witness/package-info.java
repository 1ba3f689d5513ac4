/**
 * A small witness (C2SP tlog-witness) that another organisation can run: the logs it follows, the
 * last checkpoint it cosigned for each, and its cosignatures.
 */
package org.sanctuary.witness;
