/**
 * The one HTTP server: route registration, security headers, JSON and templates, and the one place
 * where domain errors become HTTP answers.
 */
package org.sanctuary.web;
