/** The annual report on the web: the years, each year as HTML, JSON and CSV, and the entries behind a figure. */
package org.sanctuary.report.web;
