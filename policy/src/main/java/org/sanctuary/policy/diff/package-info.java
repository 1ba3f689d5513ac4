/**
 * Exhaustive comparison of two packs over the finite request space, explained by rule.
 */
package org.sanctuary.policy.diff;
