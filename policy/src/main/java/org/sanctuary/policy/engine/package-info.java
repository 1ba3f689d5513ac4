/**
 * The decision engine: packs in force by date, deny overrides, memoised verdicts over the request
 * space, and its set-up from built-in or given packs.
 */
package org.sanctuary.policy.engine;
