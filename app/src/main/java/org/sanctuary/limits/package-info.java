/**
 * Rate limits shared by every part: one token bucket keyed by whatever a part limits (a client
 * address, a partner, an account), so the rule for refilling, bursting and answering Retry-After
 * lives in one place.
 */
package org.sanctuary.limits;
