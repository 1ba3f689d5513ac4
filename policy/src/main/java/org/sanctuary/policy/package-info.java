/**
 * The model of a federal request and its decision: bodies, kinds, bases, purposes, subject facts,
 * reasons, obligations and verdicts.
 */
package org.sanctuary.policy;
