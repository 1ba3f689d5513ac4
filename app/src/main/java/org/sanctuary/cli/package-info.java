/**
 * The command line: one small picocli command per operation, the wiring of the running system, and
 * the one place where domain errors become exit codes.
 */
package org.sanctuary.cli;
