/**
 * Routing packs: dated, cited rules that say which office investigates a report, compiled once and
 * checked for totality.
 */
package org.sanctuary.incidents.routing;
