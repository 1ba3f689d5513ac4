/**
 * The staff pages of case work (list, case, transitions, notes), behind staff sign-in and CSRF.
 */
package org.sanctuary.cases.web;
