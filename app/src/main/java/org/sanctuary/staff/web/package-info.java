/**
 * Staff sign-in, sessions, CSRF tokens and the staff home page.
 */
package org.sanctuary.staff.web;
