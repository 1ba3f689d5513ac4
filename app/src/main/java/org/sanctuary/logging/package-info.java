/**
 * The server's log: a small SLF4J provider of our own that writes one line per event to standard
 * error, as text for a person or as one JSON object per line for a log collector ({@code
 * --log-format json}). Levels per logger come from {@code sanctuary-log.properties}. No log line
 * carries what residents write, their names, addresses or receipts: the callers log codes, counts
 * and route templates, never request values.
 */
package org.sanctuary.logging;
