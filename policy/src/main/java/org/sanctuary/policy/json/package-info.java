/**
 * Reading requests and writing decisions as JSON, refusing any field about status, citizenship or
 * birthplace.
 */
package org.sanctuary.policy.json;
