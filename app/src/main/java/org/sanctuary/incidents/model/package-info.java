/**
 * The vocabulary of a report (categories, employee types, departments, investigating offices)
 * shared by intake, routing and case work.
 */
package org.sanctuary.incidents.model;
