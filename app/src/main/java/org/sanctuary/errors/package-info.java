/**
 * The domain's error vocabulary: invalid input, refusals by law or agreement, missing permission,
 * unknown things, rejected credentials, rate limits, conflicts and unavailable dependencies. The
 * web and the command line map them to status codes in one place each.
 */
package org.sanctuary.errors;
