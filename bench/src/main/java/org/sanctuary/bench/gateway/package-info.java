/**
 * Load runs of the gateway against a real server on loopback.
 */
package org.sanctuary.bench.gateway;
