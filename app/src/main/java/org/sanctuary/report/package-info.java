/**
 * The annual public report, pure: the table model, small-cell suppression, SVG charts and the
 * JSON and CSV forms. No database, no web; {@code report.store} reads the figures, {@code
 * report.web} serves them.
 */
package org.sanctuary.report;
