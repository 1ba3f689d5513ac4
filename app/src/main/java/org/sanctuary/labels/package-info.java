/**
 * Words for the codes people would otherwise read on pages: one small class per kind of label
 * (what a report is about, what a federal request asks, who a staff role is, when something
 * happened). Pages show these; the JSON API, the CSV files and the ledger keep the codes.
 */
package org.sanctuary.labels;
