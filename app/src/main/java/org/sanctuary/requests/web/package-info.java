/**
 * The decisions API, the policy browser and its try form.
 */
package org.sanctuary.requests.web;
