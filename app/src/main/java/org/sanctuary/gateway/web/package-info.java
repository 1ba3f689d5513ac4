/**
 * The gateway's HTTP faces: the partners' query API, the staff API and the staff pages.
 */
package org.sanctuary.gateway.web;
