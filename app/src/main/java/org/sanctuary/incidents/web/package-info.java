/**
 * The public report form, receipt pages and the incidents JSON API, in the reporter's language.
 */
package org.sanctuary.incidents.web;
