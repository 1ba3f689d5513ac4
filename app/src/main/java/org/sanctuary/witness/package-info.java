/**
 * A standalone witness (C2SP tlog-witness) another organisation can run: the add-checkpoint rules
 * ({@link org.sanctuary.witness.Witness}), the request format, and its state kept in files.
 */
package org.sanctuary.witness;
