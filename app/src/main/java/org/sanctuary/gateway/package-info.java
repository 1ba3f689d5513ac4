/**
 * The data firewall: partners, agreements and API keys, declared datasets, the look-up decided by
 * the policy engine and the agreement, marks for leak tracing, rate limits and volume alerts.
 */
package org.sanctuary.gateway;
